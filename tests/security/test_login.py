"""Issue 12, defect 2: one rate limit and lockout for every way in."""

import pytest

from mentorship.models import OutgoingEmail
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_unlimited_staff_password_guessing_admin_login_is_allauths(client, coordinator):
    """Django's admin form had no limit; it no longer logs anyone in, it sends them to
    allauth's login, which keeps the admin as where to go next."""
    response = client.post(
        "/admin/login/?next=/admin/programs/",
        {"username": coordinator.email, "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fprograms%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").url.startswith("/admin/login/")


def test_unlimited_staff_password_guessing_30_wrong_passwords_lock_every_path(client, coordinator):
    for _ in range(30):
        client.post("/accounts/login/", {"login": coordinator.email, "password": "guess"})

    right = client.post("/accounts/login/", {"login": coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert right.status_code in (200, 429)
    code = client.post("/accounts/login/code/", {"email": coordinator.email})
    assert "_auth_user_id" not in client.session
    assert not OutgoingEmail.objects.filter(to=coordinator.email).exists()  # no code
    assert code.status_code in (200, 429)
    admin = client.post("/admin/login/", {"username": coordinator.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert admin.status_code == 302


def test_logged_in_participant_at_the_admin_is_refused_not_looped(client, mentee):
    client.force_login(mentee.user)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


def test_login_code_is_sent_to_an_address_that_is_not_locked(client, coordinator):
    client.post("/accounts/login/code/", {"email": coordinator.email})

    assert OutgoingEmail.objects.filter(to=coordinator.email, template__contains="code").exists()
