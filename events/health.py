"""The cohort health report: how each pair is doing, which pairs are at risk and why, and
the cohort's figures as charts drawn on the server (SVG, no script).

Every figure comes from a fixed number of aggregate queries (four), whatever the size of
the cohort: one for the pairs with their meetings, agreement and warning signs, one for
the check-in scores by month, one for the check-in response rate, one for the meetups.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.enums import Attendance, ItemKind, RsvpAnswer, SessionState
from events.models import CheckIn, CheckInAnswer, Meetup, Rsvp, Session
from events.selectors import meeting_targets
from matching.enums import AgreementState, MatchState
from matching.models import Match
from programs.enums import CADENCE_DAYS, Role
from programs.models import Cohort

# Signs looked back on: a low check-in answer or a missed meetup this recent counts.
RECENT_DAYS = 60
# A check-in unanswered this many days after it was due counts.
OVERDUE_DAYS = 7
# A proposal unanswered this long counts.
PROPOSAL_DAYS = 7
# Meetings behind the pace the program expects by now before a pair counts as behind.
BEHIND_BY = 2


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


def _members(prefix: str = "") -> Q:
    """The pair's two participants, for a subquery on a model with a `participant`."""
    return Q(**{f"{prefix}participant": OuterRef("mentor_id")}) | Q(
        **{f"{prefix}participant": OuterRef("mentee_id")}
    )


def _pairs(cohort: Cohort, now: datetime) -> list[Match]:
    """The cohort's pairs (all but declined proposals) with their meetings and warning
    signs: one query."""
    recent = now - timedelta(days=RECENT_DAYS)
    held = Q(sessions__state=SessionState.HELD)
    return list(
        Match.objects.filter(cohort=cohort)
        .exclude(state=MatchState.DECLINED)
        .select_related("mentor__user", "mentee__user", "agreement")
        .annotate(
            held_count=Count("sessions", filter=held),
            held_minutes=Sum("sessions__actual_minutes", filter=held),
            last_held_at=Max("sessions__starts_at", filter=held),
            planned_ahead=Exists(
                Session.objects.filter(
                    match=OuterRef("pk"), state=SessionState.PLANNED, starts_at__gte=now
                )
            ),
            low_check_in=Exists(
                CheckIn.objects.filter(_members(), low=True, answered_at__gte=recent)
            ),
            overdue_check_in=Exists(
                CheckIn.objects.filter(
                    _members(),
                    answered_at__isnull=True,
                    due_on__lt=(now - timedelta(days=OVERDUE_DAYS)).date(),
                )
            ),
            missed_meetup=Exists(
                Rsvp.objects.filter(
                    _members(),
                    meetup__mandatory=True,
                    meetup__starts_at__gte=recent,
                    attendance=Attendance.ABSENT,
                )
            ),
        )
        .order_by("mentee__user__last_name", "mentee__user__first_name", "pk")
    )


def _expected_by_now(cohort: Cohort, target: int | None, today: date) -> int | None:
    """Meetings a pair should have held by today at an even pace through the cohort."""
    if not target or not cohort.ends_on or cohort.ends_on <= cohort.starts_on:
        return None
    share = (today - cohort.starts_on).days / (cohort.ends_on - cohort.starts_on).days
    return math.floor(target * min(1.0, max(0.0, share)))


def _expected_for_pair(match: Match, program, now: datetime) -> int | None:
    """In a rolling program, whose cohort has no end, each pair keeps its own pace: the
    program's meetings spread over its duration from the day the pair started."""
    target = meeting_targets(program)[0]
    if not target or not program.duration_months or not match.started_at:
        return None
    share = (now - match.started_at).days / (program.duration_months * 365.25 / 12)
    return math.floor(target * min(1.0, max(0.0, share)))


def _agreement_state(match: Match) -> str:
    try:
        return match.agreement.state
    except Match.agreement.RelatedObjectDoesNotExist:
        return "none"


def _risks(match: Match, pair: PairHealth, cadence_days: int, now: datetime) -> list[str]:
    """Why a pair needs the coordinator's attention, in words; empty when it does not."""
    risks = []
    if match.state == MatchState.PROPOSED:
        waiting = (now - match.created_at).days
        if waiting > PROPOSAL_DAYS:
            risks.append(
                ngettext(
                    "Proposed %(days)s day ago and not answered",
                    "Proposed %(days)s days ago and not answered",
                    waiting,
                )
                % {"days": waiting}
            )
        return risks
    if match.state != MatchState.ACTIVE:
        return risks
    if pair.days_since is not None and pair.days_since > cadence_days and not match.planned_ahead:
        risks.append(
            ngettext(
                "No meeting for %(days)s day and none planned",
                "No meeting for %(days)s days and none planned",
                pair.days_since,
            )
            % {"days": pair.days_since}
        )
    if pair.expected is not None and pair.held <= pair.expected - BEHIND_BY:
        risks.append(
            _("%(held)s of the %(expected)s meetings expected by now")
            % {"held": pair.held, "expected": pair.expected}
        )
    started = match.started_at or match.created_at
    unsigned_for = (now - started).days
    if pair.agreement != AgreementState.SIGNED and unsigned_for > settings.AGREEMENT_REMINDER_DAYS:
        risks.append(_("Agreement not signed by both after %(days)s days") % {"days": unsigned_for})
    if match.low_check_in:
        risks.append(_("A low answer in a recent check-in"))
    if match.overdue_check_in:
        risks.append(_("A check-in unanswered for more than a week"))
    if match.missed_meetup:
        risks.append(_("Missed a mandatory meetup"))
    return risks


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
    expected = _expected_by_now(cohort, meetings_target, today)

    pairs: list[PairHealth] = []
    for match in _pairs(cohort, now):
        last = match.last_held_at or match.started_at
        agreement = _agreement_state(match)
        cadence = match.agreement.cadence if agreement != "none" else program.cadence
        pair = PairHealth(
            match=match,
            held=match.held_count,
            hours=round((match.held_minutes or 0) / 60, 1),
            # Never negative: a start in the future (planned today) counts as today.
            days_since=max((now - last).days, 0) if last else None,
            agreement=agreement,
            expected=(
                (expected if expected is not None else _expected_for_pair(match, program, now))
                if match.state == MatchState.ACTIVE
                else None
            ),
        )
        pair.risks = _risks(match, pair, CADENCE_DAYS[cadence], now)
        pairs.append(pair)
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
