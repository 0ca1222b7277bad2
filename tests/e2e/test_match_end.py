import pytest
from playwright.sync_api import expect

from matching.models import Match
from matching.services.matching import match_create
from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out
from tests.factories import PASSWORD, CohortFactory, ParticipantFactory, UserFactory


@pytest.mark.e2e
def test_mentee_ends_the_match_early_and_the_coordinator_reads_why(page, db):
    cohort = CohortFactory(state="running")
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    mentee = ParticipantFactory(cohort=cohort, role="mentee", user__email="adept@example.org")
    mentor = ParticipantFactory(cohort=cohort, role="mentor", user__first_name="Maja")
    match = match_create(mentee=mentee, mentor=mentor, by=coordinator)

    log_in(page, mentee.user.email, PASSWORD)
    page.get_by_role("link", name="Avsluta matchningen i förtid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avsluta matchningen i förtid")
    page.get_by_role("button", name="Avsluta matchningen").click()
    expect(page.get_by_text("Detta fält måste fyllas i.")).to_be_visible()
    assert wcag_violations(page) == []
    page.get_by_label("Varför avslutas matchningen?").fill("Vi har inte hittat en gemensam tid.")
    page.get_by_role("button", name="Avsluta matchningen").click()
    expect(page.get_by_text("Matchningen är avslutad.")).to_be_visible()
    expect(page.get_by_role("link", name="Avsluta matchningen i förtid")).to_have_count(0)
    log_out(page)

    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/matching/match/{match.pk}/change/")
    expect(page.locator("#content-main")).to_contain_text("Vi har inte hittat en gemensam tid.")
    expect(page.get_by_role("link", name="Slutför eller avsluta matchningen")).to_have_count(0)
    assert Match.objects.get(pk=match.pk).state == "ended"


@pytest.mark.e2e
def test_coordinator_completes_a_match_from_its_admin_page(page, db):
    cohort = CohortFactory(state="running")
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    match = match_create(
        mentee=ParticipantFactory(cohort=cohort, role="mentee"),
        mentor=ParticipantFactory(cohort=cohort, role="mentor"),
        by=coordinator,
    )

    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/matching/match/{match.pk}/change/")
    page.get_by_role("link", name="Slutför eller avsluta matchningen").click()
    page.get_by_label("Avslutad i förtid").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".errorlist")).to_contain_text("Ange varför matchningen avslutas.")
    assert wcag_violations(page) == []
    page.get_by_label("Genomförd: paret har gått hela vägen").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".messagelist")).to_contain_text("Matchningen är nu genomförd.")
    assert Match.objects.get(pk=match.pk).state == "completed"
