"""Reminders with a real worker, the real Redis and a real SMTP server on loopback."""

import time
from collections import Counter

import pytest

from events.tasks import reminders_sweep_task
from mentorship.celery import app as celery_app
from tests.conftest import TEST_QUEUE, WorkerProcess, purge_test_queue, worker_environment
from tests.events.test_reminders import cohort_with_pairs


def reminder_keys(smtp_server) -> Counter:
    """The occasions of the reminders the SMTP server received (headers unfolded)."""
    keys = ("".join(str(m["X-Mentorship-Email"]).split()) for m in smtp_server.messages)
    return Counter(key for key in keys if key.startswith("reminder:"))


def wait_for_reminders(smtp_server, count: int, timeout: float = 60) -> Counter:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and sum(reminder_keys(smtp_server).values()) < count:
        time.sleep(0.1)
    time.sleep(2)  # time for a duplicate to arrive, if there were one
    return reminder_keys(smtp_server)


@pytest.mark.integration
def test_sweeping_twice_with_a_real_worker_sends_each_reminder_once(celery_worker, smtp_server):
    cohort_with_pairs(3)  # 6 people, 3 reminders each

    reminders_sweep_task.delay()
    reminders_sweep_task.delay()

    keys = wait_for_reminders(smtp_server, 18)
    assert len(keys) == 18
    assert set(keys.values()) == {1}


@pytest.mark.integration
def test_a_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(
    transactional_db, smtp_server
):
    cohort_with_pairs(5)  # 30 reminders
    environment = {
        **worker_environment(smtp_server),
        "EMAIL_THROTTLE_SECONDS": "0.4",
        "CELERY_VISIBILITY_TIMEOUT": "3",
    }
    celery_app.conf.task_always_eager = False
    purge_test_queue()
    first = WorkerProcess(environment, TEST_QUEUE).start()
    second = None
    try:
        reminders_sweep_task.delay()
        while sum(reminder_keys(smtp_server).values()) < 6:
            time.sleep(0.02)
        time.sleep(0.1)  # well inside the pause before the next email
        first.kill()
        sent_before_the_crash = sum(reminder_keys(smtp_server).values())
        assert sent_before_the_crash < 30

        second = WorkerProcess(environment, TEST_QUEUE).start()
        keys = wait_for_reminders(smtp_server, 30, timeout=90)
    finally:
        first.stop()
        if second is not None:
            second.stop()

    assert len(keys) == 30
    assert set(keys.values()) == {1}
