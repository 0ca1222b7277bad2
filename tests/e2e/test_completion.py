import re
from datetime import timedelta

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Session
from matching.models import Match
from matching.services.matching import match_create
from mentorship.models import User
from programs.models import Cohort, Diploma, Participant
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out

MENTEE, MENTOR = "adept@entreprenorer.example.se", "mentor@entreprenorer.example.se"


@pytest.mark.e2e
def test_004_cohort_is_closed_and_the_mentee_downloads_a_genuine_diploma(page, db):
    seed_demo()
    # The cohort's year has passed.
    Cohort.objects.filter(program__slug="mentorprogram-entreprenorer").update(
        starts_on=timezone.localdate() - timedelta(days=360),
        ends_on=timezone.localdate() - timedelta(days=1),
        state="running",
    )
    coordinator = User.objects.get(email="samordnare-entreprenorer@example.org")
    match = match_create(
        mentee=Participant.objects.get(user__email=MENTEE),
        mentor=Participant.objects.get(user__email=MENTOR),
        by=coordinator,
    )
    for days in (40, 10):
        Session.objects.create(
            match=match,
            starts_at=timezone.now() - timedelta(days=days),
            duration_minutes=240,
            state="held",
            actual_minutes=240,
        )

    log_in(page, "samordnare-entreprenorer@example.org")
    page.goto("/admin/programs/cohort/")
    page.get_by_role("link", name="Öppna").click()
    page.get_by_role("link", name="Avsluta och diplom").click()
    expect(page.locator("#content-main")).to_contain_text(match.mentee.user.get_full_name())
    page.get_by_role("button", name="Avsluta omgången").click()
    expect(page.locator(".messagelist")).to_contain_text("1 matchningar är slutförda")
    page.get_by_role("button", name="Utfärda diplomen").click()
    expect(page.locator(".messagelist")).to_contain_text("diplom utfärdade")
    assert Match.objects.get(pk=match.pk).state == "completed"
    log_out(page)

    log_in(page, MENTEE)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner mitt diplom").click()
    text = pypdf.PdfReader(download.value.path()).pages[0].extract_text()
    name = match.mentee.user.get_full_name()
    assert name in text
    assert re.search(r"8[,.]0 timmar", text)  # two meetings of four hours

    diploma = Diploma.objects.get(participant__user__email=MENTEE)
    assert str(diploma.code) in text  # the verification address is printed
    log_out(page)
    page.goto(f"/diplomas/verify/{diploma.code}/")
    expect(page.locator(".diploma-genuine")).to_be_visible()
    expect(page.get_by_text(name)).to_be_visible()
    assert wcag_violations(page) == []
