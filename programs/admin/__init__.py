from programs.admin import core, intake, integrations, privacy  # noqa: F401  (registers the screens)
