"""Issue 13, part 4: a meeting is logged as held only once it has begun, and "days since
the last meeting" is never negative."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Session
from events.selectors.health import cohort_health
from events.services import EventError
from events.services.sessions import session_log, session_plan

pytestmark = pytest.mark.django_db


def test_logging_a_meeting_in_the_future_is_refused_beside_the_field(client, pair):
    future = session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60,
        location="Kafét",
    )
    client.force_login(pair.mentee.user)

    response = client.post(
        f"/sessions/{future.pk}/log/",
        {"held": "1", "actual_minutes": 60, "topics": "Budget", "shared_notes": ""},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_held"' in page
    assert "Budget" in page  # the rest of the answers are kept
    future.refresh_from_db()
    assert future.state == "planned"


def test_the_service_refuses_held_before_the_meeting_starts(pair):
    future = session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60,
        location="Kafét",
    )

    with pytest.raises(EventError):
        session_log(session=future, by=pair.mentee.user, held=True, actual_minutes=60)


def test_days_since_the_last_meeting_is_never_negative(pair):
    pair.started_at = timezone.now() + timedelta(hours=5)  # matched with a start ahead
    pair.save()
    Session.objects.create(
        match=pair, starts_at=timezone.now() - timedelta(days=1), duration_minutes=60
    )

    health = cohort_health(pair.cohort)

    assert all((p.days_since or 0) >= 0 for p in health["pairs"])
