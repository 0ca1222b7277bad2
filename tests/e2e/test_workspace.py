"""The coordinator's home and a cohort's hub, in the browser: the demo program office
sees all five programs, follows a count to its list, and the pages meet WCAG 2.1 AA
without sideways scrolling."""

import re

import pytest
from playwright.sync_api import expect

from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in


@pytest.fixture
def demo(db):
    seed_demo()


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.e2e
def test_program_office_home_shows_every_program_and_a_count_leads_to_its_people(page, demo):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "kansli@example.org")
    page.goto("/admin/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra")
    expect(page.locator("section.program h2")).to_have_count(5)
    assert _no_sideways_scroll(page)
    assert wcag_violations(page) == []

    desk = page.locator("article.cohort-desk", has_text="Löpande intag")
    unmatched = desk.locator("a[data-todo=unmatched]")
    count = int(re.match(r"\d+", unmatched.inner_text()).group())
    unmatched.click()
    expect(page.locator("#result_list tbody tr")).to_have_count(count)

    page.goto("/admin/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    expect(page.locator("a[data-todo=unmatched]").first).to_contain_text("without a mentor")
    assert wcag_violations(page) == []


@pytest.mark.e2e
def test_cohort_hub_links_the_cohorts_pages_and_reflows_at_320_px(page, demo):
    log_in(page, "samordnare-toppolitiker@example.org")
    page.goto("/admin/programs/cohort/")
    page.get_by_role("link", name="Öppna").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Löpande intag")
    hub = page.get_by_role("navigation", name="Omgångens sidor")
    for name in ("Ansökningar", "Matchningstavla", "Hälsa", "Avgifter", "Avsluta och diplom"):
        expect(hub.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.locator("a[data-todo=at_risk]")).to_contain_text("i riskzonen")
    assert wcag_violations(page) == []

    page.set_viewport_size({"width": 320, "height": 800})
    assert _no_sideways_scroll(page)
    page.locator("a[data-todo=at_risk]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Omgångens hälsa")


@pytest.mark.e2e
def test_coordinator_previews_an_announcement_and_a_double_click_sends_it_once(page, demo):
    from django.core import mail

    from events.models import Announcement

    log_in(page, "samordnare-toppolitiker@example.org")
    page.goto("/admin/programs/cohort/")
    page.get_by_role("link", name="Öppna").click()
    page.get_by_role("link", name="Skriv ett utskick").click()
    page.get_by_label("Adepterna").check()
    page.get_by_label("Ämne").fill("Höstens nätverksträff")
    page.get_by_label("Meddelande").fill("Välkomna till nätverksträffen i november.")
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.locator("#recipient-count")).to_contain_text("personer")
    count = int(re.search(r"\d+", page.locator("#recipient-count").inner_text()).group())
    assert wcag_violations(page) == []
    mail.outbox.clear()

    page.get_by_role("button", name=f"Skicka till {count} personer").dblclick()

    expect(page.locator(".messagelist")).to_contain_text(f"på väg till {count} personer")
    assert Announcement.objects.count() == 1
    assert len(mail.outbox) == count


@pytest.mark.e2e
@pytest.mark.parametrize(
    "source",
    [
        "mentorskap-for-kvinnor",  # 000
        "mentor-for-toppolitiker",  # 001
        "mentorprogram-entreprenorer",  # 002
        "mentorskap-for-medarbetare",  # 003
        "mentorprogrammet-stockholm",  # 004
    ],
)
def test_a_new_coordinator_sets_up_a_program_like_a_reference_one_in_at_most_three_forms(
    page, demo, source
):
    from programs.models import Program
    from programs.services.core import coordinator_add
    from tests.e2e.test_setup_from_empty import FormCounter
    from tests.factories import PASSWORD, UserFactory

    reference = Program.objects.get(slug=source)
    newcomer = UserFactory(email="ny@example.org")
    other = Program.objects.exclude(pk=reference.pk).first()
    coordinator_add(program=other, user=newcomer)  # a coordinator of another program
    assert not newcomer.is_superuser
    log_in(page, "ny@example.org", PASSWORD)
    forms = FormCounter(page)
    page.goto("/admin/")

    # Form 1: the program, its set-up and its first cohort, published and open.
    page.get_by_role("link", name="Nytt program som ett annat").click()
    page.get_by_label("Som").select_option(label=reference.name_sv)
    page.get_by_label("Namn (svenska)").fill("Mentorskap i regionerna")
    page.get_by_label("Webbadress").fill("mentorskap-i-regionerna")
    page.get_by_label("Första omgångens namn").fill("Hösten 2028")
    page.get_by_label("Första omgången startar").fill("2028-09-04")
    page.get_by_label("Publicera programmet och öppna första omgången").check()
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Skapa programmet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hösten 2028")
    program = Program.objects.get(slug="mentorskap-i-regionerna")
    cohort = program.cohorts.get()

    if "nomination" in (cohort.mentor_intake, cohort.mentee_intake):
        # Form 2: the organisations' contact persons, who nominate.
        page.get_by_role("link", name="Bjud in kontaktpersoner").click()
        page.get_by_label("Kontaktpersoner").fill(
            "Lena Kontakt, lena@region-a.example.se, Region A\n"
            "Omar Kontakt, omar@region-b.example.se, Region B"
        )
        page.get_by_role("button", name="Bjud in dem").click()
        expect(page.locator(".messagelist")).to_contain_text("2 kontaktpersoner inbjudna.")

    page.goto("/programs/mentorskap-i-regionerna/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mentorskap i regionerna")
    assert program.is_published and cohort.state == "recruiting"
    assert program.questions.count() == reference.questions.count()
    assert len(forms.sent) <= 3, forms.sent
    print(f"{source}: {len(forms.sent)} forms")
