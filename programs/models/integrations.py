"""What other systems use: API tokens, and webhook endpoints with their delivery log."""

from __future__ import annotations

import base64
import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.models import TimeStampedModel
from programs.enums import WebhookEvent
from programs.models.core import Program


class ApiToken(TimeStampedModel):
    """A key a coordinator made for another system: which of their programs it reaches,
    whether it may write, and whether it may read sensitive answers.

    Only a hash of the key is kept; the key itself is shown once, when it is made. The
    token acts with its maker's rights at the time of each request: a coordinator who
    loses a program loses it for their tokens too.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What uses it, e.g. “HR system”.")
    )
    programs = models.ManyToManyField(
        Program, verbose_name=_("programs"), related_name="api_tokens"
    )
    can_write = models.BooleanField(
        _("may write"),
        default=False,
        help_text=_(
            "Create applications, change fees and mark attendance. Without it the token only reads."
        ),
    )
    can_read_sensitive = models.BooleanField(
        _("may read sensitive answers"),
        default=False,
        help_text=_("Each read of a sensitive answer is logged like a view in the admin."),
    )
    # The first characters of the key, shown in lists so that a person can tell keys apart.
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def webhook_secret() -> str:
    """A Standard Webhooks secret: "whsec_" and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


class WebhookEndpoint(TimeStampedModel):
    """An address of another system that is told when something happens in a program."""

    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
    )
    url = models.URLField(_("address"), max_length=500)
    events = ArrayField(
        models.CharField(max_length=40, choices=WebhookEvent.choices),
        verbose_name=_("events"),
        help_text=_("What the address is told about."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=webhook_secret,
        editable=False,
        help_text=_("The receiver checks each delivery's signature with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["program", "url"]
        constraints = [
            models.UniqueConstraint(fields=["program", "url"], name="webhook_endpoint_once"),
            models.CheckConstraint(condition=~Q(events=[]), name="webhook_endpoint_has_events"),
        ]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: the outbox row, written in the transaction that made
    the event, and its log of attempts. `event_key` names the event ("match.published:
    42"): the same event is never queued twice for an endpoint. `message_id` is the
    Standard Webhooks `webhook-id`, the same on every attempt, so that a receiver can
    drop a repeat."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("given up")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    event_key = models.CharField(max_length=100)
    message_id = models.UUIDField(_("message id"), default=uuid.uuid4, unique=True)
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_status = models.PositiveSmallIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_key"], name="webhook_delivery_once_per_event"
            ),
            models.CheckConstraint(
                condition=~Q(state="delivered") | Q(delivered_at__isnull=False),
                name="webhook_delivered_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state="pending"),
                name="webhook_delivery_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
