from tests.events.conftest import pair  # noqa: F401  (an active match, as in 004)
