"""A cohort halfway through its year, in the database: for the cohort health benchmark
and its tests."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
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
from matching.models import Agreement, Match
from mentorship.models import User
from programs.models import Cohort, Participant


def pairs_populate(cohort: Cohort, pairs: int, *, quiet_every: int = 4) -> list[Match]:
    """`pairs` active pairs: most meet monthly and signed their agreement; every
    `quiet_every`th pair has not met for three months and has no agreement."""
    now = timezone.now()
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"p{cohort.pk}-{i}@example.org",
            first_name=f"P{i:03}",
            last_name="Test",
            password=password,
        )
        for i in range(2 * pairs)
    )
    people = Participant.objects.bulk_create(
        Participant(cohort=cohort, user=user, role="mentor" if i % 2 else "mentee")
        for i, user in enumerate(users)
    )
    matches = Match.objects.bulk_create(
        Match(
            cohort=cohort,
            mentee=people[2 * i],
            mentor=people[2 * i + 1],
            state="active",
            started_at=now - timedelta(days=170),
        )
        for i in range(pairs)
    )
    sessions, agreements = [], []
    for i, match in enumerate(matches):
        quiet = i % quiet_every == 0
        months = range(3, 6) if quiet else range(6)
        sessions += [
            Session(
                match=match,
                starts_at=now - timedelta(days=5 + 30 * m),
                state="held",
                actual_minutes=90,
            )
            for m in months
        ]
        if not quiet:
            agreements.append(Agreement(match=match, mentor_signed_at=now, mentee_signed_at=now))
    Session.objects.bulk_create(sessions)
    Agreement.objects.bulk_create(agreements)
    questionnaire = Questionnaire.objects.create(program=cohort.program, title_sv="Avstämning")
    item = QuestionnaireItem.objects.create(
        questionnaire=questionnaire, kind="scale", text_sv="Hur går det?", low_at_most=2
    )
    schedule = CheckInSchedule.objects.create(
        questionnaire=questionnaire, trigger="after_match", days=30
    )
    check_ins = CheckIn.objects.bulk_create(
        CheckIn(
            schedule=schedule,
            participant=person,
            due_on=timezone.localdate() - timedelta(days=20),
            answered_at=now - timedelta(days=19),
        )
        for person in people
    )
    CheckInAnswer.objects.bulk_create(
        CheckInAnswer(check_in=check_in, item=item, value=4) for check_in in check_ins
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
        Rsvp(meetup=meetup, participant=person, answer="yes", attendance="present")
        for person in people
    )
    return matches
