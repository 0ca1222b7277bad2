"""Issue 20, part 2: webhooks. Each event is written to the outbox in the transaction
that made it, sent by a real Celery worker to a real HTTP server on loopback, signed by
the Standard Webhooks spec, retried with back-off, and delivered once per endpoint and
event, even through a receiver that fails twice and a worker killed mid-delivery."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from standardwebhooks.webhooks import Webhook

from mentorship.celery import app as celery_app
from programs.enums import WebhookEvent
from programs.models import WebhookDelivery, WebhookEndpoint
from programs.services.core import coordinator_add
from programs.services.integrations import (
    IntegrationError,
    webhook_deliver,
    webhook_endpoint_save,
    webhook_resend,
    webhook_url_check,
)
from programs.services.screening import application_accept
from programs.tasks import webhooks_sweep_task
from tests.conftest import TEST_QUEUE, WorkerProcess, purge_test_queue, worker_environment
from tests.factories import ProgramFactory, submit

SUBMITTED, ACCEPTED = WebhookEvent.APPLICATION_SUBMITTED, WebhookEvent.PARTICIPANT_ACCEPTED


class Receiver:
    """An HTTP server on loopback that answers each request as planned (a status, or
    "hang": wait until released, then 200) and keeps, like a careful receiver, one
    delivery per webhook-id."""

    def __init__(self, plan: list) -> None:
        self.plan = list(plan)
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.kept: dict[str, bytes] = {}
        self.hanging, self.release = threading.Event(), threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.requests.append((headers, body))
                answer = receiver.plan.pop(0) if receiver.plan else 200
                if answer == "hang":
                    receiver.hanging.set()
                    receiver.release.wait(30)
                    answer = 200
                if answer == 200:
                    receiver.kept.setdefault(headers["webhook-id"], body)
                try:
                    self.send_response(answer)
                    self.end_headers()
                except OSError:
                    pass  # the sender is gone

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"

    def start(self) -> Receiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()


def wait_until(check, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def endpoint_for(program, url: str, coordinator, events=(SUBMITTED, ACCEPTED)) -> WebhookEndpoint:
    return webhook_endpoint_save(
        endpoint=WebhookEndpoint(program=program, url=url, events=list(events)), by=coordinator
    )


@pytest.fixture
def loopback(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_receiver_failing_twice_and_a_worker_killed_mid_delivery_get_one_signed_delivery_each(
    smtp_server, loopback, cohort, coordinator
):
    receiver = Receiver([500, 500, "hang"]).start()
    endpoint = endpoint_for(cohort.program, receiver.url, coordinator)
    environment = {**worker_environment(smtp_server), "WEBHOOK_RETRY_DELAYS": "0.2,0.2,0.2"}
    celery_app.conf.task_always_eager = False
    purge_test_queue()
    worker = WorkerProcess(environment, TEST_QUEUE).start()
    try:
        application = submit(cohort)  # application.submitted
        assert receiver.hanging.wait(30), "the third attempt never came"
        worker.kill()  # mid-delivery: the receiver has the request, no answer was read
        receiver.release.set()
        delivery = WebhookDelivery.objects.get(event=SUBMITTED)
        # The killed attempt rolled back with its worker: two failures are on record.
        assert (delivery.state, delivery.attempts, delivery.last_status) == ("pending", 2, 500)

        worker = WorkerProcess(environment, TEST_QUEUE).start()
        webhooks_sweep_task.apply_async(kwargs={"grace_seconds": 0})  # what beat runs
        assert wait_until(
            lambda: WebhookDelivery.objects.filter(state="delivered", event=SUBMITTED).exists()
        )
        participant = application_accept(application=application).participant
        assert wait_until(lambda: WebhookDelivery.objects.filter(state="delivered").count() == 2)
    finally:
        worker.stop()
        receiver.stop()

    signer = Webhook(endpoint.secret)
    events = [signer.verify(body, headers) for headers, body in receiver.requests]
    assert [e["type"] for e in events] == [SUBMITTED] * 4 + [ACCEPTED]
    ids = [headers["webhook-id"] for headers, _body in receiver.requests]
    assert len(set(ids[:4])) == 1 and ids[4] != ids[0]  # the same id on every attempt
    assert len(receiver.kept) == 2  # one delivery per event
    kept = [signer.verify(receiver.kept[i], receiver.requests[ids.index(i)][0]) for i in ids[::4]]
    assert {(e["type"], e["data"]["id"]) for e in kept} == {
        (SUBMITTED, application.pk),
        (ACCEPTED, participant.pk),
    }
    assert events[0]["data"]["url"].endswith(f"/api/v1/applications/{application.pk}/")
    assert WebhookDelivery.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_event_goes_once_to_each_endpoint_that_asked_for_it_and_only_if_committed(
    loopback, cohort, coordinator
):
    asked = endpoint_for(cohort.program, "http://127.0.0.1:9/a", coordinator)
    endpoint_for(cohort.program, "http://127.0.0.1:9/b", coordinator, events=[ACCEPTED])
    other = ProgramFactory()
    coordinator_add(program=other, user=coordinator)
    endpoint_for(other, "http://127.0.0.1:9/c", coordinator)

    application = submit(cohort)
    assert list(WebhookDelivery.objects.values_list("endpoint", "event")) == [(asked.pk, SUBMITTED)]

    with pytest.raises(RuntimeError), transaction.atomic():
        submit(cohort)
        raise RuntimeError("the request failed after the application")
    assert WebhookDelivery.objects.count() == 1  # the outbox row went with the transaction

    from programs.services.integrations import webhook_emit

    webhook_emit(event=SUBMITTED, obj=application)  # again
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_receiver_that_never_answers_well_is_given_up_after_the_retries(
    loopback, settings, cohort, coordinator
):
    settings.WEBHOOK_RETRY_DELAYS = [0, 0]
    receiver = Receiver([500, 503, 500, 200]).start()
    celery_app.conf.task_always_eager = False  # nothing runs here but what the test calls
    try:
        endpoint_for(cohort.program, receiver.url, coordinator)
        with transaction.atomic():
            submit(cohort)
        delivery = WebhookDelivery.objects.get()
        for _ in range(4):
            webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts, delivery.last_status) == ("failed", 3, 500)
        assert len(receiver.requests) == 3

        webhook_resend(delivery=delivery, by=coordinator)
        webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert delivery.state == "delivered" and delivery.delivered_at is not None
        assert len({h["webhook-id"] for h, _b in receiver.requests}) == 1
    finally:
        receiver.stop()


@pytest.mark.parametrize(
    "url",
    [
        "http://hr.example.org/hooks",  # not https
        "https://10.1.2.3/hooks",  # an internal address
        "https://169.254.169.254/latest",  # the cloud's metadata service
        "ftp://127.0.0.1/x",
    ],
)
def test_an_endpoint_must_be_https_on_a_public_host(settings, url):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    with pytest.raises(IntegrationError):
        webhook_url_check(url)


def test_loopback_only_where_it_is_allowed(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(IntegrationError):
        webhook_url_check("http://127.0.0.1:8080/hooks")
    webhook_url_check("https://hr.example.org/hooks")


def test_another_programs_coordinator_can_neither_add_an_endpoint_nor_resend(
    loopback, cohort, coordinator, other_coordinator
):
    with pytest.raises(IntegrationError):
        endpoint_for(cohort.program, "https://hr.example.org/hooks", other_coordinator)
    endpoint = endpoint_for(cohort.program, "https://hr.example.org/hooks", coordinator)
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event=SUBMITTED, event_key="x:1", payload={}, state="failed"
    )
    with pytest.raises(IntegrationError):
        webhook_resend(delivery=delivery, by=other_coordinator)
    delivery.refresh_from_db()
    assert delivery.state == "failed"


@pytest.mark.django_db(transaction=True)
def test_a_delivery_to_an_endpoint_switched_off_meanwhile_is_given_up_at_once(
    loopback, cohort, coordinator
):
    receiver = Receiver([]).start()
    celery_app.conf.task_always_eager = False
    try:
        endpoint = endpoint_for(cohort.program, receiver.url, coordinator)
        submit(cohort)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
        delivery = WebhookDelivery.objects.get()
        webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts) == ("failed", 1)
        assert "switched off" in delivery.last_error and receiver.requests == []
    finally:
        receiver.stop()
