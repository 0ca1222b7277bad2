"""Account forms that differ from allauth's, and small pieces every app's forms share."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """Login by code is refused while the account is locked by wrong passwords: one
    lockout for every way in (password, code, and the admin, which is allauth's)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        adapter = get_adapter()
        if email and adapter.login_locked(context.request, email=email):
            raise adapter.validation_error("too_many_login_attempts")
        return email


def label_split_datetime(field: forms.Field | None, label: str) -> None:
    """Name a date-and-time field's two boxes ("Starts, date", "Starts, time"): the
    admin's widget writes "Date:" and "Time:" as bare text, no label for either box."""
    widget = getattr(field, "widget", None)
    widget = getattr(widget, "widget", widget)  # inside a related-field wrapper
    if isinstance(widget, forms.SplitDateTimeWidget):
        for part, word in zip(widget.widgets, (_("date"), _("time")), strict=True):
            part.attrs["aria-label"] = f"{label}, {word}"
