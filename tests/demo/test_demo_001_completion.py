"""Issue 13, part 5, on the demo's rolling 001 cohort (twelve pairs meeting for months,
more people never matched)."""

import io

import pytest
from django.core.management import call_command

from matching.models import Match
from matching.services.matching import match_complete
from programs.models import Cohort, Diploma, Participant
from programs.services.completion import cohort_close, diplomas_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def rolling(db):
    call_command("seed_demo", stdout=io.StringIO())
    return Cohort.objects.get(program__slug="mentor-for-toppolitiker")


def test_completing_one_001_pair_gives_both_a_diploma_while_the_others_run(rolling):
    coordinator = rolling.program.coordinators.first()
    first, *others = Match.objects.filter(cohort=rolling, state="active").order_by("pk")

    match_complete(match=first, by=coordinator)

    assert set(Diploma.objects.values_list("participant", flat=True)) == {
        first.mentor_id,
        first.mentee_id,
    }
    assert Match.objects.filter(pk__in=[m.pk for m in others], state="active").count() == len(
        others
    )


def test_closing_001_issues_diplomas_only_to_people_with_a_completed_match(rolling):
    coordinator = rolling.program.coordinators.first()
    paired = set(
        Match.objects.filter(cohort=rolling, state="active").values_list("mentor", "mentee")
    )
    paired_people = {pk for pair in paired for pk in pair}
    unmatched = Participant.objects.filter(cohort=rolling).exclude(pk__in=paired_people)
    assert unmatched.exists()

    cohort_close(cohort=rolling, by=coordinator)
    diplomas_issue(cohort=rolling)

    assert set(Diploma.objects.values_list("participant", flat=True)) == paired_people
