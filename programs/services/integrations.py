"""API tokens and webhooks: how other systems read a program and hear what happens in it."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

from mentorship.errors import Refusal
from mentorship.models import User
from mentorship.services import state_change_record
from programs.enums import WebhookEvent
from programs.models import ApiToken, Program, WebhookDelivery, WebhookEndpoint
from programs.rules import may_coordinate

TOKEN_PREFIX = "mtk_"
# last_used_at is written at most this often, so that reading does not mean writing.
LAST_USED_EVERY = timedelta(minutes=1)


class IntegrationError(Refusal):
    pass


# --- API tokens ---------------------------------------------------------------------


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(
    *,
    user: User,
    name: str,
    programs: Iterable[Program],
    can_write: bool = False,
    can_read_sensitive: bool = False,
) -> tuple[ApiToken, str]:
    """Make a token for programs the user coordinates; returns it and its key, which is
    never stored (only its hash) and so can be shown this once only."""
    programs = list(programs)
    if not programs:
        raise IntegrationError(_("Choose at least one program."), field="programs")
    if not all(may_coordinate(user, program) for program in programs):
        raise IntegrationError(
            _("A token can reach only programs you coordinate."), field="programs"
        )
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip(),
            can_write=can_write,
            can_read_sensitive=can_read_sensitive,
            prefix=key[: len(TOKEN_PREFIX) + 6],
            key_hash=_hash(key),
        )
        token.programs.set(programs)
    return token, key


def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token: from now on every request with it is refused. Revoking twice keeps
    the first time."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            state_change_record(obj=token, from_state="active", to_state="revoked", by=by)
    return token


def api_token_use(key: str) -> ApiToken | None:
    """The live token with this key (its maker still active), noting when it was used;
    None for an unknown or revoked key."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- Webhook endpoints --------------------------------------------------------------


def webhook_url_check(url: str) -> None:
    """An endpoint is an https address on a public host. Plain http is allowed only to
    this machine, and only where WEBHOOK_ALLOW_LOOPBACK is on (development, the tests)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    loopback = host == "localhost" or (address is not None and address.is_loopback)
    if loopback:
        if not settings.WEBHOOK_ALLOW_LOOPBACK:
            raise IntegrationError(_("The address must be on another machine."), field="url")
        if parts.scheme not in {"http", "https"}:
            raise IntegrationError(_("The address must start with https://."), field="url")
        return
    if parts.scheme != "https":
        raise IntegrationError(_("The address must start with https://."), field="url")
    if address is not None and (address.is_private or address.is_link_local):
        raise IntegrationError(_("The address must be public, not an internal one."), field="url")


def webhook_endpoint_save(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    """Save an endpoint of a program the user coordinates, with a checked address."""
    if not may_coordinate(by, endpoint.program):
        raise IntegrationError(_("You do not coordinate this program."), field="program")
    webhook_url_check(endpoint.url)
    if not endpoint.events:
        raise IntegrationError(_("Choose at least one event."), field="events")
    if endpoint.pk is None:
        endpoint.created_by = by
    endpoint.save()
    return endpoint


def webhook_secret_renew(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    """A new signing secret for an endpoint (the old one leaked, or is due for a change):
    deliveries from now on, retries too, are signed with it."""
    from programs.models.integrations import webhook_secret

    if not may_coordinate(by, endpoint.program):
        raise IntegrationError(_("You do not coordinate this program."))
    endpoint.secret = webhook_secret()
    endpoint.save(update_fields=["secret", "updated_at"])
    state_change_record(obj=endpoint, from_state="", to_state="secret renewed", by=by)
    return endpoint


# --- Events, through the outbox -----------------------------------------------------


@dataclass(frozen=True)
class EventObject:
    """What a delivery names: the object, its program and cohort, and its API address."""

    kind: str  # its model's name, which is also the API's: "application", "match", ...
    pk: int
    program_id: int
    cohort_id: int | None
    state: str = ""


def event_object(obj: Model) -> EventObject:
    from programs.models import Cohort

    cohort = obj if isinstance(obj, Cohort) else getattr(obj, "cohort", None)
    if cohort is None and hasattr(obj, "match"):
        cohort = obj.match.cohort
    program_id = cohort.program_id if cohort is not None else obj.program_id
    return EventObject(
        kind=obj._meta.model_name,
        pk=obj.pk,
        program_id=program_id,
        cohort_id=cohort.pk if cohort is not None else None,
        state=getattr(obj, "state", ""),
    )


def _payload(event: str, item: EventObject, now) -> dict[str, Any]:
    # Thin events: what happened and where to read it. Personal data stays behind the
    # API, whose tokens are scoped, logged and revocable.
    data: dict[str, Any] = {
        "object": item.kind,
        "id": item.pk,
        "program": item.program_id,
        "cohort": item.cohort_id,
        "url": settings.SITE_URL + reverse(f"api:{item.kind}-detail", args=[item.pk]),
    }
    if item.state:
        data["state"] = item.state
    return {"type": event, "timestamp": now.isoformat(), "data": data}


def webhooks_emit(*, event: str, objects: Sequence[EventObject]) -> int:
    """Queue the event for every active endpoint of each object's program that asked for
    it, in the caller's transaction (the outbox): it goes out only if that commits, and
    once committed it goes out even if the process dies now. The same event is queued
    once per endpoint however often it is emitted. Returns how many were queued."""
    if not objects:
        return 0
    event = WebhookEvent(event)
    programs = {item.program_id for item in objects}
    endpoints = list(
        WebhookEndpoint.objects.filter(
            program_id__in=programs, is_active=True, events__contains=[event.value]
        ).only("pk", "program_id")
    )
    if not endpoints:
        return 0
    now = timezone.now()
    payloads = {item.pk: _payload(event, item, now) for item in objects}
    rows = [
        WebhookDelivery(
            endpoint=endpoint,
            event=event,
            event_key=f"{event.value}:{item.pk}",
            payload=payloads[item.pk],
            next_attempt_at=now,
            created_at=now,
        )
        for item in objects
        for endpoint in endpoints
        if endpoint.program_id == item.program_id
    ]
    WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    keys = {row.event_key for row in rows}
    ids = list(
        WebhookDelivery.objects.filter(
            endpoint__in=endpoints,
            event_key__in=keys,
            state=WebhookDelivery.State.PENDING,
            attempts=0,
        ).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: webhooks_queue(ids))
    return len(ids)


def webhook_emit(*, event: str, obj: Model) -> int:
    return webhooks_emit(event=event, objects=[event_object(obj)])


def webhooks_queue(ids: list[int], countdown: float = 0) -> None:
    """Hand deliveries to the workers (after `countdown` seconds)."""
    from programs.tasks import webhook_deliver_task

    for delivery_id in ids:
        try:
            webhook_deliver_task.apply_async(
                kwargs={"delivery_id": delivery_id}, countdown=countdown or None
            )
        except Exception:
            return


def message_headers(delivery: WebhookDelivery, body: str, now) -> dict[str, str]:
    """The Standard Webhooks headers: the id (the same on every attempt), the time and
    the signature over both and the body."""
    message_id = f"msg_{delivery.message_id.hex}"
    return {
        "Content-Type": "application/json",
        "User-Agent": "mentorship-webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(delivery.endpoint.secret).sign(message_id, now, body),
    }


def webhook_deliver(*, delivery_id: int) -> float | None:
    """Post one delivery if it is due. The row stays locked while it is sent, so two
    workers never send it at once; a worker that dies mid-way rolls back, and the
    delivery is sent again (same webhook-id) by the next attempt or the sweep.

    Returns the seconds until the next attempt when this one failed and another is
    due, else None. A 2xx answer delivers it; anything else is retried after the
    delays in WEBHOOK_RETRY_DELAYS, then given up (the coordinator can resend)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id, state=WebhookDelivery.State.PENDING)
            .first()
        )
        now = timezone.now()
        if delivery is None or delivery.next_attempt_at > now + timedelta(seconds=1):
            return None
        body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False)
        status, error = None, ""
        if not delivery.endpoint.is_active:
            error = "the endpoint is switched off"
        else:
            try:
                answer = requests.post(
                    delivery.endpoint.url,
                    data=body.encode(),
                    headers=message_headers(delivery, body, now),
                    timeout=settings.WEBHOOK_TIMEOUT,
                    allow_redirects=False,
                )
                status = answer.status_code
                if not 200 <= status < 300:
                    error = f"HTTP {status}"
            except requests.RequestException as exc:
                error = str(exc)[:300] or exc.__class__.__name__
        delivery.attempts += 1
        delivery.last_status, delivery.last_error = status, error
        retry_in = None
        if not error:
            delivery.state = WebhookDelivery.State.DELIVERED
            delivery.delivered_at = timezone.now()
        elif (
            delivery.attempts > len(settings.WEBHOOK_RETRY_DELAYS)
            or status == 410  # Gone: the receiver says stop
            or not delivery.endpoint.is_active
        ):
            delivery.state = WebhookDelivery.State.FAILED
        else:
            retry_in = settings.WEBHOOK_RETRY_DELAYS[delivery.attempts - 1]
            delivery.next_attempt_at = now + timedelta(seconds=retry_in)
        delivery.save()
    return retry_in


def webhook_deliveries_due(*, grace: timedelta = timedelta(seconds=30)) -> list[int]:
    """Deliveries whose attempt is overdue (its task was lost with a worker or the
    broker): the sweep queues them again; the row lock makes a repeat harmless."""
    return list(
        WebhookDelivery.objects.filter(
            state=WebhookDelivery.State.PENDING, next_attempt_at__lte=timezone.now() - grace
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )


def webhook_resend(*, delivery: WebhookDelivery, by: User) -> WebhookDelivery:
    """The coordinator sends a delivery again, with the same webhook-id, now, with a
    fresh round of retries."""
    if not may_coordinate(by, delivery.endpoint.program):
        raise IntegrationError(_("You do not coordinate this program."))
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        was = delivery.state
        delivery.state = WebhookDelivery.State.PENDING
        delivery.attempts = 0
        delivery.next_attempt_at = timezone.now()
        delivery.delivered_at = None
        delivery.save()
        state_change_record(obj=delivery, from_state=was, to_state=delivery.state, by=by)
        transaction.on_commit(lambda: webhooks_queue([delivery.pk]))
    return delivery
