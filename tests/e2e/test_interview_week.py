"""004 interviews everyone: the week calendar in the browser, a meeting moved and another
cancelled from its card, WCAG 2.1 AA and no sideways scrolling at 320 px."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import Interview
from programs.services.core import coordinator_add
from programs.services.screening import interview_book
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in
from tests.factories import PASSWORD, CohortFactory, UserFactory, submit


@pytest.mark.e2e
def test_the_coordinator_moves_and_cancels_interviews_from_the_week(page, db):
    cohort = CohortFactory(program__name_sv="Mentorprogrammet i Stockholm")
    coordinator = UserFactory(email="samordnare@stockholm.example.se")
    coordinator_add(program=cohort.program, user=coordinator)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    at_ten = timezone.make_aware(timezone.datetime.combine(monday, timezone.datetime.min.time()))
    at_ten += timedelta(days=1, hours=10)
    names = ("Amira Hassan", "Bo Berg")
    for n, name in enumerate(names):
        first, last = name.split()
        application = submit(cohort, email=f"{first.lower()}@example.org")
        application.user.first_name, application.user.last_name = first, last
        application.user.save()
        interview_book(application=application, starts_at=at_ten + timedelta(hours=n))

    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="veckokalender").click()
    expect(page.get_by_text("2 möten den här veckan.")).to_be_visible()
    assert wcag_violations(page) == []

    page.get_by_role("link", name="Flytta Amira Hassan").click()
    page.get_by_label("Börjar, tid").fill("14:30")
    page.get_by_role("button", name="Flytta och skicka den nya inbjudan").click()
    expect(page.locator(".messagelist")).to_contain_text("Amira Hassan har fått den nya tiden")
    card = page.locator("article.week-card", has_text="Amira Hassan")
    expect(card).to_contain_text("14:30")

    page.get_by_role("link", name="Avboka Bo Berg").click()
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Avboka mötet").click()
    expect(page.locator(".messagelist")).to_contain_text("Mötet med Bo Berg är avbokat")
    expect(page.get_by_text("1 möte den här veckan.")).to_be_visible()
    assert Interview.objects.count() == 1

    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
