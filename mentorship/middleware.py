from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseForbidden
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _


class LanguageMiddleware(LocaleMiddleware):
    """Swedish unless the person chose otherwise.

    The language comes from the language cookie (the switcher on every page), then the
    logged-in person's preferred language, then Swedish. The browser's Accept-Language is
    not consulted: the product is Swedish first, English one click away.
    """

    def process_request(self, request: HttpRequest) -> None:
        available = {code for code, _ in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in available:
            user = getattr(request, "user", None)
            profile = getattr(user, "profile", None) if user and user.is_authenticated else None
            language = getattr(profile, "preferred_language", None)
        if language not in available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


SECOND_FACTOR = "second_factor"  # session key: the account seen with a second factor


class SecondFactorMiddleware:
    """Staff set up a second factor before any page with personal data opens.

    Open without one: the account pages (where it is set up, and logout), the language
    switch and the accessibility statement. Everything else sends them to the second
    factor page; an HTMX request (the bell) is refused, not redirected.
    """

    OPEN = ("/accounts/", "/i18n/", "/accessibility/", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        from programs.rules import needs_second_factor

        user = request.user
        if (
            user.is_authenticated
            and needs_second_factor(user)
            and not request.path_info.startswith(self.OPEN)
            and not self.has_second_factor(request)
        ):
            if request.headers.get("HX-Request"):
                return HttpResponseForbidden()
            messages.warning(
                request,
                _(
                    "Your account can see personal data: set up a second factor (an "
                    "authenticator app or a security key) before you go on."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def has_second_factor(request: HttpRequest) -> bool:
        """Whether the person has an authenticator app or a security key. Once seen, kept
        in the session (a staff member cannot remove their last one: MFAAdapter), so the
        check costs one query per session."""
        if request.session.get(SECOND_FACTOR) == request.user.pk:
            return True
        from allauth.mfa.adapter import get_adapter

        present = get_adapter().has_second_factor(request.user)
        if present:
            request.session[SECOND_FACTOR] = request.user.pk
        return present
