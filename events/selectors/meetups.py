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
