from programs.admin import core, intake, privacy  # noqa: F401  (registers the screens)
