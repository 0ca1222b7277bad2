"""001: the coordinator registers a politician who phoned, books the intake call (named
an intake call in the email and the invite), and reads the needs on the matching board."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorship.models import StateChange
from programs.enums import ApplicationState, CohortState, IntakeMode, InterviewKind
from programs.models import Application
from programs.services.core import coordinator_add, participant_add
from programs.services.screening import application_accept, interview_book, interview_record
from tests.factories import CohortFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # emails go out on commit


@pytest.fixture
def rolling():
    cohort = CohortFactory(
        state=CohortState.RUNNING,
        program__intake_mode=IntakeMode.ROLLING,
        program__name_sv="Mentor för toppolitiker",
        program__privacy_notice_sv="Vi sparar dina uppgifter i två år.",
        ends_on=None,
    )
    coordinator = UserFactory(first_name="Sara", last_name="Samordnare")
    coordinator_add(program=cohort.program, user=coordinator)
    return cohort, coordinator


def _form(**changes):
    data = {
        "first_name": "Lena",
        "last_name": "Ledamot",
        "email": "lena@riksdagen.example.se",
        "phone": "070-111 22 33",
        "preferred_language": "sv",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_coordinator_registers_a_person_who_phoned_with_consent_by_phone(client, rolling):
    cohort, coordinator = rolling
    client.force_login(coordinator)
    url = reverse("application_register", args=[cohort.pk, "mentee"])
    data = _form()

    response = client.post(url, data)
    again = client.post(url, data)  # a double submit

    application = Application.objects.get()
    assert response.status_code == 302 and again.status_code == 302
    assert response["Location"] == reverse(
        "admin:programs_application_change", args=[application.pk]
    )
    assert application.state == ApplicationState.SUBMITTED
    assert application.user.email == "lena@riksdagen.example.se"
    assert application.consent_text.startswith("Samtycke givet per telefon till Sara Samordnare")
    assert "Vi sparar dina uppgifter i två år." in application.consent_text
    assert application.consent_given_at is not None
    assert StateChange.objects.get(object_id=application.pk).by == coordinator
    assert [m.to for m in mail.outbox] == [["lena@riksdagen.example.se"]]


def test_registration_with_a_missing_email_keeps_the_other_answers(client, rolling):
    cohort, coordinator = rolling
    client.force_login(coordinator)

    response = client.post(
        reverse("application_register", args=[cohort.pk, "mentee"]), _form(email="", consent=None)
    )

    page = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 0
    assert 'value="Ledamot"' in page and 'value="070-111 22 33"' in page
    assert page.count('class="errorlist') >= 2  # the email and the consent


@pytest.mark.parametrize("who", ["other_coordinator", "participant", "anonymous"])
def test_only_the_programs_coordinator_may_register(client, rolling, who):
    cohort, _coordinator = rolling
    if who == "other_coordinator":
        other = UserFactory()
        coordinator_add(program=CohortFactory().program, user=other)
        client.force_login(other)
    elif who == "participant":
        client.force_login(participant_add(cohort=cohort, user=UserFactory(), role="mentee").user)
    url = reverse("application_register", args=[cohort.pk, "mentee"])

    page, post = client.get(url), client.post(url, _form())

    assert page.status_code in (302, 403, 404) and post.status_code in (302, 403, 404)
    if who == "other_coordinator":
        assert post.status_code == 404
    assert Application.objects.count() == 0 and mail.outbox == []


def test_an_intake_call_is_called_so_and_its_notes_show_on_the_board(client, rolling):
    cohort, coordinator = rolling
    client.force_login(coordinator)
    client.post(reverse("application_register", args=[cohort.pk, "mentee"]), _form())
    application = Application.objects.get()
    mail.outbox.clear()

    interview = interview_book(
        application=application,
        starts_at=timezone.now() + timedelta(days=2),
        mode="phone",
        kind=InterviewKind.INTAKE_CALL,
        by=coordinator,
    )
    [invite] = mail.outbox
    assert invite.subject == "Ditt inledande samtal för Mentor för toppolitiker"
    assert "Det här är ett inledande samtal" in invite.body
    calendar = invite.attachments[0][1]
    assert "SUMMARY:Inledande samtal: Mentor för toppolitiker" in calendar
    assert "Intervju" not in invite.subject + calendar

    interview_record(interview=interview, notes="Vill bli tryggare i debatter.", by=coordinator)
    application_accept(application=application, by=coordinator)
    participant_add(cohort=cohort, user=UserFactory(), role="mentor")

    board = client.get(reverse("matching_board", args=[cohort.pk])).content.decode()
    assert "Behov, från det inledande samtalet" in board
    assert "Vill bli tryggare i debatter." in board


def test_the_interview_form_offers_an_intake_call_first_in_a_rolling_program(client, rolling):
    cohort, coordinator = rolling
    client.force_login(coordinator)
    client.post(reverse("application_register", args=[cohort.pk, "mentee"]), _form())
    application = Application.objects.get()

    page = client.get(reverse("admin:programs_application_interview", args=[application.pk]))

    assert page.context["form"].initial["kind"] == InterviewKind.INTAKE_CALL


def test_a_role_by_invitation_has_no_public_form_and_says_whom_to_ask(client):
    cohort = CohortFactory(
        mentor_intake="invitation",
        program__contact_name="Sara Samordnare",
        program__contact_email="sara@example.org",
    )

    page = client.get(
        reverse("apply_form", args=[cohort.program.slug, cohort.pk, "mentor"])
    ).content.decode()

    assert cohort.public_roles() == ["mentee"]
    assert "bjuder in varje mentor" in page and "sara@example.org" in page
    assert 'name="consent"' not in page


def test_the_interview_list_shows_the_cohorts_calls_and_marks_held_and_accepts(client, rolling):
    cohort, coordinator = rolling
    other_cohort = CohortFactory(state=CohortState.RUNNING, program__intake_mode=IntakeMode.ROLLING)
    client.force_login(coordinator)
    client.post(reverse("application_register", args=[cohort.pk, "mentee"]), _form())
    application = Application.objects.get()
    interview = interview_book(
        application=application,
        starts_at=timezone.now() + timedelta(days=1),
        kind=InterviewKind.INTAKE_CALL,
        by=coordinator,
    )
    stranger = UserFactory()
    coordinator_add(program=other_cohort.program, user=stranger)
    url = reverse("admin:programs_interview_changelist")

    page = client.get(url).content.decode()
    assert "Lena Ledamot" in page and "Inledande samtal" in page
    client.post(url, {"action": "mark_held", "_selected_action": [interview.pk]})
    application.refresh_from_db()
    assert application.state == ApplicationState.INTERVIEWED
    client.post(url, {"action": "accept_applicants", "_selected_action": [interview.pk]})
    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED

    client.force_login(stranger)
    assert "Lena Ledamot" not in client.get(url).content.decode()
