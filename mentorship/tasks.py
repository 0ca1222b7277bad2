from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from mentorship.models import OutgoingEmail
from mentorship.services import email_deliver, email_fail, emails_pending_resend


@shared_task(bind=True, acks_late=True, max_retries=None)
def email_send(self, *, email_id: int) -> bool:
    try:
        return email_deliver(email_id=email_id)
    except OutgoingEmail.DoesNotExist:
        return False
    except (SMTPException, OSError) as exc:
        if self.request.retries >= settings.EMAIL_MAX_RETRIES:
            email_fail(email_id=email_id)
            return False
        raise self.retry(exc=exc, countdown=settings.EMAIL_RETRY_DELAY) from exc


@shared_task
def email_resend_pending() -> int:
    ids = emails_pending_resend()
    for email_id in ids:
        email_send.delay(email_id=email_id)
    return len(ids)


@shared_task(acks_late=True)
def email_send_many(*, email_ids: list[int]) -> int:
    """Send a batch queued in bulk; each email still goes once (row lock and state)."""
    sent = 0
    for email_id in email_ids:
        try:
            sent += email_deliver(email_id=email_id)
        except (SMTPException, OSError):
            email_send.apply_async(
                kwargs={"email_id": email_id}, countdown=settings.EMAIL_RETRY_DELAY
            )
    return sent
