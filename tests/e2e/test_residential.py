"""A residential weekend in the browser: the invitee answers nights, room sharing and the
journey on the dashboard (a bad cost is shown beside its field, the rest kept); the
coordinator reads the lodging list per night and downloads it to Excel."""

import io
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from events.models import Meetup, Rsvp
from events.services.meetups import meetup_invite
from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out
from tests.factories import PASSWORD, CohortFactory, ParticipantFactory, UserFactory


@pytest.mark.e2e
def test_an_invitee_answers_a_two_night_weekend_and_the_coordinator_gets_the_lists(page, db):
    cohort = CohortFactory()
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    mentee = ParticipantFactory(
        cohort=cohort, role="mentee", user__first_name="Aisha", user__last_name="Berg"
    )
    friday = timezone.localdate() + timedelta(days=(4 - timezone.localdate().weekday()) % 7 + 14)
    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="training",
        title_sv="Utbildningshelg 1",
        starts_at=timezone.make_aware(datetime.combine(friday, time(17))),
        ends_at=timezone.make_aware(datetime.combine(friday + timedelta(days=2), time(15))),
        meals=True,
        lodging=True,
        travel_paid=True,
        practical_sv="Dubbelrum på kursgården. Spara kvittona.",
    )
    meetup_invite(meetup=meetup)

    log_in(page, mentee.user.email, PASSWORD)
    card = page.locator(".meetup", has_text="Utbildningshelg 1")
    card.get_by_text("Praktisk information").click()
    expect(card).to_contain_text("Dubbelrum på kursgården")
    card.get_by_label("Jag kommer").check()
    nights = card.get_by_role("group", name="Nätterna jag behöver en säng")
    expect(nights.get_by_role("checkbox")).to_have_count(2)
    nights.get_by_role("checkbox").first.check()
    nights.get_by_role("checkbox").last.check()
    card.get_by_label("Rumsdelning").fill("Gärna med Lena")
    card.get_by_label("Reser från").fill("Luleå")
    card.get_by_label("Reser med").select_option(label="Tåg")
    card.get_by_label("Resekostnad att ersätta (kronor)").fill("-100")
    assert wcag_violations(page) == []
    card.get_by_role("button", name="Skicka mitt svar").click()

    # Refused beside the field, on the answer's own page, with the other answers kept.
    cost = page.get_by_label("Resekostnad att ersätta (kronor)")
    expect(page.locator("[id$='-travel_cost_error']")).to_contain_text("större än eller lika med 0")
    expect(cost).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Rätta svaren")
    expect(page.get_by_label("Reser från")).to_have_value("Luleå")
    expect(page.get_by_label("Rumsdelning")).to_have_value("Gärna med Lena")
    expect(
        page.get_by_role("group", name="Nätterna jag behöver en säng").get_by_role("checkbox").last
    ).to_be_checked()
    assert wcag_violations(page) == []
    cost.fill("1250")
    page.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_text("Tack, ditt svar är sparat.")).to_be_visible()
    rsvp = Rsvp.objects.get(participant=mentee)
    assert (len(rsvp.nights), rsvp.travel_cost, rsvp.travel_mode) == (2, 1250, "train")
    log_out(page)

    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/events/meetup/{meetup.pk}/change/")
    page.get_by_role("link", name="Logi- och resolistor").click()
    first_night = page.locator("table.lodging-night").first
    expect(first_night.locator("caption")).to_contain_text("1 säng")
    expect(first_night).to_contain_text("Gärna med Lena")
    expect(page.locator("table.travel")).to_contain_text("Luleå")
    expect(page.locator("table.travel caption")).to_contain_text("1\u00a0250,00 kronor")
    assert wcag_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner logilistan (Excel)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Aisha", "Aisha"]
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
