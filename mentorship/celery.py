import os

from celery import Celery, bootsteps

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


# --- The worker's heartbeat --------------------------------------------------------
# /health/ asks Redis whether a worker consuming this site's queue beat lately, instead
# of broadcasting an inspect and waiting a second for replies on every request.

HEARTBEAT_SECONDS = 10
HEARTBEAT_TTL = 3 * HEARTBEAT_SECONDS


def heartbeat_key(queue: str, hostname: str = "*") -> str:
    return f"mentorship:worker-heartbeat:{queue}:{hostname}"


def redis_client():
    """A client of the site's Redis that gives up within a second."""
    import redis
    from django.conf import settings

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)


def heartbeat_write(queues: list[str], hostname: str) -> None:
    import logging
    import time

    try:
        client = redis_client()
        for queue in queues:
            client.set(heartbeat_key(queue, hostname), int(time.time()), ex=HEARTBEAT_TTL)
    except Exception as exc:  # Redis away: the worker has bigger problems; keep running
        logging.getLogger(__name__).warning("Heartbeat not written: %s", exc)


def heartbeat_alive(queue: str) -> bool:
    """Whether a worker consuming `queue` beat within the last HEARTBEAT_TTL seconds."""
    client = redis_client()
    return any(True for _ in client.scan_iter(match=heartbeat_key(queue), count=100))


class Heartbeat(bootsteps.StartStopStep):
    """A worker writes its heartbeat for each queue it consumes, every few seconds."""

    requires = {"celery.worker.components:Timer"}

    def start(self, worker) -> None:
        queues = [queue.name for queue in worker.app.amqp.queues.consume_from.values()] or [
            worker.app.conf.task_default_queue
        ]
        beat = lambda: heartbeat_write(queues, worker.hostname)  # noqa: E731
        beat()
        self.timer = worker.timer.call_repeatedly(HEARTBEAT_SECONDS, beat)

    def stop(self, worker) -> None:
        timer = getattr(self, "timer", None)
        if timer is not None:
            timer.cancel()


app.steps["worker"].add(Heartbeat)
