"""The coordinator's home (`/admin/`) and the cohort hub: the counts, the lists behind
them, who may see them, and a query count that does not grow with programs."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import CheckIn, CheckInSchedule, ContactLog, Questionnaire
from events.selectors.workspace import cohort_desks
from matching.models import Match
from mentorship.models import User
from programs.enums import CohortState, Role
from programs.models import Cohort, ErasureRequest, Nomination, OrganisationContact
from programs.services.core import coordinator_add
from tests.demo_data import seed_demo
from tests.factories import (
    CohortFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    submit,
)


def _todos(client) -> dict[str, object]:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {
        todo.key: todo
        for _program, desks in response.context["workspace"]["programs"]
        for desk in desks
        for todo in desk.todo
    }, response


def _listed(client, url: str) -> int:
    """How many rows the list a count links to shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    if "cl" in (response.context or {}):
        return response.context["cl"].result_count
    return response.context["health"]["at_risk"]


def _busy_cohort(coordinator: User) -> Cohort:
    """A running cohort with one of everything the home counts."""
    cohort = CohortFactory(
        starts_on=timezone.localdate() - timedelta(days=60), program__fee_per_mentee=5000
    )
    coordinator_add(program=cohort.program, user=coordinator)
    submit(cohort, "mentee")
    flagged = submit(cohort, "mentee")
    flagged.is_eligible = False
    flagged.save(update_fields=["is_eligible"])
    cohort.state = CohortState.RUNNING  # late applications, still to screen
    cohort.save(update_fields=["state"])
    organisation = OrganisationFactory()
    Nomination.objects.create(
        cohort=cohort,
        role=Role.MENTEE,
        organisation=organisation,
        first_name="Nina",
        last_name="Nominerad",
        email="nina@example.org",
        rank=1,
        nominated_by=coordinator,
    )
    waiting = ParticipantFactory(cohort=cohort, role=Role.MENTEE, fee_amount=5000)
    mentor = ParticipantFactory(cohort=cohort, role=Role.MENTOR)
    paired = ParticipantFactory(cohort=cohort, role=Role.MENTEE)
    Match.objects.create(
        cohort=cohort,
        mentor=mentor,
        mentee=paired,
        state="active",
        started_at=timezone.now() - timedelta(days=40),
    )
    questionnaire = Questionnaire.objects.create(program=cohort.program, title_sv="Avstämning")
    schedule = CheckInSchedule.objects.create(questionnaire=questionnaire, trigger="at_start")
    CheckIn.objects.create(
        schedule=schedule, participant=waiting, due_on=timezone.localdate() - timedelta(days=10)
    )
    ContactLog.objects.create(
        cohort=cohort,
        participant=waiting,
        coordinator=coordinator,
        kind="phone",
        happened_on=timezone.localdate() - timedelta(days=7),
        note="Ring igen.",
        next_follow_up=timezone.localdate(),
    )
    ErasureRequest.objects.create(user=waiting.user)
    return cohort


@pytest.mark.django_db
def test_home_counts_what_needs_doing_and_each_count_matches_its_list(client):
    coordinator = UserFactory()
    _busy_cohort(coordinator)
    client.force_login(coordinator)

    todos, response = _todos(client)

    expected = {
        "to_screen": 2,
        "not_eligible": 1,
        "nominations": 1,
        "unmatched": 1,
        "unsigned": 1,
        "no_first_meeting": 1,
        "at_risk": 1,
        "check_ins": 1,
        "follow_ups": 1,
        "unpaid": 1,
    }
    assert {key: todos[key].count for key in expected} == expected
    for key, todo in todos.items():
        if key != "no_first_meeting":
            assert _listed(client, todo.url) == todo.count, key
    assert response.context["workspace"]["erasures"] == 1
    assert _listed(client, response.context["workspace"]["erasures_url"]) == 1
    html = response.content.decode()
    assert "2 ansökningar att gå igenom" in html


@pytest.mark.django_db
def test_home_shows_every_program_of_the_demo_office_and_their_counts_match(client):
    seed_demo()
    office = User.objects.get(email="kansli@example.org")
    client.force_login(office)

    todos, response = _todos(client)

    programs = response.context["workspace"]["programs"]
    assert len(programs) == 5
    for key, todo in todos.items():
        if key.startswith(("to_", "unmatched", "unsigned", "unpaid", "at_risk", "nominations")):
            assert _listed(client, todo.url) == todo.count, key
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("admin:index")).content.decode()
    assert "What needs doing" in english and "accepted mentees without a mentor" in english


def _program_with_work(coordinator: User) -> None:
    cohort = _busy_cohort(coordinator)
    CohortFactory(program=cohort.program)  # a second, recruiting cohort


@pytest.mark.django_db
def test_home_query_count_is_the_same_at_one_and_five_programs(client):
    coordinator = UserFactory()
    _program_with_work(coordinator)
    client.force_login(coordinator)
    client.get(reverse("admin:index"))  # warm the session and caches

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("admin:index"))
    for _ in range(4):
        _program_with_work(coordinator)
    with CaptureQueriesContext(connection) as five:
        response = client.get(reverse("admin:index"))

    assert len(response.context["workspace"]["programs"]) == 5
    assert len(five) == len(one)


@pytest.mark.django_db
def test_home_and_hub_show_only_the_coordinators_own_programs(client):
    mine = UserFactory()
    theirs = UserFactory()
    own = _busy_cohort(mine)
    other = _busy_cohort(theirs)
    client.force_login(mine)

    response = client.get(reverse("admin:index"))
    shown = [
        desk.cohort for _p, desks in response.context["workspace"]["programs"] for desk in desks
    ]
    assert shown == [own]
    assert other.program.name_sv not in response.content.decode()
    assert client.get(reverse("cohort_hub", args=[own.pk])).status_code == 200
    assert client.get(reverse("cohort_hub", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_hub_refuses_participants_and_anonymous_visitors(client):
    coordinator = UserFactory()
    cohort = _busy_cohort(coordinator)
    participant = ParticipantFactory(cohort=cohort).user
    url = reverse("cohort_hub", args=[cohort.pk])

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(participant)
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("admin:index")).status_code in (302, 403)


@pytest.mark.django_db
def test_hub_links_every_page_of_the_cohort(client):
    coordinator = UserFactory()
    cohort = _busy_cohort(coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("cohort_hub", args=[cohort.pk]))

    html = response.content.decode()
    for name in ("matching_board", "cohort_health", "fee_report", "cohort_close"):
        assert reverse(name, args=[cohort.pk]) in html
    assert (
        f"{reverse('admin:programs_application_changelist')}?cohort__id__exact={cohort.pk}" in html
    )
    assert cohort_desks([cohort])[0].todo == response.context["desk"].todo
    for todo in response.context["desk"].todo:
        assert urlsplit(todo.url).path in html or todo.url.replace("&", "&amp;") in html


@pytest.mark.django_db
def test_cohort_list_links_each_cohort_to_its_hub(client):
    coordinator = UserFactory()
    cohort = _busy_cohort(coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("admin:programs_cohort_changelist"))

    assert reverse("cohort_hub", args=[cohort.pk]) in response.content.decode()


@pytest.mark.django_db
def test_contacts_are_not_coordinators_and_do_not_reach_the_home(client):
    contact = UserFactory()
    cohort = CohortFactory()
    OrganisationContact.objects.create(
        user=contact, organisation=OrganisationFactory(), program=cohort.program
    )
    client.force_login(contact)

    assert client.get(reverse("admin:index")).status_code in (302, 403)
