"""Reads of check-ins: the before/after self-assessment of a cohort."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import Any

from events.enums import (
    ItemKind,
    QuestionnaireKind,
    ScheduleTrigger,
)
from events.models import (
    CheckInAnswer,
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
