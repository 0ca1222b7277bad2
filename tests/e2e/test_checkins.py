import re
from datetime import datetime, time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.selectors.checkins import self_assessment_change
from events.services.reminders import reminders_sweep
from programs.models import Cohort
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out


@pytest.mark.e2e
def test_000_mentee_answers_the_self_assessment_on_the_dashboard(page, db):
    seed_demo()
    cohort = Cohort.objects.get(program__slug="mentorskap-for-kvinnor")
    reminders_sweep(now=timezone.make_aware(datetime.combine(cohort.starts_on, time(9))))

    log_in(page, "adept@kvinnor.example.se")
    form = page.locator(".check-in")
    expect(form).to_contain_text("Självskattning: trygghet i rollen")
    assert wcag_violations(page) == []
    for question in ("trygg känner du dig", "politiska hantverket", "tala inför andra"):
        form.get_by_role("group", name=re.compile(question)).get_by_label("2").check()
    form.get_by_role("group", name=re.compile("lista till valet")).get_by_label("Nej").check()
    form.get_by_role("button", name="Skicka mina svar").click()

    expect(page.get_by_text("Tack för dina svar.")).to_be_visible()
    expect(page.locator(".check-in")).to_have_count(0)
    people = self_assessment_change(cohort)["people"]
    assert [p["start"] for p in people] == [2]

    # At the end of the program she answers again: more confident, and on a list.
    reminders_sweep(now=timezone.make_aware(datetime.combine(cohort.ends_on, time(9))))
    page.reload()
    form = page.locator(".check-in")
    for question in ("trygg känner du dig", "politiska hantverket", "tala inför andra"):
        form.get_by_role("group", name=re.compile(question)).get_by_label("4").check()
    form.get_by_role("group", name=re.compile("lista till valet")).get_by_label("Ja").check()
    form.get_by_role("button", name="Skicka mina svar").click()
    expect(page.get_by_text("Tack för dina svar.")).to_be_visible()
    log_out(page)

    # The coordinator's report: each of the program's goals before and after, printable.
    log_in(page, "samordnare-kvinnor@example.org")
    page.goto(f"/admin/events/self-assessment/{cohort.pk}/")
    confident = page.locator("figure.goal-outcome", has_text="större trygghet")
    expect(confident.get_by_role("img")).to_have_accessible_name(
        re.compile("före: 2,0; .*efter: 4,0")
    )
    expect(confident.locator("tbody td")).to_have_text(["2,0", "4,0", "+2,0"])
    listed = page.locator("figure.goal-outcome", has_text="på listorna")
    expect(listed.locator("tbody td")).to_have_text(["0 %", "100 %", "+100 procentenheter"])
    expect(page.locator("figure.goal-outcome", has_text="nätverk")).to_contain_text(
        "Ingen fråga mäter det här målet"
    )
    assert wcag_violations(page) == []
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Skriv ut rapporten")).to_be_hidden()
    expect(confident).to_be_visible()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
