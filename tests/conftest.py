"""Fixtures for the whole suite: personas, a real Celery worker, an SMTP sink, a browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.utils import translation

from mentorship.celery import app as celery_app
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, ParticipantFactory, ProgramFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls that the
# tests make around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
# The live server listens with Django's backlog of 10 pending connections; production's
# gunicorn keeps 2048. The load tests need a realistic one.
WSGIServer.request_queue_size = 256
# Tasks queued by worker tests go to a queue of this test process only, so a worker of
# `make run` on the same Redis never takes them (and xdist processes keep apart).
TEST_QUEUE = f"test-{os.getpid()}"
celery_app.conf.task_default_queue = TEST_QUEUE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def _isolated_services(settings):
    """Each test gets a namespace of its own in the real Redis cache (rate limits live
    there), and, outside the worker tests, a queued task runs in the test's process."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    # Hashing a password properly takes a fifth of a second; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Staff log in with a second factor; the tests of that (tests/mentorship/
    # test_second_factor.py, the browser's) turn it on, the others test what comes after.
    settings.SECOND_FACTOR_REQUIRED = False
    # Every test starts in the site's default language, whatever the one before did.
    translation.activate(settings.LANGUAGE_CODE)
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def english(client, settings):
    """A test that reads the English texts (the Swedish ones are checked in the browser):
    English in the test and for its client."""
    translation.activate("en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- Personas (STYLE.md) ------------------------------------------------------------


@pytest.fixture
def program(db):
    return ProgramFactory()


@pytest.fixture
def cohort(program):
    return CohortFactory(program=program)


@pytest.fixture
def coordinator(program):
    user = UserFactory(email="coordinator@example.org", first_name="Cora")
    coordinator_add(program=program, user=user)
    return user


@pytest.fixture
def other_coordinator(db):
    user = UserFactory(email="other.coordinator@example.org", first_name="Otto")
    coordinator_add(program=ProgramFactory(name_sv="Ett annat program"), user=user)
    return user


@pytest.fixture
def mentor(cohort):
    return ParticipantFactory(cohort=cohort, role="mentor", user__email="mentor@example.org")


@pytest.fixture
def mentee(cohort):
    return ParticipantFactory(cohort=cohort, role="mentee", user__email="mentee@example.org")


@pytest.fixture
def stranger(db):
    return UserFactory(email="stranger@example.org")


@pytest.fixture
def anonymous(client):
    return client


# --- A real SMTP server on loopback -------------------------------------------------


class SmtpSink:
    def __init__(self) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Message

        sink = self

        class Collect(Message):
            def handle_message(self, message) -> None:
                sink.messages.append(message)

        self.messages: list = []
        self.port = free_port()
        self.handler = Collect()
        self.controller_class = Controller
        self.controller = None

    def start(self) -> SmtpSink:
        self.controller = self.controller_class(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count: int, timeout: float = 20.0) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages) < count:
            time.sleep(0.1)
        return self.messages


@pytest.fixture
def smtp_server() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    yield server
    server.stop()


# --- A real Celery worker on the real Redis -----------------------------------------


class WorkerProcess:
    """`celery worker` in a child process, consuming a queue of its own on the real
    Redis and writing to this test's database."""

    def __init__(self, env: dict[str, str], queue: str) -> None:
        self.env = env
        self.queue = queue
        self.process: subprocess.Popen | None = None
        self.log = ROOT / ".local" / "log" / f"worker-{queue}.log"
        self.name = f"{queue}-{uuid.uuid4().hex[:6]}"

    def start(self) -> WorkerProcess:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "mentorship",
                "worker",
                "--pool=solo",
                f"--queues={self.queue}",
                f"--hostname={self.name}@%h",
                "--loglevel=info",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited: {self.log.read_text()[-2000:]}")
            if celery_app.control.ping(destination=[self.hostname], timeout=0.5):
                return self
        raise RuntimeError(f"the worker did not start: {self.log.read_text()[-2000:]}")

    @property
    def hostname(self) -> str:
        return f"{self.name}@{os.uname().nodename}"

    def kill(self) -> None:
        """Die at once, as a worker does when its machine fails (SIGKILL)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def worker_environment(smtp_server) -> dict[str, str]:
    """The environment of a worker that uses this test's database, queue and SMTP."""
    return {
        **os.environ,
        "POSTGRES_DB": connection.settings_dict["NAME"],
        "CELERY_TASK_DEFAULT_QUEUE": TEST_QUEUE,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_RETRY_DELAY": "1",
        "EMAIL_TIMEOUT": "5",
    }


def purge_test_queue() -> None:
    """Drop what earlier tests of this process left in its queue (a task a stopped worker
    had reserved, a retry), so that a test's worker runs only that test's tasks."""
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(TEST_QUEUE)


@pytest.fixture
def celery_worker(transactional_db, smtp_server, settings) -> Iterator[WorkerProcess]:
    """A real worker; tasks queued by the test go to it through Redis."""
    celery_app.conf.task_always_eager = False
    purge_test_queue()
    worker = WorkerProcess(worker_environment(smtp_server), TEST_QUEUE).start()
    yield worker
    worker.stop()


# --- A browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_instance():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: `make test` installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser_instance, live_server):
    """A fresh browser tab on the live server; fails the test on any CSP violation."""
    context = browser_instance.new_context(locale="sv-SE", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url} {message.text[:90]}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert violations == [], "the Content Security Policy blocked something"
