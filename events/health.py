"""The cohort health report: how each pair is doing, which pairs are at risk and why, and
the cohort's figures as charts drawn on the server (SVG, no script).

Every figure comes from a fixed number of aggregate queries (four), whatever the size of
the cohort: one for the pairs with their meetings, agreement and warning signs, one for
the check-in scores by month, one for the check-in response rate, one for the meetups.
"""

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
from django.utils.formats import date_format
from django.utils.translation import ngettext

from events.enums import Attendance, ItemKind, RsvpAnswer
from events.models import CheckIn, CheckInAnswer, Meetup
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
from programs.enums import Role
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


# Charts: geometry is worked out here; templates/events/partials/chart_*.svg draw it.

BAR_WIDTH = 320
LABEL_WIDTH = 190
ROW = 26


def bar_chart(rows: list[tuple[str, float, str, str]], maximum: float | None = None) -> dict:
    """Horizontal bars: (label, value, shown value, style class) each."""
    top = maximum or max((value for _label, value, _shown, _kind in rows), default=0) or 1
    bars = []
    for index, (label, value, shown, kind) in enumerate(rows):
        y = index * ROW
        bars.append(
            {
                "label": label,
                "shown": shown,
                "kind": kind,
                "y": y + 4,
                "text_y": y + ROW / 2 + 5,
                "width": round(BAR_WIDTH * float(value) / float(top), 1),
                "value_x": LABEL_WIDTH + 8 + round(BAR_WIDTH * float(value) / float(top), 1) + 6,
            }
        )
    return {
        "bars": bars,
        "height": max(ROW * len(rows), ROW),
        "width": LABEL_WIDTH + BAR_WIDTH + 70,
        "label_x": LABEL_WIDTH,
        "bar_x": LABEL_WIDTH + 8,
        "bar_height": ROW - 8,
    }


def state_chart(by_state: dict[str, int]) -> dict:
    return bar_chart([(MatchState(state).label, n, str(n), state) for state, n in by_state.items()])


def meetings_chart(running: list[PairHealth], target: int | None) -> dict:
    """How many pairs have held 0, 1, 2 ... meetings; the rows at the target stand out."""
    top = max([target or 0, *(p.held for p in running)], default=0)
    counts = [0] * (top + 1)
    for pair in running:
        counts[pair.held] += 1
    rows = []
    for meetings, n in enumerate(counts):
        label = ngettext("%(n)s meeting", "%(n)s meetings", meetings) % {"n": meetings}
        kind = "reached" if target and meetings >= target else "below"
        rows.append((label, n, str(n), kind))
    return bar_chart(rows)


def attendance_chart(meetups: list[Meetup]) -> dict:
    rows = []
    for meetup in meetups:
        marked = meetup.present + meetup.absent
        if marked:
            rate = round(100 * meetup.present / marked)
            rows.append(
                (
                    f"{date_format(timezone.localtime(meetup.starts_at), 'j M')} {meetup.title}",
                    rate,
                    f"{rate} %",
                    "mandatory" if meetup.mandatory else "optional",
                )
            )
    return bar_chart(rows, maximum=100)


PLOT_WIDTH = 520
PLOT_HEIGHT = 200
PLOT_LEFT = 40
PLOT_TOP = 12


def score_chart(months: list[dict[str, Any]]) -> dict:
    """Average check-in score (1 to 5) per month, a line for mentors and one for mentees."""
    labels = sorted({row["month"] for row in months})
    step = PLOT_WIDTH / max(len(labels) - 1, 1)

    def y(score: float) -> float:
        return round(PLOT_TOP + PLOT_HEIGHT * (5 - score) / 4, 1)

    series = []
    for role in (Role.MENTEE, Role.MENTOR):
        points = [
            {
                "x": round(PLOT_LEFT + step * labels.index(row["month"]), 1),
                "y": y(row["average"]),
                "average": round(row["average"], 1),
                "month": row["month"],
                "answers": row["answers"],
            }
            for row in months
            if row["role"] == role
        ]
        if points:
            series.append(
                {
                    "role": role,
                    "label": Role(role).label,
                    "points": points,
                    "path": " ".join(f"{p['x']},{p['y']}" for p in points),
                }
            )
    return {
        "series": series,
        "months": [
            {"x": round(PLOT_LEFT + step * i, 1), "label": date_format(month, "M Y")}
            for i, month in enumerate(labels)
        ],
        "grid": [{"score": s, "y": y(s)} for s in (1, 2, 3, 4, 5)],
        "width": PLOT_LEFT + PLOT_WIDTH + 30,
        "height": PLOT_TOP + PLOT_HEIGHT + 34,
        "left": PLOT_LEFT,
        "right": PLOT_LEFT + PLOT_WIDTH,
        "axis_y": PLOT_TOP + PLOT_HEIGHT + 22,
    }
