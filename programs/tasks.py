from datetime import timedelta

from celery import shared_task

from programs.services.integrations import (
    webhook_deliver,
    webhook_deliveries_due,
    webhooks_queue,
)
from programs.services.privacy import applications_retention_sweep, history_purge


@shared_task(acks_late=True)
def applications_retention_task() -> int:
    """Erase the applications whose program's retention period has passed. Safe to run
    again after a crash: erased applications are skipped."""
    return applications_retention_sweep()


@shared_task(acks_late=True)
def history_purge_task() -> int:
    """Delete the change history older than AUDIT_HISTORY_MONTHS; safe to run again."""
    return history_purge()


@shared_task(acks_late=True)
def webhook_deliver_task(*, delivery_id: int) -> bool:
    """Send one webhook delivery; a failed attempt queues the next after its delay."""
    retry_in = webhook_deliver(delivery_id=delivery_id)
    if retry_in is not None:
        webhooks_queue([delivery_id], countdown=retry_in)
    return retry_in is None


@shared_task
def webhooks_sweep_task(*, grace_seconds: float = 30) -> int:
    """Queue again the deliveries whose task was lost (overdue by `grace_seconds`)."""
    ids = webhook_deliveries_due(grace=timedelta(seconds=grace_seconds))
    webhooks_queue(ids)
    return len(ids)
