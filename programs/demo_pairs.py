"""Pairs that have been meeting for a while in the rolling program's demo cohort, so that
the cohort health page, the exports and the pairs' dashboards have something to show."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from events.enums import SessionState
from events.models import Session
from matching.enums import MatchSource, MatchState
from matching.models import Agreement, Match
from programs.enums import Role
from programs.models import Cohort

PAIRS = 12


def demo_pairs(cohort: Cohort) -> None:
    """Twelve pairs matched over the last year, meeting about monthly; every fourth has
    gone quiet without signing its agreement. The demo logins stay unmatched. Done once:
    a cohort that already has matches is left as it is."""
    if Match.objects.filter(cohort=cohort).exists():
        return
    people = cohort.participants.select_related("user").order_by("pk")
    mentees = [p for p in people if p.role == Role.MENTEE][1 : PAIRS + 1]
    mentors = [p for p in people if p.role == Role.MENTOR][1 : PAIRS + 1]
    now = timezone.now()
    sessions, agreements = [], []
    for n, (mentee, mentor) in enumerate(zip(mentees, mentors, strict=False)):
        months = 2 + n % 10  # matched 2 to 11 months ago
        match = Match.objects.create(
            cohort=cohort,
            mentee=mentee,
            mentor=mentor,
            state=MatchState.ACTIVE,
            source=MatchSource.ROLLING,
            started_at=now - timedelta(days=30 * months),
        )
        quiet = n % 4 == 0
        held = range(3, months) if quiet else range(months)
        sessions += [
            Session(
                match=match,
                starts_at=now - timedelta(days=30 * month + 6, hours=n),
                duration_minutes=90,
                location="Kommunhuset",
                state=SessionState.HELD,
                actual_minutes=90,
            )
            for month in held
        ]
        if not quiet:
            signed = match.started_at + timedelta(days=10)
            agreements.append(
                Agreement(
                    match=match,
                    focus_areas="Ledarskap i en politisk organisation",
                    mentor_signed_at=signed,
                    mentee_signed_at=signed,
                )
            )
    Session.objects.bulk_create(sessions)
    Agreement.objects.bulk_create(agreements)
