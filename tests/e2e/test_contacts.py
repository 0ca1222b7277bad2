"""003 in the browser: a nomination-only cohort has no public apply button; the
coordinator (no superuser) invites an agency's contact person, who chooses a password
from the emailed link and finds the nomination form on their page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from programs.enums import IntakeChannel
from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out
from tests.factories import PASSWORD, CohortFactory, UserFactory


@pytest.mark.e2e
def test_coordinator_invites_a_contact_who_logs_in_and_finds_the_nomination_page(page):
    cohort = CohortFactory(
        program__name_sv="Mentorskap i staten",
        mentor_intake=IntakeChannel.NOMINATION,
        mentee_intake=IntakeChannel.NOMINATION,
    )
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)

    page.goto(f"/programs/{cohort.program.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mentorskap i staten")
    expect(page.get_by_role("link", name="Ansök", exact=True)).to_have_count(0)

    log_in(page, coordinator.email, PASSWORD)
    page.goto("/admin/programs/organisationcontact/add/")
    page.get_by_label("Förnamn").fill("Lena")
    page.get_by_label("Efternamn").fill("Kontakt")
    page.get_by_label("E-post").fill("lena@skatteverket.example.se")
    page.get_by_label("eller en ny organisation").fill("Skatteverket")
    page.locator("#id_program").select_option(str(cohort.program_id))
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Lena Kontakt är inbjuden")
    log_out(page)

    [invitation] = [m for m in mail.outbox if m.to == ["lena@skatteverket.example.se"]]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", invitation.body)
    page.goto(link.group(1))
    page.locator("#id_password1").fill("Blå-Kanel-Fyrtorn-42")
    page.locator("#id_password2").fill("Blå-Kanel-Fyrtorn-42")
    page.locator("#id_password2").press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))
    log_in(page, "lena@skatteverket.example.se", "Blå-Kanel-Fyrtorn-42")
    page.goto("/dashboard/")
    nominate = page.get_by_role("link", name=re.compile("Mentorskap i staten"))
    nominate.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nominera")
