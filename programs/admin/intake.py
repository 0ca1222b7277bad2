"""Coordinator screens for intake: the form builder, nominations and screening."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.fields import Field

from mentorship.errors import Refusal
from mentorship.http import int_or_none
from mentorship.models import User
from programs.admin.core import (
    CoordinatorScopedAdmin,
    LabelledTabularInline,
    label_split_datetime,
    localized_column,
)
from programs.admin.exports import (
    ApplicationResource,
    ExportResource,
    LoggedExportMixin,
    SensitiveExportForm,
)
from programs.admin.history import ChangeHistoryMixin
from programs.enums import InterviewKind, InterviewMode, QuestionKind
from programs.models import (
    Application,
    Interview,
    Nomination,
    Program,
    Question,
    SensitiveAccess,
)
from programs.rules import may_coordinate, may_see_sensitive_answers
from programs.selectors import nominations_waiting, waitlist_position
from programs.services.intake import IntakeError, answer_as_text, nomination_create
from programs.services.screening import (
    application_accept,
    application_reject,
    application_waitlist,
    interview_book,
    interview_cancel,
    interview_move,
    interview_record,
)


@admin.register(Question)
class QuestionAdmin(CoordinatorScopedAdmin):
    """The list of every program's questions; adding and editing happen in the question
    builder (one page per role, options as labels, knock-outs picked from them), the one
    way a question is saved."""

    list_display = (
        localized_column("text", gettext_lazy("question")),
        "program",
        "role",
        "kind",
        "required",
        "matching_criterion",
        "sensitive",
        "knockout",
        "order",
    )
    list_filter = (("program", admin.RelatedOnlyFieldListFilter), "role", "kind", "sensitive")
    search_fields = ("text_sv", "text_en")
    list_select_related = ("program",)

    @admin.display(description=gettext_lazy("knock-out"), boolean=True)
    def knockout(self, obj: Question) -> bool:
        return obj.is_knockout

    def _builder(self, request: HttpRequest, program_id, role: str = "mentee"):
        program = get_object_or_404(Program, pk=program_id) if program_id else None
        if program is None:
            program = self.get_queryset(request).values_list("program", flat=True).first()
            program = Program.objects.filter(pk=program).first() or (
                Program.objects.filter(coordinators=request.user).first()
            )
        if program is None or not may_coordinate(request.user, program):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("question_builder", args=[program.pk, role]))

    def add_view(self, request, form_url="", extra_context=None):
        return self._builder(
            request, request.GET.get("program__id__exact") or request.GET.get("program")
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        question = get_object_or_404(self.get_queryset(request), pk=object_id)
        role = "mentor" if question.role == "mentor" else "mentee"
        return self._builder(request, question.program_id, role)


class NominationWaitingFilter(admin.SimpleListFilter):
    title = gettext_lazy("application")
    parameter_name = "application"

    def lookups(self, request, model_admin):
        return [
            ("waiting", gettext_lazy("Not yet applied, still time")),
            ("made", gettext_lazy("Applied")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return nominations_waiting(queryset, timezone.now())
        if self.value() == "made":
            return queryset.filter(application__isnull=False)
        return queryset


class NominationResource(ExportResource):
    """One row per nomination: the organisation's rank, the order of registration, the
    seat, and what became of it."""

    cohort = Field(attribute="cohort__name", column_name=gettext_lazy("cohort"))
    organisation = Field(attribute="organisation__name", column_name=gettext_lazy("organisation"))
    role = Field(attribute="get_role_display", column_name=gettext_lazy("role"))
    seat = Field(column_name=gettext_lazy("seat"))
    applied = Field(column_name=gettext_lazy("applied"))
    eligible = Field(column_name=gettext_lazy("eligible"))
    nominated_by = Field(attribute="nominated_by__email", column_name=gettext_lazy("nominated by"))

    class Meta:
        model = Nomination
        fields = (
            "id",
            "cohort",
            "organisation",
            "role",
            "rank",
            "queue_number",
            "seat",
            "first_name",
            "last_name",
            "email",
            "applied",
            "eligible",
            "withdrawn_at",
            "nominated_by",
            "created_at",
        )
        export_order = fields

    def dehydrate_seat(self, nomination: Nomination):
        application = getattr(nomination, "application", None)
        return (application.seat_number if application else None) or nomination.seat_number

    def dehydrate_applied(self, nomination: Nomination) -> str:
        return _("yes") if getattr(nomination, "application", None) else _("no")

    def dehydrate_eligible(self, nomination: Nomination) -> str:
        application = getattr(nomination, "application", None)
        if application is None:
            return ""
        return _("yes") if application.is_eligible else _("no")


@admin.register(Nomination)
class NominationAdmin(LoggedExportMixin, CoordinatorScopedAdmin):
    """Nominations grouped by organisation, in each organisation's rank order, with each
    organisation's count against the cohort's wanted minimum."""

    program_path = "cohort__program"
    resource_classes = [NominationResource]
    # The export button is import-export's list; the counts sit in the list beneath it.
    ie_base_change_list_template = "admin/programs/nomination/change_list.html"
    list_display = (
        "organisation",
        "rank",
        "full_name",
        "email",
        "role",
        "cohort",
        "queue_number",
        "seat",
        "has_applied",
        "withdrawn_at",
        "nominated_by",
    )
    list_display_links = ("full_name",)
    list_filter = (
        NominationWaitingFilter,
        ("cohort", admin.RelatedOnlyFieldListFilter),
        "role",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("first_name", "last_name", "email", "organisation__name")
    ordering = ("cohort", "organisation__name", "role", "rank")
    list_select_related = ("organisation", "cohort__program", "nominated_by", "application")
    readonly_fields = ("nominated_by", "token")

    @admin.display(description=gettext_lazy("name"), ordering="last_name")
    def full_name(self, obj: Nomination) -> str:
        return f"{obj.first_name} {obj.last_name}"

    @admin.display(description=gettext_lazy("applied"), boolean=True)
    def has_applied(self, obj: Nomination) -> bool:
        return hasattr(obj, "application") and obj.application is not None

    @admin.display(description=gettext_lazy("seat"))
    def seat(self, obj: Nomination) -> int | str:
        application = getattr(obj, "application", None)
        return (application.seat_number if application else None) or obj.seat_number or "–"

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """Above the list: each organisation's standing nominations per cohort, against
        the number the cohort asks of each (one query)."""
        counts = (
            self.get_queryset(request)
            .filter(withdrawn_at__isnull=True)
            .values(
                "cohort__name_sv",
                "cohort__name_en",
                "cohort__nominations_minimum",
                "organisation__name",
            )
            .annotate(n=Count("pk"))
            .order_by("cohort__name_sv", "organisation__name")
        )
        return super().changelist_view(
            request, {**(extra_context or {}), "organisation_counts": list(counts)}
        )

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return super().save_model(request, obj, form, change)
        # Through the one way in, so that the nominee gets their link by email.
        data = form.cleaned_data
        nomination = nomination_create(
            cohort=data["cohort"],
            organisation=data["organisation"],
            by=request.user,
            role=data["role"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            rank=data["rank"],
            note=data.get("note", ""),
        )
        obj.pk, obj.token, obj.nominated_by = nomination.pk, nomination.token, request.user
        obj._state.adding = False


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class InterviewInline(LabelledTabularInline):
    model = Interview
    extra = 0
    can_delete = False
    fields = ("starts_at", "duration_minutes", "mode", "location", "interviewer", "held", "notes")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # booked with the button above, which emails the invite


class OrganisationFilter(admin.SimpleListFilter):
    title = gettext_lazy("organisation")
    parameter_name = "organisation"

    def lookups(self, request, model_admin):
        queryset = model_admin.get_queryset(request)
        names = (
            queryset.exclude(user__profile__organisation=None)
            .values_list("user__profile__organisation_id", "user__profile__organisation__name")
            .distinct()
            .order_by("user__profile__organisation__name")
        )
        return list(names)

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(user__profile__organisation_id=self.value())
        return queryset


class InterviewForm(forms.Form):
    kind = forms.TypedChoiceField(
        label=gettext_lazy("Kind"),
        choices=InterviewKind.choices,
        required=False,
        empty_value=InterviewKind.INTERVIEW,
        help_text=gettext_lazy(
            "An intake call is a first conversation about what the person wants from a "
            "mentor; its notes show on the matching board."
        ),
    )
    starts_at = forms.SplitDateTimeField(
        label=gettext_lazy("Starts"),
        widget=forms.SplitDateTimeWidget(date_attrs={"type": "date"}, time_attrs={"type": "time"}),
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Length (minutes)"), initial=45, min_value=5, max_value=480
    )
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=InterviewMode.choices)
    location = forms.CharField(
        label=gettext_lazy("Where"),
        required=False,
        help_text=gettext_lazy("Address, phone number or link."),
    )
    interviewer = forms.ModelChoiceField(
        label=gettext_lazy("Interviewer"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        label_split_datetime(self.fields["starts_at"], str(self.fields["starts_at"].label))


class InterviewMoveForm(InterviewForm):
    """A new time (and way) for a booked interview or intake call."""

    kind = None
    interviewer = None


SCREENING_ACTIONS = {
    "accept": application_accept,
    "waitlist": application_waitlist,
    "reject": application_reject,
}


def screen_many(model_admin, request: HttpRequest, applications: QuerySet, action: str) -> None:
    """Accept, waitlist or reject applications in bulk through their services, saying
    how many moved and why each other one did not (the application and interview lists)."""
    done, failed = 0, []
    for application in applications.select_related("user", "cohort__program"):
        try:
            SCREENING_ACTIONS[action](application=application, by=request.user)
            done += 1
        except Refusal as error:
            failed.append(f"{application.user}: {error}")
    if done:
        model_admin.message_user(
            request, _("%(n)s applications updated.") % {"n": done}, messages.SUCCESS
        )
    for failure in failed:
        model_admin.message_user(request, failure, messages.ERROR)


# Answers the applicant typed themselves (in their language, not the reader's).
TYPED = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


@admin.register(Application)
class ApplicationAdmin(ChangeHistoryMixin, LoggedExportMixin, CoordinatorScopedAdmin):
    history_models = ("programs.ApplicationEvent", "programs.AnswerEvent")
    program_path = "cohort__program"
    resource_classes = [ApplicationResource]
    export_form_class = SensitiveExportForm
    change_form_template = "admin/programs/application/change_form.html"
    list_display = (
        "applicant",
        "email",
        "role",
        "cohort",
        "state",
        "is_eligible",
        "seat_or_place",
        "organisation",
        "submitted_at",
    )
    list_filter = (
        "state",
        "role",
        "is_eligible",
        ("cohort", admin.RelatedOnlyFieldListFilter),
        OrganisationFilter,
    )
    search_fields = ("user__first_name", "user__last_name", "user__email")
    list_select_related = ("user__profile__organisation", "cohort__program")
    ordering = ("cohort", "role", "queue_number")
    date_hierarchy = "submitted_at"
    actions = ["accept_selected", "waitlist_selected", "reject_selected"]
    inlines = [InterviewInline]
    fields = (
        "cohort",
        "role",
        "user",
        "state",
        "submitted_at",
        "queue_number",
        "seat_number",
        "is_eligible",
        "why_not_eligible",
        "nomination",
        "participant",
        "consent",
        "consent_given_at",
        "decided_at",
        "coordinator_note",
    )
    readonly_fields = tuple(f for f in fields if f != "coordinator_note")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # applications come through the application form

    @admin.display(description=gettext_lazy("applicant"), ordering="user__last_name")
    def applicant(self, obj: Application) -> str:
        return obj.user.get_full_name() or obj.user.email

    @admin.display(description=gettext_lazy("email"), ordering="user__email")
    def email(self, obj: Application) -> str:
        return obj.user.email

    @admin.display(description=gettext_lazy("why not eligible"))
    def why_not_eligible(self, obj: Application) -> str:
        # Written when the applicant sent it, in their language.
        return format_html(
            '<span lang="{}">{}</span>', obj.language, "; ".join(obj.ineligible_reasons)
        )

    @admin.display(description=gettext_lazy("consent text"))
    def consent(self, obj: Application) -> str:
        # The text the applicant agreed to, as they read it.
        return format_html('<span lang="{}">{}</span>', obj.language, obj.consent_text)

    @admin.display(description=gettext_lazy("organisation"))
    def organisation(self, obj: Application) -> str:
        organisation = obj.user.profile.organisation
        return organisation.name if organisation else ""

    @admin.display(description=gettext_lazy("seat or place"), ordering="queue_number")
    def seat_or_place(self, obj: Application) -> str:
        if obj.seat_number:
            return _("seat %(n)s") % {"n": obj.seat_number}
        return _("queue %(n)s") % {"n": obj.queue_number}

    # --- Bulk actions ---------------------------------------------------------------

    def _bulk(self, request: HttpRequest, queryset: QuerySet, action: str) -> None:
        screen_many(self, request, queryset, action)

    @admin.action(description=gettext_lazy("Accept the selected applications"))
    def accept_selected(self, request, queryset) -> None:
        self._bulk(request, queryset, "accept")

    @admin.action(description=gettext_lazy("Waitlist the selected applications"))
    def waitlist_selected(self, request, queryset) -> None:
        self._bulk(request, queryset, "waitlist")

    @admin.action(description=gettext_lazy("Reject the selected applications"))
    def reject_selected(self, request, queryset) -> None:
        self._bulk(request, queryset, "reject")

    # --- One application -------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/screen/<str:action>/",
                self.admin_site.admin_view(require_POST(self.screen_view)),
                name="programs_application_screen",
            ),
            path(
                "<int:pk>/interview/",
                self.admin_site.admin_view(self.interview_view),
                name="programs_application_interview",
            ),
            *super().get_urls(),
        ]

    def _application(self, request: HttpRequest, pk: int) -> Application:
        application = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        return application

    def screen_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        application = self._application(request, pk)
        try:
            if action == "interviewed":
                interview = application.interviews.filter(held=False).order_by("-starts_at").first()
                if interview is None:
                    raise IntakeError(_("There is no booked interview to record."))
                interview_record(
                    interview=interview, notes=request.POST.get("notes", ""), by=request.user
                )
            elif action in SCREENING_ACTIONS:
                SCREENING_ACTIONS[action](application=application, by=request.user)
            else:
                raise IntakeError(_("Unknown action."))
        except Refusal as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            application.refresh_from_db()
            self.message_user(
                request,
                _("The application is now %(state)s.")
                % {"state": application.get_state_display().lower()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:programs_application_change", args=[pk]))

    def interview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        application = self._application(request, pk)
        # A program whose intake is a phone call (001) books intake calls by default.
        form = InterviewForm(
            request.POST or None,
            initial={
                "kind": InterviewKind.INTAKE_CALL
                if application.cohort.program.is_rolling
                else InterviewKind.INTERVIEW,
                "mode": InterviewMode.PHONE
                if application.cohort.program.is_rolling
                else InterviewMode.VIDEO,
            },
        )
        form.fields["interviewer"].queryset = User.objects.filter(
            coordinated_programs=application.cohort.program_id
        )
        form.fields["interviewer"].initial = request.user.pk
        if request.method == "POST" and form.is_valid():
            try:
                interview_book(application=application, by=request.user, **form.cleaned_data)
            except Refusal as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("The intake call is booked and the invite sent.")
                    if form.cleaned_data["kind"] == InterviewKind.INTAKE_CALL
                    else _("The interview is booked and the invite sent."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:programs_application_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Book an interview or an intake call"),
            "application": application,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/programs/application/interview.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if application is not None:
            may_see_sensitive = may_see_sensitive_answers(request.user, application)
            answers = application.answers.select_related("question").prefetch_related(
                "question__choices"
            )
            shown = [
                a
                for a in answers
                if a.question.sensitive and (a.value not in (None, "", []) or a.file)
            ]
            if may_see_sensitive and shown:
                SensitiveAccess.objects.create(user=request.user, application=application)
            extra_context["answers"] = [
                {
                    "question": answer.question,
                    "text": answer_as_text(answer.question, answer.value)
                    if may_see_sensitive or not answer.question.sensitive
                    else None,
                    "file_url": reverse("answer_file", args=[answer.pk]) if answer.file else "",
                    # Typed text is in the applicant's language; an option's label is
                    # shown in the reader's.
                    "lang": application.language if answer.question.kind in TYPED else "",
                }
                for answer in sorted(answers, key=lambda a: (a.question.order, a.question_id))
            ]
            extra_context["profile"] = application.user.profile
            extra_context["position"] = waitlist_position(application)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(admin.ModelAdmin):
    """Who saw whose sensitive answers: for the data protection officer (superusers)."""

    list_display = ("seen_at", "user", "application", "what")
    list_select_related = ("user", "application__user")
    date_hierarchy = "seen_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Interview)
class InterviewAdmin(CoordinatorScopedAdmin):
    """Every booked interview and intake call of the coordinator's cohorts, soonest first,
    by day (004 interviews everyone): mark them held or accept from the list; book,
    move or take notes from the application."""

    program_path = "application__cohort__program"
    list_display = (
        "starts_at",
        "person",
        "kind",
        "mode",
        "location",
        "cohort",
        "held",
        "state",
        "change_links",
    )
    change_list_template = "admin/programs/interview/change_list.html"
    list_filter = (
        "held",
        "kind",
        "mode",
        ("application__cohort", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("application__user", "application__cohort__program")
    search_fields = ("application__user__first_name", "application__user__last_name")
    date_hierarchy = "starts_at"
    ordering = ("starts_at",)
    actions = ["mark_held", "accept_applicants"]
    fields = (
        "application",
        "kind",
        "starts_at",
        "duration_minutes",
        "mode",
        "location",
        "interviewer",
        "held",
        "notes",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # booked from the application, which emails the invite

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("applicant"), ordering="application__user__last_name")
    def person(self, obj: Interview) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:programs_application_change", args=[obj.application_id]),
            obj.application.user.get_full_name() or obj.application.user.email,
        )

    @admin.display(description=gettext_lazy("cohort"))
    def cohort(self, obj: Interview) -> str:
        return str(obj.application.cohort)

    @admin.display(description=gettext_lazy("application"))
    def state(self, obj: Interview) -> str:
        return obj.application.get_state_display()

    @admin.action(description=gettext_lazy("Mark the selected as held"))
    def mark_held(self, request: HttpRequest, queryset: QuerySet) -> None:
        done, failed = 0, []
        for interview in queryset.filter(held=False).select_related("application__user"):
            try:
                interview_record(interview=interview, by=request.user)
                done += 1
            except Refusal as error:
                failed.append(f"{interview.application.user}: {error}")
        self.message_user(request, _("%(n)s marked as held.") % {"n": done}, messages.SUCCESS)
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=gettext_lazy("Accept the selected applicants"))
    def accept_applicants(self, request: HttpRequest, queryset: QuerySet) -> None:
        applications = Application.objects.filter(pk__in=queryset.values("application_id"))
        screen_many(self, request, applications, "accept")

    @admin.display(description=gettext_lazy("change"))
    def change_links(self, obj: Interview) -> str:
        if obj.held:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:programs_interview_move", args=[obj.pk]),
            _("Move"),
            reverse("admin:programs_interview_cancel", args=[obj.pk]),
            _("Cancel the booking"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("week/", view(self.week_view), name="programs_interview_week"),
            path("<int:pk>/move/", view(self.move_view), name="programs_interview_move"),
            path("<int:pk>/cancel/", view(self.cancel_view), name="programs_interview_cancel"),
            path("<int:pk>/do/", view(self.row_view), name="programs_interview_do"),
            *super().get_urls(),
        ]

    def _interview(self, request: HttpRequest, pk: int) -> Interview:
        """One of the coordinator's interviews; another program's is not there (404)."""
        interview = get_object_or_404(
            self.get_queryset(request).select_related("application__user"), pk=pk
        )
        if not self.has_view_permission(request, interview):
            raise PermissionDenied
        return interview

    def _back(self, request: HttpRequest, interview: Interview | None = None) -> str:
        back = request.POST.get("next") or request.GET.get("next") or ""
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return back
        week = ""
        if interview is not None:
            week = "?week=" + monday_of(timezone.localtime(interview.starts_at).date()).isoformat()
        return reverse("admin:programs_interview_week") + week

    def week_view(self, request: HttpRequest) -> HttpResponse:
        """The interviews and intake calls of one week, day by day (004 interviews every
        applicant): move, cancel, mark held or accept from each card."""
        try:
            chosen = date.fromisoformat(request.GET.get("week", ""))
        except ValueError:
            chosen = timezone.localdate()
        monday = monday_of(chosen)
        start = timezone.make_aware(datetime.combine(monday, time.min))
        interviews = (
            self.get_queryset(request)
            .filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=7))
            .select_related("application__user", "application__cohort__program")
            .order_by("starts_at")
        )
        cohort = int_or_none(request.GET.get("cohort"))
        if cohort:
            interviews = interviews.filter(application__cohort_id=cohort)
        by_day: dict[date, list[Interview]] = {monday + timedelta(days=n): [] for n in range(7)}
        for interview in interviews:
            interview.ends_at = interview.starts_at + timedelta(minutes=interview.duration_minutes)
            by_day[timezone.localtime(interview.starts_at).date()].append(interview)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Interviews and intake calls, week %(week)s")
            % {"week": monday.isocalendar().week},
            "opts": self.model._meta,
            "days": list(by_day.items()),
            "today": timezone.localdate(),
            "previous_week": (monday - timedelta(days=7)).isoformat(),
            "next_week": (monday + timedelta(days=7)).isoformat(),
            "this_week": monday_of(timezone.localdate()).isoformat(),
            "cohort": cohort,
            "here": request.get_full_path(),
            "count": sum(len(day) for day in by_day.values()),
        }
        return TemplateResponse(request, "admin/programs/interview/week.html", context)

    def move_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        interview = self._interview(request, pk)
        local = timezone.localtime(interview.starts_at)
        form = InterviewMoveForm(
            request.POST or None,
            initial={
                "starts_at": local.replace(tzinfo=None),
                "duration_minutes": interview.duration_minutes,
                "mode": interview.mode,
                "location": interview.location,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                interview_move(interview=interview, by=request.user, **form.cleaned_data)
            except Refusal as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("%(name)s has the new time and an updated calendar invite.")
                    % {"name": interview.application.user.get_full_name()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._back(request, interview))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Move the meeting with %(name)s")
            % {"name": interview.application.user.get_full_name()},
            "opts": self.model._meta,
            "interview": interview,
            "form": form,
            "next": request.GET.get("next", ""),
        }
        return TemplateResponse(request, "admin/programs/interview/move.html", context)

    def cancel_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        interview = self._interview(request, pk)
        error = ""
        if request.method == "POST":
            back = self._back(request, interview)
            try:
                interview_cancel(interview=interview, by=request.user)
            except Refusal as refusal:
                error = str(refusal)
            else:
                self.message_user(
                    request,
                    _("The meeting with %(name)s is cancelled and the cancellation sent.")
                    % {"name": interview.application.user.get_full_name()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel the meeting with %(name)s")
            % {"name": interview.application.user.get_full_name()},
            "opts": self.model._meta,
            "interview": interview,
            "error": error,
            "next": request.GET.get("next", ""),
        }
        return TemplateResponse(request, "admin/programs/interview/cancel.html", context)

    def row_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A card's buttons: mark held, or accept the applicant (the list's actions)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        interview = self._interview(request, pk)
        do = request.POST.get("do")
        if do == "held":
            self.mark_held(request, self.get_queryset(request).filter(pk=interview.pk))
        elif do == "accept":
            self.accept_applicants(request, self.get_queryset(request).filter(pk=interview.pk))
        return HttpResponseRedirect(self._back(request, interview))
