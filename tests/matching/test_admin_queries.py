"""Issue 14, part 6: an admin changelist runs the same queries whatever its rows."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matching.models import Match
from tests.factories import CohortFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def pairs(cohort, n):
    for _ in range(n):
        Match.objects.create(
            cohort=cohort,
            mentor=ParticipantFactory(cohort=cohort, role="mentor"),
            mentee=ParticipantFactory(cohort=cohort, role="mentee"),
            state="active",
            started_at=timezone.now(),
        )


def changelist_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/admin/matching/match/"])
def test_match_changelist_runs_the_same_queries_for_1_and_3_pairs(
    client, coordinator, program, url
):
    cohort = CohortFactory(program=program)
    client.force_login(coordinator)
    pairs(cohort, 1)
    one = changelist_queries(client, url)
    pairs(cohort, 2)
    three = changelist_queries(client, url)

    assert one == three


def build_participants(cohort, n):
    for _ in range(n):
        ParticipantFactory(cohort=cohort)


def build_applications(cohort, n):
    from tests.factories import submit

    for _ in range(n):
        submit(cohort)


def build_sessions(cohort, n):
    from events.models import Session

    pairs(cohort, 1)
    match = Match.objects.filter(cohort=cohort).last()
    for _ in range(n):
        Session.objects.create(match=match, starts_at=timezone.now(), duration_minutes=60)


def build_contacts(cohort, n):
    from events.models import ContactLog

    for _ in range(n):
        ContactLog.objects.create(
            cohort=cohort,
            participant=ParticipantFactory(cohort=cohort),
            kind="phone",
            happened_on=timezone.localdate(),
            note="Ringde",
        )


def build_tokens(cohort, n):
    from programs.services.integrations import api_token_create

    coordinator = cohort.program.coordinators.first()
    for _ in range(n):
        api_token_create(user=coordinator, name="HR", programs=[cohort.program])


def build_endpoints(cohort, n):
    from programs.models import WebhookEndpoint

    for _ in range(n):
        WebhookEndpoint.objects.create(
            program=cohort.program,
            url=f"https://hr.example.org/{uuid.uuid4().hex}",
            events=["match.published"],
        )


def build_deliveries(cohort, n):
    from programs.models import WebhookDelivery, WebhookEndpoint

    build_endpoints(cohort, 1)
    endpoint = WebhookEndpoint.objects.filter(program=cohort.program).last()
    for _ in range(n):
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event="match.published",
            event_key=f"match.published:{uuid.uuid4().hex}",
            payload={},
        )


@pytest.mark.parametrize(
    ("url", "build"),
    [
        ("/admin/programs/apitoken/", build_tokens),
        ("/admin/programs/webhookendpoint/", build_endpoints),
        ("/admin/programs/webhookdelivery/", build_deliveries),
        ("/admin/programs/participant/", build_participants),
        ("/admin/programs/application/", build_applications),
        ("/admin/events/session/", build_sessions),
        ("/admin/events/contactlog/", build_contacts),
    ],
)
def test_changelist_runs_the_same_queries_for_1_and_3_rows(
    client, coordinator, program, url, build
):
    cohort = CohortFactory(program=program)
    client.force_login(coordinator)
    build(cohort, 1)
    one = changelist_queries(client, url)
    build(cohort, 2)
    three = changelist_queries(client, url)

    assert one == three, url
