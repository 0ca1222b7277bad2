"""WCAG 1.4.11 where axe cannot see: form borders and the focus ring at 3:1 or more."""

import pytest
from playwright.sync_api import expect

from programs.models import Cohort
from tests.demo_data import seed_demo
from tests.e2e.accessibility import contrast_failures
from tests.e2e.helpers import log_in


@pytest.mark.e2e
def test_form_borders_and_focus_ring_reach_3_to_1_on_the_public_and_pair_pages(page, db):
    seed_demo()
    cohort = Cohort.objects.filter(program__slug="mentorprogram-entreprenorer").first()
    page.goto(f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentor/")
    assert contrast_failures(page) == []
    assert contrast_failures(page, "a, button") == []
    log_in(page, "adept@entreprenorer.example.se")
    page.goto("/profile/")
    assert contrast_failures(page) == []
    assert contrast_failures(page, "a, button") == []


@pytest.mark.e2e
def test_accessibility_statement_and_404_page_pass_axe_and_reflow(page):
    from tests.e2e.accessibility import wcag_violations

    for path in ("/accessibility/", "/no-such-page/"):
        page.goto(path)
        assert wcag_violations(page) == [], path
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tillgänglighetsredogörelse"


@pytest.mark.e2e
def test_switching_language_on_the_application_form_keeps_what_was_typed(page, db):
    seed_demo()
    cohort = Cohort.objects.filter(program__slug="mentorprogram-entreprenorer").first()
    page.goto(f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentor/")
    page.get_by_label("Förnamn").fill("Karin")
    page.get_by_label("Efternamn").fill("Åberg")
    page.get_by_label("Engelska").first.check()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_label("First name")).to_have_value("Karin")
    expect(page.get_by_label("Last name")).to_have_value("Åberg")
    expect(page.get_by_label("English").first).to_be_checked()
    # Consent is asked again, to the text now in English.
    expect(page.locator("#id_consent")).not_to_be_checked()
    # The email language now starts at English too.
    expect(page.locator("input[name=preferred_language][value=en]")).to_be_checked()
