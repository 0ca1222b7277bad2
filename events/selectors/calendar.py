"""The calendar entries of the pair's meetings and of meetups, and a person's feed
(built by `mentorship.calendar`, the one place that knows iCalendar)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Event

from events.enums import RsvpAnswer, SessionState
from events.models import CalendarFeed, Meetup, Session
from mentorship.calendar import calendar_event, calendar_text
from mentorship.models import User
from mentorship.selectors import language_for


def session_event(
    session: Session, *, cancelled: bool = False, guests: Iterable[User] = ()
) -> Event:
    """A meeting of the pair, with both of them as attendees (and any guest: the
    coordinator at the first meeting)."""
    match = session.match
    return calendar_event(
        kind="session",
        uid=session.uid,
        sequence=session.sequence,
        starts_at=session.starts_at,
        minutes=session.duration_minutes,
        summary=_("Mentorship: %(mentor)s and %(mentee)s")
        % {
            "mentor": match.mentor.user.get_full_name(),
            "mentee": match.mentee.user.get_full_name(),
        },
        location=session.location or session.video_link,
        url=session.video_link,
        description=session.agenda,
        attendees=(match.mentor.user, match.mentee.user, *guests),
        cancelled=cancelled,
    )


def meetup_event(meetup: Meetup, *, attendees: Iterable[User] = ()) -> Event:
    """A meetup, with its venue, practical details and schedule in the description."""
    schedule = "\n".join(
        f"{timezone.localtime(item.starts_at):%d/%m %H.%M} {item.title}"
        for item in meetup.items.all()
    )
    return calendar_event(
        kind="meetup",
        uid=meetup.uid,
        sequence=meetup.sequence,
        starts_at=meetup.starts_at,
        ends_at=meetup.ends_at,
        summary=meetup.title,
        location=", ".join(part for part in (meetup.venue, meetup.address) if part)
        or meetup.online_link,
        url=meetup.online_link,
        description="\n\n".join(
            part for part in (meetup.description, meetup.practical, schedule) if part
        ),
        attendees=attendees,
    )


def feed_calendar(feed: CalendarFeed) -> str:
    """The person's meetings, planned and held, and their meetups, as one calendar with
    stable UIDs."""
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
    with override(language_for(user)):
        events = [*(session_event(s) for s in sessions), *(meetup_event(m) for m in meetups)]
        return calendar_text(events, name=_("Mentorship"))
