import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from programs.enums import ApplicationState, QuestionKind, SeatRule
from programs.models import Application, Participant, Question
from programs.selectors import waitlist_position
from programs.services.intake import (
    ApplicantDetails,
    IntakeError,
    application_submit,
    application_update,
    application_withdraw,
    nomination_create,
)
from programs.services.screening import (
    application_accept,
    application_reject,
    application_waitlist,
    interview_book,
    interview_record,
)
from tests.factories import CohortFactory, OrganisationFactory, UserFactory, submit

pytestmark = pytest.mark.django_db(transaction=True)  # emails go out on commit


@pytest.fixture
def first_come():
    return CohortFactory(seat_rule=SeatRule.FIRST_COME, mentee_seats=2, mentor_seats=2)


def test_submit_under_first_come_seats_the_first_and_waitlists_the_rest_in_order(first_come):
    applications = [submit(first_come) for _ in range(4)]

    assert [a.seat_number for a in applications] == [1, 2, None, None]
    assert [a.state for a in applications[2:]] == [ApplicationState.WAITLISTED] * 2
    assert [waitlist_position(a) for a in applications[2:]] == [1, 2]
    assert len(mail.outbox) == 4
    assert "plats 1" in mail.outbox[2].body  # the waitlisted one is told their place


def test_withdrawal_gives_the_seat_to_the_first_on_the_waitlist_and_tells_them(first_come):
    seated, _other, first_waiting, second_waiting = [submit(first_come) for _ in range(4)]
    mail.outbox.clear()

    application_withdraw(application=seated, by=seated.user)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.seat_number, first_waiting.state) == (1, ApplicationState.SUBMITTED)
    assert waitlist_position(second_waiting) == 1
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([seated.user.email, first_waiting.user.email])


def test_rejection_also_promotes_from_the_waitlist(first_come):
    seated, _other, waiting = [submit(first_come) for _ in range(3)]

    application_reject(application=seated)

    waiting.refresh_from_db()
    assert waiting.seat_number == 1


def test_double_submit_with_the_same_token_creates_one_application(cohort):
    token = uuid.uuid4()

    first = submit(cohort, email="twice@example.org", submission_token=token)
    second = submit(cohort, email="twice@example.org", submission_token=token)

    assert first.pk == second.pk
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 1


def test_second_application_for_the_same_cohort_and_role_is_refused_to_its_owner(cohort):
    first = submit(cohort, email="again@example.org")

    with pytest.raises(IntakeError, match=r"redan ansökt|already applied"):
        submit(cohort, email="Again@example.org", acting_user=first.user)
    assert submit(cohort, role="mentor", email="again@example.org").role == "mentor"


def test_second_application_by_someone_not_logged_in_changes_nothing(cohort):
    first = submit(cohort, email="again@example.org")

    again = submit(cohort, email="Again@example.org")

    assert again == first
    assert Application.objects.filter(cohort=cohort).count() == 1


def test_submit_outside_the_window_is_refused(program):
    closed = CohortFactory(
        program=program,
        application_opens_at=timezone.now() - timedelta(days=30),
        application_closes_at=timezone.now() - timedelta(days=1),
    )

    with pytest.raises(IntakeError):
        submit(closed)
    assert Application.objects.count() == 0


def test_knockout_answers_flag_the_application_but_keep_it(cohort):
    years = Question.objects.create(
        program=cohort.program,
        kind=QuestionKind.NUMBER,
        text_sv="År som chef",
        eligible_minimum=5,
    )
    office = Question.objects.create(
        program=cohort.program,
        kind=QuestionKind.YES_NO,
        text_sv="Förtroendeuppdrag?",
        eligible_answers=["yes"],
    )

    eligible = submit(cohort, answers={years.pk: 7, office.pk: True})
    not_eligible = submit(cohort, answers={years.pk: 3, office.pk: True})

    assert eligible.is_eligible
    assert not not_eligible.is_eligible
    assert not_eligible.ineligible_reasons == ["År som chef: 3"]
    assert not_eligible.state == ApplicationState.SUBMITTED


def test_applying_with_someone_elses_email_does_not_change_their_profile(cohort):
    owner = UserFactory(email="owner@example.org", first_name="Riktig")

    application_submit(
        cohort=cohort,
        role="mentee",
        details=ApplicantDetails(
            email="owner@example.org",
            first_name="Falsk",
            last_name="X",
            profile={"phone": "000"},
        ),
        answers={},
        consent_text="text",
        submission_token=uuid.uuid4(),
    )

    owner.refresh_from_db()
    assert owner.first_name == "Riktig" and owner.profile.phone == ""
    assert mail.outbox[0].to == ["owner@example.org"]  # the owner hears of it


def test_applicant_edits_before_the_deadline_and_not_after(cohort):
    application = submit(cohort)
    details = ApplicantDetails(email="", first_name="Ny", last_name="Namn", profile={"bio": "Hej"})

    application_update(application=application, by=application.user, details=details, answers={})
    application.user.refresh_from_db()
    assert application.user.first_name == "Ny"

    cohort.application_closes_at = timezone.now() - timedelta(minutes=1)
    cohort.application_opens_at = timezone.now() - timedelta(days=5)
    cohort.save()
    application.refresh_from_db()
    with pytest.raises(IntakeError):
        application_update(
            application=application, by=application.user, details=details, answers={}
        )


def test_only_the_applicant_may_withdraw(cohort, stranger):
    application = submit(cohort)

    with pytest.raises(IntakeError):
        application_withdraw(application=application, by=stranger)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_screening_from_interview_to_acceptance_creates_the_participant(cohort, coordinator):
    application = submit(cohort)
    mail.outbox.clear()

    interview = interview_book(
        application=application,
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=30,
        mode="phone",
        location="070-123 45 67",
        interviewer=coordinator,
    )
    invite = mail.outbox[0].attachments[0]
    assert invite[0] == "interview.ics" and "BEGIN:VEVENT" in invite[1]
    interview_record(interview=interview, notes="Bra samtal.")
    application_accept(application=application)

    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED
    assert Participant.objects.get(user=application.user, cohort=cohort).role == "mentee"
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (ApplicationState.ACCEPTED, application_reject),
        (ApplicationState.REJECTED, application_accept),
        (ApplicationState.WITHDRAWN, application_accept),
        (ApplicationState.WAITLISTED, application_waitlist),
    ],
)
def test_forbidden_screening_transitions_are_refused(cohort, state, action):
    application = submit(cohort)
    if state == ApplicationState.ACCEPTED:
        application_accept(application=application)
    else:
        Application.objects.filter(pk=application.pk).update(state=state)

    with pytest.raises(IntakeError):
        action(application=application)


def test_accept_under_selection_is_refused_when_every_seat_is_taken(program):
    cohort = CohortFactory(program=program, seat_rule=SeatRule.SELECTION, mentee_seats=1)
    first, second = submit(cohort), submit(cohort)
    application_accept(application=first)

    with pytest.raises(IntakeError):
        application_accept(application=second)
    application_waitlist(application=second)
    second.refresh_from_db()
    assert second.state == ApplicationState.WAITLISTED


def test_nomination_by_a_contact_emails_the_nominee_a_link(cohort):
    from programs.models import OrganisationContact

    agency = OrganisationFactory(name="Skatteverket")
    contact = UserFactory()
    OrganisationContact.objects.create(organisation=agency, user=contact, program=cohort.program)

    nomination = nomination_create(
        cohort=cohort,
        organisation=agency,
        by=contact,
        role="mentor",
        first_name="Nils",
        last_name="Nominerad",
        email="nils@example.org",
        rank=1,
    )

    assert mail.outbox[0].to == ["nils@example.org"]
    assert f"/apply/nomination/{nomination.token}/" in mail.outbox[0].body
    with pytest.raises(IntakeError):  # the same rank twice
        nomination_create(
            cohort=cohort,
            organisation=agency,
            by=contact,
            role="mentor",
            first_name="Nora",
            last_name="N",
            email="nora@example.org",
            rank=1,
        )
    with pytest.raises(IntakeError):  # not a contact for this organisation
        nomination_create(
            cohort=cohort,
            organisation=OrganisationFactory(),
            by=contact,
            role="mentor",
            first_name="Olle",
            last_name="O",
            email="olle@example.org",
            rank=2,
        )


def test_a_program_asks_every_mentor_to_speak_all_its_languages(cohort, client):
    """002: "Som mentor behöver man tala minst svenska och engelska", on the profile."""
    from programs.services.core import coordinator_add

    program = cohort.program
    program.mentor_languages = ["sv", "en"]
    program.save(update_fields=["mentor_languages"])

    def mentor(languages):
        return submit(cohort, role="mentor", profile={"languages": languages})

    assert mentor(["sv", "en", "ar"]).is_eligible
    one = mentor(["sv"])
    assert one.ineligible_reasons == ["Språk du talar: Svenska (saknas: Engelska)"]
    assert submit(cohort, role="mentee").is_eligible  # asked of mentors only

    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=program, user=coordinator)
    client.force_login(coordinator)
    page = client.get(f"/admin/programs/program/{program.pk}/change/").content.decode()
    assert 'name="mentor_languages" value="en"' in page and "checked" in page
