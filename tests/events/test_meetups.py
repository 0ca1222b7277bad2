from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events.enums import Attendance
from events.models import Meetup, Rsvp
from events.selectors.calendar import feed_calendar
from events.selectors.meetups import meetup_figures
from events.services import EventError
from events.services.feeds import feed_for
from events.services.meetups import attendance_mark, meetup_invite, rsvp_answer
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meetup(db):
    cohort = CohortFactory()
    for role in ("mentor", "mentor", "mentee"):
        ParticipantFactory(cohort=cohort, role=role)
    starts = timezone.now() + timedelta(days=10)
    return Meetup.objects.create(
        cohort=cohort,
        kind="half_day",
        title_sv="Halvdagsträff 1",
        title_en="Half-day 1",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3, minutes=30),
        audience="mentors",
        mandatory=True,
        capacity=1,
        meals=True,
        venue="Clarion Sign",
    )


def test_invitations_reach_the_audience_once_with_a_calendar_invite(meetup):
    assert meetup_invite(meetup=meetup) == 2  # the two mentors, not the mentee
    assert meetup_invite(meetup=meetup) == 0  # again: nobody new

    assert len(mail.outbox) == 2
    event = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=3, minutes=30)
    assert "Clarion Sign" in str(event.get("location"))


def test_rsvp_with_diet_and_the_last_place_goes_to_one_person(meetup):
    meetup_invite(meetup=meetup)
    first, second = Rsvp.objects.order_by("pk")

    rsvp_answer(rsvp=first, by=first.participant.user, answer="yes", diet="Vegetarisk")
    with pytest.raises(EventError):
        rsvp_answer(rsvp=second, by=second.participant.user, answer="yes")
    with pytest.raises(EventError):
        rsvp_answer(rsvp=second, by=first.participant.user, answer="no")

    first.refresh_from_db()
    assert (first.answer, first.diet) == ("yes", "Vegetarisk")


def test_attendance_is_refused_before_the_meetup_starts(meetup):
    meetup_invite(meetup=meetup)
    came = Rsvp.objects.order_by("pk").first()

    with pytest.raises(EventError, match="från träffens start"):
        attendance_mark(meetup=meetup, present={came.participant_id})

    assert not Rsvp.objects.exclude(attendance=Attendance.UNKNOWN).exists()


def test_attendance_rate_and_absent_marked(meetup):
    meetup_invite(meetup=meetup)
    came, missed = Rsvp.objects.order_by("pk")
    meetup.starts_at = timezone.now() - timedelta(minutes=5)
    meetup.save(update_fields=["starts_at"])

    attendance_mark(meetup=meetup, present={came.participant_id})

    assert meetup_figures(meetup)["rate"] == 50
    missed.refresh_from_db()
    assert missed.attendance == Attendance.ABSENT


def test_meetups_join_the_calendar_feed_unless_declined(meetup):
    meetup_invite(meetup=meetup)
    rsvp = Rsvp.objects.first()
    feed = feed_for(rsvp.participant.user)

    assert len(Calendar.from_ical(feed_calendar(feed)).walk("VEVENT")) == 1
    rsvp_answer(rsvp=rsvp, by=rsvp.participant.user, answer="no")
    assert len(Calendar.from_ical(feed_calendar(feed)).walk("VEVENT")) == 0


def test_rsvp_of_another_person_is_not_found(client, meetup):
    meetup_invite(meetup=meetup)
    first, second = Rsvp.objects.order_by("pk")
    client.force_login(second.participant.user)

    response = client.post(f"/meetups/answers/{first.pk}/", {"answer": "yes"})

    assert response.status_code == 404
    first.refresh_from_db()
    assert first.answer == ""


def test_attendance_page_is_for_the_programs_coordinators(
    client, meetup, coordinator, other_coordinator
):
    meetup_invite(meetup=meetup)
    coordinator_add(program=meetup.cohort.program, user=coordinator)
    url = f"/admin/events/meetup/{meetup.pk}/attendance/"
    Meetup.objects.filter(pk=meetup.pk).update(starts_at=timezone.now() - timedelta(minutes=5))

    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    present = Rsvp.objects.first().participant_id
    client.post(url, {"present": [present]})

    assert meetup_figures(meetup)["present"] == 1
    assert "Närvaro 50 %" in client.get(url).content.decode()


def test_coordinator_logs_a_follow_up_and_sees_it_when_due(
    client, coordinator, other_coordinator, mentee
):
    from events.models import ContactLog

    coordinator_add(program=mentee.cohort.program, user=coordinator)
    client.force_login(coordinator)
    client.post(
        "/admin/events/contactlog/add/",
        {
            "cohort": mentee.cohort_id,
            "participant": mentee.pk,
            "kind": "phone",
            "happened_on": timezone.localdate().isoformat(),
            "note": "Uppföljning efter sex månader",
            "next_follow_up": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )

    contact = ContactLog.objects.get()
    assert contact.coordinator == coordinator
    assert (
        "Uppföljning efter sex" in client.get("/admin/events/contactlog/?due=due").content.decode()
    )
    client.force_login(other_coordinator)
    assert "Uppföljning efter sex" not in client.get("/admin/events/contactlog/").content.decode()


def test_a_meetup_invite_is_an_invitation_at_the_local_hour(meetup, settings):
    """Outlook treats an .ics as an invitation only with METHOD, ORGANIZER and the
    person as ATTENDEE; the VTIMEZONE keeps it at its hour in Stockholm."""
    meetup_invite(meetup=meetup)
    message = mail.outbox[0]
    _name, content, mimetype = message.attachments[0]
    calendar = Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]

    assert mimetype == "text/calendar; method=REQUEST"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [settings.TIME_ZONE]
    assert event["DTSTART"].params["TZID"] == settings.TIME_ZONE
    assert event.decoded("dtstart") == timezone.localtime(meetup.starts_at).replace(microsecond=0)
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert [str(a) for a in [event["ATTENDEE"]]] == [f"mailto:{message.to[0]}"]
    assert str(event["UID"]) == f"meetup-{meetup.uid}@127.0.0.1:8000"


def test_the_meetup_page_invites_from_a_button_and_says_who_was_invited(client, meetup):
    from tests.factories import UserFactory

    coordinator = UserFactory()
    coordinator_add(program=meetup.cohort.program, user=coordinator)
    client.force_login(coordinator)
    page = client.get(f"/admin/events/meetup/{meetup.pk}/change/").content.decode()
    assert "Bjud in 2 personer med kalenderinbjudan" in page

    response = client.post(f"/admin/events/meetup/{meetup.pk}/invite/", follow=True)
    assert "2 inbjudningar skickade." in response.content.decode()
    assert len(mail.outbox) == 2
    page = client.get(f"/admin/events/meetup/{meetup.pk}/change/").content.decode()
    assert "2 personer inbjudna" in page
    assert "Bjud in" not in page.split("Inbjudningar", 1)[1].split("</section>", 1)[0]

    client.post(f"/admin/events/meetup/{meetup.pk}/invite/")  # a second click: nobody twice
    assert len(mail.outbox) == 2 and meetup.rsvps.count() == 2
    assert client.get(f"/admin/events/meetup/{meetup.pk}/invite/").status_code == 405


@pytest.mark.parametrize("who", ["other", "participant", "anonymous"])
def test_only_the_programs_coordinator_may_send_a_meetups_invitations(client, meetup, who):
    from tests.factories import UserFactory

    if who == "other":
        other = UserFactory()
        coordinator_add(program=CohortFactory().program, user=other)
        client.force_login(other)
    elif who == "participant":
        client.force_login(meetup.cohort.participants.first().user)
    response = client.post(f"/admin/events/meetup/{meetup.pk}/invite/")
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    assert not meetup.rsvps.exists() and not mail.outbox
