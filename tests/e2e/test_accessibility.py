import pytest

from tests.e2e.accessibility import wcag_violations
from tests.factories import PASSWORD, CohortFactory, ParticipantFactory

PUBLIC_PAGES = [
    "/",
    "/programs/{slug}/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/login/code/",
]


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["Svenska", "English"])
def test_public_and_account_pages_meet_wcag_21_aa(page, language):
    cohort = CohortFactory(program__slug="tillganglig", program__fee_per_mentee=8000)
    page.goto("/")
    if language == "English":
        page.get_by_role("button", name="English").click()

    for path in PUBLIC_PAGES:
        page.goto(path.format(slug=cohort.program.slug))
        assert wcag_violations(page) == [], path


@pytest.mark.e2e
def test_dashboard_meets_wcag_21_aa_and_works_with_the_keyboard(page):
    participant = ParticipantFactory(user__email="tangent@example.org")

    page.goto("/accounts/login/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hoppa till innehållet"
    page.get_by_label("E-postadress").focus()
    page.keyboard.type("tangent@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/dashboard/")
    assert participant.cohort.program.name_sv in page.content()
    assert wcag_violations(page) == []
