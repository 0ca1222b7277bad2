"""The cohort health report: how each pair is doing, which pairs are at risk and why, and
the cohort's figures as charts drawn on the server (SVG, no script).

Every figure comes from a fixed number of aggregate queries (four), whatever the size of
the cohort: one for the pairs with their meetings, agreement and warning signs, one for
the check-in scores by month, one for the check-in response rate, one for the meetups."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Q,
)
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from events.charts import attendance_chart, meetings_chart, score_chart, state_chart
from events.enums import (
    Attendance,
    ContactKind,
    ItemKind,
    RsvpAnswer,
)
from events.models import (
    CheckIn,
    CheckInAnswer,
    ContactLog,
    Meetup,
)
from events.pace import (
    agreement_of,
    days_since_meeting,
    expected_by_now,
    expected_in_cohort,
    meeting_targets,
    risks,
    with_signs,
)
from matching.enums import AgreementState, MatchState
from matching.models import Match
from programs.models import Cohort


@dataclass
class PairHealth:
    match: Match
    held: int
    hours: float
    days_since: int | None
    agreement: str
    expected: int | None
    risks: list[str] = field(default_factory=list)

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)


def _pairs(cohort: Cohort, now: datetime) -> list[Match]:
    """The cohort's pairs (all but declined proposals) with their meetings and warning
    signs (events.pace): one query."""
    return list(
        with_signs(Match.objects.filter(cohort=cohort), now)
        .exclude(state=MatchState.DECLINED)
        .select_related("mentor__user", "mentee__user")
        .order_by("mentee__user__last_name", "mentee__user__first_name", "pk")
    )


def _agreement_state(match: Match) -> str:
    agreement = agreement_of(match)
    return agreement.state if agreement else "none"


def _score_months(cohort: Cohort) -> list[dict[str, Any]]:
    """Average scale answer (1 to 5) of the cohort's check-ins per month and role."""
    return list(
        CheckInAnswer.objects.filter(
            check_in__participant__cohort=cohort,
            check_in__answered_at__isnull=False,
            item__kind=ItemKind.SCALE,
            value__isnull=False,
        )
        .annotate(month=TruncMonth("check_in__answered_at"), role=F("check_in__participant__role"))
        .values("month", "role")
        .annotate(average=Avg(Cast("value", FloatField())), answers=Count("pk"))
        .order_by("month", "role")
    )


def _meetups(cohort: Cohort) -> list[Meetup]:
    return list(
        Meetup.objects.filter(cohort=cohort)
        .annotate(
            invited=Count("rsvps"),
            coming=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.YES)),
            present=Count("rsvps", filter=Q(rsvps__attendance=Attendance.PRESENT)),
            absent=Count("rsvps", filter=Q(rsvps__attendance=Attendance.ABSENT)),
        )
        .order_by("starts_at")
    )


REPORTS_SHOWN = 10


def cohort_health(cohort: Cohort, now: datetime | None = None) -> dict[str, Any]:
    """Everything the cohort health page shows, at-risk pairs first: four queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    program = cohort.program
    meetings_target, hours_target = meeting_targets(program)
    expected = expected_in_cohort(cohort, now)

    pairs: list[PairHealth] = []
    for match in _pairs(cohort, now):
        pairs.append(
            PairHealth(
                match=match,
                held=match.held_count,
                hours=round((match.held_minutes or 0) / 60, 1),
                days_since=days_since_meeting(match, now),
                agreement=_agreement_state(match),
                expected=expected_by_now(match, now) if match.state == MatchState.ACTIVE else None,
                risks=[risk.text for risk in risks(match, now)],
            )
        )
    pairs.sort(key=lambda p: (not p.at_risk, -len(p.risks), -(p.days_since or 0)))

    by_state = {state: 0 for state in (MatchState.PROPOSED, MatchState.ACTIVE)}
    by_state |= {MatchState.COMPLETED: 0, MatchState.ENDED: 0}
    agreements = {"none": 0, **{state: 0 for state in AgreementState.values}}
    for pair in pairs:
        by_state[pair.match.state] += 1
        if pair.match.state in (MatchState.ACTIVE, MatchState.COMPLETED):
            agreements[pair.agreement] += 1
    running = [p for p in pairs if p.match.state in (MatchState.ACTIVE, MatchState.COMPLETED)]
    total_held = sum(p.held for p in running)
    total_hours = sum(p.hours for p in running)

    check_ins = CheckIn.objects.filter(participant__cohort=cohort, due_on__lte=today).aggregate(
        sent=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    meetups = _meetups(cohort)
    marked = sum(m.present + m.absent for m in meetups)
    present = sum(m.present for m in meetups)
    months = _score_months(cohort)

    return {
        "pairs": pairs,
        "reports": list(
            ContactLog.objects.filter(cohort=cohort, kind=ContactKind.REPORT)
            .select_related("participant__user")
            .order_by("-created_at")[:REPORTS_SHOWN]
        ),
        "at_risk": sum(1 for p in pairs if p.at_risk),
        "by_state": by_state,
        "agreements": agreements,
        "meetings_target": meetings_target,
        "hours_target": hours_target,
        "expected": expected,
        "total_held": total_held,
        "total_hours": round(total_hours, 1),
        "average_held": round(total_held / len(running), 1) if running else None,
        "on_target": sum(
            1
            for p in running
            if meetings_target
            and p.held >= (p.expected if p.expected is not None else meetings_target)
        ),
        "running": len(running),
        "check_ins": check_ins,
        "check_in_rate": _rate(check_ins["answered"], check_ins["sent"]),
        "meetups": meetups,
        "attendance_rate": _rate(present, marked),
        "charts": {
            "states": state_chart(by_state),
            "meetings": meetings_chart(running, meetings_target),
            "scores": score_chart(months),
            "attendance": attendance_chart(meetups),
        },
    }


def _rate(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None
