"""Every email: links built from the URLconf, a text and an HTML part, the recipient's
language on the HTML, and its subject even from a worker that loaded nothing else."""

import re
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from mentorship.celery import app as celery_app
from mentorship.email_subjects import DEFERRED_SUBJECTS
from mentorship.models import OutgoingEmail
from mentorship.services import _render_bodies, emails_queue_deferred
from mentorship.tasks import email_send
from tests.conftest import TEST_QUEUE, WorkerProcess, worker_environment
from tests.factories import UserFactory

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
# Enough for every template's links to resolve; the rest may render empty.
CONTEXT = {
    "name": "Anna",
    "match_id": 7,
    "count": 2,
    "contact_id": 1,
    "person": "Anna",
    "request": {"pk": 3},
    "program": "Mentorskap",
    "meetup": "Kick-off",
    "title": "Halvtid",
    "link": "/apply/nomination/00000000-0000-0000-0000-000000000000/",
    "dashboard_url": "/dashboard/",
}


def template_names() -> list[str]:
    return sorted(p.stem for p in EMAILS.glob("*.txt"))


def test_no_email_template_hard_codes_a_path():
    hard_coded = [
        p.name for p in EMAILS.iterdir() if re.search(r"\{\{ site_url \}\}/[a-z]", p.read_text())
    ]
    assert hard_coded == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_email_has_a_text_and_an_html_part_in_the_recipients_language(language):
    for name in template_names():
        text, html = _render_bodies(name, CONTEXT, language)
        assert text.strip(), name
        assert f'<html lang="{language}">' in html, name
        assert "</html>" in html, name


def test_an_email_without_an_html_template_gets_its_text_as_html_with_links():
    text, html = _render_bodies("reminder_agreement", CONTEXT, "en")

    link = settings.SITE_URL + reverse("agreement", args=[7])
    assert link in text
    assert f'href="{link}"' in html


@pytest.mark.integration
def test_a_worker_started_without_checks_sends_every_bulk_email_with_its_subject(
    transactional_db, smtp_server
):
    """CELERY_SKIP_CHECKS=1: the worker imports no URLconf, no admin, no views."""
    person = UserFactory(email="anna@example.org", first_name="Anna")
    ids = emails_queue_deferred(
        [
            {
                "to": person.email,
                "user_id": person.pk,
                "language": "en",
                "template": template,
                "context": CONTEXT,
                "idempotency_key": f"skip-checks:{template}",
            }
            for template in DEFERRED_SUBJECTS
        ]
    )
    celery_app.conf.task_always_eager = False
    worker = WorkerProcess(
        {**worker_environment(smtp_server), "CELERY_SKIP_CHECKS": "1"}, TEST_QUEUE
    ).start()
    try:
        for pk in ids:
            email_send.delay(email_id=pk)
        messages = smtp_server.wait_for(len(DEFERRED_SUBJECTS), timeout=60)
    finally:
        worker.stop()

    subjects = {
        str(m["X-Mentorship-Email"]).split(":", 1)[1]: str(make_header(decode_header(m["Subject"])))
        for m in messages
    }
    assert set(subjects) == set(DEFERRED_SUBJECTS)
    assert all(subject.strip() for subject in subjects.values()), subjects
    assert subjects["diploma_issued"] == "Your diploma from Mentorskap"
    stored = OutgoingEmail.objects.get(idempotency_key="skip-checks:reminder_quiet")
    assert '<html lang="en">' in stored.body_html
    assert reverse("session_plan", args=[7]) in stored.body_text
