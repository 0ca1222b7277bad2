from django.contrib import admin

from events.models import Session


class SessionInline(admin.TabularInline):
    """The pair's meetings as the coordinator sees them: never the private notes."""

    model = Session
    extra = 0
    can_delete = False
    fields = (
        "starts_at",
        "duration_minutes",
        "location",
        "state",
        "actual_minutes",
        "topics",
        "shared_notes",
    )
    readonly_fields = fields
    ordering = ("starts_at",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False
