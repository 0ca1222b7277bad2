"""The coordinator's email log: every email about their programs, never another
program's, and a lost one sent again (once per double click)."""

import pytest
from django.core import mail

from mentorship.enums import EmailState
from mentorship.models import OutgoingEmail
from mentorship.services import email_queue
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the emails go out on commit

LOG = "/admin/mentorship/outgoingemail/"


def _email(program, to: str, key: str) -> OutgoingEmail:
    return email_queue(
        to=to,
        subject="Välkommen till %(program)s",
        template="test_message",
        context={"program": program},
        idempotency_key=key,
    )


@pytest.fixture
def two_programs():
    mine, theirs = CohortFactory().program, CohortFactory().program
    coordinator = UserFactory()
    coordinator_add(program=mine, user=coordinator)
    _email(mine, "egen@example.org", "mine")
    _email(theirs, "annan@example.org", "theirs")
    return mine, theirs, coordinator


def test_coordinator_sees_the_emails_of_their_programs_only(client, two_programs):
    mine, _theirs, coordinator = two_programs
    client.force_login(coordinator)

    page = client.get(LOG).content.decode()
    other = OutgoingEmail.objects.get(to="annan@example.org")

    assert "egen@example.org" in page and "annan@example.org" not in page
    assert OutgoingEmail.objects.get(to="egen@example.org").program == mine
    assert client.get(f"{LOG}{other.pk}/change/").status_code in (302, 403, 404)


def test_a_sent_email_is_sent_again_as_a_copy_once_per_double_click(client, two_programs):
    _mine, _theirs, coordinator = two_programs
    client.force_login(coordinator)
    email = OutgoingEmail.objects.get(to="egen@example.org")
    assert email.state == EmailState.SENT
    mail.outbox.clear()
    action = {"action": "send_again", "_selected_action": [email.pk]}

    client.post(LOG, action)
    client.post(LOG, action)

    assert [m.to for m in mail.outbox] == [["egen@example.org"]]
    assert OutgoingEmail.objects.filter(to="egen@example.org").count() == 2


def test_a_coordinator_cannot_resend_another_programs_email(client, two_programs):
    _mine, _theirs, coordinator = two_programs
    client.force_login(coordinator)
    other = OutgoingEmail.objects.get(to="annan@example.org")
    mail.outbox.clear()

    client.post(LOG, {"action": "send_again", "_selected_action": [other.pk]})

    assert mail.outbox == [] and OutgoingEmail.objects.filter(to="annan@example.org").count() == 1


def test_participants_and_anonymous_visitors_do_not_reach_the_log(client, two_programs):
    mine, _theirs, _coordinator = two_programs
    assert client.get(LOG).status_code == 302
    client.force_login(ParticipantFactory(cohort=mine.cohorts.first()).user)
    assert client.get(LOG).status_code in (302, 403)
