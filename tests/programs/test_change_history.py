"""Issue 19, part 3: who changed what and when, before and after, on the object's admin
page, for its program's coordinators only; erased with the person."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from programs.enums import QuestionKind
from programs.models import Question
from programs.services.core import coordinator_add
from programs.services.privacy import person_anonymise
from tests.factories import ParticipantFactory, UserFactory, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def question(cohort):
    return Question.objects.create(
        program=cohort.program, kind=QuestionKind.SHORT_TEXT, text_sv="Yrke", text_en="Job"
    )


def edit_post(**answers):
    return {"first_name": "Ada", "last_name": "Sökande", "preferred_language": "en", **answers}


def test_an_answer_changed_by_the_applicant_shows_who_when_before_and_after(
    client, cohort, question, coordinator, other_coordinator
):
    application = submit(cohort, email="ada@example.org", answers={question.pk: "Lärare"})
    client.force_login(application.user)
    response = client.post(
        reverse("application_edit", args=[application.pk]),
        edit_post(**{f"q_{question.pk}": "Rektor"}),
    )
    assert response.status_code == 302

    client.force_login(coordinator)
    page = client.get(reverse("admin:programs_application_change", args=[application.pk]))
    history = page.text.split('id="change-history-title"')[1]
    assert "Ada Sökande" in history
    assert "Answer to “Job”: changed" in history
    assert "<td>Lärare</td><td>Rektor</td>" in history
    # The coordinator's own change is recorded with their name.
    client.post(
        reverse("admin:programs_application_change", args=[application.pk]),
        {
            "coordinator_note": "Ringde om tjänsten",
            "interviews-TOTAL_FORMS": "0",
            "interviews-INITIAL_FORMS": "0",
        },
    )
    page = client.get(reverse("admin:programs_application_change", args=[application.pk]))
    history = page.text.split('id="change-history-title"')[1]
    assert "Cora" in history and "Ringde om tjänsten" in history

    client.force_login(other_coordinator)
    refused = client.get(
        reverse("admin:programs_application_change", args=[application.pk]), follow=True
    )
    assert "Rektor" not in refused.text
    assert "change-history-title" not in refused.text


def test_a_bulk_update_is_recorded_too(client, cohort, coordinator):
    """The triggers record what a service's QuerySet.update writes, with no save()."""
    from programs.models import Participant

    participant = ParticipantFactory(cohort=cohort, role="mentor")
    Participant.objects.filter(pk=participant.pk).update(capacity=3)

    client.force_login(coordinator)
    page = client.get(reverse("admin:programs_participant_change", args=[participant.pk]))
    history = page.text.split('id="change-history-title"')[1]
    assert "<td>the system</td>" in history
    assert "<td>Mentees at most</td><td>1</td><td>3</td>" in history


def test_coordinator_rights_given_are_on_the_programs_page(client, program, coordinator):
    newcomer = UserFactory(first_name="Nils", last_name="Ny")
    coordinator_add(program=program, user=newcomer)

    client.force_login(coordinator)
    page = client.get(reverse("admin:programs_program_change", args=[program.pk]))
    history = page.text.split('id="change-history-title"')[1]
    assert "Coordinator rights: created" in history
    assert "<td>Person</td><td>–</td><td>Nils Ny</td>" in history
    event = apps.get_model("programs", "ProgramCoordinatorEvent").objects.last()
    assert event.user_id == newcomer.pk and event.pgh_label == "created"


def test_the_history_is_erased_with_the_person(client, cohort, question, coordinator):
    application = submit(cohort, email="ada@example.org", answers={question.pk: "Lärare"})
    participant = ParticipantFactory(cohort=cohort, user=application.user, role="mentee")
    answer_events = apps.get_model("programs", "AnswerEvent").objects
    assert answer_events.filter(value="Lärare").exists()

    person_anonymise(user=application.user)

    assert not answer_events.filter(value="Lärare").exists()
    assert (
        not apps.get_model("programs", "ApplicationEvent")
        .objects.filter(pgh_obj_id=application.pk)
        .exists()
    )
    assert (
        not apps.get_model("programs", "ParticipantEvent")
        .objects.filter(pgh_obj_id=participant.pk)
        .exists()
    )


def test_the_history_page_costs_the_same_queries_for_1_and_20_changes(client, cohort, coordinator):
    import pghistory
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programs.models import Participant

    participant = ParticipantFactory(cohort=cohort, role="mentor")
    client.force_login(coordinator)
    url = reverse("admin:programs_participant_change", args=[participant.pk])
    with pghistory.context(user=coordinator.pk):
        Participant.objects.filter(pk=participant.pk).update(capacity=2)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for capacity in range(3, 21):
        with pghistory.context(user=UserFactory().pk):
            Participant.objects.filter(pk=participant.pk).update(capacity=capacity)
    with CaptureQueriesContext(connection) as twenty:
        page = client.get(url)
    assert len(twenty) == len(one)
    assert page.text.count("<td>Mentees at most</td>") == 19
