from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
