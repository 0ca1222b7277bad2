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
