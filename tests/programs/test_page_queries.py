"""The public application form and the dashboard run the same number of queries
whatever the program holds (STYLE: a page's query count does not grow with its rows)."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Session
from matching.models import Match
from programs.models import Application, Question, QuestionChoice
from tests.factories import CohortFactory, OrganisationFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert page.status_code == 200
    return len(captured)


def test_the_application_form_runs_the_same_queries_for_one_or_three_questions(client):
    cohort = CohortFactory()
    program = cohort.program
    url = f"/programs/{program.slug}/apply/{cohort.pk}/mentee/"

    def add(n: int) -> None:
        question = Question.objects.create(
            program=program, role="both", kind="multiple_choice", text_sv=f"Fråga {n}", order=n
        )
        QuestionChoice.objects.create(question=question, value=f"v{n}", label_sv=f"Val {n}")
        program.listed_organisations.add(OrganisationFactory())

    add(1)
    one = queries(client, url)
    add(2)
    add(3)

    assert queries(client, url) == one
    assert "Fråga 3" in client.get(url).content.decode()


def test_the_dashboard_runs_the_same_queries_for_one_or_three_matches(client):
    person = UserFactory()

    def match() -> None:
        cohort = CohortFactory(state="running")
        found = Match.objects.create(
            cohort=cohort,
            mentor=ParticipantFactory(cohort=cohort, role="mentor"),
            mentee=ParticipantFactory(cohort=cohort, role="mentee", user=person),
            state="active",
            started_at=timezone.now() - timedelta(days=60),
        )
        Session.objects.create(
            match=found,
            starts_at=timezone.now() - timedelta(days=20),
            duration_minutes=60,
            state="held",
            actual_minutes=60,
        )

    client.force_login(person)
    match()
    one = queries(client, "/dashboard/")
    match()
    match()

    assert queries(client, "/dashboard/") == one


def test_the_dashboard_shows_each_waitlist_place_with_the_same_queries_for_one_or_three(
    client,
):
    person = UserFactory()

    def apply(cohort, user, role: str, state: str, number: int) -> None:
        Application.objects.create(
            cohort=cohort,
            user=user,
            role=role,
            state=state,
            queue_number=number,
            consent_text="Ja",
            consent_given_at=timezone.now(),
            submission_token=uuid.uuid4(),
        )

    def waiting(ahead: int) -> None:
        """The person waits as a mentee behind `ahead` others; a waiting mentor and a
        mentee turned down earlier in the queue are not ahead of her."""
        cohort = CohortFactory()
        apply(cohort, UserFactory(), "mentee", "rejected", 1)
        apply(cohort, UserFactory(), "mentor", "waitlisted", 1)
        for n in range(ahead):
            apply(cohort, UserFactory(), "mentee", "waitlisted", n + 2)
        apply(cohort, person, "mentee", "waitlisted", ahead + 2)

    client.force_login(person)
    waiting(0)
    one = queries(client, "/dashboard/")
    waiting(2)
    waiting(4)

    assert queries(client, "/dashboard/") == one
    page = client.get("/dashboard/").content.decode()
    assert sorted(re.findall(r"plats (\d+)", page)) == ["1", "3", "5"]
