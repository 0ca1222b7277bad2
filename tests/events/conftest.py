import pytest

from matching.enums import MatchState
from matching.models import Match
from tests.factories import CohortFactory, ParticipantFactory


@pytest.fixture
def pair(db):
    """An active match in a program of monthly 4-hour meetings, 12 at least (like 004)."""
    cohort = CohortFactory(
        program__min_meetings=12, program__hours_per_meeting=4, program__total_hours_target=48
    )
    mentor = ParticipantFactory(cohort=cohort, role="mentor", user__first_name="Maja")
    mentee = ParticipantFactory(cohort=cohort, role="mentee", user__first_name="Erik")
    return Match.objects.create(
        cohort=cohort, mentor=mentor, mentee=mentee, state=MatchState.ACTIVE
    )
