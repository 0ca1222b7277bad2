"""Issue 12, defect 7: with Redis (cache and broker) down, an application is saved and
answered at once, and its email goes out once when Redis is back; login works."""

import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail

from mentorship.celery import app as celery_app
from mentorship.enums import EmailState
from mentorship.models import OutgoingEmail
from mentorship.services import emails_pending_resend
from mentorship.tasks import email_resend_pending
from programs.models import Application
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


class PrivateRedis:
    """A Redis of this test's own, on a socket in a temporary folder, to stop and start
    without disturbing the Redis the rest of the suite shares."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="redis-down-"))
        self.socket = self.folder / "redis.sock"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                "0",
                "--unixsocket",
                str(self.socket),
                "--save",
                "",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            if self.socket.exists():
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@pytest.fixture
def private_redis(settings):
    redis = PrivateRedis()
    redis.start()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"unix://{redis.socket}?db=1",
        }
    }
    saved = celery_app.conf.broker_url, celery_app.conf.result_backend
    celery_app.conf.broker_url = f"redis+socket://{redis.socket}"
    celery_app.conf.result_backend = f"redis+socket://{redis.socket}"
    reset_celery_connections()
    celery_app.conf.task_always_eager = False
    yield redis
    redis.stop()
    celery_app.conf.broker_url, celery_app.conf.result_backend = saved
    reset_celery_connections()


def reset_celery_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._local.__dict__.pop("backend", None)


def application_post(cohort, email):
    return {
        "first_name": "Fatima",
        "last_name": "Haddad",
        "email": email,
        "preferred_language": "sv",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
    }


def test_lost_applications_when_redis_is_down_are_saved_and_emailed_once_it_returns(
    client, cohort, private_redis
):
    # A first application while Redis is up: the site's connections (cache, broker,
    # result store) are open when it goes away, as on a running site.
    client.post(
        f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/",
        application_post(cohort, "early@example.org"),
    )
    OutgoingEmail.objects.all().delete()
    private_redis.stop()

    started = time.perf_counter()
    response = client.post(
        f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/",
        application_post(cohort, "fatima@example.org"),
    )
    answered_in = time.perf_counter() - started

    assert response.status_code == 302 and "/apply/thanks/" in response["Location"]
    assert Application.objects.filter(user__email="fatima@example.org").exists()
    assert answered_in < 5  # not the 19 s of a broker or result-store retry loop
    queued = OutgoingEmail.objects.get(to="fatima@example.org")
    assert queued.state == EmailState.QUEUED

    private_redis.start()
    celery_app.conf.task_always_eager = True  # the worker's part, here in the test
    OutgoingEmail.objects.update(updated_at=queued.updated_at.replace(year=2000))
    email_resend_pending()
    email_resend_pending()

    assert [m.to for m in mail.outbox] == [["fatima@example.org"]]
    assert not emails_pending_resend()


def test_login_works_while_redis_is_down(client, private_redis):
    user = UserFactory(email="cora@example.org")
    private_redis.stop()

    response = client.post("/accounts/login/", {"login": "cora@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.get("/dashboard/").wsgi_request.user == user
