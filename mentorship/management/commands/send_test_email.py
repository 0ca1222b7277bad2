import uuid

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentorship.services import email_queue


class Command(BaseCommand):
    help = "Queue a test email through Celery, to check the worker and the SMTP settings."

    def add_arguments(self, parser) -> None:
        parser.add_argument("to", help="the address to send to")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, to: str, language: str, **options) -> None:
        with transaction.atomic():
            email = email_queue(
                to=to,
                subject=_("Test message from the mentorship platform"),
                template="test_message",
                context={},
                language=language,
                idempotency_key=f"test-message:{uuid.uuid4()}",
            )
        self.stdout.write(f"Queued email {email.pk} to {to}; the worker sends it.")
