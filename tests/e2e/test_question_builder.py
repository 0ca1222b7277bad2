"""The question builder in the browser: the knock-out's tick boxes follow the options as
they are typed, a number question offers a range, and the page meets WCAG 2.1 AA."""

import pytest
from playwright.sync_api import expect

from programs.models import Question
from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in
from tests.factories import PASSWORD, CohortFactory, UserFactory


@pytest.mark.e2e
def test_a_coordinator_builds_the_mentee_form_with_knock_outs_on_one_page(page, db):
    cohort = CohortFactory()
    coordinator = UserFactory(email="ny.samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    log_in(page, coordinator.email, PASSWORD)
    page.goto(f"/admin/programs/cohort/{cohort.pk}/hub/")
    page.get_by_role("link", name="Frågor i ansökan").click()
    page.get_by_role("link", name="Adepternas formulär").click()

    card = page.locator("fieldset[data-question]").last
    card.get_by_label("Fråga (svenska)").fill("Vilket uppdrag har du?")
    card.get_by_label("Typ av svar").select_option(label="Ett val")
    card.get_by_label("Svarsalternativ").fill(
        "Kommunstyrelsens ordförande | Chair of the municipal executive\nOppositionsråd\nAnnat"
    )
    knock_out = card.get_by_role("group", name="Behöriga svar (utslagsfråga)")
    expect(knock_out.get_by_role("checkbox")).to_have_count(3)
    knock_out.get_by_label("Kommunstyrelsens ordförande").check()
    knock_out.get_by_label("Oppositionsråd").check()
    expect(card.get_by_label("Behörig från")).to_be_hidden()
    all_of = card.get_by_label("Alla ikryssade svar krävs, inte bara ett")
    expect(all_of).to_be_hidden()  # one choice cannot hold two answers
    card.get_by_label("Typ av svar").select_option(label="Flera val")
    expect(all_of).to_be_visible()
    expect(knock_out.get_by_label("Oppositionsråd")).to_be_checked()  # the ticks stay
    card.get_by_label("Typ av svar").select_option(label="Ett val")
    expect(all_of).to_be_hidden()
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Spara formuläret").click()

    expect(page.get_by_text("Ansökningsformuläret är sparat.")).to_be_visible()
    question = Question.objects.get(program=cohort.program)
    assert question.eligible_answers == ["kommunstyrelsens-ordforande", "oppositionsrad"]

    card = page.locator("fieldset[data-question]").last
    card.get_by_label("Fråga (svenska)").fill("År i politiken")
    card.get_by_label("Typ av svar").select_option(label="Tal")
    expect(card.get_by_label("Svarsalternativ")).to_be_hidden()
    card.get_by_label("Behörig från").fill("5")
    card.get_by_label("Behörig till och med").fill("2")
    page.get_by_role("button", name="Spara formuläret").click()

    error = page.locator("#id_questions-1-eligible_maximum_error")
    expect(error).to_contain_text("lägsta behöriga svaret är högre än det högsta")
    expect(
        page.locator("fieldset[data-question]").last.get_by_label("Fråga (svenska)")
    ).to_have_value("År i politiken")
    assert Question.objects.filter(program=cohort.program).count() == 1
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
