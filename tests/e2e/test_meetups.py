from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Meetup, Rsvp
from events.services.reminders import reminders_sweep
from mentorship.models import OutgoingEmail
from mentorship.services import email_deliver
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out


@pytest.fixture
def demo(db):
    seed_demo()


@pytest.mark.e2e
def test_002_invite_rsvp_with_diet_and_mark_attendance(page, demo):
    log_in(page, "samordnare-nyanlanda@example.org")
    page.goto("/admin/events/meetup/")
    row = page.locator("tr", has_text="Halvdagsträff 1")
    expect(row).to_contain_text("31 januari")
    row.get_by_role("link", name="Halvdagsträff 1").click()
    invitations = page.get_by_role("region", name="Inbjudningar")
    expect(invitations).to_contain_text("Inga inbjudningar skickade än.")
    invitations.get_by_role("button", name="Bjud in 40 personer med kalenderinbjudan").click()
    expect(page.locator(".messagelist")).to_contain_text("40 inbjudningar skickade")
    invitations = page.get_by_role("region", name="Inbjudningar")
    expect(invitations).to_contain_text("40 personer inbjudna")
    expect(invitations.get_by_role("button")).to_have_count(0)  # nobody left to invite
    invitations.get_by_text("Vilka som bjöds in, och när").click()
    expect(invitations.locator("tbody tr")).to_have_count(40)
    assert wcag_violations(page) == []
    log_out(page)

    log_in(page, "mentor@nyanlanda.example.se")
    meetup = page.locator(".meetup", has_text="Halvdagsträff 1")
    expect(meetup).to_contain_text("obligatorisk")
    meetup.get_by_label("Jag kommer").check()
    meetup.get_by_label("Kost, allergier").fill("Glutenfritt")
    meetup.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_text("Tack, ditt svar är sparat.")).to_be_visible()
    expect(page.locator(".meetup", has_text="Halvdagsträff 1")).to_contain_text("Jag kommer")
    assert wcag_violations(page) == []
    log_out(page)

    log_in(page, "samordnare-nyanlanda@example.org")
    page.goto("/admin/events/meetup/")
    page.locator("tr", has_text="Halvdagsträff 1").get_by_role(
        "link", name="Markera närvaro"
    ).click()
    # Before the meetup has started, nobody can be marked present or absent.
    expect(page.locator(".attendance-not-yet")).to_contain_text("från träffens start")
    expect(page.locator("tr.rsvp-row input[type=checkbox]")).to_have_count(0)
    expect(page.get_by_role("button", name="Spara närvaron")).to_have_count(0)
    Meetup.objects.filter(title_sv="Halvdagsträff 1").update(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    page.reload()
    expect(page.locator(".attendance-not-yet")).to_have_count(0)
    mentor_row = page.locator("tr.rsvp-row", has_text="Glutenfritt")
    mentor_row.locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Spara närvaron").click()
    expect(page.locator(".attendance-figures")).to_contain_text("1 närvarande, 39 frånvarande")
    expect(page.locator("tr.missed-mandatory")).to_have_count(39)
    assert Rsvp.objects.get(diet="Glutenfritt").attendance == "present"

    # The weekly digest tells the coordinator who missed the mandatory meetup.
    Meetup.objects.filter(title_sv="Halvdagsträff 1").update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=3),
    )
    reminders_sweep(digest=True)
    digest = OutgoingEmail.objects.get(
        template="coordinator_digest", to="samordnare-nyanlanda@example.org"
    )
    email_deliver(email_id=digest.pk)
    body = mail.outbox[-1].body
    absent = Rsvp.objects.filter(attendance="absent").select_related("participant__user").first()
    name = absent.participant.user.get_full_name()
    assert f"{name}: Missade en obligatorisk träff" in body  # the health page's words
