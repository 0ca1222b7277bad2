"""Single sign-on through an organisation's OpenID Connect or SAML 2.0 provider (issue
19, part 1).

A superuser gives an organisation an identity provider (an allauth social application
of the OpenID Connect or the SAML type) and its email domains. Whoever types an address at one of
those domains on the login page is sent to the provider; the provider's answer logs
them in. An existing account is linked only by an address the provider says it has
verified, and a provider may only speak for its own organisation's domains: it cannot
log anyone in as a person of another domain.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account.views import LoginView
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def domain_of(email: str) -> str:
    return email.strip().rpartition("@")[2].lower()


def sso_organisation_for(email: str):
    """The organisation whose identity provider this address logs in through, or None."""
    from programs.models import Organisation

    domain = domain_of(email)
    if not domain:
        return None
    return (
        Organisation.objects.filter(sso_domains__contains=[domain], sso_app__isnull=False)
        .select_related("sso_app")
        .order_by("pk")
        .first()
    )


class SsoLoginView(LoginView):
    """allauth's login, except that an address of an organisation with single sign-on
    is sent to its provider (one more click, a form that posts to allauth's provider
    login, since that login must not start on a GET)."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        organisation = sso_organisation_for(request.POST.get("login", ""))
        if organisation is None:
            return super().post(request, *args, **kwargs)
        app = organisation.sso_app
        response = render(
            request,
            "account/sso_continue.html",
            {
                "organisation": organisation,
                "action": provider_login_url(app),
                "next": request.POST.get("next") or request.GET.get("next", ""),
            },
        )
        # The form's answer redirects to the provider: the page's CSP lets it go there.
        server = urlsplit(provider_address(app))
        if server.scheme and server.netloc:
            response._csp_update = {"form-action": [f"{server.scheme}://{server.netloc}"]}
        return response


def provider_login_url(app) -> str:
    """Where the login with this identity provider starts (a POST)."""
    if app.provider == "saml":
        # allauth names a SAML application by its client id (the "organization slug").
        return reverse("saml_login", kwargs={"organization_slug": app.client_id})
    return reverse("openid_connect_login", kwargs={"provider_id": app.provider_id})


def provider_address(app) -> str:
    """The provider's own address, where the person is sent to log in."""
    if app.provider == "saml":
        return app.settings.get("idp", {}).get("sso_url", "")
    return app.settings.get("server_url", "")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        """Refuse a provider's answer about an address outside its organisations'
        domains, or one it has not verified."""
        from programs.models import Organisation

        app = sociallogin.provider.app
        domains = {
            d
            for ds in Organisation.objects.filter(sso_app=app).values_list("sso_domains", flat=True)
            for d in ds
        }
        verified = [e.email for e in sociallogin.email_addresses if e.verified]
        if not verified or any(domain_of(email) not in domains for email in verified):
            raise ImmediateHttpResponse(
                render(
                    request,
                    "account/sso_refused.html",
                    {
                        "reason": _(
                            "Your organisation's login did not confirm an email address "
                            "of your organisation. Ask its IT department, or log in with "
                            "your password or an emailed code."
                        )
                    },
                    status=403,
                )
            )
        super().pre_social_login(request, sociallogin)


def sso_in_use() -> bool:
    """Whether any organisation logs its people in through its own provider."""
    from programs.models import Organisation

    return Organisation.objects.filter(sso_app__isnull=False).exclude(sso_domains=[]).exists()
