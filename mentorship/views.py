from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language

from mentorship.celery import app as celery_app
from mentorship.celery import heartbeat_alive, redis_client
from mentorship.models import Notification
from mentorship.notifications import (
    notifications_for,
    notifications_read,
    unread_count,
)
from mentorship.services import preferred_language_set


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # any failure means the site cannot serve
        return f"down: {type(exc).__name__}"


def redis_state() -> str:
    try:
        redis_client().ping()
        return "ok"
    except Exception as exc:
        return f"down: {type(exc).__name__}"


def worker_state() -> str:
    """A worker counts only if it consumes the queue this site sends its tasks to and
    beat lately (mentorship.celery.Heartbeat): one Redis scan, no waiting."""
    queue = celery_app.conf.task_default_queue
    try:
        alive = heartbeat_alive(queue)
    except Exception as exc:
        return f"down: {type(exc).__name__}"
    return "ok" if alive else f"down: no worker consumes the queue {queue!r}"


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database, Redis and a Celery worker all answer; 503 otherwise.

    Anyone (a load balancer, a monitor) gets the status; which part failed and how is for
    staff, or for a monitor that sends HEALTH_TOKEN (`?token=` or `X-Health-Token`)."""
    checks = {"database": database_state(), "redis": redis_state()}
    checks["worker"] = worker_state() if checks["redis"] == "ok" else "unknown: Redis is down"
    healthy = all(value == "ok" for value in checks.values())
    body: dict[str, str] = {"status": "ok" if healthy else "down"}
    if _may_see_health_detail(request):
        body.update(checks)
    return JsonResponse(body, status=200 if healthy else 503)


def _may_see_health_detail(request: HttpRequest) -> bool:
    if request.user.is_authenticated and request.user.is_staff:
        return True
    token = request.headers.get("X-Health-Token") or request.GET.get("token", "")
    return bool(settings.HEALTH_TOKEN) and constant_time_compare(token, settings.HEALTH_TOKEN)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered on the profile so that emails follow it."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        preferred_language_set(user=request.user, language=language)
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: with the manifest storage the name is known after collectstatic.
    return HttpResponsePermanentRedirect(static("favicon.svg"))


# --- The bell -------------------------------------------------------------------------


@login_required
@require_safe
def notifications_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {"notifications": notifications_for(request.user)},
    )


@login_required
@require_safe
@never_cache
def notifications_bell(request: HttpRequest) -> HttpResponse:
    """The count in the menu, loaded after the page (so no page pays a query for it)."""
    return render(request, "notifications/bell.html", {"count": unread_count(request.user)})


@login_required
@require_safe
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open what the notification is about; it is read from then on."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_read(user=request.user, pk=notification.pk)
    # Our own paths only (made by reverse); anything else goes to the dashboard.
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None)
    return redirect(notification.url if safe and notification.url.startswith("/") else "dashboard")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications_read(user=request.user)
    return redirect("notifications")


# --- Pages every visitor may need ---------------------------------------------------


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement public bodies must publish (lagen om tillgänglighet
    till digital offentlig service): what is tested, what is known not to work yet, how
    to report a problem and to whom to complain."""
    return render(
        request,
        "accessibility.html",
        {"contact": settings.ACCESSIBILITY_CONTACT, "reviewed": "2026-12-02"},
    )
