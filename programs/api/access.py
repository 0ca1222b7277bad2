"""How the API lets a request in: the token, its scope, its rate, its pages.

Kept apart from the resources: Django REST Framework reads these classes from the
settings while its views load, so this module must not import any view.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import SimpleRateThrottle

from programs.models import ApiToken
from programs.services.integrations import api_token_use


class TokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>`: the token's maker is the request's user, the token
    its auth; the change history names the maker for every write."""

    def authenticate(self, request) -> tuple[Any, ApiToken] | None:
        header = get_authorization_header(request).decode(errors="replace").strip()
        if not header:
            return None
        scheme, _space, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        token = api_token_use(key.strip())
        if token is None:
            raise AuthenticationFailed(_("This token is not valid, or it was revoked."))
        pghistory.context(user=token.user_id, api_token=token.pk)
        translation.activate(api_language(request, token))
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def api_language(request, token: ApiToken) -> str:
    """The language of the API's messages: the one the request asks for first
    (Accept-Language), if we have it, else the token's maker's."""
    available = {code for code, _name in settings.LANGUAGES}
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    first = header.split(",")[0].split(";")[0].strip().lower()[:2]
    if first in available:
        return first
    profile = getattr(token.user, "profile", None)
    language = getattr(profile, "preferred_language", "")
    return language if language in available else settings.LANGUAGE_CODE


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "programs.api.access.TokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": _("An API token, mtk_…")}


class TokenScope(BasePermission):
    """A token is needed; writing needs a write token."""

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        if request.method not in SAFE_METHODS and not token.can_write:
            self.message = _("This token may only read.")
            return False
        return True


class TokenRateThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT requests per token (per client address without one)."""

    scope = "token"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view) -> str:
        token = request.auth
        ident = f"token-{token.pk}" if isinstance(token, ApiToken) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class UpdatedCursorPagination(CursorPagination):
    """Pages in the order of change: a system that syncs reads from its last
    `updated_since`, and what changes while it pages comes again at the end."""

    ordering = ("updated_at", "id")
    page_size_query_param = "page_size"
    max_page_size = 500
