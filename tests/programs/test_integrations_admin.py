"""The coordinator's screens for API tokens, webhook endpoints and the delivery log: each
coordinator sees their own (their programs'), nobody else's."""

from __future__ import annotations

import pytest

from programs.enums import WebhookEvent
from programs.models import ApiToken, WebhookDelivery, WebhookEndpoint
from programs.services.integrations import api_token_create

TOKENS = "/admin/programs/apitoken/"
ENDPOINTS = "/admin/programs/webhookendpoint/"
DELIVERIES = "/admin/programs/webhookdelivery/"


def test_a_coordinator_makes_a_token_and_sees_its_key_once(client, coordinator, program):
    client.force_login(coordinator)
    response = client.post(
        f"{TOKENS}add/",
        {"name": "HR-systemet", "programs": [program.pk], "can_write": "on"},
    )
    page = response.content.decode()
    token = ApiToken.objects.get()
    key = page.split('id="api-key" type="text" readonly value="')[1].split('"')[0]
    assert key.startswith(token.prefix) and token.can_write and not token.can_read_sensitive
    assert "visas bara den här gången" in page
    assert client.get("/api/v1/programs/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    listing = client.get(TOKENS).content.decode()
    assert "HR-systemet" in listing and key not in listing


def test_a_token_for_another_programs_coordinator_cannot_be_made_or_seen(
    client, coordinator, other_coordinator, program
):
    api_token_create(user=coordinator, name="Coras token", programs=[program])
    client.force_login(other_coordinator)
    assert "Coras token" not in client.get(TOKENS).content.decode()
    response = client.post(f"{TOKENS}add/", {"name": "Intrång", "programs": [program.pk]})
    assert response.status_code == 200 and "programs" in response.context["adminform"].form.errors
    assert not ApiToken.objects.filter(name="Intrång").exists()


def test_revoking_a_token_refuses_its_requests(client, coordinator, program):
    token, key = api_token_create(user=coordinator, name="HR", programs=[program])
    client.force_login(coordinator)
    client.post(TOKENS, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/programs/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_an_endpoint_needs_https_said_beside_the_address_and_keeps_the_rest(
    client, coordinator, program
):
    client.force_login(coordinator)
    data = {
        "program": program.pk,
        "url": "http://hr.example.org/hooks",
        "events": [WebhookEvent.MATCH_PUBLISHED],
        "is_active": "on",
    }
    refused = client.post(f"{ENDPOINTS}add/", data)
    form = refused.context["adminform"].form
    assert "https://" in form.errors["url"][0] and form["events"].value() == ["match.published"]
    assert not WebhookEndpoint.objects.exists()

    data["url"] = "https://hr.example.org/hooks"
    client.post(f"{ENDPOINTS}add/", data)
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.created_by == coordinator and endpoint.secret.startswith("whsec_")
    assert endpoint.secret in client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()


def test_the_delivery_log_resends_and_is_only_the_programs(
    client, coordinator, other_coordinator, program
):
    endpoint = WebhookEndpoint.objects.create(
        program=program, url="https://hr.example.org/hooks", events=["match.published"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="match.published",
        event_key="match.published:1",
        payload={"type": "match.published"},
        state="failed",
        attempts=7,
        last_error="HTTP 500",
    )
    client.force_login(other_coordinator)
    assert "HTTP 500" not in client.get(DELIVERIES).content.decode()
    client.post(DELIVERIES, {"action": "resend", "_selected_action": [delivery.pk]})
    delivery.refresh_from_db()
    assert delivery.state == "failed"

    client.force_login(coordinator)
    assert "HTTP 500" in client.get(DELIVERIES).content.decode()
    client.post(DELIVERIES, {"action": "resend", "_selected_action": [delivery.pk]})
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("pending", 0)


@pytest.mark.parametrize("path", [TOKENS, ENDPOINTS, DELIVERIES])
def test_anonymous_visitors_and_participants_are_refused(client, mentee, path):
    assert client.get(path).status_code == 302
    client.force_login(mentee.user)
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_new_signing_secret_replaces_the_old_one(client, coordinator, other_coordinator, program):
    endpoint = WebhookEndpoint.objects.create(
        program=program, url="https://hr.example.org/hooks", events=["match.published"]
    )
    old = endpoint.secret
    client.force_login(other_coordinator)
    client.post(ENDPOINTS, {"action": "renew_secret", "_selected_action": [endpoint.pk]})
    endpoint.refresh_from_db()
    assert endpoint.secret == old  # not theirs: not even in their list

    client.force_login(coordinator)
    response = client.post(
        ENDPOINTS, {"action": "renew_secret", "_selected_action": [endpoint.pk]}, follow=True
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")
    assert "Nya hemligheter" in response.content.decode()


def test_another_programs_coordinator_cannot_add_an_endpoint_to_it(
    client, other_coordinator, program
):
    client.force_login(other_coordinator)
    form = client.get(f"{ENDPOINTS}add/").context["adminform"].form
    assert program not in form.fields["program"].queryset
    response = client.post(
        f"{ENDPOINTS}add/",
        {
            "program": program.pk,
            "url": "https://hr.example.org/hooks",
            "events": [WebhookEvent.MATCH_PUBLISHED],
        },
    )
    assert "program" in response.context["adminform"].form.errors
    assert not WebhookEndpoint.objects.exists()
