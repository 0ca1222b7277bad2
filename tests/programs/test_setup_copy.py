"""Set-up from a reference program: a new program like another in one form, and the next
cohort with every date moved."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import CheckInSchedule, Meetup, Questionnaire
from matching.models import MatchingPolicy
from mentorship.models import User
from programs.enums import CohortState
from programs.models import Cohort, Program, Question
from programs.services.core import coordinator_add
from tests.demo_data import seed_demo
from tests.factories import CohortFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_demo()


def test_a_new_program_like_003_takes_its_set_up_and_none_of_its_people(client, demo):
    source = Program.objects.get(slug="mentorskap-for-medarbetare")
    coordinator = UserFactory()
    coordinator_add(program=CohortFactory().program, user=coordinator)  # a coordinator elsewhere
    client.force_login(coordinator)

    response = client.post(
        reverse("program_copy"),
        {
            "source": source.pk,
            "name_sv": "Mentorskap i regionerna",
            "slug": "mentorskap-i-regionerna",
            "cohort_name": "Hösten 2028",
            "starts_on": "2028-09-04",
        },
    )

    program = Program.objects.get(slug="mentorskap-i-regionerna")
    cohort = program.cohorts.get()
    assert response["Location"] == reverse("cohort_hub", args=[cohort.pk])
    assert not program.is_published and coordinator in program.coordinators.all()
    assert (program.fee_per_mentee, program.total_hours_target) == (
        source.fee_per_mentee,
        source.total_hours_target,
    )
    assert Question.objects.filter(program=program).count() == source.questions.count() > 0
    copied = {q.text_sv: q.choices.count() for q in program.questions.all()}
    assert copied == {q.text_sv: q.choices.count() for q in source.questions.all()}
    policy, original = (
        MatchingPolicy.objects.get(program=program),
        MatchingPolicy.objects.get(program=source),
    )
    assert policy.different_organisation == original.different_organisation is True
    assert Questionnaire.objects.filter(program=program).count() == source.questionnaires.count()
    assert CheckInSchedule.objects.filter(questionnaire__program=program).count() == (
        CheckInSchedule.objects.filter(questionnaire__program=source).count()
    )
    assert set(program.listed_organisations.all()) == set(source.listed_organisations.all())
    latest = source.cohorts.order_by("-starts_on").first()
    delta = date(2028, 9, 4) - latest.starts_on
    assert cohort.state == CohortState.DRAFT and cohort.ends_on == latest.ends_on + delta
    assert cohort.application_closes_at == latest.application_closes_at + delta
    assert cohort.participants.count() == 0 and cohort.applications.count() == 0
    meetups = list(Meetup.objects.filter(cohort=cohort).order_by("starts_at"))
    originals = list(latest.meetups.order_by("starts_at"))
    assert [m.starts_at - o.starts_at for m, o in zip(meetups, originals, strict=True)] == [
        delta
    ] * len(originals)
    assert all(m.invited_at is None for m in meetups)


def test_the_next_cohort_moves_every_date_by_the_same_distance(client):
    source = CohortFactory(
        state=CohortState.RUNNING,
        nomination_deadline=timezone.now() + timedelta(days=20),
    )
    Meetup.objects.create(
        cohort=source,
        kind="kick_off",
        title_sv="Kick-off",
        starts_at=source.application_closes_at + timedelta(days=40),
        ends_at=source.application_closes_at + timedelta(days=40, hours=6),
    )
    coordinator = UserFactory()
    coordinator_add(program=source.program, user=coordinator)
    client.force_login(coordinator)
    starts_on = source.starts_on + timedelta(days=364)

    client.post(
        reverse("cohort_next", args=[source.pk]),
        {"name_sv": "Nästa omgång", "starts_on": starts_on.isoformat()},
    )

    cohort = Cohort.objects.get(name_sv="Nästa omgång")
    week_later = timedelta(days=364)
    assert cohort.state == CohortState.DRAFT
    assert cohort.ends_on == source.ends_on + week_later
    assert cohort.nomination_deadline == source.nomination_deadline + week_later
    assert cohort.meetups.get().starts_at == source.meetups.get().starts_at + week_later
    assert (cohort.mentor_seats, cohort.mentee_intake) == (
        source.mentor_seats,
        source.mentee_intake,
    )


def test_a_taken_address_is_refused_beside_the_field_and_the_answers_kept(client):
    source = ProgramFactory(is_published=True)
    coordinator = UserFactory()
    coordinator_add(program=source, user=coordinator)
    client.force_login(coordinator)

    response = client.post(
        reverse("program_copy"),
        {
            "source": source.pk,
            "name_sv": "Kopian",
            "slug": source.slug,
            "cohort_name": "Första",
            "starts_on": "2028-01-10",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200 and Program.objects.count() == 1
    assert 'id="id_slug_error"' in page and 'value="Kopian"' in page


def test_another_programs_unpublished_set_up_and_cohorts_are_not_theirs_to_copy(client):
    hidden = CohortFactory(program__is_published=False)
    stranger = UserFactory()
    coordinator_add(program=CohortFactory().program, user=stranger)
    client.force_login(stranger)

    copy = client.post(
        reverse("program_copy"),
        {
            "source": hidden.program_id,
            "name_sv": "Stulen",
            "slug": "stulen",
            "cohort_name": "Första",
            "starts_on": "2028-01-10",
        },
    )
    following = client.post(
        reverse("cohort_next", args=[hidden.pk]),
        {"name_sv": "Nästa", "starts_on": "2028-01-10"},
    )

    assert copy.status_code == 200 and 'id="id_source_error"' in copy.content.decode()
    assert following.status_code == 404
    assert not Program.objects.filter(slug="stulen").exists()
    assert Cohort.objects.filter(name_sv="Nästa").count() == 0


def test_participants_and_anonymous_visitors_cannot_copy(client):
    cohort = CohortFactory(program__is_published=True)
    url = reverse("program_copy")
    assert client.get(url).status_code == 302
    participant = User.objects.create_user(email="p@example.org", password="x-y-z-1234")
    client.force_login(participant)
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("cohort_next", args=[cohort.pk])).status_code in (302, 403)
