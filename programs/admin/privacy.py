"""Coordinator screens for personal data: erasure requests and the log of exports."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorship.admin import ReadOnlyForSuperusers
from mentorship.errors import Refusal
from programs.models import DataExport, ErasureRequest
from programs.selectors import erasure_requests_visible
from programs.services.privacy import erasure_confirm, erasure_decline


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Requests to erase personal data, from people in the coordinator's programs."""

    change_form_template = "admin/programs/erasurerequest/change_form.html"
    list_display = ("requested_at", "user", "state", "decided_by", "decided_at")
    list_filter = ("state",)
    list_select_related = ("user", "decided_by")
    fields = ("user", "state", "message", "requested_at", "decided_by", "decided_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return erasure_requests_visible(request.user).select_related(*self.list_select_related)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people ask on their dashboard

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # the request is the record that the erasure was done

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/<str:decision>/",
                self.admin_site.admin_view(require_POST(self.decide_view)),
                name="programs_erasurerequest_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, pk: int, decision: str) -> HttpResponse:
        erasure = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, erasure) or decision not in ("erase", "decline"):
            raise PermissionDenied
        try:
            if decision == "erase":
                erasure_confirm(request=erasure, by=request.user)
                self.message_user(request, _("The person's data is erased."), messages.SUCCESS)
            else:
                erasure_decline(request=erasure, by=request.user)
                self.message_user(request, _("The request is declined."), messages.INFO)
        except Refusal as error:
            self.message_user(request, str(error), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:programs_erasurerequest_change", args=[pk]))


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyForSuperusers):
    """Who exported which personal data: for the data protection officer (superusers)."""

    list_display = ("exported_at", "user", "what", "file_format", "rows", "sensitive", "filters")
    list_filter = ("sensitive", "what")
    list_select_related = ("user",)
    date_hierarchy = "exported_at"


__all__ = ["DataExportAdmin", "ErasureRequestAdmin"]
