from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import Participant
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out

MENTEE = "adept@myndigheter.example.se"


@pytest.mark.e2e
def test_a_mentee_ranks_three_mentors_and_the_run_gives_her_one_with_the_reason_shown(page, db):
    seed_demo()
    mentee = Participant.objects.select_related("cohort", "user").get(user__email=MENTEE)
    board = f"/admin/matching/board/{mentee.cohort_id}/"

    log_in(page, "samordnare-myndigheter@example.org")
    page.goto(board)
    closes = timezone.localtime() + timedelta(days=5)
    page.get_by_label("Öppet till").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Öppna valet").click()
    expect(page.locator(".messagelist")).to_contain_text("Adepterna rangordnar mentorer")
    log_out(page)

    log_in(page, MENTEE)
    page.get_by_role("link", name="Rangordna dina mentorer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rangordna dina mentorer")
    choices = page.locator(".wish-candidate select")
    assert choices.count() >= 3
    chosen = []
    for rank in (1, 2, 3):
        choice = choices.nth(rank - 1)
        choice.select_option(str(rank))
        chosen.append(page.locator(".wish-candidate strong").nth(rank - 1).inner_text())
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Spara mina val").click()
    expect(page.locator(".messages")).to_contain_text("Dina val är sparade")
    log_out(page)

    log_in(page, "samordnare-myndigheter@example.org")
    page.goto(board)
    expect(page.locator("#preference-figures")).to_contain_text("1 adept har rangordnat")
    page.get_by_role("button", name="Kör matchningen").click()
    row = page.locator(f"tr.proposal[data-mentee='{mentee.pk}']")
    expect(row).to_be_visible()
    assert row.locator("td").nth(1).inner_text().split("\n")[0].strip() in chosen
    expect(row.locator(".explanation")).to_contain_text("adeptens val nummer")


@pytest.mark.e2e
def test_a_mentor_says_a_mentee_is_not_a_fit_and_takes_it_back(page, db):
    from matching.models import MentorDecline
    from matching.services.preferences import preference_window_open
    from mentorship.models import User

    seed_demo()
    mentor = Participant.objects.get(user__email="mentor@myndigheter.example.se")
    preference_window_open(
        cohort=mentor.cohort,
        closes_at=timezone.now() + timedelta(days=3),
        by=User.objects.get(email="samordnare-myndigheter@example.org"),
    )

    log_in(page, "mentor@myndigheter.example.se")
    page.get_by_role("link", name="Se adepterna").click()
    first = page.locator(".decline-candidate").first
    name = first.locator("strong").inner_text()
    first.get_by_label("Varför").fill("Vi arbetar i samma grupp")
    assert wcag_violations(page) == []
    first.get_by_role("button", name="passar inte").click()
    expect(page.locator(".messages")).to_contain_text(f"Ingen matchning parar ihop dig med {name}")
    assert MentorDecline.objects.get(mentor=mentor).reason == "Vi arbetar i samma grupp"

    page.locator(".decline-candidate", has_text="Passar inte.").get_by_role(
        "button", name="Ångra"
    ).click()
    expect(page.locator(".messages")).to_contain_text("kan föreslås för dig igen")
    assert not MentorDecline.objects.exists()
