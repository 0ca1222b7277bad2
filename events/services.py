"""1:1 sessions of a pair, their calendar invites, and personal calendar feeds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from icalendar import Calendar, Event, vCalAddress, vText

from events.enums import Attendance, RsvpAnswer, SessionState
from events.models import CalendarFeed, Meetup, PrivateNote, Rsvp, Session, new_feed_token
from matching.enums import MatchState
from matching.models import Match
from matching.services.matching import MatchingError, require_member
from mentorship.models import User
from mentorship.services import email_queue
from programs.enums import ParticipantState
from programs.models import Participant

DOMAIN = settings.SITE_URL.split("://")[-1]


class SessionError(MatchingError):
    """A refusal about a meeting; `field` names the form field it belongs beside."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- iCalendar ---------------------------------------------------------------------------


def _event(session: Session, *, cancelled: bool = False) -> Event:
    match = session.match
    event = Event()
    event.add("uid", f"session-{session.uid}@{DOMAIN}")  # stable: the same meeting everywhere
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.starts_at + timedelta(minutes=session.duration_minutes))
    event.add(
        "summary",
        _("Mentorship: %(mentor)s and %(mentee)s")
        % {
            "mentor": match.mentor.user.get_full_name(),
            "mentee": match.mentee.user.get_full_name(),
        },
    )
    where = session.location or session.video_link
    if where:
        event.add("location", vText(where))
    if session.video_link:
        event.add("url", session.video_link)
    if session.agenda:
        event.add("description", session.agenda)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    for person in (match.mentor.user, match.mentee.user):
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.get_full_name() or person.email)
        event.add("attendee", attendee)
    return event


def calendar_text(events: Iterable[Event], *, method: str | None = None, name: str = "") -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Mentorship platform//Sessions//")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode()


SUBJECTS = {
    "planned": gettext_lazy("Meeting planned: %(when)s"),
    "changed": gettext_lazy("Meeting changed: %(when)s"),
    "cancelled": gettext_lazy("Meeting cancelled: %(when)s"),
}


def _send_invites(session: Session, what: str) -> None:
    """Both members get the invite (or its update or cancellation) in their language."""
    cancelled = what == "cancelled"
    for person in (session.match.mentor.user, session.match.mentee.user):
        language = person.profile.preferred_language or "sv"
        with override(language):
            invite = calendar_text(
                [_event(session, cancelled=cancelled)], method="CANCEL" if cancelled else "REQUEST"
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
            attachments=(
                {"filename": "invite.ics", "mimetype": "text/calendar", "content": invite},
            ),
        )


# --- Sessions ----------------------------------------------------------------------------


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
        raise SessionError(_("Meetings are planned once the match is active."))
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
            raise SessionError(_("Only a planned meeting can be changed."))
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
            raise SessionError(_("Only a planned meeting can be cancelled."))
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
        raise SessionError(_("Say how long the meeting was."))
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.state == SessionState.CANCELLED:
            raise SessionError(_("A cancelled meeting cannot be logged."))
        if held and session.starts_at > timezone.now():
            # Logged honestly: a meeting is held only once it has begun.
            raise SessionError(
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


def next_meeting_suggestion(last: datetime | None, cadence_days: int) -> datetime:
    """When to meet next: the cadence after the last meeting, at least tomorrow, at 10."""
    base = (last or timezone.now()) + timedelta(days=cadence_days)
    base = max(base, timezone.now() + timedelta(days=1))
    local = timezone.localtime(base)
    return local.replace(hour=10, minute=0, second=0, microsecond=0)


# --- Calendar feeds ----------------------------------------------------------------------


def feed_for(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def feed_revoke(*, user: User) -> CalendarFeed:
    """A new secret address; the old one answers 404 from now on."""
    feed = feed_for(user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed


def feed_calendar(feed: CalendarFeed) -> str:
    """The person's meetings, planned and held, as one calendar with stable UIDs."""
    user = feed.user
    sessions = (
        Session.objects.filter(Q(match__mentor__user=user) | Q(match__mentee__user=user))
        .exclude(state=SessionState.CANCELLED)
        .select_related("match__mentor__user", "match__mentee__user")
        .order_by("starts_at")
    )
    meetups = (
        Meetup.objects.filter(rsvps__participant__user=user)
        .exclude(rsvps__participant__user=user, rsvps__answer=RsvpAnswer.NO)
        .prefetch_related("items")
        .distinct()
        .order_by("starts_at")
    )
    with override(user.profile.preferred_language or "sv"):
        events = [*(_event(s) for s in sessions), *(_meetup_event(m) for m in meetups)]
        return calendar_text(events, name=_("Mentorship"))


# --- Meetups -------------------------------------------------------------------------------


def _meetup_event(meetup: Meetup) -> Event:
    event = Event()
    event.add("uid", f"meetup-{meetup.uid}@{DOMAIN}")
    event.add("sequence", meetup.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meetup.starts_at)
    event.add("dtend", meetup.ends_at)
    event.add("summary", meetup.title)
    where = ", ".join(part for part in (meetup.venue, meetup.address) if part) or meetup.online_link
    if where:
        event.add("location", vText(where))
    schedule = "\n".join(
        f"{timezone.localtime(item.starts_at):%d/%m %H.%M} {item.title}"
        for item in meetup.items.all()
    )
    description = "\n\n".join(part for part in (meetup.description, schedule) if part)
    if description:
        event.add("description", description)
    return event


def meetup_audience(meetup: Meetup):
    roles = {"everyone": ("mentor", "mentee"), "mentors": ("mentor",), "mentees": ("mentee",)}
    return (
        Participant.objects.filter(
            cohort_id=meetup.cohort_id,
            state=ParticipantState.ACTIVE,
            role__in=roles[meetup.audience],
        )
        .select_related("user__profile")
        .order_by("pk")
    )


def meetup_invite(*, meetup: Meetup) -> int:
    """Invite everyone in the meetup's audience: an answer row each and an email with the
    calendar invite in their language. Inviting again reaches only the newcomers."""
    invited = 0
    with transaction.atomic():
        meetup = Meetup.objects.select_for_update().get(pk=meetup.pk)
        existing = set(meetup.rsvps.values_list("participant_id", flat=True))
        newcomers = [p for p in meetup_audience(meetup) if p.pk not in existing]
        Rsvp.objects.bulk_create(Rsvp(meetup=meetup, participant=p) for p in newcomers)
        for participant in newcomers:
            person = participant.user
            language = person.profile.preferred_language or "sv"
            with override(language):
                invite = calendar_text([_meetup_event(meetup)], method="REQUEST")
            email_queue(
                to=person.email,
                user=person,
                language=language,
                subject=gettext_lazy("Invitation: %(meetup)s"),
                template="meetup_invite",
                context={"meetup": meetup, "person": person, "program": meetup.cohort.program},
                idempotency_key=f"meetup:{meetup.uid}:{meetup.sequence}:invite:{participant.pk}",
                attachments=(
                    {"filename": "invite.ics", "mimetype": "text/calendar", "content": invite},
                ),
            )
            invited += 1
        meetup.invited_at = meetup.invited_at or timezone.now()
        meetup.save(update_fields=["invited_at", "updated_at"])
    return invited


def rsvp_answer(
    *,
    rsvp: Rsvp,
    by: User,
    answer: str,
    diet: str = "",
    accessibility: str = "",
    needs_lodging: bool = False,
) -> Rsvp:
    """The participant answers, with their diet and accessibility needs. A yes takes a
    place where places are limited; the last place goes to one person only."""
    if rsvp.participant.user_id != by.pk:
        raise MatchingError(_("Only the invited person can answer."))
    if answer not in RsvpAnswer.values:
        raise MatchingError(_("Unknown answer."))
    with transaction.atomic():
        meetup = Meetup.objects.select_for_update().get(pk=rsvp.meetup_id)
        if meetup.ends_at < timezone.now():
            raise MatchingError(_("The meetup is over."))
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        if answer == RsvpAnswer.YES and rsvp.answer != RsvpAnswer.YES and meetup.capacity:
            taken = meetup.rsvps.filter(answer=RsvpAnswer.YES).count()
            if taken >= meetup.capacity:
                raise MatchingError(_("Every place is taken."))
        rsvp.answer = answer
        rsvp.diet, rsvp.accessibility = diet.strip(), accessibility.strip()
        rsvp.needs_lodging = needs_lodging and meetup.lodging
        rsvp.save()
    return rsvp


def attendance_mark(*, meetup: Meetup, present: set[int]) -> None:
    """The coordinator marks who came (participant ids); everyone else invited was absent."""
    with transaction.atomic():
        meetup.rsvps.filter(participant_id__in=present).update(
            attendance=Attendance.PRESENT, updated_at=timezone.now()
        )
        meetup.rsvps.exclude(participant_id__in=present).update(
            attendance=Attendance.ABSENT, updated_at=timezone.now()
        )
