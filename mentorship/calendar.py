"""iCalendar: the one place where invites and feeds are built.

Every event names the site's domain in its UID (stable, so an update or cancellation
replaces the entry it was sent for), carries its times in the site's time zone with the
matching VTIMEZONE (so Outlook shows them at the right hour), and an invite names the
platform as ORGANIZER and each person as ATTENDEE, so mail clients offer to accept it
instead of treating it as a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from mentorship.models import User

PRODUCT_ID = "-//Mentorship platform//Mentorship//"


def site_domain() -> str:
    """The site's host name, as in its public address."""
    return settings.SITE_URL.split("://")[-1].split("/")[0]


def event_uid(kind: str, uid: object) -> str:
    """A stable UID for one meeting, meetup or interview: `<kind>-<uuid>@<domain>`."""
    return f"{kind}-{uid}@{site_domain()}"


def _address(email: str, name: str = "") -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name or email)
    return address


def calendar_event(
    *,
    kind: str,
    uid: object,
    starts_at: datetime,
    ends_at: datetime | None = None,
    minutes: int | None = None,
    summary: str,
    sequence: int = 0,
    location: str = "",
    url: str = "",
    description: str = "",
    attendees: Iterable[User] = (),
    cancelled: bool = False,
) -> Event:
    """One VEVENT. Give either `ends_at` or `minutes`."""
    if ends_at is None:
        ends_at = starts_at + timedelta(minutes=minutes or 60)
    event = Event()
    event.add("uid", event_uid(kind, uid))
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    # Local times with a TZID (and the VTIMEZONE in the calendar), not UTC: a client
    # then keeps the meeting at its hour across a daylight-saving change.
    event.add("dtstart", timezone.localtime(starts_at))
    event.add("dtend", timezone.localtime(ends_at))
    event.add("summary", summary)
    if location:
        event.add("location", vText(location))
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    event.add("organizer", _address(email or settings.DEFAULT_FROM_EMAIL, name))
    for person in attendees:
        attendee = _address(person.email, person.get_full_name())
        attendee.params["role"] = "REQ-PARTICIPANT"
        attendee.params["rsvp"] = "FALSE"
        event.add("attendee", attendee)
    return event


def calendar_text(events: Iterable[Event], *, method: str | None = None, name: str = "") -> str:
    """A whole calendar: an invite (`method` REQUEST or CANCEL) or a feed (a `name`)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    events = list(events)
    for event in events:
        calendar.add_component(event)
    if events:
        starts = [event.decoded("dtstart") for event in events]
        calendar.add_missing_timezones(
            first_date=min(starts).date() - timedelta(days=366),
            last_date=max(starts).date() + timedelta(days=366),
        )
    return calendar.to_ical().decode()


def invite_attachment(
    events: Iterable[Event], *, cancelled: bool = False, filename: str = "invite.ics"
) -> dict[str, str]:
    """An email attachment with the invite (or its cancellation). The method is named on
    the MIME type too: that is what makes Outlook offer accept and decline."""
    method = "CANCEL" if cancelled else "REQUEST"
    return {
        "filename": filename,
        "mimetype": f"text/calendar; method={method}",
        "content": calendar_text(events, method=method),
    }
