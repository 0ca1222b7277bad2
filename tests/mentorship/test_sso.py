"""Issue 19, part 1: an organisation's people log in through its OpenID Connect provider,
a real one on loopback (oidc-provider-mock), then staff set up a second factor."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.sites.models import Site
from django.urls import reverse
from oidc_provider_mock import User as IdpUser
from oidc_provider_mock import run_server_in_thread

from mentorship.models import User
from programs.services.core import coordinator_add
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PEOPLE = [
    IdpUser(
        sub="kim",
        claims={
            "email": "kim@myndigheten.example",
            "email_verified": True,
            "given_name": "Kim",
            "family_name": "Ek",
        },
    ),
    IdpUser(sub="new", claims={"email": "ny@myndigheten.example", "email_verified": True}),
    IdpUser(sub="outsider", claims={"email": "boss@elsewhere.example", "email_verified": True}),
    IdpUser(sub="unverified", claims={"email": "sam@myndigheten.example"}),
]


@pytest.fixture(scope="module")
def idp():
    with run_server_in_thread(user_claims=PEOPLE) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def organisation(idp):
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="myndigheten",
        name="Myndigheten",
        client_id="mentorship",
        secret="a-client-secret",
        settings={"server_url": idp},
    )
    app.sites.add(Site.objects.get_current())
    return OrganisationFactory(name="Myndigheten", sso_domains=["myndigheten.example"], sso_app=app)


def sign_in(client, email: str, sub: str):
    """The login page, the provider's own page (answered as the person would), and back."""
    page = client.post(reverse("account_login"), {"login": email, "password": ""})
    assert page.status_code == 200
    assert "Continue to Myndigheten" in page.text
    start = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": "myndigheten"}),
        {"process": "login"},
    )
    assert start.status_code == 302
    authorize = requests.post(start.url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert authorize.status_code == 302, authorize.text
    back = urlsplit(authorize.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_a_coordinator_logs_in_through_the_provider_and_must_add_a_second_factor(
    client, organisation, program, settings
):
    settings.SECOND_FACTOR_REQUIRED = True
    kim = UserFactory(email="kim@myndigheten.example", first_name="Kim")
    coordinator_add(program=program, user=kim)

    response = sign_in(client, kim.email, "kim")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(kim.pk)
    assert SocialAccount.objects.filter(user=kim, uid="kim").exists()  # linked, not new
    assert client.get("/admin/").url == reverse("mfa_index")


def test_a_new_person_gets_an_account_from_the_providers_verified_address(client, organisation):
    sign_in(client, "ny@myndigheten.example", "new")

    person = User.objects.get(email="ny@myndigheten.example")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_provider_cannot_log_anyone_in_outside_its_domains(client, organisation):
    boss = UserFactory(email="boss@elsewhere.example", is_staff=True, is_superuser=True)

    response = sign_in(client, "kim@myndigheten.example", "outsider")

    assert response.status_code == 403
    assert "did not confirm an email address of your organisation" in response.text
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=boss).exists()


def test_an_unverified_address_is_not_linked_to_the_account(client, organisation):
    sam = UserFactory(email="sam@myndigheten.example")

    response = sign_in(client, sam.email, "unverified")

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=sam).exists()


def test_other_addresses_log_in_with_their_password_as_before(client, organisation):
    from tests.factories import PASSWORD

    person = UserFactory(email="anna@example.org")

    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def password_box(page) -> str:
    return re.search(r"<input[^>]*name=\"password\"[^>]*>", page.text).group(0)


def test_the_login_page_tells_an_organisations_people_to_leave_the_password_empty(
    client, organisation
):
    page = client.get(reverse("account_login"))
    assert "leave the password empty" in page.text
    # The browser lets them send the form without one; the server still asks the others.
    assert " required" not in password_box(page)
    refused = client.post(reverse("account_login"), {"login": "anna@example.org", "password": ""})
    assert refused.status_code == 200
    assert "This field is required." in refused.text
    assert "_auth_user_id" not in client.session


def test_without_single_sign_on_the_login_page_asks_for_a_password(client):
    page = client.get(reverse("account_login"))
    assert "leave the password empty" not in page.text
    assert " required" in password_box(page)


def test_only_a_superuser_sets_an_organisations_single_sign_on(client, organisation, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("admin:programs_organisation_change", args=[organisation.pk]))
    assert 'name="sso_domains"' not in page.text
