"""Benchmark of the reminder sweep on a large cohort; prints one JSON line."""

import json
import time
import uuid
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import (
    CheckInSchedule,
    Meetup,
    Questionnaire,
    QuestionnaireItem,
    Rsvp,
    Session,
)
from events.services.reminders import reminders_sweep
from matching.enums import MatchState
from matching.models import Match
from mentorship.models import OutgoingEmail, User
from programs.models import Cohort, Participant, Profile, Program


class Rollback(Exception):
    pass


def seed(participants: int) -> None:
    """Pairs of a mentor and a mentee, matched two months ago; half have a meeting
    tomorrow; everyone is invited to a meetup in five days."""
    tag = uuid.uuid4().hex[:8]
    program = Program.objects.create(
        slug=f"bench-{tag}", name_sv="Benchmark", summary_sv="-", description_sv="-"
    )
    cohort = Cohort.objects.create(program=program, name_sv="B", starts_on=timezone.localdate())
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"r-{tag}-{n}@example.org", first_name=f"P{n}", password=password)
        for n in range(participants)
    )
    Profile.objects.bulk_create(Profile(user=user) for user in users)
    people = Participant.objects.bulk_create(
        Participant(cohort=cohort, user=user, role="mentor" if n % 2 else "mentee")
        for n, user in enumerate(users)
    )
    started = timezone.now() - timedelta(days=60)
    matches = Match.objects.bulk_create(
        Match(
            cohort=cohort,
            mentee=people[n],
            mentor=people[n + 1],
            state=MatchState.ACTIVE,
            started_at=started,
        )
        for n in range(0, participants - 1, 2)
    )
    tomorrow = timezone.now() + timedelta(hours=20)
    Session.objects.bulk_create(
        Session(match=match, starts_at=tomorrow, duration_minutes=60, location="Kafé")
        for match in matches[::2]
    )
    starts = timezone.now() + timedelta(days=5)
    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="networking",
        title_sv="Träff",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    Rsvp.objects.bulk_create(Rsvp(meetup=meetup, participant=person) for person in people)
    # A check-in for everyone at the cohort's start (today).
    questionnaire = Questionnaire.objects.create(program=program, title_sv="Avstämning")
    QuestionnaireItem.objects.create(
        questionnaire=questionnaire, kind="scale", text_sv="Hur går det?"
    )
    CheckInSchedule.objects.create(questionnaire=questionnaire, trigger="at_start")


class Command(BaseCommand):
    help = "Seed a cohort (rolled back afterwards), run the reminder sweep twice, print JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--participants", type=int, default=10000)

    def handle(self, *args, participants: int, **options) -> None:
        out: dict = {"participants": participants}
        try:
            with transaction.atomic():
                started = time.perf_counter()
                seed(participants)
                out["seconds_seeding"] = round(time.perf_counter() - started, 2)
                for run in ("first", "second"):
                    before = OutgoingEmail.objects.count()
                    started = time.perf_counter()
                    with CaptureQueriesContext(connection) as queries:
                        waiting = reminders_sweep(digest=True)
                    out[f"{run}_sweep"] = {
                        "seconds": round(time.perf_counter() - started, 2),
                        "queries": len(queries),
                        "reminders_queued": OutgoingEmail.objects.count() - before,
                        "emails_handed_to_workers": len(waiting),
                    }
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(json.dumps(out))
