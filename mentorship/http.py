"""Reading what a request carries, safely: a `next` address and ids typed by a client."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_next(request: HttpRequest, default: str, *args: object) -> HttpResponseRedirect:
    """Back to `next` when it is a path of this site; anywhere else goes to `default`
    (an open redirect would lend our address to a phishing link)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(default, *args)


def int_or_none(value: object) -> int | None:
    """An id from a form or query string, or None when it is not a whole number in
    PostgreSQL's bigint range (so a typed "abc" is a message, never a server error)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None
