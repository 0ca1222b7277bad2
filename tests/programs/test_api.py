"""Issue 20, part 1: the REST API. Tokens a coordinator makes, scoped to their programs,
read or write, stored hashed and revocable; sensitive answers only for a token allowed
them, each read logged; cursor pages, filters, an OpenAPI schema that validates, and a
rate per token."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
import requests
import yaml
from django.utils import timezone
from openapi_spec_validator import validate

from events.models import Meetup, Rsvp
from matching.models import Match
from programs.enums import QuestionKind
from programs.models import (
    ApiToken,
    Application,
    Participant,
    Question,
    SensitiveAccess,
)
from programs.services.integrations import IntegrationError, api_token_create, api_token_revoke
from programs.services.screening import application_accept
from tests.factories import CohortFactory, OrganisationFactory, ParticipantFactory, submit

API = "/api/v1"


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def pairs(cohort):
    """Three active pairs in the coordinator's cohort, one in another program's."""
    made = []
    for n in range(3):
        mentor = ParticipantFactory(cohort=cohort, role="mentor")
        mentee = ParticipantFactory(cohort=cohort, role="mentee")
        made.append(
            Match.objects.create(
                cohort=cohort, mentor=mentor, mentee=mentee, state="active", score=50 + n
            )
        )
    elsewhere = CohortFactory()
    Match.objects.create(
        cohort=elsewhere,
        mentor=ParticipantFactory(cohort=elsewhere, role="mentor"),
        mentee=ParticipantFactory(cohort=elsewhere, role="mentee"),
        state="active",
    )
    return made


@pytest.fixture
def read_key(coordinator, program):
    return api_token_create(user=coordinator, name="Rapporter", programs=[program])[1]


@pytest.fixture
def write_key(coordinator, program):
    return api_token_create(
        user=coordinator, name="HR-systemet", programs=[program], can_write=True
    )[1]


def test_a_token_is_kept_only_as_a_hash_and_only_for_programs_one_coordinates(
    coordinator, program, other_coordinator
):
    token, key = api_token_create(user=coordinator, name="HR", programs=[program])
    assert key.startswith("mtk_") and len(key) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in {stored.key_hash, stored.prefix} and key.startswith(stored.prefix)

    with pytest.raises(IntegrationError, match="bara nå program du samordnar"):
        api_token_create(user=other_coordinator, name="Fel", programs=[program])


@pytest.mark.django_db(transaction=True)
def test_an_external_script_reads_matches_is_refused_elsewhere_and_writes_with_a_write_token(
    live_server, coordinator, cohort, pairs, read_key, write_key
):
    """The acceptance script: requests only, against the running site."""
    base = live_server.url + API
    reader = requests.Session()
    reader.headers["Authorization"] = f"Bearer {read_key}"

    matches = reader.get(f"{base}/matches/", params={"cohort": cohort.pk}, timeout=10).json()
    assert sorted(m["id"] for m in matches["results"]) == sorted(m.pk for m in pairs)
    assert {m["mentor"] for m in matches["results"]} == {m.mentor_id for m in pairs}

    other = Match.objects.exclude(cohort=cohort).get()
    assert reader.get(f"{base}/matches/{other.pk}/", timeout=10).status_code == 404
    assert reader.get(f"{base}/cohorts/{other.cohort_id}/", timeout=10).status_code == 404
    listed = reader.get(f"{base}/matches/", params={"cohort": other.cohort_id}, timeout=10)
    assert listed.json()["results"] == []

    body = {
        "cohort": cohort.pk,
        "role": "mentee",
        "first_name": "Ines",
        "last_name": "Integration",
        "email": "ines@example.org",
        "consent_statement": "Samtyckte i HR-systemet 2026-12-01.",
        "submission_token": str(uuid.uuid4()),
    }
    refused = reader.post(f"{base}/applications/", json=body, timeout=10)
    assert refused.status_code == 403 and "läsa" in refused.json()["detail"]
    assert not Application.objects.filter(user__email="ines@example.org").exists()

    writer = requests.Session()
    writer.headers["Authorization"] = f"Bearer {write_key}"
    created = writer.post(f"{base}/applications/", json=body, timeout=10)
    assert created.status_code == 201, created.text
    again = writer.post(f"{base}/applications/", json=body, timeout=10)  # a retry
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    application = Application.objects.get(user__email="ines@example.org")
    assert application.cohort == cohort and application.state == "submitted"
    assert "HR-systemet" in application.consent_text
    assert "Samtyckte i HR-systemet" in application.consent_text

    schema = requests.get(f"{base}/schema/", timeout=10)
    validate(yaml.safe_load(schema.text))
    assert {"/api/v1/matches/", "/api/v1/applications/"} <= set(
        yaml.safe_load(schema.text)["paths"]
    )


def test_no_token_a_revoked_token_and_a_wrong_scheme_are_refused(client, coordinator, program):
    token, key = api_token_create(user=coordinator, name="HR", programs=[program])
    assert client.get(f"{API}/programs/").status_code == 401
    assert client.get(f"{API}/programs/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert client.get(f"{API}/programs/", **bearer(key)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    api_token_revoke(token=token, by=coordinator)
    refused = client.get(f"{API}/programs/", **bearer(key))
    assert refused.status_code == 401 and "återkallats" in refused.json()["detail"]


def test_a_coordinator_who_loses_the_program_loses_it_for_the_token(
    client, coordinator, program, read_key
):
    assert [
        p["id"] for p in client.get(f"{API}/programs/", **bearer(read_key)).json()["results"]
    ] == [program.pk]
    program.coordinators.remove(coordinator)
    assert client.get(f"{API}/programs/", **bearer(read_key)).json()["results"] == []


def test_sensitive_answers_only_with_a_token_allowed_them_and_each_read_is_logged(
    client, coordinator, cohort, program, read_key
):
    health = Question.objects.create(
        program=program, kind=QuestionKind.SHORT_TEXT, text_sv="Hälsa", sensitive=True
    )
    goal = Question.objects.create(program=program, kind=QuestionKind.SHORT_TEXT, text_sv="Mål")
    application = submit(cohort, answers={health.pk: "Synnedsättning", goal.pk: "Leda"})

    plain = client.get(f"{API}/applications/{application.pk}/", **bearer(read_key)).json()
    assert [a["value"] for a in plain["answers"]] == ["Leda"]
    assert SensitiveAccess.objects.count() == 0

    _token, allowed = api_token_create(
        user=coordinator, name="Statistik", programs=[program], can_read_sensitive=True
    )
    full = client.get(f"{API}/applications/{application.pk}/", **bearer(allowed)).json()
    assert sorted(a["value"] for a in full["answers"]) == ["Leda", "Synnedsättning"]
    client.get(f"{API}/applications/", **bearer(allowed))
    logged = list(SensitiveAccess.objects.all())
    assert len(logged) == 2
    assert {(s.user_id, s.application_id) for s in logged} == {(coordinator.pk, application.pk)}
    assert all(s.what == "API: Statistik" for s in logged)


def test_cursor_pages_walk_every_row_once_and_updated_since_filters(
    client, cohort, pairs, read_key
):
    seen, url = [], f"{API}/matches/?page_size=2"
    while url:
        page = client.get(url, **bearer(read_key)).json()
        seen += [m["id"] for m in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(m.pk for m in pairs)

    later = timezone.now() + timedelta(seconds=1)
    Match.objects.filter(pk=pairs[0].pk).update(updated_at=later + timedelta(minutes=1))
    since = client.get(
        f"{API}/matches/", {"updated_since": later.isoformat()}, **bearer(read_key)
    ).json()
    assert [m["id"] for m in since["results"]] == [pairs[0].pk]
    bad = client.get(f"{API}/matches/", {"updated_since": "yesterday"}, **bearer(read_key))
    assert bad.status_code == 400 and "updated_since" in bad.json()
    assert client.get(f"{API}/matches/", {"cohort": "x"}, **bearer(read_key)).status_code == 400
    Match.objects.filter(pk=pairs[1].pk).update(state="completed")
    done = client.get(f"{API}/matches/", {"state": "completed"}, **bearer(read_key)).json()
    assert [m["id"] for m in done["results"]] == [pairs[1].pk]


def test_each_token_has_its_own_rate(client, settings, coordinator, program, read_key):
    settings.API_RATE_LIMIT = "3/hour"
    codes = [client.get(f"{API}/programs/", **bearer(read_key)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    _token, other = api_token_create(user=coordinator, name="Annan", programs=[program])
    assert client.get(f"{API}/programs/", **bearer(other)).status_code == 200


def test_a_write_token_changes_a_fee_through_the_fee_rule(
    client, cohort, coordinator, write_key, read_key
):
    payer = OrganisationFactory(name="Betalande myndighet")
    person = ParticipantFactory(cohort=cohort, organisation=payer)
    url = f"{API}/participants/{person.pk}/"

    changed = client.patch(
        url,
        {"fee_amount": "12500.00", "invoice_reference": "PO-77"},
        content_type="application/json",
        **bearer(write_key),
    )
    assert changed.status_code == 200, changed.content
    person.refresh_from_db()
    assert person.fee_amount == Decimal("12500.00") and person.invoice_reference == "PO-77"
    client.force_login(coordinator)  # the change history names the token's maker
    page = client.get(f"/admin/programs/participant/{person.pk}/change/").text
    history = page.split('id="change-history-title"')[1]
    assert "Cora" in history and "PO-77" in history
    client.logout()

    negative = client.patch(
        url, {"fee_amount": "-1"}, content_type="application/json", **bearer(write_key)
    )
    assert negative.status_code == 400 and "fee_amount" in negative.json()
    stranger_org = OrganisationFactory(name="Okänd AB")
    foreign = client.patch(
        url,
        {"paying_organisation": stranger_org.pk},
        content_type="application/json",
        **bearer(write_key),
    )
    assert foreign.status_code == 400 and "paying_organisation" in foreign.json()
    read_only = client.patch(
        url, {"fee_amount": "1"}, content_type="application/json", **bearer(read_key)
    )
    assert read_only.status_code == 403 and "får bara läsa" in read_only.json()["detail"]
    in_english = client.patch(
        url,
        {"fee_amount": "-1"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8",
        **bearer(write_key),
    )
    assert in_english.json() == {"fee_amount": ["A fee cannot be negative."]}
    person.refresh_from_db()
    assert person.fee_amount == Decimal("12500.00")

    elsewhere = ParticipantFactory(cohort=CohortFactory())
    assert (
        client.patch(
            f"{API}/participants/{elsewhere.pk}/",
            {"fee_amount": "1"},
            content_type="application/json",
            **bearer(write_key),
        ).status_code
        == 404
    )


def test_attendance_is_marked_from_the_meetups_start(client, cohort, write_key):
    person = ParticipantFactory(cohort=cohort)
    meetup = Meetup.objects.create(
        cohort=cohort,
        title_sv="Träff",
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=2),
    )
    rsvp = Rsvp.objects.create(meetup=meetup, participant=person)
    url = f"{API}/attendance/{rsvp.pk}/"

    early = client.patch(
        url, {"attendance": "present"}, content_type="application/json", **bearer(write_key)
    )
    assert early.status_code == 400 and "attendance" in early.json()
    Meetup.objects.filter(pk=meetup.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    marked = client.patch(
        url, {"attendance": "present"}, content_type="application/json", **bearer(write_key)
    )
    assert marked.json()["attendance"] == "present"
    rsvp.refresh_from_db()
    assert rsvp.attendance == "present"


def test_a_bad_answer_is_named_by_its_question_and_nothing_is_filed(client, cohort, write_key):
    years = Question.objects.create(
        program=cohort.program, kind=QuestionKind.NUMBER, text_sv="År som chef", required=True
    )
    body = {
        "cohort": cohort.pk,
        "role": "mentee",
        "first_name": "Ola",
        "last_name": "Ok",
        "email": "ola@example.org",
        "consent_statement": "Ja",
        "answers": {str(years.pk): "många"},
    }
    refused = client.post(
        f"{API}/applications/", body, content_type="application/json", **bearer(write_key)
    )
    assert refused.status_code == 400 and f"answers.{years.pk}" in refused.json()
    assert not Application.objects.exists()

    office = Question.objects.create(
        program=cohort.program, kind=QuestionKind.YES_NO, text_sv="Förtroendeuppdrag?"
    )
    body["answers"] = {str(years.pk): 7, str(office.pk): True}  # yes/no as JSON says it
    filed = client.post(
        f"{API}/applications/", body, content_type="application/json", **bearer(write_key)
    )
    assert filed.status_code == 201
    application = Application.objects.get()
    assert filed.json()["id"] == application.pk
    answers = {a["question"]: a["value"] for a in filed.json()["answers"]}
    assert answers == {years.pk: 7, office.pk: True}
    assert application.answers.get(question=office).value is True


def test_lists_run_the_same_queries_for_1_row_or_3(client, cohort, read_key):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    question = Question.objects.create(program=cohort.program, kind="short_text", text_sv="Mål")
    resources = ("applications", "participants", "matches", "check-ins", "attendance")

    def counts() -> dict[str, int]:
        client.get(f"{API}/programs/", **bearer(read_key))  # notes the token's use
        found = {}
        for resource in resources:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{API}/{resource}/", **bearer(read_key)).status_code == 200
            found[resource] = len(queries)
        return found

    def add(people: int) -> None:
        for _ in range(people):
            application = submit(cohort, answers={question.pk: "Leda"})
            application_accept(application=application)

    add(1)
    one = counts()
    add(2)
    assert Participant.objects.filter(cohort=cohort).count() == 3
    assert counts() == one
