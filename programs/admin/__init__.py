from programs.admin import core, intake  # noqa: F401  (registers the screens)
