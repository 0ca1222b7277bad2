"""WCAG 1.4.11 where axe cannot see: form borders and the focus ring at 3:1 or more."""

import io

import pytest
from django.core.management import call_command

from programs.models import Cohort
from tests.e2e.accessibility import contrast_failures
from tests.e2e.helpers import log_in


@pytest.mark.e2e
def test_form_borders_and_focus_ring_reach_3_to_1_on_the_public_and_pair_pages(page, db):
    call_command("seed_demo", stdout=io.StringIO())
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
