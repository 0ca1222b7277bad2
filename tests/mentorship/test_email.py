from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentorship.enums import EmailState
from mentorship.models import OutgoingEmail
from mentorship.services import email_deliver, email_queue
from mentorship.tasks import email_send
from tests.conftest import free_port
from tests.factories import UserFactory


def queue_test_message(*, to="anna@example.org", key="test:1", **extra):
    return email_queue(
        to=to,
        subject=_("Test message from the mentorship platform"),
        template="test_message",
        context={},
        idempotency_key=key,
        **extra,
    )


@pytest.mark.django_db
def test_email_queue_same_key_twice_sends_one_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_test_message()
        second = queue_test_message()

    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    first.refresh_from_db()
    assert first.state == EmailState.SENT and first.sent_at is not None


@pytest.mark.django_db
def test_email_queue_sends_nothing_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_test_message()
        raise RuntimeError("the surrounding change failed")

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_email_queue_renders_in_the_recipients_language(django_capture_on_commit_callbacks):
    english = UserFactory(email="john@example.org")
    english.profile.preferred_language = "en"
    english.profile.save()
    swedish = UserFactory(email="karin@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        queue_test_message(to=english.email, user=english, key="test:en")
        queue_test_message(to=swedish.email, user=swedish, key="test:sv")

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient["john@example.org"].subject == "Test message from the mentorship platform"
    assert "email works" in by_recipient["john@example.org"].body
    assert by_recipient["karin@example.org"].subject == "Testmeddelande från mentorskapsplattformen"
    assert "fungerar e-posten" in by_recipient["karin@example.org"].body
    assert by_recipient["karin@example.org"].alternatives, "an HTML part is attached"


@pytest.mark.django_db
def test_email_deliver_when_smtp_is_down_records_the_attempt_and_keeps_it_queued(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    email = OutgoingEmail.objects.create(
        idempotency_key="down:1",
        to="a@example.org",
        language="sv",
        template="t",
        subject="s",
        body_text="b",
    )

    with pytest.raises(OSError):
        email_deliver(email_id=email.pk)

    email.refresh_from_db()
    assert email.state == EmailState.QUEUED
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error


@pytest.mark.django_db
def test_email_deliver_of_a_sent_email_sends_nothing():
    email = OutgoingEmail.objects.create(
        idempotency_key="sent:1",
        to="a@example.org",
        language="sv",
        template="t",
        subject="s",
        body_text="b",
    )
    assert email_deliver(email_id=email.pk) is True
    assert email_deliver(email_id=email.pk) is False
    assert email_deliver(email_id=999_999) is False
    assert len(mail.outbox) == 1


@pytest.mark.integration
def test_worker_delivers_queued_email_to_a_real_smtp_server(celery_worker, smtp_server):
    with transaction.atomic():
        email = queue_test_message(to="real@example.org", key="real:1")

    messages = smtp_server.wait_for(1)
    assert len(messages) == 1
    assert messages[0]["To"] == "real@example.org"
    subject = str(make_header(decode_header(messages[0]["Subject"])))
    assert subject == "Testmeddelande från mentorskapsplattformen"
    email.refresh_from_db()
    assert email.state == EmailState.SENT


@pytest.mark.integration
def test_worker_retries_until_the_smtp_server_answers_and_sends_once(celery_worker, smtp_server):
    smtp_server.stop()
    with transaction.atomic():
        email = queue_test_message(to="later@example.org", key="retry:1")
    # A duplicate delivery of the task, as after a broker redelivery.
    email_send.delay(email_id=email.pk)

    for _attempt in range(100):
        email.refresh_from_db()
        if email.attempts >= 1:
            break
        smtp_server.wait_for(1, timeout=0.1)
    assert email.attempts >= 1 and email.state == EmailState.QUEUED

    smtp_server.start()
    messages = smtp_server.wait_for(1, timeout=30)
    smtp_server.wait_for(2, timeout=3)  # give a duplicate the chance to show up
    assert [m["To"] for m in messages] == ["later@example.org"]
    email.refresh_from_db()
    assert email.state == EmailState.SENT


def test_deferred_email_subjects_need_no_other_module_imported():
    """A worker that has imported nothing but the email service (CELERY_SKIP_CHECKS=1,
    no URLconf) still knows every bulk email's subject: a fresh interpreter checks it,
    and every template the bulk senders use has one."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import django; django.setup(); "
        "from mentorship.services import DEFERRED_SUBJECTS; "
        "print(' '.join(sorted(k for k, v in DEFERRED_SUBJECTS.items() if str(v))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    known = set(result.stdout.split())
    senders = [
        "events/selectors/reminders.py",
        "events/services/checkins.py",
        "programs/services/completion.py",
    ]
    used = set()
    for path in senders:
        text = (root / path).read_text()
        used |= set(re.findall(r'"template": "([a-z_]+)"', text))
        used |= set(re.findall(r'"(reminder_[a-z_]+|checkin_[a-z_]+|coordinator_digest)"', text))
    assert used and used <= known, used - known
