import pytest
from playwright.sync_api import expect

from matching.models import MatchingPolicy
from programs.services.core import coordinator_add
from tests.factories import PASSWORD, CohortFactory, OrganisationFactory, UserFactory
from tests.matching.conftest import person


@pytest.mark.e2e
def test_the_board_says_one_more_place_for_mia_matches_bo_and_one_click_does_it(page, db):
    """Three mentees of agency A, two mentors: only Mia is of another agency, and she has
    two places: one mentee is left, and one more place for Mia matches her."""
    cohort = CohortFactory(program__name_sv="Mentorskap för medarbetare")
    MatchingPolicy.objects.create(program=cohort.program, different_organisation=True)
    a, b = OrganisationFactory(name="Verket A"), OrganisationFactory(name="Verket B")
    for name in ("Anna", "Bo", "Cleo"):
        person(cohort, "mentee", a, areas=["ledarskap"], name=name)
    person(cohort, "mentor", b, areas=["ledarskap"], capacity=2, name="Mia")
    person(cohort, "mentor", a, areas=["ledarskap"], capacity=2, name="Nils")
    coordinator = UserFactory(email="samordnare@verket.example.se", is_staff=True)
    coordinator_add(program=cohort.program, user=coordinator)

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(coordinator.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.goto(f"/admin/matching/board/{cohort.pk}/")
    page.get_by_role("button", name="Kör matchningen").click()

    left = page.locator("#unmatched tr.unmatched")
    expect(left).to_have_count(1)
    expect(left).to_contain_text("Alla tillåtna mentorer är fullbokade")
    expect(page.locator("#idle-mentors")).to_contain_text("Nils")
    left.get_by_role("button", name="en plats till").click()
    expect(page.locator(".messagelist")).to_contain_text("har en plats till")
    page.get_by_role("button", name="Kör igen runt de låsta paren").click()
    expect(page.locator("tr.proposal")).to_have_count(3)
    expect(page.locator("#unmatched")).to_have_count(0)
