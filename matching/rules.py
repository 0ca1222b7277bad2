"""Who may do what with matches, agreements, goals and sessions."""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from matching.models import Match
from mentorship.errors import NotAllowed
from mentorship.models import User
from programs.rules import may_coordinate


@rules.predicate
def is_match_member(user: User, match: Match | None) -> bool:
    """The pair's own mentor or mentee."""
    if match is None or not user.is_authenticated:
        return False
    return user.pk in (match.mentor.user_id, match.mentee.user_id)


# The pair, or the coordinators who follow it up.
may_follow_match = is_match_member | may_coordinate


def require_member(match: Match, by: User) -> None:
    """Refuse anyone but the pair's own mentor and mentee."""
    if not is_match_member(by, match):
        raise NotAllowed(_("Only the mentor and the mentee of this match can do that."))


def may_edit_agreement(user: User, agreement) -> bool:
    """The pair, and the coordinator named on the agreement until both have signed."""
    if is_match_member(user, agreement.match):
        return True
    both_signed = agreement.mentor_signed_at and agreement.mentee_signed_at
    return bool(user.is_authenticated and agreement.facilitator_id == user.pk and not both_signed)


def may_book(user: User, match: Match) -> bool:
    """Who plans the pair's meetings: either member, or only the one the program says
    (the mentee, where the mentees drive)."""
    if not is_match_member(user, match):
        return False
    booker = match.cohort.program.meetings_booked_by
    if booker == "mentee":
        return user.pk == match.mentee.user_id
    if booker == "mentor":
        return user.pk == match.mentor.user_id
    return True


def require_booker(match: Match, by: User) -> None:
    require_member(match, by)
    if not may_book(by, match):
        raise NotAllowed(
            _("In this program the mentee books the meetings.")
            if match.cohort.program.meetings_booked_by == "mentee"
            else _("In this program the mentor books the meetings.")
        )
