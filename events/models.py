from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.enums import SessionState
from matching.models import Match
from mentorship.models import TimeStampedModel


class Session(TimeStampedModel):
    """A 1:1 meeting of a pair: planned, then logged as held or missed."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="sessions"
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SessionState.choices, default=SessionState.PLANNED
    )
    actual_minutes = models.PositiveSmallIntegerField(
        _("actual length (minutes)"), null=True, blank=True
    )
    topics = models.TextField(_("what we talked about"), blank=True)
    shared_notes = models.TextField(_("shared notes"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Raised on every change, so that calendars replace the invite rather than add one.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["match", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=600),
                name="session_length_sensible",
            ),
            models.CheckConstraint(
                condition=~Q(state=SessionState.HELD) | Q(actual_minutes__isnull=False),
                name="session_held_has_length",
            ),
        ]
        indexes = [models.Index(fields=["match", "state", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.match} @ {self.starts_at:%Y-%m-%d %H:%M}"


class PrivateNote(TimeStampedModel):
    """A member's own note on a session: only its author ever reads it."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("private note"))

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="private_note_one_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id} / {self.author_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStampedModel):
    """A person's calendar feed (.ics) behind a secret token; revoking makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
