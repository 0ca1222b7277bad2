import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings")

app = Celery("mentorship")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue(task, **kwargs) -> bool:
    """Hand a task to the broker once, without waiting: with the broker down the caller's
    page still answers at once. What was to be done is already in the database (a queued
    email, a queued run) and a beat sweep hands it out again when the broker is back.
    Returns whether the broker took it."""
    import logging

    if task.app.conf.task_always_eager:  # tests: run here, and let a failure show
        task.apply_async(kwargs=kwargs)
        return True
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception as exc:  # kombu and redis raise many kinds when the broker is away
        logging.getLogger(__name__).warning(
            "Broker unreachable, %s(%s) left for the resend sweep: %s", task.name, kwargs, exc
        )
        return False
    return True
