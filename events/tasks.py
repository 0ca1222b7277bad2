from celery import shared_task

from events.services.reminders import SEND_BATCH, reminders_sweep
from mentorship.tasks import email_send_many


@shared_task(acks_late=True)
def reminders_sweep_task(*, digest: bool = False) -> int:
    """Queue the due reminders and hand them to the workers in batches. Run again after
    a crash, it queues nothing twice; emails queued but not handed over are picked up by
    the resend of pending emails."""
    ids = reminders_sweep(digest=digest)
    for start in range(0, len(ids), SEND_BATCH):
        email_send_many.delay(email_ids=ids[start : start + SEND_BATCH])
    return len(ids)
