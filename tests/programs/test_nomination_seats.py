"""002's seats: "20 platser, först till kvarn" for the agencies' registrations. The seats
go in the order the organisations register their nominees; an ineligible answer gives
the seat to the next at once; contacts re-rank and withdraw; each organisation's count
against the cohort's minimum; the export has the ranks."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from programs.enums import ApplicationState
from programs.models import Application, Nomination, OrganisationContact, Question
from programs.selectors import nominations_by_organisation
from programs.services.intake import (
    ApplicantDetails,
    IntakeError,
    application_submit,
    nomination_create,
    nomination_rank_set,
    nomination_withdraw,
)
from tests.factories import CohortFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agencies(db):
    cohort = CohortFactory(
        mentor_seats=20,
        seat_rule="first_come",
        mentor_intake="nomination",
        nomination_seat="registration",
        nominations_minimum=2,
        nomination_deadline=timezone.now() + timedelta(days=10),
    )
    question = Question.objects.create(
        program=cohort.program,
        role="mentor",
        kind="yes_no",
        text_sv="Talar du både svenska och engelska?",
        eligible_answers=["yes"],
    )
    contacts = []
    for name in ("Skatteverket", "Försäkringskassan"):
        organisation = OrganisationFactory(name=name)
        contact = UserFactory(email=f"kontakt@{name.lower()}.example.se")
        OrganisationContact.objects.create(
            organisation=organisation, user=contact, program=cohort.program
        )
        contacts.append((organisation, contact))
    return cohort, question, contacts


def register(cohort, organisation, contact, n, rank):
    return nomination_create(
        cohort=cohort,
        organisation=organisation,
        by=contact,
        role="mentor",
        first_name=f"Mentor{n:02}",
        last_name=organisation.name,
        email=f"mentor{n:02}@{organisation.name.lower()}.example.se",
        rank=rank,
    )


def apply(cohort, nomination, question, speaks_both=True):
    application, _new = application_submit(
        cohort=cohort,
        role="mentor",
        details=ApplicantDetails(
            email=nomination.email, first_name=nomination.first_name, last_name="X"
        ),
        answers={question.pk: speaks_both},
        consent_text="Vi sparar dina svar.",
        submission_token=uuid.uuid4(),
        nomination=nomination,
    )
    return application


def test_002_the_first_twenty_registered_hold_the_seats_whatever_order_they_apply_in(agencies):
    cohort, question, ((skv, skv_contact), (fk, fk_contact)) = agencies
    nominations = []
    for n in range(24):  # the two agencies register in turns, twelve each
        organisation, contact = (skv, skv_contact) if n % 2 == 0 else (fk, fk_contact)
        nominations.append(register(cohort, organisation, contact, n, rank=n // 2 + 1))

    assert [x.seat_number for x in nominations[:20]] == list(range(1, 21))
    assert all(x.seat_number is None for x in nominations[20:])
    # The last registered applies first: the waiting list, not a seat.
    late = apply(cohort, nominations[23], question)
    assert late.state == ApplicationState.WAITLISTED and late.seat_number is None
    early = apply(cohort, nominations[0], question)
    assert (early.state, early.seat_number) == (ApplicationState.SUBMITTED, 1)

    # An ineligible nominee's seat goes at once to the first registered without one.
    ineligible = apply(cohort, nominations[5], question, speaks_both=False)
    assert ineligible.seat_number is None and not ineligible.is_eligible
    assert ineligible.state == ApplicationState.SUBMITTED  # flagged, for the coordinator
    nominations[20].refresh_from_db()
    assert nominations[20].seat_number == 6

    # A contact withdraws a nominee who holds a seat: the next registered takes it.
    nomination_withdraw(nomination=nominations[2], by=skv_contact)
    nominations[21].refresh_from_db()
    assert nominations[21].seat_number == 3
    # And once more: the next is the one who applied early and waits, now with a seat.
    nomination_withdraw(nomination=nominations[4], by=skv_contact)
    late.refresh_from_db()
    assert (late.state, late.seat_number) == (ApplicationState.WAITLISTED, None)
    nominations[22].refresh_from_db()
    assert nominations[22].seat_number == 5
    nomination_withdraw(nomination=nominations[6], by=skv_contact)
    late.refresh_from_db()
    assert (late.state, late.seat_number) == (ApplicationState.SUBMITTED, 7)

    seats = [a.seat_number for a in Application.objects.exclude(seat_number=None)] + [
        x.seat_number for x in Nomination.objects.exclude(seat_number=None)
    ]
    assert sorted(seats) == sorted(set(seats)) and len(seats) == 20


def test_an_outsider_cannot_apply_as_mentor_through_the_form(agencies):
    cohort, question, _contacts = agencies
    with pytest.raises(IntakeError):
        application_submit(
            cohort=cohort,
            role="mentor",
            details=ApplicantDetails(
                email="utomstaende@example.org", first_name="U", last_name="S"
            ),
            answers={question.pk: True},
            consent_text="Vi sparar dina svar.",
            submission_token=uuid.uuid4(),
        )
    assert not Application.objects.exists()


def test_a_contact_re_ranks_and_withdraws_and_sees_the_count_against_the_minimum(agencies):
    cohort, question, ((skv, skv_contact), (_fk, fk_contact)) = agencies
    first, second, third = (register(cohort, skv, skv_contact, n, rank=n + 1) for n in range(3))

    nomination_rank_set(nomination=third, rank=1, by=skv_contact)
    ranks = dict(Nomination.objects.values_list("first_name", "rank"))
    assert (ranks["Mentor02"], ranks["Mentor00"], ranks["Mentor01"]) == (1, 3, 2)
    with pytest.raises(IntakeError):  # another agency's nominee
        nomination_rank_set(nomination=first, rank=2, by=fk_contact)
    nomination_withdraw(nomination=second, by=skv_contact)
    nomination_withdraw(nomination=first, by=skv_contact)

    (group,) = nominations_by_organisation(cohort, [skv])
    assert (group.count, group.minimum, group.short_by) == (1, 2, 1)
    assert {n.first_name for n in group.withdrawn} == {"Mentor00", "Mentor01"}
    # A new nominee can take a withdrawn one's rank.
    register(cohort, skv, skv_contact, 9, rank=2)
    apply(cohort, third, question)
    with pytest.raises(IntakeError):  # applied: the application is theirs to withdraw
        nomination_withdraw(nomination=third, by=skv_contact)


def test_after_the_deadline_a_contact_can_no_longer_change_the_list(agencies):
    cohort, _question, ((skv, skv_contact), _fk) = agencies
    nomination = register(cohort, skv, skv_contact, 0, rank=1)
    cohort.nomination_deadline = timezone.now() - timedelta(minutes=1)
    cohort.save(update_fields=["nomination_deadline"])

    for change in (
        lambda: nomination_rank_set(nomination=nomination, rank=2, by=skv_contact),
        lambda: nomination_withdraw(nomination=nomination, by=skv_contact),
    ):
        with pytest.raises(IntakeError):
            change()
    nomination.refresh_from_db()
    assert (nomination.rank, nomination.withdrawn_at) == (1, None)


def test_the_contacts_page_and_the_coordinators_export_have_the_ranks(agencies, client):
    cohort, _question, ((skv, skv_contact), (fk, fk_contact)) = agencies
    nominations = [register(cohort, skv, skv_contact, n, rank=n + 1) for n in range(2)]
    register(cohort, fk, fk_contact, 5, rank=1)
    url = f"/programs/{cohort.program.slug}/cohorts/{cohort.pk}/nominate/"

    client.force_login(skv_contact)
    page = client.get(url).content.decode()
    assert "2 nominerade av de 2 som programmet ber varje organisation om" in page
    assert "Mentor05" not in page  # another agency's
    client.post(f"/nominations/{nominations[1].pk}/rank/", {"rank": "1"})
    assert Nomination.objects.get(pk=nominations[1].pk).rank == 1
    client.force_login(fk_contact)
    assert client.post(f"/nominations/{nominations[0].pk}/withdraw/").status_code == 404
    assert Nomination.objects.get(pk=nominations[0].pk).withdrawn_at is None

    from programs.services.core import coordinator_add

    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    client.force_login(coordinator)
    listing = client.get("/admin/programs/nomination/").content.decode()
    assert "Skatteverket" in listing and "Försäkringskassan" in listing
    response = client.post("/admin/programs/nomination/export/", {"format": "0", "resource": "0"})
    text = response.content.decode("utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert "rang" in header.lower()
    assert len(rows) == 3


def test_mentees_are_nominated_by_the_partner_program_only(agencies):
    cohort, _question, ((skv, skv_contact), _fk) = agencies
    partner = OrganisationFactory(name="Korta vägen")
    partner_contact = UserFactory(email="kontakt@kortavagen.example.se")
    OrganisationContact.objects.create(
        organisation=partner, user=partner_contact, program=cohort.program
    )
    cohort.mentee_intake, cohort.mentee_partner = "nomination", partner
    cohort.save(update_fields=["mentee_intake", "mentee_partner"])

    def nominate(organisation, contact, email):
        return nomination_create(
            cohort=cohort,
            organisation=organisation,
            by=contact,
            role="mentee",
            first_name="Adept",
            last_name="X",
            email=email,
            rank=1,
        )

    with pytest.raises(IntakeError, match="Korta vägen"):
        nominate(skv, skv_contact, "adept@skatteverket.example.se")
    assert nominate(partner, partner_contact, "adept@kortavagen.example.se").role == "mentee"


def test_a_withdrawn_nominee_can_be_nominated_again(agencies):
    cohort, _question, ((skv, skv_contact), _fk) = agencies
    first = register(cohort, skv, skv_contact, 0, rank=1)
    with pytest.raises(IntakeError):  # the same person twice while the first stands
        register(cohort, skv, skv_contact, 0, rank=2)

    nomination_withdraw(nomination=first, by=skv_contact)
    again = register(cohort, skv, skv_contact, 0, rank=1)

    assert again.pk != first.pk and again.seat_number == 1
