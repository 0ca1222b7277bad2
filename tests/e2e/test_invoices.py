"""003's coordinator issues the cohort's fee invoices on the fee report, downloads one
as a Peppol e-invoice and marks it sent."""

from pathlib import Path

import pytest
from peppol.xsd import validate_xsd
from playwright.sync_api import expect

from programs.models import Cohort, FeeInvoice
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in


@pytest.mark.e2e
def test_003_coordinator_issues_the_invoices_and_marks_one_sent(page, db):
    seed_demo()
    cohort = Cohort.objects.get(program__slug="mentorskap-for-medarbetare")
    log_in(page, "samordnare-myndigheter@example.org")
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="Avgifter", exact=True).click()
    page.get_by_role("button", name="Utfärda fakturorna").click()

    issued = FeeInvoice.objects.filter(cohort=cohort).order_by("number")
    expect(page.locator(".messagelist")).to_contain_text(f"{issued.count()} fakturor utfärdade")
    first = issued.first()
    row = page.locator("table.fee-invoices tr", has_text=first.number)
    expect(row).to_contain_text(first.organisation.name)
    assert wcag_violations(page) == []
    with page.expect_download() as download:
        row.get_by_role("link", name=f"E-faktura {first.number} (XML)").click()
    valid, errors = validate_xsd(Path(download.value.path()).read_bytes())
    assert valid, errors
    row.get_by_role("button", name=f"Markera {first.number} som skickad").click()
    expect(page.locator(".messagelist")).to_contain_text("är markerad som skickad")
    expect(
        page.locator("table.fee-invoices tr", has_text=first.number).get_by_role("button")
    ).to_have_count(0)
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
