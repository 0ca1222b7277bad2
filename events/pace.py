"""A pair's pace and risk: the one definition.

The cohort health page, the coordinators' weekly digest, the pair's reminders and the
dashboard all read a pair through here, so they never disagree about whether a pair is
quiet, behind or at risk, nor why:

- cadence: the pair's agreement's, else the program's;
- effort: meetings held and their hours;
- target: the program's meetings (and hours) per pair;
- expected by now: the target at an even pace through the cohort, or, in a rolling
  program whose cohort has no end, through the program's duration from the pair's start;
- risks: no first meeting 14 days after the match, quiet longer than the cadence allows
  with nothing planned, behind the expected pace, the agreement unsigned, a low
  check-in answer, a check-in overdue, a missed mandatory meetup (or, for a proposal,
  unanswered for a week).

`with_signs` adds what the rules read to any queryset of matches, in the same single
query, so a page's query count does not grow with its pairs.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.enums import Attendance, SessionState
from events.models import CheckIn, Rsvp, Session
from matching.enums import AgreementState, MatchState
from matching.models import Match
from matching.selectors import live_match_exists
from programs.enums import CADENCE_DAYS

# Signs looked back on: a low check-in answer or a missed meetup this recent counts.
RECENT_DAYS = 60
# A check-in unanswered this many days after it was due counts.
OVERDUE_DAYS = 7
# A proposal unanswered this long counts.
PROPOSAL_DAYS = 7
# A pair that has not met this many days after the match started counts.
FIRST_MEETING_DAYS = 14
# Meetings behind the pace expected by now before a pair counts as behind.
BEHIND_BY = 2


@dataclass(frozen=True)
class Risk:
    """One reason a pair needs the coordinator's attention; `text` says it in words."""

    code: str
    days: int = 0
    held: int = 0
    expected: int = 0

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)

    @property
    def text(self) -> str:
        return risk_text(self.as_dict())


def risk_text(risk: dict) -> str:
    """A risk in the active language (a dict, as stored in a queued email's context)."""
    code, days = risk["code"], risk.get("days", 0)
    if code == "proposal_unanswered":
        return ngettext(
            "Proposed %(days)s day ago and not answered",
            "Proposed %(days)s days ago and not answered",
            days,
        ) % {"days": days}
    if code == "no_first_meeting":
        return ngettext(
            "No first meeting %(days)s day after the match",
            "No first meeting %(days)s days after the match",
            days,
        ) % {"days": days}
    if code == "quiet":
        return ngettext(
            "No meeting for %(days)s day and none planned",
            "No meeting for %(days)s days and none planned",
            days,
        ) % {"days": days}
    if code == "behind_pace":
        return _("%(held)s of the %(expected)s meetings expected by now") % {
            "held": risk.get("held", 0),
            "expected": risk.get("expected", 0),
        }
    if code == "unsigned":
        return _("Agreement not signed by both after %(days)s days") % {"days": days}
    if code == "low_check_in":
        return _("A low answer in a recent check-in")
    if code == "overdue_check_in":
        return _("A check-in unanswered for more than a week")
    if code == "missed_meetup":
        return _("Missed a mandatory meetup")
    return code


def _members() -> Q:
    """The pair's two participants, for a subquery on a model with a `participant`."""
    return Q(participant=OuterRef("mentor_id")) | Q(participant=OuterRef("mentee_id"))


def _held(aggregate) -> Subquery:
    """One figure over the match's held meetings, as a subquery of the match's row."""
    return Subquery(
        Session.objects.filter(match=OuterRef("pk"), state=SessionState.HELD)
        .order_by()
        .values("match")
        .annotate(figure=aggregate)
        .values("figure")[:1]
    )


def held_effort() -> dict[str, Subquery]:
    """The match's meetings held and their minutes, as annotations (the health page, the
    dashboard, the match list and its export all count effort this way)."""
    return {
        "held_count": Coalesce(_held(Count("pk")), 0),
        "held_minutes": _held(Sum("actual_minutes")),
    }


def with_signs(matches: QuerySet[Match], now: datetime) -> QuerySet[Match]:
    """The matches with their effort and warning signs, in the same query."""
    recent = now - timedelta(days=RECENT_DAYS)
    return matches.select_related("cohort__program", "agreement").annotate(
        # Correlated subqueries rather than a join with GROUP BY: grouping by every column
        # of the pair, its people and its program cost more to plan than to run.
        **held_effort(),
        last_held_at=_held(Max("starts_at")),
        planned_ahead=Exists(
            Session.objects.filter(
                match=OuterRef("pk"), state=SessionState.PLANNED, starts_at__gte=now
            )
        ),
        low_check_in=Exists(CheckIn.objects.filter(_members(), low=True, answered_at__gte=recent)),
        overdue_check_in=Exists(CheckIn.objects.filter(_members(), check_in_overdue(now))),
        missed_meetup=Exists(
            Rsvp.objects.filter(
                _members(),
                meetup__mandatory=True,
                meetup__starts_at__gte=recent,
                attendance=Attendance.ABSENT,
            )
        ),
    )


def check_in_overdue(now: datetime) -> Q:
    """A check-in unanswered more than OVERDUE_DAYS after it was due (a pair's risk, and
    what the coordinator's home counts as overdue)."""
    return Q(answered_at__isnull=True, due_on__lt=(now - timedelta(days=OVERDUE_DAYS)).date())


def agreement_of(match: Match):
    try:
        return match.agreement
    except Match.agreement.RelatedObjectDoesNotExist:
        return None


def cadence_days(match: Match) -> int:
    """How many days the pair may go between meetings: their agreement's cadence, else
    the program's."""
    agreement = agreement_of(match)
    cadence = agreement.cadence if agreement else match.cohort.program.cadence
    return CADENCE_DAYS[cadence]


def meeting_targets(program) -> tuple[int | None, Decimal | None]:
    """The program's meetings and hours per pair (hours from meetings times length when the
    program gives no total)."""
    meetings = program.min_meetings
    hours = program.total_hours_target
    if hours is None and meetings and program.hours_per_meeting:
        hours = meetings * program.hours_per_meeting
    return meetings, hours


def expected_in_cohort(cohort, now: datetime) -> int | None:
    """Meetings every pair of a cohort with an end should have held by now at an even
    pace through it; None for a cohort without an end, or a program without a target."""
    target = meeting_targets(cohort.program)[0]
    if not target or not cohort.ends_on or cohort.ends_on <= cohort.starts_on:
        return None
    today = timezone.localdate(now)
    share = (today - cohort.starts_on).days / (cohort.ends_on - cohort.starts_on).days
    return math.floor(target * min(1.0, max(0.0, share)))


def expected_by_now(match: Match, now: datetime) -> int | None:
    """Meetings the pair should have held by now at an even pace; None without a target."""
    cohort, program = match.cohort, match.cohort.program
    target = meeting_targets(program)[0]
    if not target:
        return None
    if cohort.ends_on and cohort.ends_on > cohort.starts_on:
        return expected_in_cohort(cohort, now)
    if program.duration_months and match.started_at:
        # A rolling program: each pair keeps its own pace from the day it started.
        share = (now - match.started_at).days / (program.duration_months * 365.25 / 12)
        return math.floor(target * min(1.0, max(0.0, share)))
    return None


def days_since_meeting(match: Match, now: datetime) -> int | None:
    """Days since the last meeting held (or the start); never negative."""
    last = match.last_held_at or match.started_at
    return max((now - last).days, 0) if last else None


def is_quiet(match: Match, now: datetime) -> bool:
    """An active pair that has gone longer than its cadence since its last meeting (or
    its start) with nothing planned: the pair's own reminder to meet."""
    quiet_for = days_since_meeting(match, now)
    return (
        match.state == MatchState.ACTIVE
        and quiet_for is not None
        and quiet_for > cadence_days(match)
        and not match.planned_ahead
    )


def risks(match: Match, now: datetime) -> list[Risk]:
    """Why a pair (from `with_signs`) needs the coordinator's attention; empty when it
    does not."""
    found: list[Risk] = []
    if match.state == MatchState.PROPOSED:
        waiting = (now - match.created_at).days
        if waiting > PROPOSAL_DAYS:
            found.append(Risk("proposal_unanswered", days=waiting))
        return found
    if match.state != MatchState.ACTIVE:
        return found
    since_start = max((now - (match.started_at or match.created_at)).days, 0)
    if match.held_count == 0:
        if since_start > FIRST_MEETING_DAYS:
            found.append(Risk("no_first_meeting", days=since_start))
    elif is_quiet(match, now):
        found.append(Risk("quiet", days=days_since_meeting(match, now) or 0))
    expected = expected_by_now(match, now)
    if expected is not None and match.held_count <= expected - BEHIND_BY:
        found.append(Risk("behind_pace", held=match.held_count, expected=expected))
    agreement = agreement_of(match)
    signed = agreement is not None and agreement.state == AgreementState.SIGNED
    if not signed and since_start > settings.AGREEMENT_REMINDER_DAYS:
        found.append(Risk("unsigned", days=since_start))
    if match.low_check_in:
        found.append(Risk("low_check_in"))
    if match.overdue_check_in:
        found.append(Risk("overdue_check_in"))
    if match.missed_meetup:
        found.append(Risk("missed_meetup"))
    return found


def unpaired_with_signs(participants: QuerySet, now: datetime) -> QuerySet:
    """Participants without a live match who show a sign themselves (a low check-in
    answer, a missed mandatory meetup): the digest names them too, as nobody's pair
    would bring them up."""
    recent = now - timedelta(days=RECENT_DAYS)
    return (
        participants.annotate(
            paired=live_match_exists(),
            low_check_in=Exists(
                CheckIn.objects.filter(
                    participant=OuterRef("pk"), low=True, answered_at__gte=recent
                )
            ),
            missed_meetup=Exists(
                Rsvp.objects.filter(
                    participant=OuterRef("pk"),
                    meetup__mandatory=True,
                    meetup__starts_at__gte=recent,
                    attendance=Attendance.ABSENT,
                )
            ),
        )
        .filter(paired=False)
        .filter(Q(low_check_in=True) | Q(missed_meetup=True))
    )


def person_risks(participant) -> list[Risk]:
    """The signs of a participant from `unpaired_with_signs`, as the pairs' risks."""
    found = []
    if participant.low_check_in:
        found.append(Risk("low_check_in"))
    if participant.missed_meetup:
        found.append(Risk("missed_meetup"))
    return found


def next_meeting_suggestion(last: datetime | None, cadence_days: int) -> datetime:
    """When to meet next: the cadence after the last meeting, at least tomorrow, at 10."""
    base = (last or timezone.now()) + timedelta(days=cadence_days)
    base = max(base, timezone.now() + timedelta(days=1))
    local = timezone.localtime(base)
    return local.replace(hour=10, minute=0, second=0, microsecond=0)
