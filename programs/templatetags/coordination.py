"""The coordinator's cohorts in the admin's sidebar: every page links to each cohort's hub."""

from __future__ import annotations

from django import template

from programs.enums import CohortState
from programs.models import Cohort
from programs.selectors import coordinated_program_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def coordinated_cohorts(context) -> list[Cohort]:
    """The open cohorts of the programs the visitor coordinates (one query, none for
    someone who coordinates nothing); a superuser's sidebar lists none, as they see all."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_superuser:
        return []
    programs = coordinated_program_ids(user)
    if not programs:
        return []
    return list(
        Cohort.objects.filter(program__in=programs)
        .exclude(state=CohortState.CLOSED)
        .select_related("program")
        .order_by("program__name_sv", "starts_on", "pk")
    )
