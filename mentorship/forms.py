"""Account forms that differ from allauth's, and small pieces every app's forms share."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import RequestLoginCodeForm as AllauthRequestLoginCodeForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordInputNotRequired(forms.PasswordInput):
    """A password box the browser lets one leave empty (the server still asks for it)."""

    def use_required_attribute(self, initial) -> bool:
        return False


class LoginForm(AllauthLoginForm):
    """allauth's login; where organisations log their people in (single sign-on), the
    page says so, and the browser lets their people send it without a password: the
    address alone sends them to their organisation's login (mentorship.sso)."""

    def __init__(self, *args, **kwargs) -> None:
        from mentorship.sso import sso_in_use

        super().__init__(*args, **kwargs)
        if sso_in_use():
            password = self.fields["password"]
            password.widget = PasswordInputNotRequired(attrs=password.widget.attrs)
            password.help_text = _(
                "Does your organisation log you in (single sign-on)? Type your work "
                "email and leave the password empty: you are sent to its login."
            )


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


LANGUAGE_SUFFIXES = ("_sv", "_en")


def mark_language(field: forms.Field | None, name: str) -> None:
    """A box for one language's text (`name_sv`, `title_en`) says which language it
    holds: a screen reader then reads the Swedish name in Swedish on an English page
    (WCAG 3.1.2), and the language checks know the text is meant to be Swedish."""
    if field is None or not name.endswith(LANGUAGE_SUFFIXES):
        return
    widget = getattr(field.widget, "widget", field.widget)  # inside a related-field wrapper
    widget.attrs.setdefault("lang", name[-2:])


class LanguageFieldsMixin:
    """A form whose `_sv`/`_en` boxes say which language they hold (`mark_language`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            mark_language(field, name)
