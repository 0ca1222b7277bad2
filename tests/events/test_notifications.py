"""The bell: what changed for me, marked read when opened."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.services.sessions import session_change, session_plan
from matching.services.agreements import agreement_sign, agreement_start, agreement_update
from matching.services.messages import message_send
from mentorship.models import Notification

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def bell(client) -> str:
    return client.get("/notifications/bell/").content.decode()


def test_messages_meetings_and_agreement_ring_the_partners_bell(client, pair):
    mentor, mentee = pair.mentor.user, pair.mentee.user
    for text in ("Hi", "Are you there?", "Tuesday?"):
        message_send(match=pair, by=mentor, body=text)
    session = session_plan(
        match=pair, by=mentor, starts_at=timezone.now() + timedelta(days=4), duration_minutes=60
    )
    session_change(session=session, by=mentor, starts_at=session.starts_at + timedelta(hours=1))
    agreement_update(
        agreement=agreement_start(match=pair),
        by=mentor,
        fields={"focus_areas": "Budgets"},
        goals=[],
    )
    client.force_login(mentee)
    assert ">4<" in bell(client)  # three messages in one, planned, moved, agreement
    page = client.get("/notifications/").content.decode()
    name = mentor.get_full_name()
    assert f"3 new messages from {name}" in page
    assert f"{name} planned a meeting on" in page and f"{name} moved a meeting to" in page
    assert f"{name} changed your agreement: it waits for your signature" in page
    # The mentor did all that: nothing rings for her.
    client.force_login(mentor)
    assert "bell-count" not in bell(client)


def test_opening_a_notification_marks_it_read_and_goes_to_it(client, pair):
    message_send(match=pair, by=pair.mentor.user, body="Hello")
    notification = Notification.objects.get(user=pair.mentee.user)
    client.force_login(pair.mentee.user)
    response = client.get(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == f"/matches/{pair.pk}/#messages"
    assert "bell-count" not in bell(client)


def test_reading_the_thread_and_signing_clear_their_notifications(client, pair):
    message_send(match=pair, by=pair.mentor.user, body="Hello")
    agreement = agreement_update(
        agreement=agreement_start(match=pair),
        by=pair.mentor.user,
        fields={"focus_areas": "X"},
        goals=[],
    )
    client.force_login(pair.mentee.user)
    client.get(f"/matches/{pair.pk}/")
    assert ">1<" in bell(client)
    agreement_sign(agreement=agreement, by=pair.mentee.user)
    assert "bell-count" not in bell(client)


def test_nobody_opens_anothers_notification(client, pair, stranger):
    message_send(match=pair, by=pair.mentor.user, body="Private")
    notification = Notification.objects.get(user=pair.mentee.user)
    client.force_login(stranger)
    assert client.get(f"/notifications/{notification.pk}/open/").status_code == 404
    assert "Maja" not in client.get("/notifications/").content.decode()
    assert Notification.objects.get(pk=notification.pk).read_at is None
    client.logout()
    assert client.get("/notifications/bell/").status_code == 302
