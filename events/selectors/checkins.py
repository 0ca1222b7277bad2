"""Reads of check-ins: the before/after self-assessment of a cohort and its goals."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import Any

from events.charts import before_after_chart, figure_shown
from events.enums import (
    ItemKind,
    QuestionnaireKind,
    ScheduleTrigger,
)
from events.models import (
    CheckInAnswer,
    ProgramGoal,
    QuestionnaireItem,
)
from programs.models import Cohort, Participant


def self_assessment_change(cohort: Cohort) -> dict[str, Any]:
    """For the cohort's self-assessments: each person's average on the scale items at
    the start and at the end, the change, and the cohort's averages. Two queries."""
    answers = CheckInAnswer.objects.filter(
        check_in__participant__cohort=cohort,
        check_in__schedule__questionnaire__kind=QuestionnaireKind.SELF_ASSESSMENT,
        check_in__schedule__trigger__in=(ScheduleTrigger.AT_START, ScheduleTrigger.AT_END),
        item__kind=ItemKind.SCALE,
        value__isnull=False,
    ).values_list("check_in__participant_id", "check_in__schedule__trigger", "value")
    scores: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for participant_id, trigger, value in answers:
        scores[participant_id][trigger].append(int(value))
    names = dict(
        Participant.objects.filter(pk__in=list(scores)).values_list("pk", "user__first_name")
    )
    people = []
    for participant_id, by_phase in scores.items():
        start = (
            mean(by_phase[ScheduleTrigger.AT_START]) if by_phase[ScheduleTrigger.AT_START] else None
        )
        end = mean(by_phase[ScheduleTrigger.AT_END]) if by_phase[ScheduleTrigger.AT_END] else None
        people.append(
            {
                "name": names.get(participant_id, ""),
                "start": start,
                "end": end,
                "change": end - start if start is not None and end is not None else None,
            }
        )
    both = [p for p in people if p["change"] is not None]
    return {
        "people": sorted(people, key=lambda p: p["name"]),
        "start": mean(p["start"] for p in both) if both else None,
        "end": mean(p["end"] for p in both) if both else None,
        "change": mean(p["change"] for p in both) if both else None,
        "answered_both": len(both),
    }


def _option_index(item: QuestionnaireItem, value: Any) -> int | None:
    """A choice answer is stored as the option's label in the respondent's language."""
    for language in ("sv", "en"):
        options = [
            o.strip() for o in getattr(item, f"options_{language}").splitlines() if o.strip()
        ]
        if value in options:
            return options.index(value)
    return None


def _share(values: list[Any], hit) -> float:
    return 100 * sum(1 for v in values if hit(v)) / len(values)


def goal_outcomes(cohort: Cohort) -> list[dict[str, Any]]:
    """Each of the program's goals as before and after for the cohort: per person the
    first and the last answer to the goal's question (the start and end self-assessments,
    or the first and latest round of a repeating check-in), counted over the people who
    answered both. A scale gives its means, yes/no the share of yes, a choice the share of
    each option. Two queries, however many goals and answers."""
    goals = list(
        ProgramGoal.objects.filter(program_id=cohort.program_id).select_related(
            "item__questionnaire"
        )
    )
    items = [goal.item for goal in goals if goal.item is not None]
    answers = (
        CheckInAnswer.objects.filter(
            item__in=items,
            check_in__participant__cohort=cohort,
            check_in__answered_at__isnull=False,
            value__isnull=False,
        )
        .order_by("check_in__due_on", "check_in__occurrence", "check_in__pk")
        .values_list("item_id", "check_in__participant_id", "check_in_id", "value")
    )
    series: dict[int, dict[int, list[tuple[int, Any]]]] = defaultdict(lambda: defaultdict(list))
    for item_id, participant_id, check_in_id, value in answers:
        series[item_id][participant_id].append((check_in_id, value))
    outcomes = []
    for goal in goals:
        item = goal.item
        pairs = [
            (answered[0][1], answered[-1][1])
            for answered in (series[item.pk].values() if item else [])
            if len(answered) > 1
        ]
        before, after = [b for b, _a in pairs], [a for _b, a in pairs]
        rows: list[dict[str, Any]] = []
        if pairs and item.kind == ItemKind.SCALE:
            rows = [{"label": "", "before": mean(before), "after": mean(after), "unit": ""}]
        elif pairs and item.kind == ItemKind.YES_NO:
            rows = [
                {
                    "label": "",
                    "before": _share(before, lambda v: v is True),
                    "after": _share(after, lambda v: v is True),
                    "unit": "%",
                }
            ]
        elif pairs and item.kind == ItemKind.CHOICE:
            picked_before = [_option_index(item, v) for v in before]
            picked_after = [_option_index(item, v) for v in after]
            rows = [
                {
                    "label": label,
                    "before": _share(picked_before, lambda v, i=index: v == i),
                    "after": _share(picked_after, lambda v, i=index: v == i),
                    "unit": "%",
                }
                for index, label in enumerate(item.options)
            ]
        for row in rows:
            row["change"] = row["after"] - row["before"]
            row["shown"] = [
                figure_shown(row["before"], row["unit"]),
                figure_shown(row["after"], row["unit"]),
                figure_shown(row["change"], row["unit"], signed=True),
            ]
        outcomes.append(
            {
                "goal": goal,
                "item": item,
                "kind": item.kind if item else "",
                "people": len(pairs),
                "rows": rows,
                "chart": before_after_chart(
                    rows, 5 if item and item.kind == ItemKind.SCALE else 100
                )
                if rows
                else None,
            }
        )
    return outcomes
