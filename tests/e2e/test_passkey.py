"""Issue 19, part 2, in the browser: a coordinator adds a passkey as their second factor
(Chromium's virtual authenticator stands in for the phone or the security key), and
then logs in with the passkey alone."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.factories import PASSWORD, ProgramFactory, UserFactory


def virtual_authenticator(page) -> None:
    """A passkey store that answers like a phone with its screen lock: it keeps the key
    (resident) and confirms the person (user verification)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


@pytest.mark.e2e
def test_a_coordinator_adds_a_passkey_and_logs_in_with_it_alone(page, db, settings, live_server):
    settings.SECOND_FACTOR_REQUIRED = True
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks http
    user = UserFactory(email="passkey.samordnare@example.se")
    coordinator_add(program=ProgramFactory(), user=user)
    page.context.add_cookies([{"name": "language", "value": "en", "url": live_server.url}])
    virtual_authenticator(page)

    page.goto("/accounts/login/?next=/admin/")
    page.locator("#id_login").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")

    page.goto("/accounts/2fa/webauthn/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add Security Key")
    assert wcag_violations(page) == []
    page.get_by_label("Name").fill("Phone")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    # Away from the add page (its own address matches "**/2fa/**" already).
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Two-Factor Authentication")

    page.goto("/")
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Two-Factor Authentication")
