"""Chart geometry for the coordinator's pages: bars and lines worked out here, drawn by
templates/events/partials/chart_*.svg on the server (SVG, no script)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import (
    Meetup,
)
from matching.enums import MatchState
from programs.enums import Role

if TYPE_CHECKING:
    from events.selectors.health import PairHealth

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


def figure_shown(value: float, unit: str, signed: bool = False) -> str:
    """A mean with one decimal in the page's language, or a share as a whole per cent."""
    if signed and unit == "%":  # a change of shares is in percentage points
        text = _("%(change)s points") % {"change": f"{value:.0f}"}
    else:
        text = f"{value:.0f} %" if unit == "%" else number_format(value, 1)
    return f"+{text}" if signed and value > 0 else text


def before_after_chart(rows: list[dict[str, Any]], maximum: float) -> dict:
    """A goal's figures as pairs of bars, before then after, on a fixed scale (5 for a
    scale's mean, 100 for a share), so two cohorts' charts compare by eye."""

    bars = []
    for row in rows:
        prefix = f"{row['label']}: " if row["label"] else ""
        bars.append(
            (
                prefix + _("before"),
                row["before"],
                figure_shown(row["before"], row["unit"]),
                "before",
            )
        )
        bars.append(
            (prefix + _("after"), row["after"], figure_shown(row["after"], row["unit"]), "after")
        )
    return bar_chart(bars, maximum=maximum)


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


GOAL_WIDTH = 240
GOAL_HEIGHT = 40
GOAL_LEVELS = {"not_started": 0, "in_progress": 1, "reached": 2, "dropped": 0}


def goal_chart(goal, notes: list, now) -> dict:
    """A goal's status over time as a step line, from when it was set until now: flat at
    the bottom while not started, halfway while in progress, at the top once reached."""
    start = goal.created_at
    span = max((now - start).total_seconds(), 1.0)

    def x(moment) -> float:
        return round(GOAL_WIDTH * min(1.0, max(0.0, (moment - start).total_seconds() / span)), 1)

    def y(status: str) -> float:
        return round(GOAL_HEIGHT - 4 - (GOAL_HEIGHT - 8) * GOAL_LEVELS.get(status, 0) / 2, 1)

    points = [(0.0, y("not_started"))]
    steps = []
    for note in notes:
        points += [(x(note.created_at), points[-1][1]), (x(note.created_at), y(note.status))]
        steps.append(
            f"{date_format(timezone.localtime(note.created_at), 'j M')}: "
            f"{note.get_status_display()}"
        )
    points.append((float(GOAL_WIDTH), points[-1][1]))
    title = _("Progress of “%(goal)s”") % {"goal": goal.title}
    return {
        "title": f"{title}: {'; '.join(steps) if steps else _('no progress noted yet')}",
        "width": GOAL_WIDTH,
        "height": GOAL_HEIGHT,
        "points": " ".join(f"{px},{py}" for px, py in points),
        "steps": steps,
        "reached": goal.status == "reached",
    }
