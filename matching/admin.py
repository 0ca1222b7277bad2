from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from matching.models import Match, MatchingPolicy
from matching.templatetags.matching_tags import explanation
from programs.admin.core import CoordinatorScopedAdmin


@admin.register(MatchingPolicy)
class MatchingPolicyAdmin(CoordinatorScopedAdmin):
    list_display = ("program", "mode", "different_organisation", "shared_language_required")
    fieldsets = (
        (None, {"fields": ("program", "mode", "suggestions", "min_score")}),
        (_("Hard rules"), {"fields": ("different_organisation", "shared_language_required")}),
        (
            _("Points per criterion"),
            {
                "fields": (
                    "weight_language",
                    "weight_area",
                    "area_cap",
                    "weight_profession",
                    "weight_region",
                    "weight_availability",
                    "weight_experience",
                    "experience_gap",
                    "weight_preference",
                    "weight_same_organisation",
                )
            },
        ),
    )


@admin.register(Match)
class MatchAdmin(CoordinatorScopedAdmin):
    program_path = "cohort__program"
    list_display = (
        "mentee_name",
        "mentor_name",
        "cohort",
        "state",
        "score",
        "source",
        "started_at",
    )
    list_filter = ("state", "source", ("cohort", admin.RelatedOnlyFieldListFilter))
    search_fields = (
        "mentee__user__first_name",
        "mentee__user__last_name",
        "mentor__user__first_name",
        "mentor__user__last_name",
    )
    list_select_related = ("mentee__user", "mentor__user", "cohort__program")
    readonly_fields = (
        "cohort",
        "mentor",
        "mentee",
        "state",
        "source",
        "score",
        "why",
        "started_at",
        "ended_at",
        "end_reason",
        "ended_by",
        "created_by",
    )
    exclude = ("explanation",)

    def has_add_permission(self, request) -> bool:
        return False  # matches come from the matching board or the mentees' requests

    @admin.display(description=_("mentee"), ordering="mentee__user__last_name")
    def mentee_name(self, obj: Match) -> str:
        return obj.mentee.user.get_full_name()

    @admin.display(description=_("mentor"), ordering="mentor__user__last_name")
    def mentor_name(self, obj: Match) -> str:
        return obj.mentor.user.get_full_name()

    @admin.display(description=_("why"))
    def why(self, obj: Match) -> str:
        lines = explanation(obj.explanation)
        return format_html("<br>".join(["{}"] * len(lines)), *lines) if lines else "–"
