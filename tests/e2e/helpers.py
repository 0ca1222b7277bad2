"""Steps the browser tests share: logging in and filling the application form."""

import re

from django.conf import settings
from django.core import mail
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect


def log_in(page, email: str, password: str | None = None) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.get_by_label("Lösenord").fill(password or settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")


def log_out(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()


def fill_about_you(page, *, first: str, last: str, email: str | None = None) -> None:
    page.get_by_label("Förnamn").fill(first)
    page.get_by_label("Efternamn").fill(last)
    if email is not None:
        page.locator("#id_email").fill(email)
    page.locator("#id_phone").fill("070-123 45 67")
    swedish = page.get_by_role("checkbox", name="Svenska", exact=True)
    try:
        swedish.check()
    except PlaywrightError:  # the click landed while the page still moved: once more
        swedish.check()


def consent_and_send(page) -> None:
    page.get_by_label("Jag godkänner att mina personuppgifter behandlas").check()
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din ansökan")


def screen_in_admin(page, coordinator: str, applicant: str, *, interview: str = "") -> None:
    """The coordinator opens the application, optionally books an interview, accepts."""
    log_in(page, coordinator)
    page.goto("/admin/programs/application/?state__exact=submitted")
    page.get_by_role("link", name=applicant).click()
    if interview:
        page.get_by_role("link", name="Boka en intervju").click()
        page.locator("#id_starts_at_0").fill("2027-01-20")
        page.locator("#id_starts_at_1").fill("10:00")
        page.get_by_label("Form").select_option(interview)
        page.get_by_label("Var").fill("070-765 43 21")
        page.get_by_role("button", name="Boka och skicka inbjudan").click()
        # An interview, or in a rolling program (001) an intake call, by default.
        expect(page.locator(".messagelist")).to_contain_text(re.compile("är boka[dt]"))
        page.get_by_role("button", name="Markera som intervjuad").click()
        expect(page.locator(".messagelist")).to_contain_text("intervjuad")
    page.get_by_role("button", name="Anta").click()
    expect(page.locator(".messagelist")).to_contain_text("Ansökan är nu antagen")


def last_mail_to(address: str):
    return [m for m in mail.outbox if address in m.to][-1]


def reflows(page) -> bool:
    """Whether the page fits 320 px without sideways scrolling (WCAG 1.4.10)."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.wait_for_timeout(300)  # the admin's layout settles after its transitions
    fits = page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 800})
    return fits
