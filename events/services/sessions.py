"""The pair's meetings: planned, changed, cancelled, logged; each change sends both
members the calendar invite (or its update or cancellation)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from events.enums import (
    SeriesCadence,
    SessionState,
)
from events.models import (
    PrivateNote,
    Session,
)
from events.selectors.calendar import session_event
from events.services import EventError
from matching.enums import MatchState
from matching.models import Match
from matching.rules import may_follow_match, require_booker, require_member
from matching.selectors import agreement_facilitator, signatures_missing
from mentorship.calendar import invite_attachment
from mentorship.enums import NotificationKind
from mentorship.errors import NotAllowed
from mentorship.models import User
from mentorship.notifications import notify
from mentorship.selectors import language_for
from mentorship.services import email_queue
from programs.enums import WebhookEvent
from programs.services.integrations import webhook_emit

# How far ahead a meeting may be planned: a typo of year 9999 is an error, not a plan.
MEETING_HORIZON = timedelta(days=731)
SERIES_MAX = 24

SUBJECTS = {
    "planned": gettext_lazy("Meeting planned: %(when)s"),
    "changed": gettext_lazy("Meeting changed: %(when)s"),
    "cancelled": gettext_lazy("Meeting cancelled: %(when)s"),
}
SERIES_SUBJECT = gettext_lazy("%(count)s meetings planned, from %(first)s")


def _first_meeting_guest(session: Session) -> User | None:
    """The coordinator who attends the pair's first meeting, when this is it."""
    facilitator = agreement_facilitator(session.match)
    if facilitator is None:
        return None
    earlier = (
        Session.objects.filter(match=session.match, starts_at__lt=session.starts_at)
        .exclude(state=SessionState.CANCELLED)
        .exclude(pk=session.pk)
        .exists()
    )
    return None if earlier else facilitator


def _send_invites(session: Session, what: str, only_guest: bool = False) -> None:
    """Both members get the invite (or its update or cancellation) in their language;
    the coordinator at the first meeting too, when this is the first (`only_guest`:
    just them, for a series whose other invites go in one email)."""
    cancelled = what == "cancelled"
    guest = _first_meeting_guest(session)
    people = [] if only_guest else [session.match.mentor.user, session.match.mentee.user]
    if guest is not None and guest.pk not in (
        session.match.mentor.user_id,
        session.match.mentee.user_id,
    ):
        people.append(guest)
    for person in people:
        language = language_for(person)
        with override(language):
            invite = invite_attachment(
                [session_event(session, cancelled=cancelled, guests=(guest,) if guest else ())],
                cancelled=cancelled,
            )
        when = timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        email_queue(
            to=person.email,
            user=person,
            language=language,
            subject=SUBJECTS[what],
            template="session_invite",
            context={"session": session, "when": when, "what": what, "person": person},
            idempotency_key=f"session:{session.uid}:{session.sequence}:{what}:{person.pk}",
            attachments=(invite,),
            program_id=session.match.cohort.program_id,
        )


NOTICE_KINDS = {
    "planned": NotificationKind.MEETING_PLANNED,
    "changed": NotificationKind.MEETING_CHANGED,
    "cancelled": NotificationKind.MEETING_CANCELLED,
}


def _notify_partner(session: Session, by: User, what: str, meetings: int = 1) -> None:
    """The bell of the member who did not make the change."""
    match = session.match
    for person in (match.mentor.user, match.mentee.user):
        if person.pk == by.pk:
            continue
        notify(
            user=person,
            kind=NOTICE_KINDS[what],
            url=reverse("match_page", args=[match.pk]),
            key=f"session:{session.uid}:{session.sequence}:{what}",
            params={
                "name": by.get_full_name(),
                "when": session.starts_at.isoformat(),
                "meetings": meetings,
            },
        )


def session_plan(
    *,
    match: Match,
    by: User,
    starts_at: datetime,
    duration_minutes: int,
    location: str = "",
    video_link: str = "",
    agenda: str = "",
) -> Session:
    """A member plans a meeting (the one the program says books, if it says); both get
    an email with a calendar invite, and so does the coordinator who attends the first
    meeting, when this is it."""
    require_booker(match, by)
    if match.state != MatchState.ACTIVE:
        raise EventError(_("Meetings are planned once the match is active."))
    try:
        with transaction.atomic():
            session = Session.objects.create(
                match=match,
                planned_by=by,
                starts_at=starts_at,
                duration_minutes=duration_minutes,
                location=location,
                video_link=video_link,
                agenda=agenda,
            )
            _send_invites(session, "planned")
            _notify_partner(session, by, "planned")
    except IntegrityError as error:
        raise _clash(starts_at) from error
    return session


def _require_signed(match: Match) -> None:
    if signatures_missing(match):
        raise EventError(
            _("Both of you sign the agreement first: this program logs meetings after that.")
        )


def _clash(starts_at: datetime) -> EventError:
    return EventError(
        _("You already have a meeting on %(when)s.")
        % {"when": date_format(timezone.localtime(starts_at), "j F Y, H:i")},
        field="starts_at",
    )


def series_starts(first: datetime, cadence: str, count: int) -> list[datetime]:
    """The start of each meeting of a series, at the same local hour whatever the
    daylight saving time: weekly, fortnightly, monthly on the same weekday of the month
    (the 1st to 4th, or the last), or monthly on the same date (months without that
    date are skipped)."""
    local = timezone.localtime(first).replace(tzinfo=None)
    if cadence == SeriesCadence.WEEKLY:
        rule = rrule(WEEKLY, dtstart=local, count=count)
    elif cadence == SeriesCadence.FORTNIGHTLY:
        rule = rrule(WEEKLY, interval=2, dtstart=local, count=count)
    elif cadence == SeriesCadence.MONTHLY_WEEKDAY:
        nth = (local.day - 1) // 7 + 1
        rule = rrule(
            MONTHLY,
            dtstart=local,
            byweekday=weekday(local.weekday())(nth if nth < 5 else -1),
            count=count,
        )
    elif cadence == SeriesCadence.MONTHLY_DATE:
        rule = rrule(MONTHLY, dtstart=local, count=count)
    else:
        raise EventError(_("Choose how often you meet."), field="cadence")
    return [timezone.make_aware(moment) for moment in rule]


def session_series_plan(
    *,
    match: Match,
    by: User,
    starts_at: datetime,
    cadence: str,
    count: int,
    duration_minutes: int,
    location: str = "",
    video_link: str = "",
    agenda: str = "",
) -> list[Session]:
    """Plan `count` meetings at a cadence in one go (monthly on the first Tuesday,
    10:00, twelve times). Each is a meeting of its own, movable or cancellable alone;
    both members get one email with one calendar invite per meeting. All or none: a
    clash with a meeting already planned, or a last meeting more than two years ahead,
    refuses the whole series."""
    require_booker(match, by)
    if match.state != MatchState.ACTIVE:
        raise EventError(_("Meetings are planned once the match is active."))
    if not 2 <= count <= SERIES_MAX:
        raise EventError(_("A series has 2 to %(n)s meetings.") % {"n": SERIES_MAX}, field="count")
    starts = series_starts(starts_at, cadence, count)
    if starts[-1] > timezone.now() + MEETING_HORIZON:
        raise EventError(
            _("The last meeting would be on %(when)s: plan at most two years ahead.")
            % {"when": date_format(timezone.localtime(starts[-1]), "j F Y")},
            field="count",
        )
    try:
        with transaction.atomic():
            Match.objects.select_for_update().filter(pk=match.pk).first()
            taken = (
                Session.objects.filter(match=match, starts_at__in=starts)
                .exclude(state=SessionState.CANCELLED)
                .order_by("starts_at")
                .first()
            )
            if taken is not None:
                raise _clash(taken.starts_at)
            sessions = Session.objects.bulk_create(
                Session(
                    match=match,
                    planned_by=by,
                    starts_at=start,
                    duration_minutes=duration_minutes,
                    location=location,
                    video_link=video_link,
                    agenda=agenda,
                )
                for start in starts
            )
            _send_series(match, sessions)
            _send_invites(sessions[0], "planned", only_guest=True)
            _notify_partner(sessions[0], by, "planned", meetings=len(sessions))
    except IntegrityError as error:
        raise _clash(starts[0]) from error
    return sessions


def _send_series(match: Match, sessions: list[Session]) -> None:
    """One email to each member, with one invite per meeting (each its own event, so a
    calendar moves or cancels it alone when it changes)."""
    for session in sessions:
        session.match = match
    for person in (match.mentor.user, match.mentee.user):
        language = language_for(person)
        with override(language):
            invites = [
                invite_attachment([session_event(session)], filename=f"meeting-{n}.ics")
                for n, session in enumerate(sessions, start=1)
            ]
        email_queue(
            to=person.email,
            user=person,
            language=language,
            subject=SERIES_SUBJECT,
            template="session_series",
            context={
                "sessions": sessions,
                "count": len(sessions),
                "first": timezone.localtime(sessions[0].starts_at).strftime("%Y-%m-%d"),
                "person": person,
            },
            idempotency_key=f"series:{sessions[0].uid}:{person.pk}",
            attachments=invites,
            program_id=match.cohort.program_id,
        )


def session_record(
    *,
    match: Match,
    by: User,
    starts_at: datetime,
    actual_minutes: int,
    topics: str = "",
    shared_notes: str = "",
) -> Session:
    """A meeting that already took place, logged in one step without planning it first:
    by either member, or by a coordinator of the program for a meeting the pair
    reported by phone. It counts like any held meeting; no invite is sent."""
    if not may_follow_match(by, match):
        raise NotAllowed(_("Only the pair and the program's coordinators can do that."))
    if match.state not in (MatchState.ACTIVE, MatchState.COMPLETED):
        raise EventError(_("Meetings are logged for an active match."))
    if starts_at > timezone.now():
        raise EventError(
            _("That is ahead: plan the meeting instead, and log it once it has taken place."),
            field="starts_at",
        )
    began = match.started_at or match.created_at
    if began and starts_at < began - timedelta(days=1):
        raise EventError(
            _("The match began on %(when)s: a meeting before that is not part of it.")
            % {"when": date_format(timezone.localtime(began), "j F Y")},
            field="starts_at",
        )
    _require_signed(match)
    if not actual_minutes or not 5 <= actual_minutes <= 600:
        raise EventError(
            _("Say how long the meeting was (5 to 600 minutes)."), field="actual_minutes"
        )
    try:
        with transaction.atomic():
            return Session.objects.create(
                match=match,
                planned_by=by,
                starts_at=starts_at,
                duration_minutes=actual_minutes,
                actual_minutes=actual_minutes,
                state=SessionState.HELD,
                topics=topics,
                shared_notes=shared_notes,
            )
    except IntegrityError as error:
        raise _clash(starts_at) from error


def session_change(*, session: Session, by: User, **fields: Any) -> Session:
    """Move or change a planned meeting; both get the updated invite."""
    require_member(session.match, by)
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.state != SessionState.PLANNED:
            raise EventError(_("Only a planned meeting can be changed."))
        for name in ("starts_at", "duration_minutes", "location", "video_link", "agenda"):
            if name in fields:
                setattr(session, name, fields[name])
        session.sequence += 1
        session.save()
        _send_invites(session, "changed")
        _notify_partner(session, by, "changed")
    return session


def session_cancel(*, session: Session, by: User) -> Session:
    require_member(session.match, by)
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.state != SessionState.PLANNED:
            raise EventError(_("Only a planned meeting can be cancelled."))
        session.state = SessionState.CANCELLED
        session.sequence += 1
        session.save(update_fields=["state", "sequence", "updated_at"])
        _send_invites(session, "cancelled")
        _notify_partner(session, by, "cancelled")
    return session


def session_log(
    *,
    session: Session,
    by: User,
    held: bool,
    actual_minutes: int | None = None,
    topics: str = "",
    shared_notes: str = "",
) -> Session:
    """After the meeting, either member logs it as held (with its real length) or missed."""
    require_member(session.match, by)
    if held and not actual_minutes:
        raise EventError(_("Say how long the meeting was."))
    if held:
        _require_signed(session.match)
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.state == SessionState.CANCELLED:
            raise EventError(_("A cancelled meeting cannot be logged."))
        if held and session.starts_at > timezone.now():
            # Logged honestly: a meeting is held only once it has begun.
            raise EventError(
                _("This meeting starts %(when)s: log it as held once it has taken place.")
                % {"when": date_format(timezone.localtime(session.starts_at), "j F Y, H:i")},
                field="held",
            )
        session.state = SessionState.HELD if held else SessionState.MISSED
        session.actual_minutes = actual_minutes if held else None
        session.topics = topics
        session.shared_notes = shared_notes
        session.save(
            update_fields=["state", "actual_minutes", "topics", "shared_notes", "updated_at"]
        )
        webhook_emit(event=WebhookEvent.SESSION_LOGGED, obj=session)
    return session


def private_note_save(*, session: Session, by: User, text: str) -> PrivateNote | None:
    """A member's own note on a session; nobody else, coordinators included, reads it."""
    require_member(session.match, by)
    if not text.strip():
        PrivateNote.objects.filter(session=session, author=by).delete()
        return None
    note, _created = PrivateNote.objects.update_or_create(
        session=session, author=by, defaults={"text": text.strip()}
    )
    return note
