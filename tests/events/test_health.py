import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import CheckIn, CheckInAnswer, Rsvp
from events.selectors.health import cohort_health
from tests.events.health_data import health_cohort, populate

pytestmark = pytest.mark.django_db


def test_health_lists_quiet_unsigned_pairs_first_with_why():
    cohort = health_cohort()
    matches = populate(cohort, 8)

    health = cohort_health(cohort)

    first, last = health["pairs"][0], health["pairs"][-1]
    assert health["at_risk"] == 2  # pairs 0 and 4
    assert {p.match.pk for p in health["pairs"][:2]} == {matches[0].pk, matches[4].pk}
    assert any("Inget möte på" in why for why in first.risks)
    assert any("Överenskommelsen inte undertecknad" in why for why in first.risks)
    assert any("3 av de 5 möten" in why for why in first.risks)
    assert last.risks == [] and last.held == 6 and last.hours == 9
    assert health["total_held"] == 6 * 6 + 2 * 3
    assert health["by_state"]["active"] == 8
    assert health["check_in_rate"] == 100 and health["attendance_rate"] == 100


def test_health_flags_low_check_in_and_missed_mandatory_meetup():
    cohort = health_cohort()
    matches = populate(cohort, 3, quiet_every=100)  # only pair 0 is "quiet": make it fine
    healthy = matches[1]
    CheckInAnswer.objects.filter(check_in__participant=healthy.mentee).update(value=1)
    CheckIn.objects.filter(participant=healthy.mentee).update(low=True)
    Rsvp.objects.filter(participant=matches[2].mentor).update(attendance="absent")

    health = cohort_health(cohort)

    reasons = {p.match.pk: p.risks for p in health["pairs"]}
    assert reasons[healthy.pk] == ["Ett lågt svar i en färsk avstämning"]
    assert reasons[matches[2].pk] == ["Missade en obligatorisk träff"]
    assert health["attendance_rate"] == 83  # 5 of 6 present
    mentee_line = next(s for s in health["charts"]["scores"]["series"] if s["role"] == "mentee")
    assert mentee_line["points"][-1]["average"] == round((1 + 4 + 4) / 3, 1)


def test_health_page_runs_the_same_queries_for_3_and_200_pairs(client, coordinator, program):
    small, large = health_cohort(program), health_cohort(program)
    populate(small, 3)
    populate(large, 200)
    client.force_login(coordinator)

    counts = []
    for cohort in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/admin/programs/cohort/{cohort.pk}/health/")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    page = response.content.decode()
    assert page.count('class="at-risk"') == 50
    # At-risk pairs come first in the table: the first row is one of them.
    first_row = page.split('id="pairs"', 1)[1].split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert 'class="at-risk"' in first_row and "Inget möte på" in first_row
    assert page.count('<svg class="chart') == 4
    # Coordinates are plain numbers, whatever the language's decimal comma.
    assert not re.search(r' (x|y|width)="[\d.]*,', page)


def test_health_page_is_only_for_the_programs_coordinators(
    client, coordinator, other_coordinator, mentor, cohort
):
    url = f"/admin/programs/cohort/{cohort.pk}/health/"

    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(mentor.user)
    assert client.get(url).status_code == 302  # not staff
    client.force_login(other_coordinator)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert "Omgångens hälsa" in client.get(url).content.decode()


def test_health_of_a_rolling_program_measures_each_pair_against_its_own_start():
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import CohortFactory

    cohort = CohortFactory(
        state="running",
        ends_on=None,
        program__intake_mode="rolling",
        program__min_meetings=12,
        program__duration_months=12,
    )
    matches = populate(cohort, 3, quiet_every=100)[1:]  # six meetings each, about monthly
    Match = type(matches[0])
    Match.objects.filter(pk=matches[0].pk).update(started_at=timezone.now() - timedelta(days=190))
    Match.objects.filter(pk=matches[1].pk).update(started_at=timezone.now() - timedelta(days=330))

    health = cohort_health(cohort)

    by_pk = {p.match.pk: p for p in health["pairs"]}
    assert by_pk[matches[0].pk].expected == 6 and by_pk[matches[0].pk].risks == []
    assert by_pk[matches[1].pk].expected == 10
    assert "6 av de 10 möten som väntas hittills" in by_pk[matches[1].pk].risks
    assert health["on_target"] == 1
