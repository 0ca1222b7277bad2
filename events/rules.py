"""Who may do what with meetups and check-ins (the pair's meetings go by the match:
matching.rules)."""

from __future__ import annotations

import rules

from events.models import CheckIn, Rsvp
from mentorship.models import User
from programs.rules import may_coordinate


@rules.predicate
def is_invitee(user: User, rsvp: Rsvp | None) -> bool:
    """The person a meetup invitation is for: only they answer it."""
    return rsvp is not None and user.is_authenticated and rsvp.participant.user_id == user.pk


@rules.predicate
def is_asked(user: User, check_in: CheckIn | None) -> bool:
    """The person a check-in asks: only they answer it."""
    return (
        check_in is not None and user.is_authenticated and check_in.participant.user_id == user.pk
    )


# The meetup's program's coordinators mark attendance and read every answer.
may_run_meetup = may_coordinate
