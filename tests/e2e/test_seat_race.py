"""60 applicants submit at once for 20 first-come seats, through the live server."""

import re
import threading
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest

from programs.enums import ApplicationState, SeatRule
from programs.models import Application
from programs.selectors import waitlist_position
from programs.services.intake import application_withdraw
from tests.factories import CohortFactory


def apply(base: str, path: str, n: int, barrier: threading.Barrier, results: list) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(base + path, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "first_name": f"Sökande{n}",
            "last_name": "Race",
            "email": f"race{n}@example.org",
            "preferred_language": "sv",
            "consent": "on",
            "submission_token": str(uuid.uuid4()),
        }
    ).encode()
    request = urllib.request.Request(base + path, data=data, headers={"Referer": base + path})
    barrier.wait()  # everyone presses "send" at the same moment
    try:
        response = opener.open(request, timeout=120)
    except Exception as error:  # recorded, so that the test says what went wrong
        results.append((n, 0, repr(error)))
        return
    results.append((n, response.status, response.geturl()))


@pytest.mark.e2e
def test_sixty_applicants_at_once_for_twenty_first_come_seats(live_server, settings):
    settings.APPLICATION_RATE_LIMIT = "1000/m"
    cohort = CohortFactory(seat_rule=SeatRule.FIRST_COME, mentee_seats=20)
    path = f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/"
    barrier = threading.Barrier(60)
    results: list = []
    threads = [
        threading.Thread(target=apply, args=(live_server.url, path, n, barrier, results))
        for n in range(60)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    failures = [r for r in results if "/apply/thanks/" not in r[2]]
    assert len(results) == 60 and failures == []
    applications = list(Application.objects.filter(cohort=cohort).order_by("queue_number"))
    assert len(applications) == 60  # none lost
    assert [a.queue_number for a in applications] == list(range(1, 61))
    seated, waiting = applications[:20], applications[20:]
    assert sorted(a.seat_number for a in seated) == list(range(1, 21))
    assert all(a.state == ApplicationState.WAITLISTED and a.seat_number is None for a in waiting)
    # The waitlist is in submission order: place n is the n-th after the seats.
    assert [waitlist_position(a) for a in waiting] == list(range(1, 41))

    application_withdraw(application=seated[7], by=seated[7].user)

    number_21 = Application.objects.get(cohort=cohort, queue_number=21)
    assert number_21.seat_number == seated[7].seat_number
    assert number_21.state == ApplicationState.SUBMITTED
    assert waitlist_position(Application.objects.get(cohort=cohort, queue_number=22)) == 1
