"""The match page: everything the pair works with, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from events.charts import goal_chart
from events.enums import SessionState
from events.models import CheckIn, Rsvp, Session
from events.selectors.dashboard import dashboard_matches
from matching.models import GoalNote, Match, Message
from matching.selectors import first_meeting_coordinator, programs_attach, thread_for
from mentorship.models import User
from programs.selectors import participations_for


@dataclass
class PairPage:
    match: Match
    planned: list[Session]
    history: list[Session]
    goals: list[dict[str, Any]]
    meetups: list[Rsvp]
    check_ins: list[CheckIn]
    thread: list[Message]
    checklist: list[tuple[str, bool]] = field(default_factory=list)
    facilitator: User | None = None


def _checklist(match: Match, sessions: list[Session]) -> list[tuple[str, bool]]:
    """What a new pair does first, and whether it is done."""
    agreement = match.the_agreement
    states = {session.state for session in sessions}
    return [
        (_("Write the agreement together"), agreement is not None),
        (
            _("Both sign the agreement"),
            bool(agreement and agreement.mentor_signed_at and agreement.mentee_signed_at),
        ),
        (_("Plan the first meeting"), bool(states & {SessionState.PLANNED, SessionState.HELD})),
        (_("Hold and log the first meeting"), SessionState.HELD in states),
        (_("Set your goals"), bool(match.goals.all())),
    ]


def pair_page(user: User, match_id: int) -> PairPage | None:
    """The match page's content when `user` is the mentor or mentee of the match (None
    otherwise): the dashboard's figures for the pair, every meeting, the goals with their
    progress over time, the person's meetups and check-ins in the program, the thread."""
    participations = participations_for(user)
    programs_attach([p.cohort for p in participations])
    matches = dashboard_matches(user, participations, match_id=match_id)
    if not matches:
        return None
    match = matches[0]
    own = match.mentor if match.is_mentor else match.mentee
    sessions = list(Session.objects.filter(match=match).order_by("starts_at"))
    now = timezone.now()
    notes: dict[int, list[GoalNote]] = {}
    for note in GoalNote.objects.filter(goal__match=match).order_by("created_at", "pk"):
        notes.setdefault(note.goal_id, []).append(note)
    goals = [
        {
            "goal": goal,
            "notes": notes.get(goal.pk, []),
            "chart": goal_chart(goal, notes.get(goal.pk, []), now),
        }
        for goal in match.goals.all()
    ]
    meetups = list(
        Rsvp.objects.filter(participant=own, meetup__ends_at__gte=now)
        .select_related("meetup")
        .order_by("meetup__starts_at")
    )
    for rsvp in meetups:
        rsvp.meetup.cohort = match.cohort
    check_ins = list(
        CheckIn.objects.filter(participant=own, answered_at__isnull=True)
        .select_related("schedule__questionnaire")
        .order_by("due_on")
    )
    return PairPage(
        match=match,
        planned=[s for s in sessions if s.state == SessionState.PLANNED],
        history=[s for s in reversed(sessions) if s.state != SessionState.PLANNED],
        goals=goals,
        meetups=meetups,
        check_ins=check_ins,
        thread=thread_for(match),
        checklist=_checklist(match, sessions),
        facilitator=(
            match.the_agreement.facilitator
            if match.the_agreement
            else first_meeting_coordinator(match)
        ),
    )
