"""Issue 19, part 1, for organisations whose identity provider speaks SAML 2.0 only: the
same login as through OpenID Connect, against a real SAML IdP on loopback
(tests/mentorship/saml_idp.py) that signs its answers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.sites.models import Site
from django.urls import reverse

from mentorship.models import User
from programs.services.core import coordinator_add
from tests.factories import OrganisationFactory, UserFactory
from tests.mentorship.saml_idp import SamlIdp, posted_form, provider_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PEOPLE = {
    "kim": {
        "email": "kim@kommunen.example",
        "given_name": "Kim",
        "surname": "Ek",
        "email_verified": "true",
    },
    "new": {"email": "ny@kommunen.example", "given_name": "Nora", "email_verified": "true"},
    "outsider": {"email": "boss@elsewhere.example", "email_verified": "true"},
    "unverified": {"email": "sam@kommunen.example"},
}


# The site's address (python3-saml refuses a single-label host such as "testserver").
HOST = "mentorskap.example"


@pytest.fixture(autouse=True)
def site_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


@pytest.fixture(scope="module")
def idp():
    with SamlIdp(PEOPLE) as server:
        yield server


@pytest.fixture
def organisation(idp):
    idp.tamper = False
    app = provider_for(idp, "kommunen", "Kommunen")
    return OrganisationFactory(name="Kommunen", sso_domains=["kommunen.example"], sso_app=app)


def sign_in(client, email: str, person: str):
    """The login page, the IdP's own page (answered as the person would), and back."""
    client.defaults["HTTP_HOST"] = HOST  # as a browser sends it; SAML reads it
    page = client.post(reverse("account_login"), {"login": email, "password": ""})
    assert page.status_code == 200
    assert "Continue to Kommunen" in page.text
    start_url = reverse("saml_login", kwargs={"organization_slug": "kommunen"})
    assert f'action="{start_url}"' in page.text
    start = client.post(start_url, {"process": "login"})
    assert start.status_code == 302 and start.url.startswith("http://127.0.0.1:")
    answer = requests.get(start.url, params={"person": person}, timeout=10)
    assert answer.status_code == 200
    action, fields = posted_form(answer.text)
    acs = client.post(urlsplit(action).path, fields)
    assert acs.status_code == 302
    return client.get(acs.url)


def test_a_coordinator_logs_in_through_the_saml_provider_and_must_add_a_second_factor(
    client, organisation, program, settings
):
    settings.SECOND_FACTOR_REQUIRED = True
    kim = UserFactory(email="kim@kommunen.example", first_name="Kim")
    coordinator_add(program=program, user=kim)

    response = sign_in(client, kim.email, "kim")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(kim.pk)
    assert SocialAccount.objects.filter(user=kim, provider="kommunen").exists()
    assert client.get("/admin/").url == reverse("mfa_index")


def test_a_new_person_gets_an_account_from_the_saml_providers_verified_address(
    client, organisation
):
    sign_in(client, "ny@kommunen.example", "new")

    person = User.objects.get(email="ny@kommunen.example")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert person.first_name == "Nora"


def test_a_saml_provider_cannot_log_anyone_in_outside_its_domains(client, organisation):
    boss = UserFactory(email="boss@elsewhere.example", is_staff=True, is_superuser=True)

    response = sign_in(client, "kim@kommunen.example", "outsider")

    assert response.status_code == 403
    assert "did not confirm an email address of your organisation" in response.text
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=boss).exists()


def test_an_address_the_saml_provider_does_not_vouch_for_is_not_linked(client, organisation):
    sam = UserFactory(email="sam@kommunen.example")

    response = sign_in(client, sam.email, "unverified")

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=sam).exists()


def test_an_answer_changed_after_the_provider_signed_it_logs_no_one_in(client, organisation, idp):
    boss = UserFactory(email="boss@kommunen.example", is_staff=True, is_superuser=True)
    idp.tamper = True

    response = sign_in(client, "kim@kommunen.example", "kim")

    assert "_auth_user_id" not in client.session
    # python3-saml: "Signature validation failed. SAML Response rejected".
    assert response.status_code == 401 and "Third-Party Login Failure" in response.text
    assert not SocialAccount.objects.filter(user=boss).exists()


def test_the_superuser_finds_what_the_idp_needs_and_the_metadata_answers(
    client, organisation, settings
):
    settings.SECOND_FACTOR_REQUIRED = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:programs_organisation_change", args=[organisation.pk]))

    metadata = reverse("saml_metadata", kwargs={"organization_slug": "kommunen"})
    assert settings.SITE_URL + metadata in page.text
    assert "/accounts/saml/kommunen/acs/" in page.text
    client.defaults["HTTP_HOST"] = HOST
    answer = client.get(metadata)
    assert answer.status_code == 200
    assert b"AssertionConsumerService" in answer.content
    assert f"http://{HOST}/accounts/saml/kommunen/acs/".encode() in answer.content


def test_a_new_identity_provider_serves_this_site_unless_moved_off(client, settings):
    # allauth finds a provider only among the current site's: the picker starts there.
    settings.SECOND_FACTOR_REQUIRED = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:socialaccount_socialapp_add"))

    site = Site.objects.get_current()
    chosen = re.search(r'<select name="sites"[^>]*>(.*?)</select>', page.text, re.S).group(1)
    assert re.search(rf'<option value="{site.pk}"[^>]*selected', chosen)
