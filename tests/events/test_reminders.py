from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Meetup, Rsvp, Session
from events.services.meetups import meetup_invite
from events.services.reminders import reminders_sweep
from matching.enums import MatchState
from matching.models import Match
from mentorship.models import OutgoingEmail
from mentorship.services import email_deliver
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def cohort_with_pairs(pairs: int):
    cohort = CohortFactory(program__cadence="monthly")
    long_ago = timezone.now() - timedelta(days=60)
    for _ in range(pairs):
        Match.objects.create(
            cohort=cohort,
            mentor=ParticipantFactory(cohort=cohort, role="mentor"),
            mentee=ParticipantFactory(cohort=cohort, role="mentee"),
            state=MatchState.ACTIVE,
            started_at=long_ago,
        )
    starts = timezone.now() + timedelta(days=5)
    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="networking",
        title_sv="Nätverksträff",
        title_en="Networking",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        mandatory=True,
    )
    meetup_invite(meetup=meetup)
    for match in Match.objects.filter(cohort=cohort):
        Session.objects.create(
            match=match,
            starts_at=timezone.now() + timedelta(hours=20),
            duration_minutes=60,
            location="Kafé",
        )
    mail.outbox.clear()
    return cohort


def test_a_second_sweep_queues_nothing_new(db):
    cohort_with_pairs(2)

    first = reminders_sweep()
    second = reminders_sweep()

    assert len(first) == 12  # 4 people: meetup, session tomorrow, unsigned agreement, each
    reminders = OutgoingEmail.objects.filter(template__startswith="reminder")
    assert reminders.count() == 12
    # Nothing handed to the workers again: the first sweep's emails are on their way.
    assert second == []
    keys = reminders.values_list("idempotency_key", flat=True)
    assert len(set(keys)) == len(keys)


def test_nudges_off_means_no_reminders_but_the_digest_still_comes(db, coordinator):
    cohort = cohort_with_pairs(1)
    coordinator_add(program=cohort.program, user=coordinator)
    for participant in cohort.participants.select_related("user__profile"):
        participant.user.profile.nudges = False
        participant.user.profile.save()

    reminders_sweep(digest=True)

    sent = OutgoingEmail.objects.exclude(template="meetup_invite").values_list("to", flat=True)
    assert list(sent) == [coordinator.email]


def test_reminders_are_rendered_in_each_recipients_language_when_sent(db):
    cohort = cohort_with_pairs(1)
    english = cohort.participants.get(role="mentor").user
    english.profile.preferred_language = "en"
    english.profile.save()

    for email_id in reminders_sweep():
        email_deliver(email_id=email_id)

    to_english = [m for m in mail.outbox if m.to == [english.email]]
    assert {m.subject for m in to_english} >= {"Reminder: Networking", "Your meeting tomorrow"}
    swedish = [m for m in mail.outbox if m.to != [english.email]]
    assert "Påminnelse: Nätverksträff" in {m.subject for m in swedish}


def test_coordinator_digest_lists_pairs_at_risk_and_missed_mandatory_meetups(db, coordinator):
    cohort = cohort_with_pairs(1)
    coordinator_add(program=cohort.program, user=coordinator)
    Session.objects.all().delete()  # nothing planned: a quiet pair
    meetup = Meetup.objects.get()
    Meetup.objects.filter(pk=meetup.pk).update(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    Rsvp.objects.filter(participant__role="mentee").update(attendance="absent")

    ids = reminders_sweep(digest=True)
    digest = OutgoingEmail.objects.get(template="coordinator_digest")
    email_deliver(email_id=digest.pk)

    assert digest.pk in ids
    body = mail.outbox[-1].body
    # The same reasons, in the same words, as the cohort health page (events.pace).
    assert "Inget första möte" in body or "Inget möte på" in body
    assert "Överenskommelsen inte undertecknad" in body
    assert "Missade en obligatorisk träff" in body


def test_the_sweep_runs_the_same_queries_for_2_or_12_pairs(db):
    cohort_with_pairs(2)
    with CaptureQueriesContext(connection) as small:
        reminders_sweep()
    OutgoingEmail.objects.all().delete()
    cohort_with_pairs(10)
    with CaptureQueriesContext(connection) as large:
        ids = reminders_sweep()

    assert len(ids) == 12 * 6
    assert len(small) == len(large)


def test_nominee_without_an_application_is_reminded_three_days_before_the_deadline(db):
    from programs.models import Nomination
    from tests.factories import OrganisationFactory, UserFactory

    cohort = CohortFactory(application_closes_at=timezone.now() + timedelta(days=2))
    Nomination.objects.create(
        cohort=cohort,
        role="mentor",
        organisation=OrganisationFactory(),
        nominated_by=UserFactory(),
        first_name="Nora",
        last_name="N",
        email="nora@example.org",
        rank=1,
    )

    reminders_sweep()
    reminders_sweep()

    reminder = OutgoingEmail.objects.get(template="reminder_nomination")
    email_deliver(email_id=reminder.pk)
    assert mail.outbox[-1].to == ["nora@example.org"]
    assert "/apply/nomination/" in mail.outbox[-1].body


def test_coordinators_running_global_tasks_are_refused_and_superusers_move_them(
    client, coordinator
):
    """The schedules run for every program at once: a coordinator of one program may not
    see, move, disable or run them; a superuser may."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    from tests.factories import UserFactory

    crontab = CrontabSchedule.objects.create(minute="5", hour="*")
    task = PeriodicTask.objects.create(
        name="reminders-sweep", task="events.tasks.reminders_sweep_task", crontab=crontab
    )
    url = f"/admin/django_celery_beat/periodictask/{task.pk}/change/"
    client.force_login(coordinator)

    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "x", "enabled": ""}).status_code == 403
    assert (
        client.post(
            "/admin/django_celery_beat/periodictask/",
            {"action": "run_tasks", "_selected_action": [task.pk]},
        ).status_code
        == 403
    )
    assert "django_celery_beat" not in client.get("/admin/").content.decode()
    task.refresh_from_db()
    assert task.enabled and task.name == "reminders-sweep"

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 200


def test_the_digest_lists_follow_ups_that_fall_due_even_with_no_pair_at_risk(db, coordinator):
    from events.models import ContactLog

    cohort = CohortFactory()
    coordinator_add(program=cohort.program, user=coordinator)
    person = ParticipantFactory(cohort=cohort, user__first_name="Greta", user__last_name="Grön")
    ContactLog.objects.create(
        cohort=cohort,
        participant=person,
        coordinator=coordinator,
        kind="phone",
        happened_on=timezone.localdate() - timedelta(days=14),
        note="Fråga hur första mötet gick.",
        next_follow_up=timezone.localdate(),
    )
    ContactLog.objects.create(
        cohort=cohort,
        participant=person,
        coordinator=coordinator,
        kind="phone",
        happened_on=timezone.localdate(),
        note="Senare.",
        next_follow_up=timezone.localdate() + timedelta(days=30),
    )

    reminders_sweep(digest=True)
    digest = OutgoingEmail.objects.get(template="coordinator_digest")
    email_deliver(email_id=digest.pk)

    body = mail.outbox[-1].body
    assert "Greta Grön" in body and "Fråga hur första mötet gick." in body
    assert "Senare." not in body
