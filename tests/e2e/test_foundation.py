import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.demo_data import seed_demo

# As the English admin names them (issue 19: English is English).
FIVE_PROGRAMS = [
    "Mentorship program for women in politics",
    "Mentors for top politicians",
    "The mentor program in Stockholm",
    "Cross-agency mentoring for government employees",
    "Mentor program for entrepreneurs",
]


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


@pytest.mark.e2e
def test_visitor_in_english_and_coordinators_find_their_programs_in_the_admin(page):
    seed_demo()

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentorskapsprogram")
    expect(page.locator(".program-card")).to_have_count(5)

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentorship programs")
    expect(page.get_by_role("link", name="Mentors for top politicians")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    log_in(page, "kansli@example.org")
    page.get_by_role("link", name="Coordinator admin", exact=True).click()
    page.get_by_role("rowheader", name="Programs", exact=True).get_by_role("link").click()
    for name in FIVE_PROGRAMS:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.locator("#result_list tbody tr")).to_have_count(5)

    page.goto("/")
    log_out(page)
    log_in(page, "samordnare-nyanlanda@example.org")
    page.goto("/admin/programs/program/")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    link = page.get_by_role("link", name="The mentor program in Stockholm", exact=True)
    expect(link).to_be_visible()
    link.click()
    swedish_name = page.get_by_label("Name (Swedish):", exact=True)
    expect(swedish_name).to_have_value("Mentorprogrammet i Stockholm")
    # The Swedish box says it is Swedish (WCAG 3.1.2) on the English page.
    expect(swedish_name).to_have_attribute("lang", "sv")
