"""Reads for the pair's dashboard: matches with their progress, meetup invitations,
open check-ins."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Prefetch,
    Q,
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
from matching.rules import may_book
from matching.selectors import signatures_lacking, unread_count
from mentorship.models import User
from programs.models import Participant


def _percent(done: float, target: float | Decimal | None) -> int | None:
    if not target:
        return None
    return min(100, round(100 * float(done) / float(target)))


def dashboard_matches(
    user: User, participations: list[Participant], match_id: int | None = None
) -> list[Match]:
    """The person's live and completed matches, each with its agreement, goals, meeting
    count, hours, unread messages, next and unlogged meetings and the targets: four
    queries in all.

    `participations` are the person's own (`participations_for`, which the dashboard
    has already loaded with their cohorts and programs): the match reuses them for its
    own side and its cohort, and loads only the other side, so the one big query does
    not join and build the program and both people again. With `match_id`, only that
    match (the match page's), when it is the person's."""
    now = timezone.now()
    own = {participant.pk: participant for participant in participations}
    mine = Match.objects.filter(Q(mentor_id__in=own) | Q(mentee_id__in=own))
    if match_id is not None:
        mine = mine.filter(pk=match_id)
    matches = list(
        with_signs(mine, now)
        .filter(state__in=(MatchState.PROPOSED, MatchState.ACTIVE, MatchState.COMPLETED))
        .annotate(unread=unread_count(user))
        .select_related(None)
        # The coordinator at the first meeting shows on the match page only.
        .select_related("agreement__facilitator" if match_id is not None else "agreement")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")))
        .order_by("-created_at")
    )
    others = (
        Participant.objects.select_related("user__profile", "organisation").in_bulk(
            {m.mentee_id if m.mentor_id in own else m.mentor_id for m in matches}
        )
        if matches
        else {}
    )
    # The next planned meeting and the first one past but not logged, of each match.
    planned: dict[int, list[tuple]] = {}
    for row in (
        Session.objects.filter(match__in=[m.pk for m in matches], state=SessionState.PLANNED)
        .order_by("starts_at")
        .values_list("match_id", "pk", "starts_at", "location")
        if matches
        else ()
    ):
        planned.setdefault(row[0], []).append(row[1:])
    for match in matches:
        sessions = planned.get(match.pk, [])
        upcoming = next((s for s in sessions if s[1] >= now), (None, None, None))
        unlogged = next((s for s in sessions if s[1] < now), (None, None, None))
        match.next_id, match.next_at, match.next_place = upcoming
        match.unlogged_id, match.unlogged_at = unlogged[:2]
        match.is_mentor = match.mentor_id in own
        mine = own[match.mentor_id if match.is_mentor else match.mentee_id]
        match.other = others[match.mentee_id if match.is_mentor else match.mentor_id]
        match.mentor, match.mentee = (mine, match.other) if match.is_mentor else (match.other, mine)
        match.cohort = mine.cohort
        program = match.cohort.program
        try:
            match.the_agreement = match.agreement
        except Match.agreement.RelatedObjectDoesNotExist:
            match.the_agreement = None
        meetings, hours = meeting_targets(program)
        match.hours_done = round((match.held_minutes or 0) / 60, 1)
        match.meetings_target, match.hours_target = meetings, hours
        match.meetings_percent = _percent(match.held_count, meetings)
        match.hours_percent = _percent(match.hours_done, hours)
        match.can_book = may_book(user, match)
        match.needs_signatures = signatures_lacking(program, match.the_agreement)
        match.suggested_next = next_meeting_suggestion(match.last_held_at, cadence_days(match))
        # The same signs the coordinator sees (events.pace), for the pair to act on.
        match.risks = [risk.text for risk in risks(match, now)]
    return matches


def meetups_for(participations: list[Participant]) -> list[Rsvp]:
    """The person's invitations (to `participations`, the person's own, as loaded by
    `participations_for`) to meetups not yet over, soonest first, with the meetup, its
    cohort and its schedule (programs attached by the caller): two queries."""
    own = {participant.pk: participant for participant in participations}
    rsvps = list(
        Rsvp.objects.filter(participant_id__in=own, meetup__ends_at__gte=timezone.now())
        .select_related("meetup__cohort")
        .prefetch_related("meetup__items")
        .order_by("meetup__starts_at")
    )
    for rsvp in rsvps:
        rsvp.participant = own[rsvp.participant_id]
    return rsvps


def open_check_ins(participations: list[Participant]) -> list[CheckIn]:
    """The person's check-ins not yet answered, with their questions: two queries."""
    return list(
        CheckIn.objects.filter(
            participant_id__in=[participant.pk for participant in participations],
            answered_at__isnull=True,
        )
        .select_related("schedule__questionnaire")
        .prefetch_related("schedule__questionnaire__items")
        .order_by("due_on")
    )
