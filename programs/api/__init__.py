"""The REST API (access: tokens, scope, limits; resources: the programs' endpoints)."""
