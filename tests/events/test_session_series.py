"""Planning a series of meetings in one form, and logging a past meeting in one step
(by the pair, or by the coordinator for a meeting reported by phone)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.enums import SeriesCadence, SessionState
from events.models import Session
from events.services.sessions import (
    series_starts,
    session_change,
    session_record,
)
from mentorship.errors import Refusal
from mentorship.models import OutgoingEmail
from programs.services.core import coordinator_add
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


@pytest.fixture
def begun(pair):
    """The pair was matched a month ago."""
    pair.started_at = timezone.now() - timedelta(days=30)
    pair.save(update_fields=["started_at"])
    return pair


def series_form(first, **changes) -> dict:
    """The series form as a person fills it: first meeting at 10:00, monthly on the same
    weekday, twelve times."""
    return {
        "starts_at_0": first.date().isoformat(),
        "starts_at_1": "10:00",
        "cadence": "monthly_weekday",
        "count": "12",
        "duration_minutes": "120",
        "location": "Stadsbiblioteket",
        **changes,
    }


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_first_tuesday_of_each_month_keeps_its_hour_across_daylight_saving():
    starts = series_starts(local(2027, 1, 5, 10, 0), SeriesCadence.MONTHLY_WEEKDAY, 12)
    assert len(starts) == 12
    for start in starts:
        start = timezone.localtime(start)
        assert start.weekday() == 1 and start.day <= 7 and (start.hour, start.minute) == (10, 0)
    assert [timezone.localtime(s).month for s in starts] == list(range(1, 13))


def test_last_weekday_of_the_month_and_fortnightly_series():
    last_friday = series_starts(local(2027, 1, 29, 9, 0), SeriesCadence.MONTHLY_WEEKDAY, 3)
    assert [timezone.localtime(s).day for s in last_friday] == [29, 26, 26]
    fortnight = series_starts(local(2027, 1, 4, 9, 0), SeriesCadence.FORTNIGHTLY, 3)
    assert [s - fortnight[0] for s in fortnight] == [timedelta(0), timedelta(14), timedelta(28)]


def test_twelve_monthly_meetings_in_one_form_give_twelve_invites_each_movable(client, pair):
    first = timezone.localtime(timezone.now() + timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    client.force_login(pair.mentee.user)
    response = client.post(
        f"/matches/{pair.pk}/sessions/series/",
        series_form(first),
    )
    assert response.status_code == 302 and response["Location"] == f"/matches/{pair.pk}/"
    sessions = list(Session.objects.filter(match=pair).order_by("starts_at"))
    assert len(sessions) == 12 and len({s.uid for s in sessions}) == 12
    emails = OutgoingEmail.objects.filter(template="session_series")
    assert sorted(e.to for e in emails) == sorted([pair.mentor.user.email, pair.mentee.user.email])
    for email in emails:
        events = [Calendar.from_ical(a["content"]).walk("VEVENT")[0] for a in email.attachments]
        assert len(events) == 12
        assert [e.decoded("dtstart") for e in events] == [s.starts_at for s in sessions]
    # The fifth is moved alone; the others stay.
    fifth = sessions[4]
    session_change(
        session=fifth, by=pair.mentor.user, starts_at=fifth.starts_at + timedelta(hours=2)
    )
    moved = Session.objects.get(pk=fifth.pk)
    assert moved.sequence == 1
    assert Session.objects.filter(match=pair, sequence=0).count() == 11
    # Sending the same form again plans nothing twice.
    again = client.post(
        f"/matches/{pair.pk}/sessions/series/",
        series_form(first),
    )
    assert "You already have a meeting on" in again.content.decode()
    assert Session.objects.filter(match=pair).count() == 12


def test_series_beyond_two_years_is_refused_beside_the_count(client, pair):
    client.force_login(pair.mentor.user)
    first = timezone.localtime(timezone.now() + timedelta(days=300))
    response = client.post(
        f"/matches/{pair.pk}/sessions/series/",
        series_form(
            first, cadence="monthly_date", count="24", duration_minutes="60", location="Online"
        ),
    )
    html = response.content.decode()
    assert "plan at most two years ahead" in html and 'id="id_count_error"' in html
    assert 'value="Online"' in html
    assert not Session.objects.filter(match=pair).exists()


@pytest.mark.parametrize("who", ["other_participant", "stranger"])
def test_series_and_past_meeting_pages_refuse_outsiders(client, pair, who):
    from tests.factories import ParticipantFactory

    user = (
        ParticipantFactory(cohort=pair.cohort, role="mentee").user
        if who == "other_participant"
        else UserFactory()
    )
    client.force_login(user)
    for url in (f"/matches/{pair.pk}/sessions/series/", f"/matches/{pair.pk}/sessions/record/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"count": "2"}).status_code == 404
    assert not Session.objects.exists()


def test_past_meeting_logged_in_one_form_counts_as_held(client, begun):
    pair = begun
    client.force_login(pair.mentee.user)
    when = timezone.localtime(timezone.now() - timedelta(days=2))
    response = client.post(
        f"/matches/{pair.pk}/sessions/record/",
        {
            "starts_at_0": when.date().isoformat(),
            "starts_at_1": "14:00",
            "actual_minutes": "240",
            "topics": "The business plan",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(match=pair)
    assert session.state == SessionState.HELD and session.actual_minutes == 240
    page = client.get(f"/matches/{pair.pk}/").content.decode()
    assert "The business plan" in page and "4.0 / 48" in page


def test_past_meeting_in_the_future_is_refused_and_answers_kept(client, pair):
    client.force_login(pair.mentee.user)
    when = timezone.localtime(timezone.now() + timedelta(days=2))
    response = client.post(
        f"/matches/{pair.pk}/sessions/record/",
        {
            "starts_at_0": when.date().isoformat(),
            "starts_at_1": "14:00",
            "actual_minutes": "90",
            "topics": "Not yet",
        },
    )
    html = response.content.decode()
    assert "plan the meeting instead" in html and "Not yet" in html
    assert not Session.objects.exists()


def test_coordinator_logs_a_meeting_the_pair_reported_by_phone(client, begun, other_coordinator):
    pair = begun
    coordinator = UserFactory(is_staff=True)
    coordinator_add(program=pair.cohort.program, user=coordinator)
    when = timezone.localtime(timezone.now() - timedelta(days=5))
    data = {
        "starts_at_0": when.date().isoformat(),
        "starts_at_1": "09:00",
        "actual_minutes": "60",
        "shared_notes": "Reported by phone",
    }
    client.force_login(other_coordinator)
    refused = client.post(f"/admin/matching/match/{pair.pk}/record-meeting/", data)
    assert refused.status_code in (403, 404) or "/admin/login/" in refused.get("Location", "")
    assert not Session.objects.exists()
    client.force_login(coordinator)
    response = client.post(f"/admin/matching/match/{pair.pk}/record-meeting/", data)
    assert response.status_code == 302
    session = Session.objects.get(match=pair)
    assert session.state == SessionState.HELD and session.planned_by == coordinator
    with pytest.raises(Refusal):
        session_record(match=pair, by=UserFactory(), starts_at=when, actual_minutes=60)


def test_meeting_before_the_match_began_is_refused(begun):
    with pytest.raises(Refusal, match="The match began on"):
        session_record(
            match=begun,
            by=begun.mentee.user,
            starts_at=timezone.now() - timedelta(days=40),
            actual_minutes=60,
        )
