"""The coordinator's announcements: previewed with the number of people, sent through
the outbox once per person however often the button is pressed."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Announcement, Meetup, Rsvp
from mentorship.models import OutgoingEmail
from programs.services.core import coordinator_add, participant_add
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the emails go out on commit


@pytest.fixture
def cohort_of_40():
    cohort = CohortFactory()
    for index in range(40):
        ParticipantFactory(cohort=cohort, role="mentee" if index % 2 else "mentor")
    coordinator = UserFactory(first_name="Sara", last_name="Samordnare")
    coordinator_add(program=cohort.program, user=coordinator)
    return cohort, coordinator


def _data(**changes):
    data = {
        "audience": "cohort",
        "subject": "Välkommen till 100% mentorskap %(inte en variabel)",
        "body": "Vi ses på kick-offen den 3 februari.",
        "submission_token": str(uuid.uuid4()),
    }
    return {**data, **changes}


def test_an_announcement_to_a_cohort_of_40_is_previewed_then_sent_once_to_each(
    client, cohort_of_40
):
    cohort, coordinator = cohort_of_40
    client.force_login(coordinator)
    url = reverse("announcement", args=[cohort.pk])
    data = _data()

    preview = client.post(url, {**data, "preview": "1"})
    assert "40 personer" in preview.content.decode()
    assert "Vi ses på kick-offen" in preview.content.decode()
    assert Announcement.objects.count() == 0 and mail.outbox == []

    first = client.post(url, {**data, "send": "1"})
    second = client.post(url, {**data, "send": "1"})  # a double click

    assert first.status_code == second.status_code == 302
    assert Announcement.objects.get().recipients == 40
    assert len(mail.outbox) == 40 and OutgoingEmail.objects.count() == 40
    assert len({m.to[0] for m in mail.outbox}) == 40
    email = mail.outbox[0]
    assert email.subject == "Välkommen till 100% mentorskap %(inte en variabel)"
    assert "Vi ses på kick-offen" in email.body and "Sara Samordnare" in email.body


def test_an_announcement_to_the_mentees_or_a_meetups_invitees_reaches_only_them(
    client, cohort_of_40
):
    cohort, coordinator = cohort_of_40
    client.force_login(coordinator)
    url = reverse("announcement", args=[cohort.pk])
    client.post(url, {**_data(audience="mentees"), "send": "1"})
    assert len(mail.outbox) == 20
    mail.outbox.clear()

    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="kick_off",
        title_sv="Kick-off",
        starts_at="2027-02-03T09:00:00+01:00",
        ends_at="2027-02-03T16:00:00+01:00",
    )
    for participant in cohort.participants.all()[:3]:
        Rsvp.objects.create(meetup=meetup, participant=participant)
    client.post(url, {**_data(audience="meetup", meetup=meetup.pk), "send": "1"})
    assert len(mail.outbox) == 3


def test_a_meetup_audience_without_a_meetup_is_refused_beside_the_field(client, cohort_of_40):
    cohort, coordinator = cohort_of_40
    client.force_login(coordinator)

    response = client.post(
        reverse("announcement", args=[cohort.pk]), {**_data(audience="meetup"), "send": "1"}
    )

    assert response.status_code == 200 and Announcement.objects.count() == 0
    assert 'id="id_meetup_error"' in response.content.decode()
    assert "Vi ses på kick-offen" in response.content.decode()  # the message is kept


@pytest.mark.parametrize("who", ["other_coordinator", "participant", "anonymous"])
def test_only_the_programs_coordinator_may_announce(client, cohort_of_40, who):
    cohort, _coordinator = cohort_of_40
    if who == "other_coordinator":
        other = UserFactory()
        coordinator_add(program=CohortFactory().program, user=other)
        client.force_login(other)
    elif who == "participant":
        client.force_login(participant_add(cohort=cohort, user=UserFactory(), role="mentee").user)
    url = reverse("announcement", args=[cohort.pk])

    response = client.post(url, {**_data(), "send": "1"})

    assert response.status_code in (302, 403, 404)
    if who == "other_coordinator":
        assert response.status_code == 404
    assert Announcement.objects.count() == 0 and mail.outbox == []
