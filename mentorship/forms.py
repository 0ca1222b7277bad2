"""Account forms that differ from allauth's."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.core import context


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """Login by code is refused while the account is locked by wrong passwords: one
    lockout for every way in (password, code, and the admin, which is allauth's)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        adapter = get_adapter()
        if email and adapter.login_locked(context.request, email=email):
            raise adapter.validation_error("too_many_login_attempts")
        return email
