import pytest
from playwright.sync_api import expect

from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in
from tests.events.health_data import health_cohort, populate
from tests.factories import PASSWORD, UserFactory


@pytest.mark.e2e
def test_coordinator_finds_the_quiet_pairs_first_on_the_cohort_health_page(page, db):
    cohort = health_cohort()
    matches = populate(cohort, 12)
    coordinator = UserFactory(email="halsa@example.org", first_name="Hedda")
    coordinator_add(program=cohort.program, user=coordinator)

    log_in(page, coordinator.email, PASSWORD)
    page.goto("/admin/programs/cohort/")
    page.get_by_role("link", name="Öppna").click()
    page.get_by_role("link", name="Hälsa").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Omgångens hälsa")
    expect(page.locator("#figure-at-risk")).to_have_text("3")  # pairs 0, 4 and 8
    first = page.locator("#pairs tbody tr").first
    expect(first).to_contain_text("Inget möte på")
    expect(first).to_contain_text(matches[0].mentee.user.get_full_name()[:3])
    expect(page.locator("#pairs tbody tr.at-risk")).to_have_count(3)
    expect(page.get_by_role("img", name="Par efter läge")).to_be_visible()
    expect(page.get_by_role("img", name="Genomförda möten per par")).to_be_visible()
    assert wcag_violations(page) == []

    # The printed report leaves out the admin's header and the print button.
    page.emulate_media(media="print")
    expect(page.locator("#header")).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut rapporten")).to_be_hidden()
    expect(page.locator("#pairs")).to_be_visible()
