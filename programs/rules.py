"""Who may do what with programs, cohorts, applications and participants.

Predicates are called directly (`may_coordinate(user, cohort)`); nothing registers them
as Django permissions, since no view asks `has_perm`.
"""

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
    for link in ("cohort", "match", "application", "session", "goal", "meetup", "participant"):
        related = getattr(obj, link, None)
        if related is not None:
            return program_id_of(related)
    return None


@rules.predicate
def is_program_coordinator(user: User, obj: object | None) -> bool:
    """A coordinator of the object's program (of any program, when no object is given)."""
    if obj is None:
        return bool(coordinated_program_ids(user))
    return program_id_of(obj) in coordinated_program_ids(user)


# Coordinator access: the one definition every coordinator page, admin screen and export
# uses. Superusers see every program.
may_coordinate = rules.is_superuser | is_program_coordinator


@rules.predicate
def is_applicant(user: User, application: object | None) -> bool:
    """The person the application is about."""
    return application is not None and getattr(application, "user_id", None) == user.pk


# Sensitive answers (health, ethnic background and the like, GDPR's special categories)
# are for the program's coordinators only: the admin, the exports, the views and the
# file downloads all ask this one predicate. The applicant sees their own answers when
# they edit their application, which is a different question (is_applicant).
may_see_sensitive_answers = may_coordinate


@rules.predicate
def second_factor_required(user: User) -> bool:
    from django.conf import settings

    return settings.SECOND_FACTOR_REQUIRED


# Who must log in with a second factor: everyone who can open the admin, where the
# coordinator pages, the sensitive answers and the exports are. Coordinator rights make a
# person staff (coordinator_add), so this covers every coordinator and superuser without
# a query. SECOND_FACTOR_REQUIRED=0 turns it off.
needs_second_factor = second_factor_required & (rules.is_staff | rules.is_superuser)


@rules.predicate
def may_see_photo(viewer: User, person: User | None) -> bool:
    """A person's photo: for themselves, the people in a cohort with them, and the
    coordinators of their programs. Two queries at most."""
    if person is None or not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk or viewer.is_superuser:
        return True
    from programs.models import Participant

    theirs = Participant.objects.filter(user=person)
    if set(theirs.values_list("cohort__program_id", flat=True)) & coordinated_program_ids(viewer):
        return True
    return theirs.filter(cohort__participants__user=viewer).exists()
