"""Benchmark of the cohort health page on large cohorts; prints one JSON line."""

import json
import time
import uuid
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import (
    CheckIn,
    CheckInAnswer,
    CheckInSchedule,
    Meetup,
    Questionnaire,
    QuestionnaireItem,
    Rsvp,
    Session,
)
from matching.enums import MatchState
from matching.models import Agreement, Match
from mentorship.models import User
from programs.models import Cohort, Participant, Profile, Program


class Rollback(Exception):
    pass


def seed(pairs: int) -> Cohort:
    """A year-long cohort halfway through: each pair has met monthly (every fourth has
    gone quiet), answered a check-in and come to a meetup."""
    tag = uuid.uuid4().hex[:8]
    now, today = timezone.now(), timezone.localdate()
    program = Program.objects.create(
        slug=f"bench-{tag}",
        name_sv="Benchmark",
        summary_sv="-",
        description_sv="-",
        min_meetings=12,
        hours_per_meeting=2,
    )
    cohort = Cohort.objects.create(
        program=program,
        name_sv="B",
        state="running",
        starts_on=today - timedelta(days=180),
        ends_on=today + timedelta(days=185),
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"h-{tag}-{n}@example.org", first_name=f"P{n}", password=password)
        for n in range(2 * pairs)
    )
    Profile.objects.bulk_create(Profile(user=user) for user in users)
    people = Participant.objects.bulk_create(
        Participant(cohort=cohort, user=user, role="mentor" if n % 2 else "mentee")
        for n, user in enumerate(users)
    )
    matches = Match.objects.bulk_create(
        Match(
            cohort=cohort,
            mentee=people[2 * n],
            mentor=people[2 * n + 1],
            state=MatchState.ACTIVE,
            started_at=now - timedelta(days=170),
        )
        for n in range(pairs)
    )
    Session.objects.bulk_create(
        Session(
            match=match,
            starts_at=now - timedelta(days=5 + 30 * month),
            state="held",
            actual_minutes=120,
        )
        for n, match in enumerate(matches)
        for month in (range(3, 6) if n % 4 == 0 else range(6))
    )
    Agreement.objects.bulk_create(
        Agreement(match=match, mentor_signed_at=now, mentee_signed_at=now)
        for n, match in enumerate(matches)
        if n % 4
    )
    questionnaire = Questionnaire.objects.create(program=program, title_sv="Avstämning")
    item = QuestionnaireItem.objects.create(
        questionnaire=questionnaire, kind="scale", text_sv="Hur går det?", low_at_most=2
    )
    schedule = CheckInSchedule.objects.create(
        questionnaire=questionnaire, trigger="after_match", days=30
    )
    check_ins = CheckIn.objects.bulk_create(
        CheckIn(schedule=schedule, participant=p, due_on=today, answered_at=now) for p in people
    )
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(check_in=c, item=item, value=1 + n % 5) for n, c in enumerate(check_ins)
    )
    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="training",
        title_sv="Utbildningsdag",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30) + timedelta(hours=6),
        mandatory=True,
    )
    Rsvp.objects.bulk_create(
        Rsvp(meetup=meetup, participant=p, answer="yes", attendance="present") for p in people
    )
    return cohort


class Command(BaseCommand):
    help = "Seed cohorts (rolled back afterwards), render their health page, print JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--pairs", type=int, nargs="+", default=[200, 2000])

    def handle(self, *args, pairs: list[int], **options) -> None:
        out: dict = {}
        try:
            with transaction.atomic():
                viewer = User.objects.create_superuser(f"bench-{uuid.uuid4().hex}@example.org")
                client = Client()
                client.force_login(viewer)
                for size in pairs:
                    cohort = seed(size)
                    url = f"/admin/programs/cohort/{cohort.pk}/health/"
                    client.get(url)  # warm the templates
                    started = time.perf_counter()
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(url)
                    out[f"{size}_pairs"] = {
                        "seconds": round(time.perf_counter() - started, 3),
                        "queries": len(queries),
                        "status": response.status_code,
                        "kilobytes": round(len(response.content) / 1024),
                    }
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(json.dumps(out))
