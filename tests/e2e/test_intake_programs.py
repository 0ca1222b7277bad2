"""Each reference program's intake, as its text describes it, through the real pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from programs.models import Application, Participant
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import (
    consent_and_send,
    fill_about_you,
    last_mail_to,
    log_in,
    log_out,
    screen_in_admin,
)


@pytest.fixture
def demo(db):
    seed_demo()


@pytest.mark.e2e
def test_000_women_in_politics_applies_with_sensitive_questions(page, demo):
    page.goto("/programs/mentorskap-for-kvinnor/")
    page.get_by_role("link", name="Ansök").click()
    expect(page.get_by_role("heading", name="Kravprofil")).to_be_visible()
    assert wcag_violations(page) == []
    fill_about_you(page, first="Amira", last="Testsson", email="amira@example.org")
    page.get_by_label("Funktionsnedsättning").check()
    group = page.get_by_role("group", name=re.compile("förtroendeuppdrag"))
    group.get_by_label("Ja").check()
    page.get_by_label("Behöver du anpassningar").fill("Hörslinga och glutenfri kost")
    page.get_by_label("Vad vill du utvecklas inom").fill("Att tala inför fullmäktige")
    consent_and_send(page)

    screen_in_admin(page, "samordnare-kvinnor@example.org", "Amira Testsson")
    # The answer, not its line in the change history below it.
    expect(page.locator("div.readonly").get_by_text("Hörslinga och glutenfri kost")).to_be_visible()
    assert Participant.objects.filter(user__email="amira@example.org", role="mentee").exists()


@pytest.mark.e2e
def test_001_top_politicians_rolling_intake_starts_with_a_phone_meeting(page, demo):
    page.goto("/programs/mentor-for-toppolitiker/")
    expect(page.get_by_text("Löpande intag: öppet hela året")).to_be_visible()
    page.get_by_role("link", name="Ansök").click()
    fill_about_you(page, first="Kent", last="Kommunalråd", email="kent@example.org")
    page.get_by_label("Oppositionsråd").check()
    page.get_by_label("Vad behöver du stöd i").fill("Att leda en splittrad opposition")
    page.get_by_label("När passar det att vi ringer dig").fill("Vardagar efter 16")
    consent_and_send(page)

    screen_in_admin(
        page, "samordnare-toppolitiker@example.org", "Kent Kommunalråd", interview="phone"
    )
    invites = [m for m in mail.outbox if m.to == ["kent@example.org"] and m.attachments]
    assert invites[0].attachments[0][0] == "interview.ics"
    assert "070-765 43 21" in invites[0].attachments[0][1]


@pytest.mark.e2e
def test_002_agency_contact_nominates_and_the_mentor_gets_a_seat_first_come(page, demo):
    log_in(page, "kontakt.skatteverket@nyanlanda.example.se")
    page.get_by_role("link", name=re.compile("Mentorprogrammet i Stockholm")).click()
    page.get_by_label("Förnamn").fill("Sven")
    page.get_by_label("Efternamn").fill("Skattesson")
    page.get_by_label("E-post").fill("sven@example.org")
    page.get_by_label("Rangordning").fill("1")
    page.get_by_role("button", name="Nominera").click()
    expect(page.get_by_role("cell", name=re.compile("Sven Skattesson"))).to_be_visible()
    # The count against the program's "at least two", and the seat by registration order.
    expect(page.locator(".nomination-count").first).to_contain_text("av de 2 som programmet")
    sven = page.locator("tr", has_text="Sven Skattesson")
    expect(sven).to_contain_text("Väntelista")  # the twenty seats are taken
    page.get_by_label("Förnamn").fill("Saga")
    page.get_by_label("Efternamn").fill("Skattesson")
    page.get_by_label("E-post").fill("saga@example.org")
    page.get_by_label("Rangordning").fill("2")
    page.get_by_role("button", name="Nominera").click()
    saga = page.locator("tr", has_text="Saga Skattesson")
    saga.get_by_label("Ny rang för Saga").fill("1")
    saga.get_by_role("button", name="Flytta").click()
    expect(page.get_by_text("Saga är nu nummer 1.")).to_be_visible()
    expect(page.locator("tr", has_text="Sven Skattesson").locator("td").first).to_have_text("2")
    page.locator("tr", has_text="Saga Skattesson").get_by_role(
        "button", name="Återkalla Saga"
    ).click()
    expect(page.get_by_text("Nomineringen av Saga är återkallad.")).to_be_visible()
    expect(page.get_by_text("Återkallade: Saga Skattesson")).to_be_visible()
    assert wcag_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})  # the table scrolls in its region
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_out(page)

    link = re.search(r"https?://\S+(/apply/nomination/\S+/)", last_mail_to("sven@example.org").body)
    page.goto(link.group(1))
    expect(page.get_by_text("Du är nominerad av Skatteverket.")).to_be_visible()
    fill_about_you(page, first="Sven", last="Skattesson")
    page.get_by_label("Jurist").check()
    page.get_by_role("checkbox", name="Engelska", exact=True).check()  # and Swedish: both
    page.get_by_label("Tisdag").check()
    consent_and_send(page)
    # Twenty mentors already hold the twenty seats: first come, first served.
    expect(page.get_by_text("på plats 1")).to_be_visible()

    log_in(page, "mentor@nyanlanda.example.se")
    page.get_by_text("Återkalla", exact=True).first.click()
    page.get_by_role("button", name="Ja, återkalla").click()
    expect(page.get_by_text("Din ansökan är återkallad.")).to_be_visible()
    assert "ledig" in last_mail_to("sven@example.org").body
    log_out(page)

    screen_in_admin(page, "samordnare-nyanlanda@example.org", "Sven Skattesson")
    assert Application.objects.get(user__email="sven@example.org").seat_number is not None


@pytest.mark.e2e
def test_003_agencies_nominate_and_knockout_answers_are_flagged(page, demo):
    from programs.models import Organisation, OrganisationContact
    from tests.factories import UserFactory

    contact = UserFactory(email="kontakt@vinnova.example.se")
    OrganisationContact.objects.create(
        organisation=Organisation.objects.get(name="Vinnova"),
        user=contact,
        program_id=Application.objects.filter(cohort__program__slug="mentorskap-for-medarbetare")
        .values_list("cohort__program_id", flat=True)
        .first(),
    )
    from tests.factories import PASSWORD

    log_in(page, "kontakt@vinnova.example.se", PASSWORD)
    page.get_by_role("link", name=re.compile("Mentorskap för medarbetare")).click()
    page.get_by_label("Nominerad som").select_option("mentee")
    page.get_by_label("Förnamn").fill("Vera")
    page.get_by_label("Efternamn").fill("Vinnare")
    page.get_by_label("E-post").fill("vera@example.org")
    page.get_by_label("Rangordning").fill("1")
    page.get_by_role("button", name="Nominera").click()
    log_out(page)

    link = re.search(r"https?://\S+(/apply/nomination/\S+/)", last_mail_to("vera@example.org").body)
    page.goto(link.group(1))
    fill_about_you(page, first="Vera", last="Vinnare")
    page.get_by_label("Hur många år har du arbetat i ett kvalificerat sammanhang").fill("3")
    page.get_by_label("Hur många av dem i statsförvaltningen").fill("2")
    page.get_by_label("Vad vill du arbeta med").fill("Förändringsledning")
    consent_and_send(page)
    expect(page.get_by_text("utanför kravprofilen")).to_be_visible()

    log_in(page, "samordnare-myndigheter@example.org")
    page.goto("/admin/programs/application/?is_eligible__exact=0")
    page.get_by_role("link", name="Vera Vinnare").click()
    expect(page.get_by_text("inte behörig", exact=True)).to_be_visible()
    expect(page.locator(".screening")).to_contain_text("kvalificerat sammanhang?: 3 ")
    page.get_by_role("button", name="Anta").click()  # the coordinator has the final say
    expect(page.locator(".messagelist")).to_contain_text("antagen")


@pytest.mark.e2e
def test_004_entrepreneur_applies_with_a_business_idea_and_is_interviewed(page, demo):
    page.goto("/programs/mentorprogram-entreprenorer/apply/")
    page.get_by_role("link", name=re.compile("ansök som adept")).click()
    fill_about_you(page, first="Elin", last="Entreprenör", email="elin@example.org")
    page.get_by_label("Beskriv din affärsidé").fill("Ett bageri med surdegsprenumeration")
    page.get_by_label("Nystartat, under två år").check()
    page.get_by_label("Finansiering").check()
    consent_and_send(page)
    assert mail.outbox and last_mail_to("elin@example.org").subject.startswith("Vi har tagit emot")

    screen_in_admin(
        page, "samordnare-entreprenorer@example.org", "Elin Entreprenör", interview="in_person"
    )
    # The answer, not its line in the change history below it.
    answer = page.locator("div.readonly").get_by_text("Ett bageri med surdegsprenumeration")
    expect(answer).to_be_visible()
    assert Application.objects.get(user__email="elin@example.org").interviews.get().held


@pytest.mark.e2e
def test_001_coordinator_registers_a_politician_who_phoned_and_matches_by_the_needs(page, demo):
    log_in(page, "samordnare-toppolitiker@example.org")
    page.goto("/admin/")
    page.locator(".cohort-desk h3 a").click()
    page.get_by_role("link", name="Registrera en adept som ringde").click()
    page.get_by_label("Förnamn").fill("Lena")
    page.get_by_label("Efternamn").fill("Ledamot")
    page.locator("#id_email").fill("lena.ledamot@example.org")
    page.locator("#id_phone").fill("070-111 22 33")
    page.get_by_label("Oppositionsråd").check()
    page.get_by_label("Vad behöver du stöd i").fill("Budgetdebatter")
    page.get_by_label("När passar det att vi ringer dig").fill("Förmiddagar")
    page.get_by_label(re.compile("Personen godkände i telefon")).check()
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Registrera ansökan").click()
    expect(page.locator(".messagelist")).to_contain_text("Ansökan från Lena Ledamot är registrerad")

    page.get_by_role("link", name="Boka en intervju eller ett inledande samtal").click()
    expect(page.get_by_label("Slag")).to_have_value("intake_call")
    page.locator("#id_starts_at_0").fill("2027-01-20")
    page.locator("#id_starts_at_1").fill("10:00")
    page.get_by_label("Var").fill("070-111 22 33")
    page.get_by_role("button", name="Boka och skicka inbjudan").click()
    expect(page.locator(".messagelist")).to_contain_text("Det inledande samtalet är bokat")
    invite = [m for m in mail.outbox if m.to == ["lena.ledamot@example.org"] and m.attachments]
    assert invite[-1].subject == "Ditt inledande samtal för Mentor för toppolitiker"

    page.locator("#interview-notes").fill("Vill bli tryggare i budgetdebatter.")
    page.get_by_role("button", name="Markera som intervjuad").click()
    page.get_by_role("button", name="Anta").click()
    expect(page.locator(".messagelist")).to_contain_text("Ansökan är nu antagen")

    page.goto("/admin/")
    page.locator(".cohort-desk h3 a").click()
    page.get_by_role("link", name="Matchningstavla").click()
    row = page.get_by_role("region", name="Lena Ledamot")
    expect(row).to_contain_text("Vill bli tryggare i budgetdebatter.")
    row.get_by_role("button", name="Matcha").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Paret är matchat")
    assert Participant.objects.get(user__email="lena.ledamot@example.org").mentee_matches.exists()
