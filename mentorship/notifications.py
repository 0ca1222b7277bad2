"""The bell: what changed for a person, written by the services where it changes
(a message, a meeting, an agreement, a check-in) and read on every page.

One module for the feature's writes and reads: it is small, every app writes to it,
and none of them owns it."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from mentorship.enums import NotificationKind
from mentorship.models import Notification, User

SHOWN = 50


def notify(
    *,
    user: User,
    kind: str,
    url: str,
    key: str,
    params: dict[str, Any] | None = None,
    gather: str | None = None,
) -> Notification:
    """Tell `user` something changed. The same `key` twice creates one notification.
    With `gather` (e.g. a match's messages), an unread notification of the same kind
    and gather key is brought to the top with one more in its count instead."""
    params = {**(params or {}), "count": 1}
    now = timezone.now()
    if gather is not None:
        params["gather"] = gather
        with transaction.atomic():
            waiting = (
                Notification.objects.select_for_update()
                .filter(user=user, kind=kind, read_at__isnull=True, params__gather=gather)
                .first()
            )
            if waiting is not None:
                waiting.params = {**params, "count": waiting.params.get("count", 1) + 1}
                waiting.created_at, waiting.url = now, url
                waiting.save(update_fields=["params", "created_at", "url"])
                return waiting
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user, kind=kind, url=url, key=key, params=params, created_at=now
            )
    except IntegrityError:
        return Notification.objects.get(user=user, key=key)


def notify_many(rows: list[Notification]) -> None:
    """Many at once (a sweep's new check-ins); those already there are left alone."""
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def notifications_read(*, user: User, gather: str | None = None, pk: int | None = None) -> int:
    """Mark as read: one (`pk`), those of one gather key (the match page read the
    thread), or all of the person's."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    if gather is not None:
        unread = unread.filter(params__gather=gather)
    return unread.update(read_at=timezone.now())


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user: User) -> list[Notification]:
    """The person's latest notifications, each with its words in the active language."""
    shown = list(Notification.objects.filter(user=user)[:SHOWN])
    for notification in shown:
        notification.text = notification_text(notification)
    return shown


def _when(value: str | None) -> str:
    moment = parse_datetime(value) if value else None
    return date_format(timezone.localtime(moment), "j F H:i") if moment else ""


def notification_text(notification: Notification) -> str:
    params = notification.params
    name, count = params.get("name", ""), params.get("count", 1)
    kind = notification.kind
    if kind == NotificationKind.MESSAGES:
        return ngettext("%(name)s wrote to you", "%(count)s new messages from %(name)s", count) % {
            "name": name,
            "count": count,
        }
    if kind == NotificationKind.MEETING_PLANNED:
        if params.get("meetings", 1) > 1:
            return _("%(name)s planned %(n)s meetings, the first on %(when)s") % {
                "name": name,
                "n": params["meetings"],
                "when": _when(params.get("when")),
            }
        return _("%(name)s planned a meeting on %(when)s") % {
            "name": name,
            "when": _when(params.get("when")),
        }
    if kind == NotificationKind.MEETING_CHANGED:
        return _("%(name)s moved a meeting to %(when)s") % {
            "name": name,
            "when": _when(params.get("when")),
        }
    if kind == NotificationKind.MEETING_CANCELLED:
        return _("%(name)s cancelled the meeting on %(when)s") % {
            "name": name,
            "when": _when(params.get("when")),
        }
    if kind == NotificationKind.AGREEMENT_TO_SIGN:
        return _("%(name)s changed your agreement: it waits for your signature") % {"name": name}
    if kind == NotificationKind.CHECK_IN:
        title = params.get(f"title_{(get_language() or 'sv')[:2]}") or params.get("title_sv", "")
        return _("A check-in waits for your answers: %(title)s") % {"title": title}
    return str(NotificationKind(kind).label)
