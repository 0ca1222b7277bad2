"""Who may do what with programs, cohorts and participants."""

from __future__ import annotations

import rules

from mentorship.models import User
from programs.models import Program
from programs.selectors import coordinated_program_ids


def program_id_of(obj: object) -> int | None:
    """The program an object belongs to: a Program, or anything with a program or cohort."""
    if isinstance(obj, Program):
        return obj.pk
    if hasattr(obj, "program_id"):
        return obj.program_id
    # Follow the link towards the program: a match's agreement, a session's match, ...
    for link in ("cohort", "match", "application", "session", "goal"):
        related = getattr(obj, link, None)
        if related is not None:
            return program_id_of(related)
    return None


@rules.predicate
def is_program_coordinator(user: User, obj: object | None) -> bool:
    if obj is None:
        return bool(coordinated_program_ids(user))
    return program_id_of(obj) in coordinated_program_ids(user)


is_coordinator_or_superuser = rules.is_superuser | is_program_coordinator

rules.add_perm("programs.coordinate", is_coordinator_or_superuser)
