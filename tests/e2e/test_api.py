"""003's coordinator makes an API token for the agencies' HR system, copies its key once,
reads the docs served from here, and adds a webhook endpoint for new pairs."""

import pytest
import requests
from playwright.sync_api import expect

from programs.models import ApiToken, Cohort, WebhookEndpoint
from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, reflows


@pytest.mark.e2e
def test_003_coordinator_makes_a_token_uses_it_and_adds_a_webhook(page, db, live_server):
    seed_demo()
    cohort = Cohort.objects.get(program__slug="mentorskap-for-medarbetare")
    log_in(page, "samordnare-myndigheter@example.org")
    page.goto("/admin/")
    page.get_by_role("link", name="API-nycklar").first.click()
    assert wcag_violations(page) == []
    page.get_by_role("link", name="Lägg till API-nyckel").click()
    page.get_by_label("Namn").fill("Myndigheternas HR-system")
    page.get_by_role("checkbox", name=str(cohort.program)).check()
    page.get_by_label("Får skriva").check()
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Spara", exact=True).click()

    key = page.get_by_label("Nyckel", exact=True).input_value()
    expect(page.locator("#content-main")).to_contain_text("visas bara den här gången")
    assert wcag_violations(page) == []
    assert reflows(page)
    token = ApiToken.objects.get()
    assert key.startswith(token.prefix) and key not in (token.key_hash, token.prefix)
    answer = requests.get(
        f"{live_server.url}/api/v1/cohorts/",
        headers={"Authorization": f"Bearer {key}"},
        params={"program": cohort.program_id},
        timeout=10,
    )
    assert cohort.pk in [c["id"] for c in answer.json()["results"]]

    page.get_by_role("link", name="API:ts dokumentation").click()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Mentorship API")
    expect(page.get_by_text("/api/v1/matches/", exact=True).first).to_be_visible()

    page.goto("/admin/programs/webhookendpoint/add/")
    page.locator("#id_program").select_option(str(cohort.program_id))
    page.get_by_label("Adress").fill("http://hr.myndighet.example.se/hooks")
    page.get_by_role("checkbox", name="Matchning publicerad").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("https://")
    expect(page.get_by_role("checkbox", name="Matchning publicerad")).to_be_checked()
    assert wcag_violations(page) == []
    page.get_by_label("Adress").fill("https://hr.myndighet.example.se/hooks")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Lade till webhook-adress")
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["match.published"] and endpoint.program_id == cohort.program_id
    page.locator("#result_list").get_by_role("link", name=endpoint.url).click()
    expect(page.locator(".field-secret")).to_contain_text("whsec_")
    page.get_by_role("link", name="Loggen").click()
    expect(page.locator("#content h1")).to_contain_text("webhook-leverans")
    assert wcag_violations(page) == []
