"""Issue 19, part 4: axe on every page each persona reaches by following links, and 320 px
reflow on each of them, the coordinator's too. The crawl starts where the persona starts (the home
page, the dashboard, the coordinator's home) and follows same-site links breadth first."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.e2e.helpers import log_in

# Not pages: downloads, state changes behind links, and the endless variants of a list.
SKIP = re.compile(
    r"(logout|/delete/|/history/|\.ics|\.pdf|/file/|/photo/|/export|/download|/feed|"
    r"/static/|/media/|/i18n/|/diploma|/print|/calendar|/autocomplete|/jsi18n|"
    r"/r/\d+/|\.json|/my-data|/password/|/email/|/2fa/|/reauthenticate/|/login/code/|/social/)"
)


def crawl(page, start: list[str], limit: int) -> tuple[list[str], dict[str, list[str]]]:
    """Visit up to `limit` pages from `start`; returns the pages and the failures (axe's,
    and a page wider than a 320 px screen)."""
    queue, seen, visited, failures = list(start), set(start), [], {}
    while queue and len(visited) < limit:
        path = queue.pop(0)
        response = page.goto(path)
        if (
            response is None
            or response.status >= 400
            or "html" not in (response.headers.get("content-type", ""))
        ):
            continue
        here = urlsplit(page.url)
        visited.append(here.path)
        found = wcag_violations(page)
        # WCAG 1.4.10: at 320 px nothing but a table's own box scrolls sideways.
        page.set_viewport_size({"width": 320, "height": 800})
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size({"width": 1280, "height": 800})
        if width > 320:
            found.append(f"{width} px wide at 320 px")
        if found:
            failures[here.path] = found[:3]
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            link = urlsplit(href)
            if link.netloc != here.netloc or SKIP.search(link.path):
                continue
            if link.path not in seen:
                seen.add(link.path)
                queue.append(link.path)
    return visited, failures


@pytest.fixture
def demo(db):
    seed_demo()


@pytest.mark.e2e
def test_every_page_a_mentee_a_mentor_and_a_visitor_reach_passes_axe(page, demo):
    report = {}
    visited, failures = crawl(page, ["/"], 25)
    report["visitor"] = len(visited)
    assert failures == {}, failures
    for person in ("adept@myndigheter.example.se", "mentor@myndigheter.example.se"):
        log_in(page, person)
        visited, failures = crawl(page, ["/dashboard/"], 30)
        report[person] = len(visited)
        assert failures == {}, failures
        page.goto("/")
        page.get_by_role("button", name="Logga ut").click()
    assert all(count >= 5 for count in report.values()), report


@pytest.mark.e2e
def test_every_admin_page_a_coordinator_reaches_passes_axe(page, demo):
    log_in(page, "samordnare-myndigheter@example.org")
    visited, failures = crawl(page, ["/admin/"], 50)
    assert len(visited) >= 40, visited
    assert failures == {}, failures
