"""Every write of events, one module per feature: the pair's meetings (`sessions`),
meetups and their answers (`meetups`), check-ins (`checkins`), reminders (`reminders`)
and calendar feeds (`feeds`). A refusal is an `EventError`, shown beside the form."""

from __future__ import annotations

from mentorship.errors import Refusal


class EventError(Refusal):
    """A refusal about a meeting, a meetup or a check-in, already translated."""
