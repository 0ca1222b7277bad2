"""Reads for the pair's dashboard: matches with their progress, meetup invitations,
open check-ins."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.utils import timezone

from events.enums import (
    SessionState,
)
from events.models import (
    CheckIn,
    Rsvp,
    Session,
)
from events.pace import (
    cadence_days,
    meeting_targets,
    next_meeting_suggestion,
    risks,
    with_signs,
)
from matching.enums import MatchState
from matching.models import Goal, Match
from mentorship.models import User


def _percent(done: float, target: float | Decimal | None) -> int | None:
    if not target:
        return None
    return min(100, round(100 * float(done) / float(target)))


def dashboard_matches(user: User) -> list[Match]:
    """The person's live and completed matches, each with its agreement, goals, meeting
    count, hours, next and unlogged meetings and the targets: four queries in all."""
    now = timezone.now()
    planned = Session.objects.filter(match=OuterRef("pk"), state=SessionState.PLANNED)
    upcoming = planned.filter(starts_at__gte=now).order_by("starts_at")
    unlogged = planned.filter(starts_at__lt=now).order_by("starts_at")
    matches = list(
        with_signs(Match.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)), now)
        .filter(state__in=(MatchState.PROPOSED, MatchState.ACTIVE, MatchState.COMPLETED))
        .select_related(
            "cohort__program",
            "mentor__user__profile",
            "mentee__user__profile",
            "mentor__organisation",
            "mentee__organisation",
            "agreement",
        )
        .annotate(
            next_id=Subquery(upcoming.values("pk")[:1]),
            next_at=Subquery(upcoming.values("starts_at")[:1]),
            next_place=Subquery(upcoming.values("location")[:1]),
            unlogged_id=Subquery(unlogged.values("pk")[:1]),
            unlogged_at=Subquery(unlogged.values("starts_at")[:1]),
        )
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")))
        .order_by("-created_at")
    )
    for match in matches:
        program = match.cohort.program
        match.is_mentor = match.mentor.user_id == user.pk
        match.other = match.mentee if match.is_mentor else match.mentor
        try:
            match.the_agreement = match.agreement
        except Match.agreement.RelatedObjectDoesNotExist:
            match.the_agreement = None
        meetings, hours = meeting_targets(program)
        match.hours_done = round((match.held_minutes or 0) / 60, 1)
        match.meetings_target, match.hours_target = meetings, hours
        match.meetings_percent = _percent(match.held_count, meetings)
        match.hours_percent = _percent(match.hours_done, hours)
        match.suggested_next = next_meeting_suggestion(match.last_held_at, cadence_days(match))
        # The same signs the coordinator sees (events.pace), for the pair to act on.
        match.risks = [risk.text for risk in risks(match, now)]
    return matches


def meetups_for(user: User) -> list[Rsvp]:
    """The person's invitations to meetups not yet over, soonest first, with the meetup
    and its schedule: two queries."""
    return list(
        Rsvp.objects.filter(participant__user=user, meetup__ends_at__gte=timezone.now())
        .select_related("meetup__cohort__program", "participant")
        .prefetch_related("meetup__items")
        .order_by("meetup__starts_at")
    )


def open_check_ins(user: User) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(participant__user=user, answered_at__isnull=True)
        .select_related("schedule__questionnaire")
        .prefetch_related("schedule__questionnaire__items")
        .order_by("due_on")
    )
