"""Reads of meetups: who is invited, and the coordinator's figures."""

from __future__ import annotations

from django.db.models import (
    Count,
    Q,
)

from events.enums import (
    Attendance,
    RsvpAnswer,
)
from events.models import (
    Meetup,
)
from programs.enums import ParticipantState
from programs.models import Participant


def meetup_figures(meetup: Meetup) -> dict:
    """Invited, answers, attendance rate and who missed it, for the coordinator."""
    counts = meetup.rsvps.aggregate(
        invited=Count("pk"),
        coming=Count("pk", filter=Q(answer=RsvpAnswer.YES)),
        declined=Count("pk", filter=Q(answer=RsvpAnswer.NO)),
        present=Count("pk", filter=Q(attendance=Attendance.PRESENT)),
        absent=Count("pk", filter=Q(attendance=Attendance.ABSENT)),
    )
    marked = counts["present"] + counts["absent"]
    counts["rate"] = round(100 * counts["present"] / marked) if marked else None
    return counts


def meetup_audience(meetup: Meetup):
    roles = {"everyone": ("mentor", "mentee"), "mentors": ("mentor",), "mentees": ("mentee",)}
    return (
        Participant.objects.filter(
            cohort_id=meetup.cohort_id,
            state=ParticipantState.ACTIVE,
            role__in=roles[meetup.audience],
        )
        .select_related("user__profile")
        .order_by("pk")
    )


def meetup_logistics(meetup: Meetup) -> dict:
    """A residential meetup's lists for the coordinator: who sleeps there each night (with
    room sharing, diet and accessibility), and who travels from where, how, at what cost to
    reimburse. Those coming only, by name. One query."""
    coming = list(
        meetup.rsvps.filter(answer=RsvpAnswer.YES)
        .select_related("participant__user", "participant__organisation")
        .order_by("participant__user__last_name", "participant__user__first_name", "pk")
    )
    nights = [
        {"night": night, "people": [r for r in coming if night in r.nights]}
        for night in meetup.nights
    ]
    travelling = [r for r in coming if r.travel_from or r.travel_mode or r.travel_cost is not None]
    costs = [r.travel_cost for r in travelling if r.travel_cost is not None]
    return {
        "coming": len(coming),
        "nights": nights,
        "no_bed": [r for r in coming if not r.nights and meetup.is_residential],
        "travelling": travelling,
        "travel_total": sum(costs) if costs else None,
    }
