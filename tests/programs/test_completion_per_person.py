"""Issue 13, part 5: completion and diplomas per person."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Session
from matching.models import Match
from matching.services.matching import match_complete
from mentorship.models import OutgoingEmail
from programs.models import Diploma, Participant
from programs.selectors import diploma_candidates
from programs.services.completion import cohort_close, diplomas_issue
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def pair(cohort, meetings=1):
    match = Match.objects.create(
        cohort=cohort,
        mentor=ParticipantFactory(cohort=cohort, role="mentor"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee"),
        state="active",
        started_at=timezone.now() - timedelta(days=200),
    )
    for n in range(meetings):
        Session.objects.create(
            match=match,
            starts_at=timezone.now() - timedelta(days=30 + n),
            duration_minutes=60,
            state="held",
            actual_minutes=60,
        )
    return match


@pytest.fixture
def rolling():
    return CohortFactory(state="running", program__intake_mode="rolling", ends_on=None)


def test_completing_one_rolling_pair_gives_both_their_diploma_while_others_run(rolling):
    first, second = pair(rolling), pair(rolling)

    match_complete(match=first, by=UserFactory())

    assert set(Diploma.objects.values_list("participant", flat=True)) == {
        first.mentor_id,
        first.mentee_id,
    }
    second.refresh_from_db()
    assert second.state == "active"
    assert Participant.objects.get(pk=second.mentee_id).state == "active"


def test_mentor_with_another_running_match_completes_only_with_the_last(rolling):
    first = pair(rolling)
    mentor = first.mentor
    mentor.capacity = 2
    mentor.save()
    second = Match.objects.create(
        cohort=rolling,
        mentor=mentor,
        mentee=ParticipantFactory(cohort=rolling, role="mentee"),
        state="active",
        started_at=timezone.now(),
    )

    match_complete(match=first, by=UserFactory())

    assert not Diploma.objects.filter(participant=mentor).exists()
    match_complete(match=second, by=UserFactory())
    assert Diploma.objects.filter(participant=mentor).exists()


def test_closing_issues_diplomas_only_to_people_with_a_completed_match(client, coordinator):
    cohort = CohortFactory(program=coordinator.coordinated_programs.get(), state="running")
    matched = pair(cohort)
    never = ParticipantFactory(cohort=cohort, role="mentee", user__first_name="Ensam")

    client.force_login(coordinator)
    page = client.get(f"/admin/programs/cohort/{cohort.pk}/close/").content.decode()
    diplomas, thanked = page.split("Tackas utan diplom")
    assert never.user.get_full_name() in thanked
    assert never.user.get_full_name() not in diplomas
    assert matched.mentee.user.get_full_name() in diplomas
    cohort_close(cohort=cohort, by=coordinator)
    diplomas_issue(cohort=cohort, only=[matched.mentee_id])  # the mentor is unticked

    assert list(Diploma.objects.values_list("participant", flat=True)) == [matched.mentee_id]
    assert not diploma_candidates(cohort).filter(pk=never.pk).exists()
    assert OutgoingEmail.objects.filter(to=never.user.email, template="cohort_thanks").exists()
    assert not OutgoingEmail.objects.filter(
        to=matched.mentee.user.email, template="cohort_thanks"
    ).exists()


def test_closed_cohorts_network_stays_open_to_those_who_opted_in(client):
    cohort = CohortFactory(state="running")
    match = pair(cohort)
    Participant.objects.filter(pk__in=[match.mentor_id, match.mentee_id]).update(in_directory=True)
    cohort_close(cohort=cohort, by=UserFactory())
    client.force_login(match.mentee.user)

    response = client.get(f"/cohorts/{cohort.pk}/network/")

    assert response.status_code == 200
    assert match.mentor.user.get_full_name() in response.content.decode()
