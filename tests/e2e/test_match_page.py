import pytest
from django.core import mail
from playwright.sync_api import expect

from matching.services.matching import match_create
from mentorship.models import User
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.conftest import MENTEE, MENTOR
from tests.e2e.helpers import log_in


@pytest.mark.e2e
def test_pair_writes_to_each_other_on_the_match_page(page, pair, browser_instance, live_server):
    log_in(page, MENTOR)
    page.get_by_role("link", name="Öppna vår sida").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Inga meddelanden än.")).to_be_visible()
    expect(page.locator(".checklist")).to_contain_text("Skriv överenskommelsen tillsammans")
    assert wcag_violations(page) == []

    # Keyboard only: type, tab to the button, press Enter.
    page.get_by_label("Meddelande", exact=True).click()
    page.keyboard.type("Välkommen! Ses vi i Göteborg nästa vecka?")
    page.keyboard.press("Tab")  # the file field
    page.keyboard.press("Tab")  # the send button
    page.keyboard.press("Enter")
    thread = page.locator("#thread-list")
    expect(thread).to_contain_text("Ses vi i Göteborg")
    expect(page.locator("#message-status")).to_have_text("Meddelandet är skickat.")
    box = page.get_by_label("Meddelande", exact=True)
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    expect(page.get_by_text("Inga meddelanden än.")).to_be_hidden()

    # An empty message is refused beside the field, and focus goes there.
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.locator("#id_body_error")).to_contain_text("Skriv ett meddelande")
    expect(box).to_be_focused()
    assert thread.locator("li.message").count() == 1

    context = browser_instance.new_context(locale="sv-SE", base_url=live_server.url)
    context.set_default_timeout(15_000)
    mentee_page = context.new_page()
    log_in(mentee_page, MENTEE)
    expect(mentee_page.locator(".unread-count")).to_have_text("1 nytt")
    expect(mentee_page.locator("#bell .bell-count")).to_have_text("1")
    mentee_page.locator("#bell").click()
    expect(mentee_page.locator(".notifications .unread")).to_contain_text("skrev till dig")
    assert wcag_violations(mentee_page) == []
    mentee_page.go_back()
    mentee_page.get_by_role("link", name="Meddelanden").click()
    expect(mentee_page.locator("#thread-list")).to_contain_text("Ses vi i Göteborg")
    assert wcag_violations(mentee_page) == []

    # The mentor writes again; the mentee's open page shows it at its next poll.
    page.get_by_label("Meddelande", exact=True).fill("Tisdag klockan tio passar mig.")
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(thread).to_contain_text("Tisdag klockan tio")
    mentee_page.evaluate(  # the poll runs every 20 s; run it now
        "htmx.ajax('GET', document.getElementById('thread-poll').getAttribute('hx-get'),"
        " {target: '#thread-poll', swap: 'outerHTML'})"
    )
    expect(mentee_page.locator("#thread-list")).to_contain_text("Tisdag klockan tio")
    assert mentee_page.locator("#thread-list li.message").count() == 2

    # One email told the mentee about the first message; the second waits for the hour.
    told = [m for m in mail.outbox if m.to == [MENTEE] and "meddelande" in m.subject.lower()]
    assert len(told) == 1

    mentee_page.set_viewport_size({"width": 320, "height": 800})
    assert mentee_page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.e2e
def test_pair_plans_a_year_of_meetings_and_logs_a_past_one(page, pair):
    from datetime import timedelta

    from django.utils import timezone

    from events.models import Session

    pair.started_at = timezone.now() - timedelta(days=20)
    pair.save(update_fields=["started_at"])
    log_in(page, MENTEE)
    page.get_by_role("link", name="Öppna vår sida").click()
    page.get_by_role("link", name="Planera en serie").click()
    assert wcag_violations(page) == []
    first = timezone.localtime(timezone.now() + timedelta(days=7))
    page.locator("#id_starts_at_0").fill(first.date().isoformat())
    page.locator("#id_starts_at_1").fill("10:00")
    page.get_by_label("Hur ofta").select_option("monthly_weekday")
    page.get_by_label("Hur många möten").fill("12")
    page.get_by_label("Plats").fill("Företagarnätverkets lokal")
    page.get_by_role("button", name="Spara och skicka inbjudan").click()
    expect(page.get_by_text("12 möten är planerade")).to_be_visible()
    expect(page.locator(".planned-sessions li")).to_have_count(12)
    assert Session.objects.filter(match=pair).count() == 12

    # 004 logs meetings once both have signed the moral contract.
    expect(page.get_by_text("Underteckna överenskommelsen båda två först").first).to_be_visible()
    expect(page.get_by_role("link", name="Logga ett tidigare möte")).to_have_count(0)
    from matching.services.agreements import agreement_sign, agreement_start, agreement_update

    agreement = agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentee.user,
        fields={"focus_areas": "Affärsplan"},
        goals=[],
    )
    agreement_sign(agreement=agreement, by=pair.mentee.user)
    agreement_sign(agreement=agreement, by=pair.mentor.user)
    page.reload()
    page.get_by_role("link", name="Logga ett tidigare möte").click()
    assert wcag_violations(page) == []
    past = timezone.localtime(timezone.now() - timedelta(days=3))
    page.locator("#id_starts_at_0").fill(past.date().isoformat())
    page.locator("#id_starts_at_1").fill("13:00")
    page.get_by_label("Hur länge (minuter)").fill("240")
    page.get_by_label("Vad vi pratade om").fill("Affärsplanen")
    page.get_by_role("button", name="Logga mötet").click()
    expect(page.locator(".session-history")).to_contain_text("Affärsplanen")
    expect(page.locator(".meetings-count")).to_have_text("1 / 12")


@pytest.mark.e2e
def test_mentee_keeps_her_profile_and_photo_up_to_date(page, pair, tmp_path):
    from PIL import Image

    photo = tmp_path / "jag.png"
    Image.new("RGB", (900, 600), "teal").save(photo)
    log_in(page, MENTEE)
    page.get_by_role("link", name="Min profil").click()
    assert wcag_violations(page) == []
    page.get_by_label("Titel eller roll").fill("Grundare, Bageriet i Hisingen")
    page.get_by_label("Några ord om dig själv").fill("Jag driver ett bageri och vill växa.")
    page.get_by_label("Foto", exact=True).set_input_files(str(photo))
    page.get_by_label("tisdag kväll").check()
    page.get_by_label("torsdag förmiddag").check()
    page.get_by_role("button", name="Spara min profil").click()
    expect(page.get_by_text("Din profil är sparad.")).to_be_visible()
    expect(page.get_by_label("tisdag kväll")).to_be_checked()
    expect(page.locator("img.profile-photo")).to_be_visible()
    assert page.evaluate("document.querySelector('img.profile-photo').naturalWidth") == 512
    assert wcag_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    # Her mentor sees the photo and the new words on their match page.
    context = page.context.browser.new_context(
        locale="sv-SE", base_url=page.url.split("/profile")[0]
    )
    other = context.new_page()
    log_in(other, MENTOR)
    other.get_by_role("link", name="Öppna vår sida").click()
    expect(other.locator(".bio")).to_contain_text("Jag driver ett bageri")
    # Loaded, not only in the page (the photo comes by its own request).
    # (Polled from here: wait_for_function would evaluate a string, which the site's
    # Content Security Policy refuses when the first check fails.)
    for _ in range(100):
        if other.evaluate("document.querySelector('img.profile-photo-small').complete"):
            break
        other.wait_for_timeout(100)
    assert other.evaluate("document.querySelector('img.profile-photo-small').naturalWidth") > 0
    context.close()


@pytest.mark.e2e
def test_mentor_asks_the_coordinator_for_help_from_the_match_page(page, pair):
    log_in(page, MENTOR)
    page.get_by_role("link", name="Öppna vår sida").click()
    page.get_by_label("Vad jag behöver hjälp med").fill("Vi hittar inga tider som passar.")
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_text("Din rapport är skickad till samordnaren.")).to_be_visible()
    assert wcag_violations(page) == []


@pytest.mark.e2e
def test_001_coordinator_at_the_first_meeting_writes_the_agreement_with_the_pair(page, db):
    from events.services.sessions import session_plan
    from programs.models import Cohort
    from tests.factories import ParticipantFactory

    seed_demo()
    cohort = Cohort.objects.filter(program__slug="mentor-for-toppolitiker").first()
    mentee = ParticipantFactory(cohort=cohort, role="mentee", user__email="ny@kommun.example.se")
    mentor = ParticipantFactory(
        cohort=cohort, role="mentor", user__email="erfaren@region.example.se"
    )
    lena = User.objects.get(email="samordnare-toppolitiker@example.org")
    for person in (mentee.user, mentor.user):
        person.set_password("mentor-demo-2026")
        person.save()
    match = match_create(mentee=mentee, mentor=mentor, by=lena)

    log_in(page, lena.email)
    page.goto(f"/admin/matching/match/{match.pk}/change/")
    page.get_by_role("link", name="Skriv överenskommelsen med paret").click()
    expect(page.locator(".facilitator")).to_contain_text("Lena Lindström")
    page.locator("#id_goals-0-title").fill("Leda fullmäktige med lugn")
    page.get_by_label("Vad vi ska arbeta med").fill("Mötesledning och svåra samtal")
    page.get_by_role("button", name="Spara överenskommelsen").click()
    expect(page.get_by_text("Överenskommelsen är sparad.")).to_be_visible()
    assert wcag_violations(page) == []

    for person in (mentee.user, mentor.user):
        page.context.clear_cookies()
        log_in(page, person.email, "mentor-demo-2026")
        page.get_by_role("link", name="Öppna vår sida").click()
        expect(page.locator(".facilitator")).to_contain_text("Lena Lindström")
        page.get_by_role("button", name="Underteckna överenskommelsen").click()
    expect(page.locator(".agreement-state").first).to_contain_text("Undertecknad av båda")
    page.goto(f"/matches/{match.pk}/agreement/print/")
    expect(page.locator(".agreement-print")).to_contain_text(
        "Samordnare vid första mötet: Lena Lindström"
    )

    mail.outbox.clear()
    from datetime import timedelta

    from django.utils import timezone

    session_plan(
        match=match,
        by=mentee.user,
        starts_at=timezone.now() + timedelta(days=9),
        duration_minutes=120,
        location="Kommunhuset",
    )
    assert lena.email in {m.to[0] for m in mail.outbox if m.attachments}
