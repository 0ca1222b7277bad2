"""A person's calendar feed behind a secret, revocable address."""

from __future__ import annotations

from events.models import (
    CalendarFeed,
    new_feed_token,
)
from mentorship.models import User


def feed_for(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def feed_revoke(*, user: User) -> CalendarFeed:
    """A new secret address; the old one answers 404 from now on."""
    feed = feed_for(user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed
