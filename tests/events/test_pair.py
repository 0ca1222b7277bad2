from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events.enums import SessionState
from events.selectors.calendar import feed_calendar
from events.services import EventError
from events.services.feeds import feed_for
from events.services.sessions import (
    private_note_save,
    session_cancel,
    session_change,
    session_log,
    session_plan,
)
from matching.enums import AgreementState
from matching.services.agreements import (
    agreement_sign,
    agreement_start,
    agreement_update,
    goal_progress,
)
from mentorship.errors import Refusal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_both(agreement, match):
    agreement_sign(agreement=agreement, by=match.mentee.user)
    return agreement_sign(agreement=agreement, by=match.mentor.user)


def test_agreement_signed_by_both_then_changed_keeps_the_signed_version(pair):
    agreement = agreement_start(match=pair)
    assert agreement.meeting_minutes == 240  # from the program's 4 hours a meeting
    agreement_update(
        agreement=agreement,
        by=pair.mentee.user,
        fields={"focus_areas": "Affärsplan"},
        goals=[{"title": "Finansiering klar", "success": "Lån beviljat"}],
    )
    agreement = sign_both(agreement, pair)
    assert agreement.state == AgreementState.SIGNED

    agreement = agreement_update(
        agreement=agreement,
        by=pair.mentor.user,
        fields={"focus_areas": "Affärsplan och marknad"},
        goals=[
            {"id": pair.goals.get().pk, "title": "Finansiering klar", "success": "Lån beviljat"}
        ],
    )

    assert agreement.state == AgreementState.DRAFT and agreement.version == 2
    kept = agreement.versions.get()
    assert kept.version == 1 and kept.content["focus_areas"] == "Affärsplan"
    assert kept.content["goals"] == [{"title": "Finansiering klar", "success": "Lån beviljat"}]


def test_saving_without_a_change_keeps_the_signatures(pair):
    agreement = agreement_start(match=pair)
    agreement_update(
        agreement=agreement, by=pair.mentee.user, fields={"focus_areas": "X"}, goals=[]
    )
    agreement = sign_both(agreement, pair)

    agreement = agreement_update(
        agreement=agreement, by=pair.mentee.user, fields={"focus_areas": "X"}, goals=[]
    )

    assert agreement.state == AgreementState.SIGNED


def test_only_the_pair_edits_signs_or_updates_goals(pair, stranger):
    agreement = agreement_start(match=pair)
    agreement_update(agreement=agreement, by=pair.mentee.user, fields={}, goals=[{"title": "Mål"}])
    with pytest.raises(Refusal):
        agreement_update(agreement=agreement, by=stranger, fields={"focus_areas": "Y"}, goals=[])
    with pytest.raises(Refusal):
        agreement_sign(agreement=agreement, by=stranger)
    with pytest.raises(Refusal):
        goal_progress(goal=pair.goals.get(), by=stranger, status="reached")


def test_goal_progress_keeps_notes_over_time(pair):
    agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentee.user,
        fields={},
        goals=[{"title": "Tala inför fullmäktige"}],
    )
    goal = pair.goals.get()

    goal_progress(goal=goal, by=pair.mentee.user, status="in_progress", text="Övat två gånger")
    goal_progress(goal=goal, by=pair.mentor.user, status="reached", text="Talade i maj")

    goal.refresh_from_db()
    assert goal.status == "reached"
    assert [n.text for n in goal.notes.order_by("created_at")] == [
        "Övat två gånger",
        "Talade i maj",
    ]


def test_planned_session_sends_both_an_invite_that_parses_with_the_right_time_and_place(pair):
    starts = (timezone.now() + timedelta(days=3)).replace(microsecond=0)

    session = session_plan(
        match=pair,
        by=pair.mentee.user,
        starts_at=starts,
        duration_minutes=240,
        location="Kafé Lyran, Göteborg",
        agenda="Affärsplanen",
    )

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [pair.mentor.user.email, pair.mentee.user.email]
    )
    for message in mail.outbox:
        name, content, mimetype = message.attachments[0]
        event = Calendar.from_ical(content).walk("VEVENT")[0]
        assert (name, mimetype) == ("invite.ics", "text/calendar; method=REQUEST")
        assert event.decoded("dtstart") == starts
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=4)
        assert str(event.get("location")) == "Kafé Lyran, Göteborg"
        assert str(event.get("uid")) == f"session-{session.uid}@127.0.0.1:8000"


def test_changed_and_cancelled_sessions_send_updates_with_the_same_uid(pair):
    session = session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60,
        location="Zoom",
    )
    mail.outbox.clear()

    session_change(
        session=session, by=pair.mentee.user, starts_at=timezone.now() + timedelta(days=4)
    )
    session_cancel(session=session, by=pair.mentee.user)

    calendars = [Calendar.from_ical(m.attachments[0][1]) for m in mail.outbox]
    assert [str(c.get("method")) for c in calendars] == ["REQUEST", "REQUEST", "CANCEL", "CANCEL"]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert {str(e.get("uid")) for e in events} == {f"session-{session.uid}@127.0.0.1:8000"}
    assert [int(e.get("sequence")) for e in events] == [1, 1, 2, 2]


def test_logging_a_session_needs_its_length_when_held(pair):
    session = session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now(),
        duration_minutes=60,
        location="Kontoret",
    )
    with pytest.raises(EventError):
        session_log(session=session, by=pair.mentor.user, held=True)

    session_log(session=session, by=pair.mentor.user, held=True, actual_minutes=90, topics="Budget")

    session.refresh_from_db()
    assert (session.state, session.actual_minutes) == (SessionState.HELD, 90)


def test_calendar_feed_parses_keeps_uids_and_leaves_out_cancelled_meetings(pair):
    kept = session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() + timedelta(days=1),
        duration_minutes=60,
        location="A",
    )
    dropped = session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() + timedelta(days=9),
        duration_minutes=60,
        location="B",
    )
    session_cancel(session=dropped, by=pair.mentor.user)
    feed = feed_for(pair.mentee.user)

    first = Calendar.from_ical(feed_calendar(feed))
    second = Calendar.from_ical(feed_calendar(feed))

    uids = [str(e.get("uid")) for e in first.walk("VEVENT")]
    assert uids == [f"session-{kept.uid}@127.0.0.1:8000"]
    assert uids == [str(e.get("uid")) for e in second.walk("VEVENT")]


def test_private_note_is_kept_for_its_author_only(pair):
    from events.models import PrivateNote

    session = session_plan(
        match=pair, by=pair.mentor.user, starts_at=timezone.now(), duration_minutes=60, location="A"
    )
    private_note_save(session=session, by=pair.mentor.user, text="Hemligt om adepten")
    private_note_save(session=session, by=pair.mentee.user, text="Mitt eget")

    assert PrivateNote.objects.get(author=pair.mentor.user).text == "Hemligt om adepten"
    assert PrivateNote.objects.count() == 2
    with pytest.raises(Refusal):
        private_note_save(session=session, by=UserFactory(), text="x")
