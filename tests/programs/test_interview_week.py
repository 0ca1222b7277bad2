"""Interviews at a glance: a week calendar of every booked interview and intake call,
moved, cancelled, marked held or accepted from its card (004 interviews everyone)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from programs.enums import ApplicationState
from programs.models import Interview
from programs.services.core import coordinator_add
from programs.services.screening import interview_book, interview_record
from tests.factories import CohortFactory, UserFactory, submit

pytestmark = pytest.mark.django_db(transaction=True)  # emails go out on commit


@pytest.fixture
def booked():
    cohort = CohortFactory(program__name_sv="Mentorprogrammet i Stockholm")
    coordinator = UserFactory()
    coordinator_add(program=cohort.program, user=coordinator)
    application = submit(cohort, email="sokande@example.org")
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    interview = interview_book(application=application, starts_at=starts, by=coordinator)
    mail.outbox.clear()
    return interview, coordinator


def _event(message):
    ics = next(a for a in message.attachments if a[0].endswith(".ics"))
    calendar = Calendar.from_ical(ics[1])
    return calendar, calendar.walk("VEVENT")[0]


def test_the_week_shows_the_coordinators_meetings_day_by_day(client, booked):
    interview, coordinator = booked
    other_cohort = CohortFactory()
    elsewhere = interview_book(
        application=submit(other_cohort), starts_at=interview.starts_at, by=None
    )
    client.force_login(coordinator)

    page = client.get("/admin/programs/interview/week/").content.decode()

    assert f"/admin/programs/application/{interview.application_id}/change/" in page
    assert f"/admin/programs/application/{elsewhere.application_id}/change/" not in page
    assert "1 möte den här veckan." in page
    next_week = (timezone.localdate() + timedelta(days=7)).isoformat()
    assert (
        "0 möten den här veckan."
        in client.get(f"/admin/programs/interview/week/?week={next_week}").content.decode()
    )


def test_the_week_runs_the_same_queries_for_one_meeting_or_ten(client, booked):
    interview, coordinator = booked
    client.force_login(coordinator)
    client.get("/admin/programs/interview/week/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/programs/interview/week/")
    for n in range(9):
        interview_book(
            application=submit(interview.application.cohort),
            starts_at=interview.starts_at + timedelta(hours=n + 1),
        )
    with CaptureQueriesContext(connection) as ten:
        page = client.get("/admin/programs/interview/week/").content.decode()
    assert "10 möten den här veckan." in page
    assert len(ten) == len(one)


def test_moving_sends_the_updated_invite_that_replaces_the_old_one(client, booked):
    interview, coordinator = booked
    client.force_login(coordinator)
    later = timezone.localtime(interview.starts_at) + timedelta(days=1, hours=3)

    response = client.post(
        f"/admin/programs/interview/{interview.pk}/move/",
        {
            "starts_at_0": later.date().isoformat(),
            "starts_at_1": later.strftime("%H:%M"),
            "duration_minutes": "30",
            "mode": "in_person",
            "location": "Stadshuset, rum 2",
        },
    )

    assert response.status_code == 302
    interview.refresh_from_db()
    assert timezone.localtime(interview.starts_at) == later and interview.sequence == 1
    [message] = mail.outbox
    assert message.subject == "Ny tid för din intervju till Mentorprogrammet i Stockholm"
    assert "Stadshuset, rum 2" in message.body
    calendar, event = _event(message)
    assert calendar["method"] == "REQUEST"
    assert str(interview.uid) in str(event["uid"]) and event["sequence"] == 1


def test_a_move_with_bad_input_keeps_the_answers_and_changes_nothing(client, booked):
    interview, coordinator = booked
    client.force_login(coordinator)
    response = client.post(
        f"/admin/programs/interview/{interview.pk}/move/",
        {
            "starts_at_0": "",
            "starts_at_1": "",
            "duration_minutes": "2",
            "mode": "video",
            "location": "Zoom-länk",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_duration_minutes_error"' in page and 'value="Zoom-länk"' in page
    interview.refresh_from_db()
    assert interview.sequence == 0 and not mail.outbox


def test_cancelling_sends_the_cancellation_and_the_application_can_be_booked_again(client, booked):
    interview, coordinator = booked
    application = interview.application
    client.force_login(coordinator)
    assert (
        "Avboka mötet"
        in client.get(f"/admin/programs/interview/{interview.pk}/cancel/").content.decode()
    )

    response = client.post(f"/admin/programs/interview/{interview.pk}/cancel/")

    assert response.status_code == 302
    assert not Interview.objects.filter(pk=interview.pk).exists()
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    [message] = mail.outbox
    assert message.subject == "Din intervju till Mentorprogrammet i Stockholm är avbokad"
    calendar, event = _event(message)
    assert calendar["method"] == "CANCEL" and event["sequence"] == 1
    interview_book(application=application, starts_at=timezone.now() + timedelta(days=2))
    client.post(f"/admin/programs/interview/{interview.pk}/cancel/")  # twice: nothing more
    assert len(mail.outbox) == 2


def test_a_held_interview_is_neither_moved_nor_cancelled(client, booked):
    interview, coordinator = booked
    interview_record(interview=interview, notes="Bra samtal")
    client.force_login(coordinator)

    page = client.post(f"/admin/programs/interview/{interview.pk}/cancel/").content.decode()

    assert "redan hållet" in page
    assert Interview.objects.filter(pk=interview.pk).exists() and not mail.outbox


def test_the_cards_mark_held_and_accept(client, booked):
    interview, coordinator = booked
    client.force_login(coordinator)
    client.post(f"/admin/programs/interview/{interview.pk}/do/", {"do": "held"})
    interview.refresh_from_db()
    assert interview.held

    response = client.post(f"/admin/programs/interview/{interview.pk}/do/", {"do": "accept"})
    interview.application.refresh_from_db()
    assert interview.application.state == ApplicationState.ACCEPTED
    assert response["Location"].startswith("/admin/programs/interview/week/?week=")


@pytest.mark.parametrize("who", ["other", "participant", "anonymous"])
def test_only_the_programs_coordinator_moves_cancels_or_accepts(client, booked, who):
    interview, _coordinator = booked
    if who == "other":
        other = UserFactory()
        coordinator_add(program=CohortFactory().program, user=other)
        client.force_login(other)
    elif who == "participant":
        client.force_login(interview.application.user)
    base = f"/admin/programs/interview/{interview.pk}"
    responses = [
        client.get(f"{base}/move/"),
        client.post(
            f"{base}/move/",
            {
                "starts_at_0": "2030-01-01",
                "starts_at_1": "10:00",
                "duration_minutes": "30",
                "mode": "video",
            },
        ),
        client.post(f"{base}/cancel/"),
        client.post(f"{base}/do/", {"do": "accept"}),
    ]
    for response in responses:
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "/login/" in response["Location"]
    if who == "other":
        page = client.get("/admin/programs/interview/week/").content.decode()
        assert f"/application/{interview.application_id}/change/" not in page
    interview.refresh_from_db()
    assert (
        interview.sequence == 0 and interview.application.state == ApplicationState.INTERVIEW_BOOKED
    )
    assert not mail.outbox
