"""The program's say in the pair's work: who books, a coordinator at the first meeting
who writes the agreement with them, the program's terms, and both signatures before
meetings are logged."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import Session
from events.services.sessions import session_log, session_plan, session_record
from matching.models import Agreement
from matching.services.agreements import agreement_sign, agreement_start, agreement_update
from mentorship.errors import Refusal
from mentorship.models import OutgoingEmail
from programs.models import Program
from programs.services.core import coordinator_add
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def program_says(pair, **settings) -> Program:
    Program.objects.filter(pk=pair.cohort.program_id).update(**settings)
    pair.cohort.program.refresh_from_db()
    return pair.cohort.program


def soon(days: int = 3):
    return timezone.now() + timedelta(days=days)


@pytest.fixture
def facilitator(pair):
    user = UserFactory(first_name="Fatima", last_name="Coordinator", is_staff=True)
    coordinator_add(program=pair.cohort.program, user=user)
    program_says(pair, coordinator_at_first_meeting=True)
    return user


def test_where_the_mentee_drives_only_the_mentee_books(client, pair):
    program_says(pair, meetings_booked_by="mentee")
    with pytest.raises(Refusal, match="the mentee books"):
        session_plan(match=pair, by=pair.mentor.user, starts_at=soon(), duration_minutes=60)
    session_plan(match=pair, by=pair.mentee.user, starts_at=soon(), duration_minutes=60)
    client.force_login(pair.mentor.user)
    page = client.get(f"/matches/{pair.pk}/").content.decode()
    assert "In this program the mentee books the meetings." in page
    assert f'href="/matches/{pair.pk}/sessions/plan/"' not in page
    response = client.post(
        f"/matches/{pair.pk}/sessions/plan/",
        {
            "starts_at_0": timezone.localtime(soon(5)).date().isoformat(),
            "starts_at_1": "10:00",
            "duration_minutes": "60",
            "location": "Café",
        },
    )
    assert "the mentee books" in response.content.decode()
    assert Session.objects.filter(match=pair).count() == 1


def test_coordinator_at_first_meeting_is_named_edits_the_draft_and_is_invited(
    client, pair, facilitator
):
    # Named before anyone has written a word.
    client.force_login(pair.mentee.user)
    page = client.get(f"/matches/{pair.pk}/").content.decode()
    assert "Coordinator at your first meeting: Fatima Coordinator" in page
    assert not Agreement.objects.exists()
    # She opens the agreement and writes the first draft with the pair.
    client.force_login(facilitator)
    form = client.get(f"/matches/{pair.pk}/agreement/")
    assert form.status_code == 200 and "Save the agreement" in form.content.decode()
    agreement_update(
        agreement=agreement_start(match=pair),
        by=facilitator,
        fields={"focus_areas": "Leading a council"},
        goals=[{"title": "Chair a meeting", "success": "Calm and on time"}],
    )
    agreement = Agreement.objects.get(match=pair)
    assert agreement.facilitator == facilitator and agreement.focus_areas == "Leading a council"
    # The pair signs; the print names her.
    agreement_sign(agreement=agreement, by=pair.mentor.user)
    agreement_sign(agreement=agreement, by=pair.mentee.user)
    client.force_login(pair.mentee.user)
    printed = client.get(f"/matches/{pair.pk}/agreement/print/").content.decode()
    assert "Coordinator at the first meeting: Fatima Coordinator" in printed
    # Once signed she can read but not change it.
    with pytest.raises(Refusal):
        agreement_update(agreement=agreement, by=facilitator, fields={"focus_areas": "X"}, goals=[])
    # She is invited to the first meeting, not to the second.
    first = session_plan(match=pair, by=pair.mentee.user, starts_at=soon(3), duration_minutes=90)
    session_plan(match=pair, by=pair.mentee.user, starts_at=soon(33), duration_minutes=90)
    invites = OutgoingEmail.objects.filter(user=facilitator, template="session_invite")
    assert invites.count() == 1
    event = Calendar.from_ical(invites.get().attachments[0]["content"]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == first.starts_at.replace(microsecond=0)
    attendees = [str(a) for a in event.get("attendee")]
    assert f"mailto:{facilitator.email}" in attendees


def test_another_coordinator_cannot_open_the_pairs_agreement(client, pair, facilitator):
    other = UserFactory(is_staff=True)
    coordinator_add(program=pair.cohort.program, user=other)
    client.force_login(other)
    assert client.get(f"/matches/{pair.pk}/agreement/").status_code == 404


def test_signed_agreement_is_read_only_until_change_is_asked(client, pair):
    agreement = agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentee.user,
        fields={"focus_areas": "Finance"},
        goals=[{"title": "A budget"}],
    )
    agreement_sign(agreement=agreement, by=pair.mentor.user)
    agreement_sign(agreement=agreement, by=pair.mentee.user)
    client.force_login(pair.mentee.user)
    page = client.get(f"/matches/{pair.pk}/agreement/").content.decode()
    assert "What you both signed" in page and "Save the agreement" not in page
    changing = client.get(f"/matches/{pair.pk}/agreement/?change=1").content.decode()
    assert "Save the agreement" in changing


def test_program_terms_start_every_agreement_and_are_kept_with_the_signed_version(pair):
    program_says(pair, agreement_terms_sv="Vi ses minst tolv gånger.", agreement_terms_en="")
    agreement = agreement_start(match=pair)
    assert agreement.program_terms == "Vi ses minst tolv gånger."
    program_says(pair, agreement_terms_sv="Changed later")
    assert Agreement.objects.get(pk=agreement.pk).program_terms == "Vi ses minst tolv gånger."


def test_meetings_are_logged_only_after_both_signed_where_the_program_says(client, pair):
    program_says(pair, signatures_before_logging=True)
    pair.started_at = timezone.now() - timedelta(days=30)
    pair.save(update_fields=["started_at"])
    with pytest.raises(Refusal, match="sign the agreement first"):
        session_record(
            match=pair,
            by=pair.mentee.user,
            starts_at=timezone.now() - timedelta(days=1),
            actual_minutes=60,
        )
    client.force_login(pair.mentee.user)
    assert "sign the agreement first" in client.get("/dashboard/").content.decode()
    agreement = agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentee.user,
        fields={"focus_areas": "Finance"},
        goals=[],
    )
    agreement_sign(agreement=agreement, by=pair.mentor.user)
    agreement_sign(agreement=agreement, by=pair.mentee.user)
    session = session_record(
        match=pair,
        by=pair.mentee.user,
        starts_at=timezone.now() - timedelta(days=1),
        actual_minutes=60,
    )
    assert session.state == "held"
    planned = session_plan(match=pair, by=pair.mentor.user, starts_at=soon(1), duration_minutes=60)
    Session.objects.filter(pk=planned.pk).update(starts_at=timezone.now() - timedelta(hours=3))
    planned.refresh_from_db()
    assert session_log(session=planned, by=pair.mentor.user, held=True, actual_minutes=50)
