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
from tests.e2e.helpers import log_in


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
    form.get_by_role("button", name="Skicka mina svar").click()

    expect(page.get_by_text("Tack för dina svar.")).to_be_visible()
    expect(page.locator(".check-in")).to_have_count(0)
    people = self_assessment_change(cohort)["people"]
    assert [p["start"] for p in people] == [2]
