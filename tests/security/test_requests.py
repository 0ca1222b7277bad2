"""Issue 12, defects 10, 13, 16, 17, 18, 19: what a request or a task can do wrong."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from matching.enums import RunState
from matching.models import MatchingRun
from matching.services.matching import runs_fail_stuck
from mentorship.services import email_queue
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_open_redirect_next_to_another_site_goes_to_the_dashboard(client, pair):
    client.force_login(pair.mentee.user)

    evil = client.post(f"/matches/{pair.pk}/agreement/sign/", {"next": "https://evil.example/x"})
    protocol_relative = client.post(
        f"/matches/{pair.pk}/agreement/sign/", {"next": "//evil.example/x"}
    )
    own = client.post(f"/matches/{pair.pk}/agreement/sign/", {"next": "/dashboard/?tab=2"})

    assert evil["Location"] == "/dashboard/"
    assert protocol_relative["Location"] == "/dashboard/"
    assert own["Location"] == "/dashboard/?tab=2"


def test_plain_text_emails_contain_no_html_entities(cohort):
    user = UserFactory(first_name="D'Arcy", last_name="O'Neil", email="oneil@example.org")

    email = email_queue(
        to=user.email,
        subject="Hej",
        template="application_received",
        context={"person": user, "program": cohort.program, "cohort": cohort},
        idempotency_key="test:entities",
        user=user,
    )

    assert "&#x27;" not in email.body_text
    assert "Hello D'Arcy" in email.body_text or "Hej D'Arcy" in email.body_text
    assert "D&#x27;Arcy" in email.body_html  # the HTML part stays escaped


@pytest.mark.parametrize(
    "url",
    ["/", "/programs/{slug}/", "/programs/{slug}/apply/", "/health/", "/accounts/login/"],
)
def test_head_answers_like_get_on_public_pages(client, cohort, url):
    url = url.format(slug=cohort.program.slug)

    head = client.head(url)

    assert head.status_code == client.get(url).status_code
    assert head.status_code != 405


def test_head_answers_on_the_dashboard(client, mentee):
    client.force_login(mentee.user)

    assert client.head("/dashboard/").status_code == 200


def test_seed_demo_refuses_production_unless_forced(settings):
    settings.SECURE = True

    with pytest.raises(CommandError, match="DJANGO_SECURE"):
        call_command("seed_demo")

    from mentorship.models import User

    assert not User.objects.filter(is_superuser=True).exists()


def test_stuck_matching_run_is_marked_failed_after_the_bound(cohort, settings):
    settings.MATCHING_RUN_STUCK_SECONDS = 600
    stuck = MatchingRun.objects.create(cohort=cohort, state=RunState.RUNNING, progress=50)
    fresh = MatchingRun.objects.create(cohort=cohort, state=RunState.RUNNING, progress=10)
    MatchingRun.objects.filter(pk=stuck.pk).update(
        updated_at=timezone.now() - timedelta(seconds=601)
    )

    assert runs_fail_stuck() == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.state == RunState.FAILED and stuck.error
    assert fresh.state == RunState.RUNNING


def test_worker_killed_task_comes_back_before_a_stuck_run_is_failed_and_after_any_task_ends(
    settings,
):
    """A killed worker's task is handed out again after the visibility timeout; no task
    may still be running then (the time limit is shorter) and the board gives up on a
    run soon after (not after an hour)."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert settings.CELERY_TASK_TIME_LIMIT < visibility <= 900
    assert settings.MATCHING_RUN_STUCK_SECONDS > settings.CELERY_TASK_TIME_LIMIT
    assert "matching.tasks.matching_runs_fail_stuck" in [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    ]


CHOOSE = "Välj en adept och en mentor i den här omgången."


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("rule/", {"kind": "lock", "mentee": "abc", "mentor": "1"}, CHOOSE),
        ("rule/", {"clear": "abc"}, "Okänd åtgärd."),
        ("rule/", {"kind": "lock", "mentee": "99999999999999999999", "mentor": "1"}, CHOOSE),
        ("pair/", {"mentee": "x", "mentor": "y"}, CHOOSE),
    ],
)
def test_non_numeric_ids_on_the_board_give_a_message_not_a_server_error(
    client, cohort, coordinator, path, data, message
):
    ParticipantFactory(cohort=cohort, role="mentor")
    client.force_login(coordinator)

    response = client.post(f"/admin/matching/board/{cohort.pk}/{path}", data, follow=True)

    assert response.status_code == 200
    assert message in response.content.decode()  # the board says why, in its message list
