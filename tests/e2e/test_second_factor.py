"""Issue 19, part 2, in the browser: a new coordinator sets up an authenticator app
before the admin opens, then logs in with password and code."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from programs.services.core import coordinator_add
from tests.e2e.accessibility import contrast_failures, wcag_violations
from tests.e2e.helpers import reflows
from tests.factories import PASSWORD, ProgramFactory, UserFactory


def code(secret: str, step: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.mark.e2e
def test_new_coordinator_sets_up_an_app_then_logs_in_with_a_code(page, db, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    settings.MFA_TOTP_TOLERANCE = 1
    user = UserFactory(email="ny.samordnare@example.se")
    coordinator_add(program=ProgramFactory(), user=user)

    page.goto("/accounts/login/?next=/admin/")
    page.locator("#id_login").fill(user.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in", exact=True).click()

    # Sent to the second factor page, told why, before the admin opens.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsautentisering")
    expect(page.get_by_text("Ditt konto kan se personuppgifter")).to_be_visible()
    assert wcag_violations(page) == []
    assert contrast_failures(page, "a, button") == []
    assert reflows(page)
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsautentisering")

    page.get_by_role("link", name="Aktivera").click()
    # allauth asks for the password again before a factor is added.
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta åtkomst")
    assert wcag_violations(page) == []
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Verifiera").click()
    secret = page.locator("#authenticator_secret").input_value()
    assert wcag_violations(page) == []
    assert contrast_failures(page) == []
    assert reflows(page)
    page.get_by_label("Autentiseringskod").fill("123456")
    page.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_text("Felaktig kod.")).to_be_visible()
    page.get_by_label("Autentiseringskod").fill(code(secret))
    page.get_by_role("button", name="Aktivera").click()
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Tvåfaktorsautentisering")
    assert page.url.endswith("/admin/")

    page.goto("/")
    page.get_by_role("button", name="Logga ut").click()
    page.goto("/accounts/login/?next=/admin/")
    page.locator("#id_login").fill(user.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in", exact=True).click()
    expect(page.get_by_label("Kod")).to_be_visible()
    assert wcag_violations(page) == []
    assert reflows(page)
    page.get_by_label("Kod").fill(code(secret, 1))
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_url("**/admin/")


@pytest.mark.e2e
def test_change_history_on_the_application_page_passes_axe_and_reflows(page, db):
    """Issue 19, part 3: the coordinator reads who changed an answer, before and after."""
    import pghistory

    from programs.enums import QuestionKind
    from programs.models import Answer, Question
    from tests.e2e.helpers import log_in
    from tests.factories import CohortFactory, submit

    program = ProgramFactory()
    cohort = CohortFactory(program=program)
    question = Question.objects.create(
        program=program, kind=QuestionKind.SHORT_TEXT, text_sv="Yrke", text_en="Job"
    )
    application = submit(cohort, email="ada@example.org", answers={question.pk: "Lärare"})
    with pghistory.context(user=application.user.pk):
        Answer.objects.filter(application=application).update(value="Rektor")
    user = UserFactory(email="samordnare@example.se")
    coordinator_add(program=program, user=user)

    log_in(page, user.email, PASSWORD)
    page.goto(f"/admin/programs/application/{application.pk}/change/")
    history = page.locator("section.change-history")
    expect(history).to_contain_text("Ada Sökande")
    expect(history).to_contain_text("Svar på ”Yrke”: ändrad")
    expect(history.get_by_role("row").filter(has_text="Rektor")).to_contain_text("Lärare")
    assert wcag_violations(page) == []
    assert reflows(page)


@pytest.mark.e2e
def test_coordinator_logs_in_through_the_organisations_provider_then_adds_a_factor(
    page, db, settings
):
    """Issue 19, part 1, in Chromium: a real OpenID Connect server on loopback."""
    from allauth.socialaccount.models import SocialApp
    from django.contrib.sites.models import Site
    from oidc_provider_mock import User as IdpUser
    from oidc_provider_mock import run_server_in_thread

    from tests.factories import OrganisationFactory

    settings.SECOND_FACTOR_REQUIRED = True
    claims = {"email": "kim@myndigheten.example", "email_verified": True, "given_name": "Kim"}
    with run_server_in_thread(user_claims=[IdpUser(sub="kim", claims=claims)]) as server:
        app = SocialApp.objects.create(
            provider="openid_connect",
            provider_id="myndigheten",
            name="Myndigheten",
            client_id="mentorship",
            secret="a-client-secret",
            settings={"server_url": f"http://localhost:{server.server_port}"},
        )
        app.sites.add(Site.objects.get_current())
        OrganisationFactory(name="Myndigheten", sso_domains=["myndigheten.example"], sso_app=app)
        kim = UserFactory(email="kim@myndigheten.example", first_name="Kim")
        coordinator_add(program=ProgramFactory(), user=kim)

        page.goto("/accounts/login/?next=/admin/")
        page.locator("#id_login").fill(kim.email)
        page.get_by_role("button", name="Logga in", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Logga in via din organisation")
        assert wcag_violations(page) == []
        assert reflows(page)
        page.get_by_role("button", name="Fortsätt till inloggningen hos Myndigheten").click()
        # The provider's own page, on its own origin.
        page.get_by_role("button", name="kim").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsautentisering")
        expect(page.get_by_text("Ditt konto kan se personuppgifter")).to_be_visible()


@pytest.mark.e2e
def test_coordinator_logs_in_through_a_saml_provider_in_the_browser(page, db, settings):
    """Issue 19, part 1, in Chromium: a real SAML IdP on loopback posts its signed answer
    back across sites, as ADFS does."""
    from tests.factories import OrganisationFactory
    from tests.mentorship.saml_idp import SamlIdp, provider_for

    settings.SECOND_FACTOR_REQUIRED = True
    kim = {"email": "kim@kommunen.example", "given_name": "Kim", "email_verified": "true"}
    with SamlIdp({"kim": kim}) as idp:
        app = provider_for(idp, "kommunen", "Kommunen")
        OrganisationFactory(name="Kommunen", sso_domains=["kommunen.example"], sso_app=app)
        person = UserFactory(email=kim["email"], first_name="Kim")
        coordinator_add(program=ProgramFactory(), user=person)

        page.goto("/accounts/login/?next=/admin/")
        page.locator("#id_login").fill(person.email)
        page.get_by_role("button", name="Logga in", exact=True).click()
        page.get_by_role("button", name="Fortsätt till inloggningen hos Kommunen").click()
        # The IdP's own pages, on its own origin.
        page.get_by_role("button", name="kim").click()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsautentisering")
        expect(page.get_by_text("Ditt konto kan se personuppgifter")).to_be_visible()
