from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from mentorship.models import User
from programs.enums import PUBLIC_COHORT_STATES
from programs.models import Cohort, Participant, Program


def coordinated_program_ids(user: User) -> frozenset[int]:
    """The programs a user coordinates, read once per request and kept on the user."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_coordinated_program_ids", None)
    if cached is None:
        cached = frozenset(user.coordinated_programs.values_list("pk", flat=True))
        user._coordinated_program_ids = cached
    return cached


def programs_visible_to(user: User) -> QuerySet[Program]:
    """Programs a coordinator may see and edit in the admin; a superuser sees all."""
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(pk__in=coordinated_program_ids(user))


def public_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(state__in=PUBLIC_COHORT_STATES).order_by("starts_on")


def public_programs() -> QuerySet[Program]:
    """Published programs with their public cohorts and organiser: two queries in all."""
    return (
        Program.objects.filter(is_published=True)
        .select_related("organiser")
        .prefetch_related(
            Prefetch(
                "cohorts",
                queryset=public_cohorts().select_related("program"),
                to_attr="public_cohorts",
            )
        )
        .order_by("name_sv")
    )


def participations_for(user: User) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(user=user)
        .select_related("cohort__program", "organisation")
        .order_by("-cohort__starts_on")
    )
