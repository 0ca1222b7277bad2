import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language

from mentorship.models import User
from mentorship.services import email_queue_rendered


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset, login codes) go through Celery."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = self.request
        ctx = {"request": request, "email": email, **context}
        ctx.setdefault("current_site", get_current_site(request))
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (body for body, mimetype in getattr(message, "alternatives", []) if "html" in mimetype),
            "",
        )
        user = User.objects.filter(email__iexact=email).first()
        email_queue_rendered(
            to=email,
            subject=message.subject,
            body_text=message.body if message.content_subtype == "plain" else "",
            body_html=html if message.content_subtype == "plain" else message.body,
            template=template_prefix,
            language=get_language() or "sv",
            user=user,
            # Each account email is its own occasion: a resend is a new code or link.
            idempotency_key=f"account:{template_prefix}:{uuid.uuid4()}",
        )

    def login_locked(self, request, **credentials) -> bool:
        """Whether too many wrong passwords for this login lock it right now (allauth's
        login_failed limit, which every path of ours goes through)."""
        key = self._get_login_attempts_cache_key(request, **credentials)
        return not ratelimit.consume(request, action="login_failed", key=key, dry_run=True)


# What counts as a second factor; recovery codes only stand in for one.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


class MFAAdapter(DefaultMFAAdapter):
    """Staff keep at least one second factor: the last app or key cannot be removed."""

    def has_second_factor(self, user: User) -> bool:
        return self.is_mfa_enabled(user, types=SECOND_FACTORS)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        from programs.rules import needs_second_factor

        user = authenticator.user
        if authenticator.type not in SECOND_FACTORS or not needs_second_factor(user):
            return True
        others = Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS)
        return others.exclude(pk=authenticator.pk).exists()
