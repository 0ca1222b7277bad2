from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import Session
from events.services.sessions import private_note_save, session_log, session_plan
from matching.enums import MatchState
from matching.models import Goal, Match
from matching.services.agreements import agreement_start, agreement_update
from programs.services.core import coordinator_add
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def session(pair):
    return session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() - timedelta(hours=2),
        duration_minutes=60,
        location="Rummet",
    )


def pair_urls(pair, session, goal):
    return [
        ("get", f"/matches/{pair.pk}/agreement/"),
        ("post", f"/matches/{pair.pk}/agreement/sign/"),
        ("get", f"/matches/{pair.pk}/agreement/print/"),
        ("get", f"/matches/{pair.pk}/sessions/plan/"),
        ("get", f"/sessions/{session.pk}/edit/"),
        ("post", f"/sessions/{session.pk}/cancel/"),
        ("get", f"/sessions/{session.pk}/log/"),
        ("post", f"/goals/{goal.pk}/progress/"),
    ]


@pytest.mark.parametrize("who", ["other_participant", "other_coordinator", "anonymous"])
def test_every_agreement_session_and_goal_url_refuses_outsiders(
    client, pair, session, who, other_coordinator
):
    agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentee.user,
        fields={},
        goals=[{"title": "Mål"}],
    )
    goal = pair.goals.get()
    if who == "other_participant":
        client.force_login(ParticipantFactory(cohort=pair.cohort, role="mentee").user)
    elif who == "other_coordinator":
        client.force_login(other_coordinator)

    for method, url in pair_urls(pair, session, goal):
        response = getattr(client, method)(url, {"status": "reached"} if "goals" in url else {})
        expected = 302 if who == "anonymous" else 404
        assert response.status_code == expected, url
        if who == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    session.refresh_from_db()
    assert session.state == "planned"
    assert Goal.objects.get().status == "not_started"
    assert agreement_start(match=pair).mentor_signed_at is None


def test_private_note_never_appears_to_anyone_but_its_author(client, pair, session, coordinator):
    session_log(session=session, by=pair.mentor.user, held=True, actual_minutes=60)
    private_note_save(session=session, by=pair.mentor.user, text="Bara för mig")
    coordinator_add(program=pair.cohort.program, user=coordinator)

    client.force_login(pair.mentor.user)
    assert "Bara för mig" in client.get(f"/sessions/{session.pk}/log/").content.decode()
    client.force_login(pair.mentee.user)
    for url in ("/dashboard/", f"/sessions/{session.pk}/log/", f"/matches/{pair.pk}/agreement/"):
        assert "Bara för mig" not in client.get(url).content.decode()
    client.force_login(coordinator)
    admin_page = client.get(f"/admin/matching/match/{pair.pk}/change/").content.decode()
    assert "Rummet" in admin_page and "Bara för mig" not in admin_page


def test_sign_by_htmx_returns_the_updated_state(client, pair):
    agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentee.user,
        fields={"focus_areas": "X"},
        goals=[],
    )
    client.force_login(pair.mentee.user)

    response = client.post(f"/matches/{pair.pk}/agreement/sign/", HTTP_HX_REQUEST="true")

    assert "Undertecknad av en av er" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_dashboard_runs_the_same_queries_with_1_and_30_sessions_and_3_matches(client, pair):
    # The mentor of this pair also mentors two more mentees: three matches on one dashboard.
    Match.objects.filter(pk=pair.pk).update()
    pair.mentor.capacity = 3
    pair.mentor.save()
    for _ in range(2):
        Match.objects.create(
            cohort=pair.cohort,
            mentor=pair.mentor,
            mentee=ParticipantFactory(cohort=pair.cohort, role="mentee"),
            state=MatchState.ACTIVE,
        )
    client.force_login(pair.mentor.user)
    Session.objects.create(match=pair, starts_at=timezone.now(), duration_minutes=60)

    with CaptureQueriesContext(connection) as one:
        client.get("/dashboard/")
    Session.objects.bulk_create(
        Session(
            match=pair,
            starts_at=timezone.now() - timedelta(days=n),
            duration_minutes=60,
            state="held",
            actual_minutes=60,
        )
        for n in range(1, 30)
    )
    with CaptureQueriesContext(connection) as thirty:
        page = client.get("/dashboard/").content.decode()

    assert len(one) == len(thirty)
    assert page.count('class="card h-100 match-card"') == 3
    assert "29 / 12" in page  # meetings held against the target


def test_calendar_feed_serves_the_ics_and_a_revoked_token_answers_404(client, pair, session):
    client.force_login(pair.mentee.user)
    settings_page = client.get("/calendar/").content.decode()
    token_url = settings_page.split('value="http://testserver')[1].split('"')[0]
    client.logout()

    response = client.get(token_url)
    assert response["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1

    client.force_login(pair.mentee.user)
    client.post("/calendar/")
    client.logout()
    assert client.get(token_url).status_code == 404


def test_coordinator_sees_goals_and_names_a_facilitator_in_the_admin(client, pair, coordinator):
    from matching.services.agreements import goal_progress

    coordinator_add(program=pair.cohort.program, user=coordinator)
    agreement = agreement_start(match=pair)
    agreement_update(
        agreement=agreement, by=pair.mentee.user, fields={}, goals=[{"title": "Budget"}]
    )
    goal_progress(goal=pair.goals.get(), by=pair.mentee.user, status="in_progress", text="Halvvägs")
    client.force_login(coordinator)

    match_page = client.get(f"/admin/matching/match/{pair.pk}/change/").content.decode()
    assert "Budget" in match_page and "Halvvägs" in match_page
    client.post(
        f"/admin/matching/agreement/{agreement.pk}/change/", {"facilitator": coordinator.pk}
    )

    agreement.refresh_from_db()
    assert agreement.facilitator == coordinator


def test_opening_the_agreement_writes_nothing_until_a_member_saves_it(client, pair):
    from matching.models import Agreement
    from matching.selectors import agreement_draft

    client.force_login(pair.mentee.user)

    page = client.get(f"/matches/{pair.pk}/agreement/")
    client.get(f"/matches/{pair.pk}/agreement/print/")

    minutes = agreement_draft(pair).meeting_minutes  # from the program's expectations
    assert f'name="agreement-meeting_minutes" value="{minutes}"' in page.content.decode()
    assert minutes == 240  # the factory program's four-hour meetings
    assert not Agreement.objects.filter(match=pair).exists()
    client.post(f"/matches/{pair.pk}/agreement/sign/")  # a member acts: now it is kept
    assert Agreement.objects.get(match=pair).meeting_minutes == minutes
