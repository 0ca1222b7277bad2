from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from events.admin import SessionInline
from events.forms import SessionRecordForm
from events.pace import agreement_of, held_effort, meeting_targets
from events.services.sessions import session_record
from matching.enums import MatchState
from matching.forms import MatchFinishForm
from matching.models import Agreement, Match, MatchingPolicy
from matching.selectors import agreement_facilitator, agreement_unsigned, message_activity
from matching.services.matching import match_complete, match_end
from matching.templatetags.matching_tags import explanation
from mentorship.errors import Refusal
from programs.admin.core import CoordinatorScopedAdmin, label_split_datetime
from programs.admin.exports import ExportResource, LoggedExportMixin
from programs.admin.history import ChangeHistoryMixin


@admin.register(MatchingPolicy)
class MatchingPolicyAdmin(CoordinatorScopedAdmin):
    list_display = ("program", "mode", "different_organisation", "shared_language_required")
    fieldsets = (
        (None, {"fields": ("program", "mode", "suggestions", "wishes", "min_score")}),
        (
            _("Hard rules"),
            {
                "fields": (
                    "different_organisation",
                    "shared_language_required",
                    "common_time_required",
                )
            },
        ),
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


class MatchResource(ExportResource):
    """One row per pair: who, how well they fit, and how far they have come."""

    program = Field(attribute="cohort__program__name", column_name=_("program"))
    cohort = Field(attribute="cohort__name", column_name=_("cohort"))
    mentee = Field(attribute="mentee__user__get_full_name", column_name=_("mentee"))
    mentor = Field(attribute="mentor__user__get_full_name", column_name=_("mentor"))
    state = Field(attribute="get_state_display", column_name=_("state"))
    source = Field(attribute="get_source_display", column_name=_("source"))
    meetings_held = Field(attribute="held_count", column_name=_("meetings held"))
    hours_held = Field(column_name=_("hours"))

    class Meta:
        model = Match
        fields = (
            "id",
            "program",
            "cohort",
            "mentee",
            "mentor",
            "state",
            "source",
            "score",
            "meetings_held",
            "hours_held",
            "started_at",
            "ended_at",
            "end_reason",
        )
        export_order = fields

    def dehydrate_hours_held(self, match: Match) -> float:
        return round((match.held_minutes or 0) / 60, 1)


class AgreementFilter(admin.SimpleListFilter):
    title = _("agreement")
    parameter_name = "agreement"

    def lookups(self, request, model_admin):
        return [("unsigned", _("Active, agreement not signed by both"))]

    def queryset(self, request, queryset):
        if self.value() == "unsigned":
            return agreement_unsigned(queryset)
        return queryset


@admin.register(Match)
class MatchAdmin(ChangeHistoryMixin, LoggedExportMixin, CoordinatorScopedAdmin):
    history_models = ("matching.MatchEvent", "matching.AgreementEvent")
    program_path = "cohort__program"
    resource_classes = [MatchResource]
    change_form_template = "admin/matching/match/change_form.html"
    inlines = [SessionInline]
    list_display = (
        "mentee_name",
        "mentor_name",
        "cohort",
        "state",
        "agreement_state",
        "meetings",
        "hours",
        "score",
        "started_at",
    )
    list_filter = (
        "state",
        AgreementFilter,
        "source",
        ("cohort", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "mentee__user__first_name",
        "mentee__user__last_name",
        "mentor__user__first_name",
        "mentor__user__last_name",
    )
    list_select_related = ("mentee__user", "mentor__user", "cohort__program", "agreement")
    readonly_fields = (
        "cohort",
        "mentor",
        "mentee",
        "state",
        "source",
        "score",
        "agreement_state",
        "meetings",
        "hours",
        "why",
        "goals_and_progress",
        "messages_sent",
        "started_at",
        "ended_at",
        "end_reason",
        "ended_by",
        "created_by",
        "rules_overridden",
        "override_reason",
    )
    exclude = ("explanation",)

    def has_add_permission(self, request) -> bool:
        return False  # matches come from the matching board or the mentees' requests

    def get_urls(self):
        return [
            path(
                "<int:pk>/finish/",
                self.admin_site.admin_view(self.finish_view),
                name="matching_match_finish",
            ),
            path(
                "<int:pk>/record-meeting/",
                self.admin_site.admin_view(self.record_meeting_view),
                name="matching_match_record_meeting",
            ),
            *super().get_urls(),
        ]

    def finish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The coordinator completes the match, or ends it early with a reason."""
        match = get_object_or_404(
            self.get_queryset(request).select_related("mentee__user", "mentor__user"), pk=pk
        )
        # Matches are read-only in the admin; they change only through the services.
        if not self.has_view_permission(request, match):
            raise PermissionDenied
        change_url = reverse("admin:matching_match_change", args=[pk])
        if match.state not in (MatchState.PROPOSED, MatchState.ACTIVE):
            self.message_user(request, gettext("This match has already ended."), messages.INFO)
            return HttpResponseRedirect(change_url)
        form = MatchFinishForm(request.POST or None)
        if match.state == MatchState.PROPOSED:
            form.fields["outcome"].choices = form.fields["outcome"].choices[1:]
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["outcome"] == "complete":
                    match_complete(match=match, by=request.user)
                else:
                    match_end(match=match, by=request.user, reason=form.cleaned_data["reason"])
            except Refusal as error:
                form.add_error(None, str(error))
            else:
                match.refresh_from_db()
                self.message_user(
                    request,
                    gettext("The match is now %(state)s.")
                    % {"state": match.get_state_display().lower()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Complete or end the match"),
            "match": match,
            "form": form,
            "opts": self.model._meta,
            "original": match,
        }
        return TemplateResponse(request, "admin/matching/match/finish.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        match = self.get_object(request, object_id)
        facilitator = agreement_facilitator(match) if match is not None else None
        extra_context = {
            **(extra_context or {}),
            "is_facilitator": facilitator is not None and facilitator.pk == request.user.pk,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def record_meeting_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The coordinator logs a meeting the pair reported by phone or email."""
        match = get_object_or_404(
            self.get_queryset(request).select_related("mentee__user", "mentor__user"), pk=pk
        )
        if not self.has_view_permission(request, match):
            raise PermissionDenied
        form = SessionRecordForm(request.POST or None)
        label_split_datetime(form.fields["starts_at"], str(form.fields["starts_at"].label))
        if request.method == "POST" and form.is_valid():
            try:
                session_record(match=match, by=request.user, **form.cleaned_data)
            except Refusal as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                self.message_user(request, gettext("The meeting is logged."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:matching_match_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Log a meeting the pair reported"),
            "match": match,
            "form": form,
            "opts": self.model._meta,
            "original": match,
        }
        return TemplateResponse(request, "admin/matching/match/record_meeting.html", context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # Naming every relation the list shows: a select_related here replaces
            # list_select_related rather than adding to it (6 queries a row before).
            .select_related("agreement", "mentee__user", "mentor__user", "cohort__program")
            .annotate(**held_effort())
        )

    @admin.display(description=_("agreement"))
    def agreement_state(self, obj: Match) -> str:
        agreement = agreement_of(obj)
        return agreement.get_state_display() if agreement else _("not written")

    @admin.display(description=_("meetings held"), ordering="held_count")
    def meetings(self, obj: Match) -> str:
        target = meeting_targets(obj.cohort.program)[0]
        return f"{obj.held_count} / {target}" if target else str(obj.held_count)

    @admin.display(description=_("hours"))
    def hours(self, obj: Match) -> str:
        done = round((obj.held_minutes or 0) / 60, 1)
        target = meeting_targets(obj.cohort.program)[1]
        return f"{done} / {target:g}" if target else str(done)

    @admin.display(description=_("mentee"), ordering="mentee__user__last_name")
    def mentee_name(self, obj: Match) -> str:
        return obj.mentee.user.get_full_name()

    @admin.display(description=_("mentor"), ordering="mentor__user__last_name")
    def mentor_name(self, obj: Match) -> str:
        return obj.mentor.user.get_full_name()

    @admin.display(description=_("messages"))
    def messages_sent(self, obj: Match) -> str:
        """How often the pair writes, and when last; what they write is theirs alone."""
        count, last = message_activity([obj.pk]).get(obj.pk, (0, None))
        if not count:
            return gettext("none yet")
        return ngettext(
            "%(n)s message, the last on %(when)s", "%(n)s messages, the last on %(when)s", count
        ) % {"n": count, "when": date_format(timezone.localtime(last), "j F Y")}

    @admin.display(description=_("goals"))
    def goals_and_progress(self, obj: Match) -> str:
        goals = obj.goals.prefetch_related("notes").order_by("order", "pk")
        if not goals:
            return "–"
        rows = []
        for goal in goals:
            notes = "; ".join(note.text for note in goal.notes.all()[:3] if note.text)
            rows.append(
                format_html(
                    "<strong>{}</strong> ({}){}",
                    goal.title,
                    goal.get_status_display(),
                    format_html(": {}", notes) if notes else "",
                )
            )
        return format_html("<br>".join(["{}"] * len(rows)), *rows)

    @admin.display(description=_("why"))
    def why(self, obj: Match) -> str:
        lines = explanation(obj.explanation)
        return format_html("<br>".join(["{}"] * len(lines)), *lines) if lines else "–"


@admin.register(Agreement)
class AgreementAdmin(ChangeHistoryMixin, CoordinatorScopedAdmin):
    """Coordinators read agreements and name who attends the first meeting; the pair
    writes and signs the rest."""

    change_form_template = "admin/change_history_form.html"
    history_models = ("matching.AgreementEvent",)

    program_path = "match__cohort__program"
    list_display = ("match", "version", "state_display", "facilitator")
    list_select_related = ("match__mentor__user", "match__mentee__user", "facilitator")
    fields = (
        "match",
        "version",
        "state_display",
        *Agreement.EDITABLE_FIELDS,
        "facilitator",
    )
    readonly_fields = tuple(f for f in fields if f != "facilitator")

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("state"))
    def state_display(self, obj: Agreement) -> str:
        return obj.get_state_display()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "facilitator":
            from mentorship.models import User
            from programs.selectors import coordinated_program_ids

            # Coordinators of the coordinator's own programs, not every staff member.
            coordinators = User.objects.filter(coordinated_programs__isnull=False)
            if not request.user.is_superuser:
                coordinators = coordinators.filter(
                    coordinated_programs__in=coordinated_program_ids(request.user)
                )
            kwargs["queryset"] = coordinators.distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
