"""A cohort with pairs at every level of health, built in bulk for the health page tests."""

from datetime import timedelta

from django.utils import timezone

from events.synthetic_db import pairs_populate as populate
from tests.factories import CohortFactory

__all__ = ["health_cohort", "populate"]


def health_cohort(program=None):
    """A monthly program of 10 meetings, halfway through its year."""
    today = timezone.localdate()
    kwargs = {"program": program} if program else {"program__min_meetings": 10}
    return CohortFactory(
        state="running",
        starts_on=today - timedelta(days=180),
        ends_on=today + timedelta(days=180),
        **kwargs,
    )
