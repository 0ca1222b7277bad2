"""The question builder: a role's questions on one page, options typed as labels,
knock-outs picked from them or as a number range."""

import re

import pytest
from django.db import IntegrityError
from django.urls import reverse

from programs.enums import QuestionKind
from programs.models import Question
from tests.factories import submit

pytestmark = pytest.mark.django_db


def builder_post(questions: list[dict], initial: int = 0) -> dict:
    """The builder's POST: the management form and one block per question."""
    data = {
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(initial),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, question in enumerate(questions):
        defaults = {"kind": "short_text", "asked_of": "mentee", "options": "", "order": ""}
        for name, value in {**defaults, **question}.items():
            if isinstance(value, list):
                data[f"questions-{index}-{name}"] = value
            elif value is True:
                data[f"questions-{index}-{name}"] = "on"
            elif value is not False:
                data[f"questions-{index}-{name}"] = str(value)
    return data


def url(program, role="mentee"):
    return reverse("question_builder", args=[program.pk, role])


OFFICE = {
    "text_sv": "Vilket uppdrag har du?",
    "text_en": "Which office do you hold?",
    "kind": "single_choice",
    "options": "Kommunstyrelsens ordförande | Chair of the municipal executive\n"
    "Oppositionsråd\n\nAnnat | Other",
    "eligible": ["Kommunstyrelsens ordförande", "Oppositionsråd"],
    "required": True,
}
YEARS = {
    "text_sv": "År i politiken",
    "kind": "number",
    "eligible_minimum": "2",
    "eligible_maximum": "5",
}


def test_a_coordinator_builds_a_role_form_on_one_page(client, coordinator, cohort):
    client.force_login(coordinator)
    assert client.get(url(cohort.program)).status_code == 200

    response = client.post(url(cohort.program), builder_post([OFFICE, YEARS]))

    assert response.status_code == 302
    office, years = Question.objects.filter(program=cohort.program).order_by("order")
    assert [(c.value, c.label_sv, c.label_en) for c in office.choices.all()] == [
        (
            "kommunstyrelsens-ordforande",
            "Kommunstyrelsens ordförande",
            "Chair of the municipal executive",
        ),
        ("oppositionsrad", "Oppositionsråd", ""),
        ("annat", "Annat", "Other"),
    ]
    assert office.eligible_answers == ["kommunstyrelsens-ordforande", "oppositionsrad"]
    assert office.role == "mentee" and office.required
    assert (years.eligible_minimum, years.eligible_maximum) == (2, 5)

    # The range is a knock-out at both ends.
    answers = {office.pk: "oppositionsrad"}
    assert submit(cohort, answers={**answers, years.pk: 3}).is_eligible
    too_few = submit(cohort, answers={**answers, years.pk: 1})
    too_many = submit(cohort, answers={**answers, years.pk: 12})
    assert too_few.ineligible_reasons == ["År i politiken: 1"]
    assert not too_many.is_eligible
    assert not submit(cohort, answers={office.pk: "annat", years.pk: 3}).is_eligible


def test_renaming_an_option_keeps_the_answers_and_a_chosen_option_stays(
    client, coordinator, cohort
):
    client.force_login(coordinator)
    client.post(url(cohort.program), builder_post([OFFICE]))
    office = Question.objects.get(program=cohort.program)
    chosen = submit(cohort, answers={office.pk: "oppositionsrad"})

    renamed = {
        **OFFICE,
        "id": office.pk,
        "options": OFFICE["options"].replace("Oppositionsråd", "Oppositionsråd (S, M …)"),
    }
    renamed["eligible"] = ["Kommunstyrelsens ordförande", "Oppositionsråd (S, M …)"]
    assert client.post(url(cohort.program), builder_post([renamed], initial=1)).status_code == 302
    office.refresh_from_db()
    assert "oppositionsrad" in office.eligible_answers
    assert office.choices.get(value="oppositionsrad").label_sv == "Oppositionsråd (S, M …)"
    chosen.refresh_from_db()
    assert chosen.is_eligible

    dropped = {**renamed, "options": "Kommunstyrelsens ordförande\nAnnat", "text_sv": "Ändrad text"}
    dropped["eligible"] = ["Kommunstyrelsens ordförande"]
    response = client.post(url(cohort.program), builder_post([dropped], initial=1))
    assert response.status_code == 200
    assert "1 sökande har valt ”Oppositionsråd (S, M …)”" in response.content.decode()
    assert "Ändrad text" in response.content.decode()  # the typed answers are kept
    office.refresh_from_db()
    assert office.text_sv == OFFICE["text_sv"] and office.choices.count() == 3  # nothing saved

    removed = {**renamed, "DELETE": True}
    response = client.post(url(cohort.program), builder_post([removed], initial=1))
    assert "har svarat på frågan, så den finns kvar" in response.content.decode()
    assert Question.objects.filter(pk=office.pk).exists()


def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(client, coordinator, cohort):
    client.force_login(coordinator)
    backwards = {**YEARS, "eligible_minimum": "9", "eligible_maximum": "3"}
    no_options = {**OFFICE, "options": "", "eligible": []}

    response = client.post(url(cohort.program), builder_post([backwards, no_options]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_questions-0-eligible_maximum_error"' in page
    assert "Det lägsta behöriga svaret är högre än det högsta." in page
    assert 'value="År i politiken"' in page
    assert not Question.objects.exists()

    response = client.post(url(cohort.program), builder_post([YEARS, no_options]))
    assert 'id="id_questions-1-options_error"' in response.content.decode()
    assert not Question.objects.exists()  # one question refused: none is saved


def test_a_sensitive_question_is_refused_as_a_matching_criterion_beside_the_box(
    client, coordinator, cohort
):
    client.force_login(coordinator)
    health = {"text_sv": "Har du en funktionsnedsättning?", "sensitive": True}

    response = client.post(
        url(cohort.program), builder_post([{**health, "matching_criterion": "languages"}])
    )

    page = response.content.decode()
    assert 'id="id_questions-0-sensitive_error"' in page
    assert "En känslig fråga kan inte användas för matchning" in page
    assert not Question.objects.exists()
    with pytest.raises(IntegrityError):  # nor through any other path
        Question.objects.create(
            program=cohort.program, text_sv="Hälsa", sensitive=True, matching_criterion="region"
        )


def test_a_yes_no_knock_out_and_a_question_for_both_roles(client, coordinator, cohort):
    client.force_login(coordinator)
    office = {"text_sv": "Har du ett förtroendeuppdrag?", "kind": "yes_no", "eligible": ["yes"]}
    both = {"text_sv": "Språk", "kind": "short_text", "asked_of": "both"}

    client.post(url(cohort.program), builder_post([office, both]))

    yes_no = Question.objects.get(kind=QuestionKind.YES_NO)
    assert yes_no.eligible_answers == ["yes"] and yes_no.is_knockout
    assert "Språk" in client.get(url(cohort.program, "mentor")).content.decode()
    assert "förtroendeuppdrag" not in client.get(url(cohort.program, "mentor")).content.decode()


@pytest.mark.parametrize("who", ["other_coordinator", "mentor", "anonymous"])
def test_the_builder_refuses_anyone_but_the_programs_coordinator(client, cohort, who, request):
    person = request.getfixturevalue(who)
    if who != "anonymous":
        client.force_login(person.user if who == "mentor" else person)
    for response in (
        client.get(url(cohort.program)),
        client.post(url(cohort.program), builder_post([YEARS])),
    ):
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/login/" in response["Location"]
    assert not Question.objects.exists()


def test_an_all_of_knock_out_needs_every_ticked_language(client, coordinator, cohort):
    """002: "Som mentor behöver man tala minst svenska och engelska" in one question."""
    client.force_login(coordinator)
    languages = {
        "text_sv": "Vilka språk talar du?",
        "kind": "multiple_choice",
        "options": "Svenska | Swedish\nEngelska | English\nArabiska | Arabic",
        "eligible": ["Svenska", "Engelska"],
        "eligible_needs_all": True,
    }

    client.post(url(cohort.program), builder_post([languages]))

    question = Question.objects.get()
    assert question.eligible_needs_all and question.eligible_answers == ["svenska", "engelska"]
    page = client.get(url(cohort.program)).content.decode()
    assert re.search(r'<input[^>]*name="questions-0-eligible_needs_all"[^>]*checked', page)
    both = submit(cohort, answers={question.pk: ["svenska", "engelska", "arabiska"]})
    one = submit(cohort, answers={question.pk: ["svenska", "arabiska"]})
    assert both.is_eligible
    assert one.ineligible_reasons == ["Vilka språk talar du?: Svenska, Arabiska (saknas: Engelska)"]


def test_all_of_is_only_for_multiple_choice(client, coordinator, cohort):
    client.force_login(coordinator)
    single = {**OFFICE, "eligible_needs_all": True}

    client.post(url(cohort.program), builder_post([single]))

    assert not Question.objects.get().eligible_needs_all  # one answer cannot be all of two
    with pytest.raises(IntegrityError):
        Question.objects.create(
            program=cohort.program, text_sv="X", kind="single_choice", eligible_needs_all=True
        )
