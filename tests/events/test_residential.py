"""Residential meetups: the nights each person needs a bed, room sharing, the journey and
its cost; the coordinator's lodging list per night and travel list, to Excel."""

import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Meetup, Rsvp
from events.selectors.meetups import meetup_logistics
from events.services import EventError
from events.services.meetups import meetup_invite, rsvp_answer
from programs.models import DataExport
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def weekend(cohort):
    """Friday 17.00 to Sunday 15.00: two nights, travel paid, 30 mentees invited."""
    friday = timezone.localdate() + timedelta(days=(4 - timezone.localdate().weekday()) % 7 + 14)
    for n in range(30):
        ParticipantFactory(
            cohort=cohort, role="mentee", user__first_name=f"Adept{n:02}", user__last_name="Test"
        )
    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="training",
        title_sv="Utbildningshelg 1",
        title_en="Training weekend 1",
        starts_at=timezone.make_aware(datetime.combine(friday, time(17))),
        ends_at=timezone.make_aware(datetime.combine(friday + timedelta(days=2), time(15))),
        audience="mentees",
        meals=True,
        lodging=True,
        travel_paid=True,
        practical_sv="Dubbelrum på kursgården. Spara kvittona.",
        practical_en="Double rooms at the course centre. Keep the receipts.",
    )
    meetup_invite(meetup=meetup)
    return meetup


def test_two_nights_thirty_answers_a_lodging_list_per_night_and_a_travel_list(
    weekend, coordinator, client
):
    friday, saturday = weekend.nights
    rsvps = list(weekend.rsvps.select_related("participant__user").order_by("pk"))
    for n, rsvp in enumerate(rsvps):
        rsvp_answer(
            rsvp=rsvp,
            by=rsvp.participant.user,
            answer="no" if n >= 28 else "yes",
            diet="Vegetarisk" if n % 5 == 0 else "",
            nights=[friday, saturday] if n < 20 else [saturday],
            room_sharing="Gärna med Adept01" if n == 0 else "",
            travel_from="Luleå" if n % 2 else "Uppsala",
            travel_mode="train",
            travel_cost=Decimal("450.00"),
        )

    lists = meetup_logistics(weekend)
    assert [len(night["people"]) for night in lists["nights"]] == [20, 28]
    assert lists["travel_total"] == Decimal("450.00") * 28  # those saying no are not paid
    declined = Rsvp.objects.get(pk=rsvps[29].pk)
    assert (declined.nights, declined.travel_cost, declined.travel_from) == ([], None, "")

    client.force_login(coordinator)
    page = client.get(f"/admin/events/meetup/{weekend.pk}/logistics/").content.decode()
    assert "Gärna med Adept01" in page and "12\xa0600,00 kronor" in page
    workbook = client.get(f"/admin/events/meetup/{weekend.pk}/logistics/?download=lodging")
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 20 + 28  # a row per person and night
    assert rows[1][0] == friday.isoformat()
    travel = client.get(f"/admin/events/meetup/{weekend.pk}/logistics/?download=travel")
    rows = list(load_workbook(io.BytesIO(travel.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 28 and rows[1][-1] == 450
    logged = DataExport.objects.order_by("exported_at")
    assert [(e.rows, e.sensitive) for e in logged] == [(48, True), (28, False)]


def test_the_invitation_gives_the_practical_details_and_the_answer_page(weekend):
    email = next(m for m in mail.outbox if "Utbildningshelg 1" in m.subject)
    assert "Dubbelrum på kursgården" in email.body
    rsvp = Rsvp.objects.get(participant__user__email=email.to[0])
    assert f"/meetups/answers/{rsvp.pk}/" in email.body


def test_a_night_outside_the_meetup_or_a_negative_cost_is_refused(weekend):
    rsvp = weekend.rsvps.select_related("participant__user").first()
    person = rsvp.participant.user

    with pytest.raises(EventError) as error:
        rsvp_answer(rsvp=rsvp, by=person, answer="yes", nights=[weekend.nights[0] - timedelta(1)])
    assert error.value.field == "nights"
    with pytest.raises(EventError) as error:
        rsvp_answer(rsvp=rsvp, by=person, answer="yes", travel_cost=Decimal("-5"))
    assert error.value.field == "travel_cost"
    rsvp.refresh_from_db()
    assert rsvp.answer == ""


def test_a_bad_cost_is_shown_beside_its_field_with_the_other_answers_kept(weekend, client):
    rsvp = weekend.rsvps.select_related("participant__user").first()
    client.force_login(rsvp.participant.user)
    prefix = f"rsvp-{rsvp.pk}"

    response = client.post(
        f"/meetups/answers/{rsvp.pk}/",
        {
            f"{prefix}-answer": "yes",
            f"{prefix}-nights": [weekend.nights[1].isoformat()],
            f"{prefix}-diet": "Glutenfri",
            f"{prefix}-travel_from": "Kiruna",
            f"{prefix}-travel_cost": "tusen",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="error_1_id_{prefix}-travel_cost"' in page  # beside the field
    assert 'value="Glutenfri"' in page and 'value="Kiruna"' in page
    assert "checked" in page.split(weekend.nights[1].isoformat())[1][:80]
    rsvp.refresh_from_db()
    assert rsvp.answer == "" and rsvp.travel_from == ""


@pytest.mark.parametrize("who", ["other_coordinator", "invitee", "anonymous"])
def test_the_lists_are_for_the_programs_coordinators_only(weekend, client, who, request):
    if who == "invitee":
        client.force_login(weekend.rsvps.first().participant.user)
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in ("", "?download=lodging"):
        response = client.get(f"/admin/events/meetup/{weekend.pk}/logistics/{url}")
        assert response.status_code in (302, 404)
    assert not DataExport.objects.exists()
