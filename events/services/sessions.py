"""The pair's meetings: planned, changed, cancelled, logged; each change sends both
members the calendar invite (or its update or cancellation)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from events.enums import (
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
from matching.rules import require_member
from mentorship.calendar import invite_attachment
from mentorship.models import User
from mentorship.selectors import language_for
from mentorship.services import email_queue

SUBJECTS = {
    "planned": gettext_lazy("Meeting planned: %(when)s"),
    "changed": gettext_lazy("Meeting changed: %(when)s"),
    "cancelled": gettext_lazy("Meeting cancelled: %(when)s"),
}


def _send_invites(session: Session, what: str) -> None:
    """Both members get the invite (or its update or cancellation) in their language."""
    cancelled = what == "cancelled"
    for person in (session.match.mentor.user, session.match.mentee.user):
        language = language_for(person)
        with override(language):
            invite = invite_attachment(
                [session_event(session, cancelled=cancelled)], cancelled=cancelled
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
    """Either member plans a meeting; both get an email with a calendar invite."""
    require_member(match, by)
    if match.state != MatchState.ACTIVE:
        raise EventError(_("Meetings are planned once the match is active."))
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
    return session


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
