from celery import shared_task

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
