import json
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import DataExport, ErasureRequest, Question
from programs.services.core import coordinator_add
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in, log_out
from tests.factories import PASSWORD, CohortFactory, UserFactory, submit


@pytest.mark.e2e
def test_applicant_downloads_their_data_and_a_coordinator_erases_it(page, db):
    cohort = CohortFactory(
        state="recruiting",
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=300),
    )
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    question = Question.objects.create(program=cohort.program, kind="text", text_sv="Mål")
    application = submit(cohort, email="ebba@example.org", answers={question.pk: "Bli vald"})
    user = application.user
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.filter(user=user).update(verified=True)

    log_in(page, user.email, PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner mina uppgifter").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["applications"][0]["answers"] == [
        {"question": "Mål", "answer": "Bli vald", "file": None}
    ]

    page.get_by_role("link", name="Radera mina uppgifter").click()
    page.get_by_label("Ett meddelande till samordnaren").fill("Jag har flyttat.")
    page.get_by_role("button", name="Begär radering").click()
    expect(page.get_by_text("Detta fält måste fyllas i.")).to_be_visible()
    expect(page.get_by_label("Ett meddelande till samordnaren")).to_have_value("Jag har flyttat.")
    assert wcag_violations(page) == []
    page.get_by_label("Jag förstår att mina ansökningar").check()
    page.get_by_role("button", name="Begär radering").click()
    expect(page.get_by_text("Din begäran är skickad.")).to_be_visible()
    log_out(page)

    log_in(page, coordinator.email, PASSWORD)
    page.goto("/admin/programs/erasurerequest/")
    expect(page.locator("#result_list")).to_contain_text("Ada Sökande")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#content-main")).to_contain_text("Jag har flyttat.")
    page.get_by_role("button", name="Radera uppgifterna nu").click()
    expect(page.locator(".messagelist")).to_contain_text("Personens uppgifter är raderade.")
    assert ErasureRequest.objects.get().state == "erased"

    page.goto("/admin/programs/application/")
    expect(page.locator("#result_list")).not_to_contain_text("Ada Sökande")
    expect(page.locator("#result_list")).to_contain_text("Raderad")


@pytest.mark.e2e
def test_coordinator_exports_the_filtered_application_list_as_csv(page, db):
    cohort = CohortFactory(state="recruiting")
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    submit(cohort, email="first@example.org")
    submit(cohort, email="mentor@example.org", role="mentor")

    log_in(page, coordinator.email, PASSWORD)
    page.goto("/admin/programs/application/?role__exact=mentor")
    page.get_by_role("link", name="Exportera som CSV eller Excel").click()
    expect(page.locator("#content-main")).to_contain_text("Varje export loggas.")
    assert wcag_violations(page) == []
    page.get_by_label("Format").select_option("csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Exportera").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "mentor@example.org" in text and "first@example.org" not in text
    assert DataExport.objects.get().rows == 1
