"""Importing people from a spreadsheet in the browser: a refused line is named, the fixed
file previews, and one confirm adds them."""

import pytest
from playwright.sync_api import expect

from programs.models import Organisation, Participant
from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in
from tests.factories import PASSWORD, CohortFactory, UserFactory

HEADING = "E-post;Förnamn;Efternamn;Roll;Organisation\n"


@pytest.mark.e2e
def test_a_coordinator_imports_the_cohort_from_a_spreadsheet(page, db, tmp_path):
    cohort = CohortFactory()
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    bad = tmp_path / "deltagare.csv"
    bad.write_text(
        HEADING + "ada@example.se;Ada;Berg;mentor;Skatteverket\nbo@example;Bo;Ek;adept;\n",
        encoding="utf-8",
    )
    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="Importera personer från ett kalkylblad").click()
    page.get_by_label("Kalkylblad").set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollera filen").click()

    expect(page.locator(".import-summary")).to_contain_text("1 att lägga till")
    expect(page.locator("tr.import-refused")).to_contain_text("3")
    expect(page.locator("tr.import-refused")).to_contain_text("”bo@example” är ingen e-postadress")
    expect(page.get_by_role("button", name="Importera dem")).to_have_count(0)
    assert wcag_violations(page) == []

    good = tmp_path / "deltagare2.csv"
    good.write_text(
        HEADING + "ada@example.se;Ada;Berg;mentor;Skatteverket\nbo@example.se;Bo;Ek;adept;\n",
        encoding="utf-8",
    )
    page.get_by_label("Kalkylblad").set_input_files(str(good))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.locator(".import-summary")).to_contain_text("2 att lägga till")
    page.get_by_role("button", name="Importera dem").click()
    expect(page.locator(".messagelist")).to_contain_text("2 tillagda")
    assert Participant.objects.filter(cohort=cohort).count() == 2
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/admin/programs/cohort/{cohort.pk}/import/")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.e2e
def test_a_coordinator_imports_the_programs_organisations(page, db, tmp_path):
    cohort = CohortFactory()
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    sheet = tmp_path / "myndigheter.csv"
    sheet.write_text(
        "Namn;Organisationsnummer;Typ;Fakturareferens\n"
        "Lantmäteriet;202100-4888;myndighet;LM-9\nFel AB;556016-0681;företag;\n",
        encoding="utf-8",
    )
    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="Importera organisationer från ett kalkylblad").click()
    page.get_by_label("Kalkylblad").set_input_files(str(sheet))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.locator("tr.import-refused")).to_contain_text("inget svenskt organisationsnummer")
    expect(page.get_by_role("button", name="Importera dem")).to_have_count(0)
    assert wcag_violations(page) == []

    sheet.write_text(
        "Namn;Organisationsnummer;Typ;Fakturareferens\nLantmäteriet;202100-4888;myndighet;LM-9\n",
        encoding="utf-8",
    )
    page.get_by_label("Kalkylblad").set_input_files(str(sheet))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.locator(".import-summary")).to_contain_text("1 att lägga till")
    page.get_by_role("button", name="Importera dem").click()
    expect(page.locator(".messagelist")).to_contain_text("1 tillagda")
    organisation = Organisation.objects.get(name="Lantmäteriet")
    assert organisation.invoice_reference == "LM-9"
    assert list(cohort.program.listed_organisations.all()) == [organisation]
