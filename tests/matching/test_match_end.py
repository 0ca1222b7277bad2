import pytest
from django.core import mail

from matching.models import Match
from matching.services.matching import match_create
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def active_match(cohort, coordinator, mentor, mentee):
    match = match_create(mentee=mentee, mentor=mentor, by=coordinator)
    mail.outbox.clear()
    return match


def test_member_ends_the_match_saying_why_and_the_others_are_told(
    client, active_match, mentee, mentor, coordinator
):
    client.force_login(mentee.user)
    url = f"/matches/{active_match.pk}/end/"
    assert "Avsluta matchningen i förtid" in client.get("/dashboard/").content.decode()

    page = client.post(url, {"reason": "   "}).content.decode()
    assert "Detta fält måste fyllas i." in page  # next to the field
    assert Match.objects.get(pk=active_match.pk).state == "active"

    response = client.post(url, {"reason": "Vi hittar ingen tid att ses."})
    assert response.url == "/dashboard/"
    match = Match.objects.get(pk=active_match.pk)
    assert (match.state, match.ended_by, match.end_reason) == (
        "ended",
        mentee.user,
        "Vi hittar ingen tid att ses.",
    )
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_address) == {mentor.user.email, coordinator.email}
    assert "Vi hittar ingen tid" not in by_address[mentor.user.email]
    assert "Vi hittar ingen tid" in by_address[coordinator.email]

    # A second submit of the same form ends nothing more and sends nothing more.
    client.post(url, {"reason": "Vi hittar ingen tid att ses."})
    assert len(mail.outbox) == 2


def test_match_end_page_refuses_anyone_outside_the_pair(client, active_match, cohort, stranger):
    url = f"/matches/{active_match.pk}/end/"
    assert client.post(url, {"reason": "x"}).url.startswith("/accounts/login/")
    other = ParticipantFactory(cohort=cohort, role="mentee")
    for user in (other.user, stranger):
        client.force_login(user)
        assert client.post(url, {"reason": "Jag vill inte"}).status_code == 404
    assert Match.objects.get(pk=active_match.pk).state == "active"


def test_coordinator_ends_a_match_early_in_the_admin_only_with_a_reason(
    client, active_match, coordinator, mentee
):
    client.force_login(coordinator)
    url = f"/admin/matching/match/{active_match.pk}/finish/"
    change = client.get(f"/admin/matching/match/{active_match.pk}/change/").content.decode()
    assert "Slutför eller avsluta matchningen" in change

    page = client.post(url, {"outcome": "end", "reason": ""}).content.decode()
    assert "Ange varför matchningen avslutas." in page
    assert Match.objects.get(pk=active_match.pk).state == "active"

    client.post(url, {"outcome": "end", "reason": "Adepten har bytt jobb."})
    match = Match.objects.get(pk=active_match.pk)
    assert (match.state, match.ended_by) == ("ended", coordinator)
    assert {m.to[0] for m in mail.outbox} == {mentee.user.email, match.mentor.user.email}


def test_coordinator_completes_a_match_and_another_programs_coordinator_cannot(
    client, active_match, coordinator, other_coordinator
):
    url = f"/admin/matching/match/{active_match.pk}/finish/"
    client.force_login(other_coordinator)
    assert client.post(url, {"outcome": "complete"}).status_code == 404
    assert Match.objects.get(pk=active_match.pk).state == "active"

    client.force_login(coordinator)
    client.post(url, {"outcome": "complete"})
    assert Match.objects.get(pk=active_match.pk).state == "completed"
