"""Issue 19, part 2: staff log in with a second factor (allauth.mfa), others may.

Everyone who can open the admin (coordinators, superusers) sees sensitive answers and
exports personal data: they set up an authenticator app or a security key before any
other page opens, and cannot remove the last one.
"""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def _required(settings):
    settings.SECOND_FACTOR_REQUIRED = True
    # The code of this 30-second step and of the next are both accepted, so a test may
    # activate the app and then log in without waiting for a fresh code.
    settings.MFA_TOTP_TOLERANCE = 1


def code(secret: str, step: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def log_in(client, user) -> None:
    """A real login with the password (allauth asks for it again before a second factor
    is added, unless the person logged in a moment ago)."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def log_out(client) -> None:
    client.logout()  # which forgets the client's cookies, the language too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def activate_totp(client) -> str:
    """Set up an authenticator app through allauth's page; returns its secret."""
    page = client.get(reverse("mfa_activate_totp"))
    if page.status_code == 302:  # allauth asks for the password again first
        assert page.url.startswith(reverse("account_reauthenticate"))
        client.post(page.url, {"password": PASSWORD})
        page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.text)
    secret = secret or re.search(r'value="([A-Z2-7]{32})"', page.text)
    assert secret, page.text
    secret = secret.group(1)
    done = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert done.status_code == 302, done.text
    return secret


def test_coordinator_without_second_factor_is_sent_to_set_one_up(client, coordinator):
    client.force_login(coordinator)

    for path in ("/admin/", "/admin/programs/application/", "/dashboard/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("mfa_index")
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "set up a second factor" in page.text


def test_superuser_without_second_factor_is_sent_to_set_one_up(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    assert client.get("/admin/programs/program/").url == reverse("mfa_index")


def test_bell_of_a_coordinator_without_second_factor_is_refused_not_redirected(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("notifications_bell"), headers={"HX-Request": "true"})

    assert response.status_code == 403


def test_participant_needs_no_second_factor_but_may_add_one(client, mentee):
    log_in(client, mentee.user)

    assert client.get("/dashboard/").status_code == 200
    activate_totp(client)
    assert Authenticator.objects.filter(user=mentee.user, type="totp").exists()
    # And, having one, may remove it again.
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=mentee.user, type="totp").exists()


def test_coordinator_with_an_app_opens_the_admin_and_cannot_remove_the_last_factor(
    client, coordinator
):
    log_in(client, coordinator)
    activate_totp(client)

    assert client.get("/admin/").status_code == 200
    refused = client.post(reverse("mfa_deactivate_totp"))
    assert refused.status_code == 200
    assert "You cannot deactivate two-factor authentication." in refused.text
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()


def test_coordinator_logs_in_with_password_then_code(client, coordinator):
    log_in(client, coordinator)
    secret = activate_totp(client)
    log_out(client)

    first = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD}
    )
    assert first.status_code == 302
    assert first.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "Incorrect code." in wrong.text
    assert "_auth_user_id" not in client.session
    right = client.post(reverse("mfa_authenticate"), {"code": code(secret, 1)})
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_login_code_by_email_still_asks_for_the_second_factor(client, coordinator):
    from mentorship.models import OutgoingEmail

    log_in(client, coordinator)
    activate_totp(client)
    log_out(client)

    client.post(reverse("account_request_login_code"), {"email": coordinator.email})
    mail = OutgoingEmail.objects.filter(to=coordinator.email, template__contains="code").last()
    login_code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mail.body_text)
    entered = client.post(reverse("account_confirm_login_code"), {"code": login_code.group(1)})

    assert entered.status_code == 302
    assert entered.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
