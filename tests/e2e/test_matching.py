import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from matching.models import Match
from programs.models import Participant
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out


@pytest.fixture
def demo(db):
    seed_demo()


def proposal_rows(page) -> list[tuple[str, str, str, str]]:
    """(mentee, mentee's organisation, mentor, mentor's organisation) of each proposal."""
    rows = []
    for row in page.locator("tr.proposal").all():
        cells = row.locator("td").all()
        mentee, mentee_org = cells[0].inner_text().split("\n")[:2]
        mentor, mentor_org = cells[1].inner_text().split("\n")[:2]
        rows.append((mentee.strip(), mentee_org.strip(), mentor.strip(), mentor_org.strip()))
    return rows


@pytest.mark.e2e
def test_coordinator_matches_the_003_cohort_across_agencies_and_publishes(page, demo):
    log_in(page, "samordnare-myndigheter@example.org")
    page.goto("/admin/")
    page.locator(".cohort-desk h3 a").click()  # the cohort's hub
    page.get_by_role("link", name="Matchningstavla").click()
    page.get_by_role("button", name="Kör matchningen").click()
    expect(page.locator("tr.proposal").first).to_be_visible()

    rows = proposal_rows(page)
    assert len(rows) == 22
    assert all(mentee_org != mentor_org for _, mentee_org, _, mentor_org in rows)
    expect(page.locator("tr.proposal").first.locator(".explanation")).to_contain_text("båda talar")

    locked = rows[0]
    page.locator("tr.proposal").nth(0).get_by_role("button", name="Lås").click()
    forbidden = proposal_rows(page)[1]
    page.locator("tr.proposal").nth(1).get_by_role("button", name="Förbjud").click()
    page.get_by_role("button", name="Kör igen runt de låsta paren").click()
    expect(page.get_by_text("Förra körningen")).to_be_visible()

    rows = proposal_rows(page)
    pairs = {(mentee, mentor) for mentee, _, mentor, _ in rows}
    assert (locked[0], locked[2]) in pairs
    assert (forbidden[0], forbidden[2]) not in pairs

    page.get_by_role("link", name="Publicera matchningarna och presentera paren").click()
    expect(page.locator("#content-main")).to_contain_text("22 par publiceras")
    page.get_by_role("button", name="Publicera och mejla 44 personer").click()
    expect(page.locator(".messagelist")).to_contain_text("matchningar publicerade")
    assert Match.objects.filter(cohort__program__slug="mentorskap-for-medarbetare").count() == 22
    match = (
        Match.objects.filter(cohort__program__slug="mentorskap-for-medarbetare")
        .select_related("mentor__user", "mentee__user")
        .first()
    )
    to_mentee = [m for m in mail.outbox if m.to == [match.mentee.user.email]]
    to_mentor = [m for m in mail.outbox if m.to == [match.mentor.user.email]]
    assert match.mentor.user.email in to_mentee[-1].body
    assert match.mentee.user.email in to_mentor[-1].body


@pytest.mark.e2e
def test_mentee_chooses_a_suggested_mentor_who_says_yes(page, demo):
    log_in(page, "samordnare-entreprenorer@example.org")
    page.goto("/admin/matching/matchingpolicy/")
    page.get_by_role("link", name="Mentorprogram för entreprenörer", exact=True).click()
    page.get_by_label("Läge").select_option("mentee_chooses")
    page.get_by_role("button", name="Spara", exact=True).click()
    log_out(page)

    log_in(page, "adept@entreprenorer.example.se")
    expect(page.get_by_role("heading", name=re.compile("Välj din mentor"))).to_be_visible()
    assert wcag_violations(page) == []
    first = page.locator(".suggestion").first
    mentor_name = first.locator("strong").inner_text()
    first.get_by_role("button", name=re.compile("^Fråga")).click()
    expect(page.get_by_text(f"Din förfrågan är skickad till {mentor_name}.")).to_be_visible()
    expect(page.get_by_text("Väntar på mentorns svar.")).to_be_visible()
    log_out(page)

    first_name, last_name = mentor_name.split(" ", 1)
    mentor = Participant.objects.get(
        role="mentor",
        user__first_name=first_name,
        user__last_name=last_name,
        cohort__program__slug="mentorprogram-entreprenorer",
    )
    request_mail = [m for m in mail.outbox if m.to == [mentor.user.email]][-1]
    assert "vill gärna ha dig som mentor" in request_mail.body
    mentor.user.set_password("ett-mentorlosenord-1")
    mentor.user.save()
    log_in(page, mentor.user.email, "ett-mentorlosenord-1")
    expect(page.get_by_role("heading", name="Adepter som frågar efter dig")).to_be_visible()
    page.get_by_role("button", name="Tacka ja").click()
    expect(page.get_by_role("heading", name="Mina matchningar")).to_be_visible()
    expect(page.locator(".match-card")).to_contain_text("adept@entreprenorer.example.se")

    intros = [m for m in mail.outbox if m.subject.startswith("Möt din")]
    assert {m.to[0] for m in intros} == {mentor.user.email, "adept@entreprenorer.example.se"}


@pytest.mark.e2e
def test_coordinator_finds_two_people_by_name_and_pairs_them_by_hand(page, demo):

    cohort_people = Participant.objects.filter(
        cohort__program__slug="mentorskap-for-medarbetare"
    ).select_related("user", "organisation")
    mentee = cohort_people.filter(role="mentee").order_by("pk").first()
    mentor = (
        cohort_people.filter(role="mentor")
        .exclude(organisation=mentee.organisation)
        .order_by("pk")
        .first()
    )
    log_in(page, "samordnare-myndigheter@example.org")
    page.goto(f"/admin/matching/board/{mentee.cohort_id}/")

    page.get_by_label("Sök bland adepterna på namn eller organisation").fill(mentee.user.last_name)
    expect(page.locator("#pair-mentee option:not([hidden])")).to_have_count(
        cohort_people.filter(
            role="mentee", user__last_name__icontains=mentee.user.last_name
        ).count()
    )
    page.get_by_label("Adept (22 utan mentor)").select_option(str(mentee.pk))
    page.get_by_label("Sök bland mentorerna på namn eller organisation").fill(
        mentor.user.get_full_name()
    )
    expect(page.locator("#pair-mentor-count")).to_have_text("1 person passar")
    assert page.locator("#pair-mentor").input_value() == str(mentor.pk)
    assert wcag_violations(page) == []
    page.locator("form.pair-form").get_by_role("button", name="Matcha").click()

    expect(page.locator(".messagelist")).to_contain_text("Paret är matchat")
    assert Match.objects.filter(mentee=mentee, mentor=mentor).exists()
    expect(page.get_by_label("Adept (21 utan mentor)")).to_be_visible()
