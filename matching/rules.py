"""Who may do what with matches, agreements, goals and sessions."""

from __future__ import annotations

import rules

from matching.models import Match
from mentorship.models import User
from programs.rules import is_program_coordinator


@rules.predicate
def is_match_member(user: User, match: Match | None) -> bool:
    if match is None or not user.is_authenticated:
        return False
    return user.pk in (match.mentor.user_id, match.mentee.user_id)


may_follow_match = is_match_member | rules.is_superuser | is_program_coordinator
rules.add_perm("matching.act_in_match", is_match_member)
