from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export.fields import Field

from events.enums import Attendance, ItemKind, RsvpAnswer
from events.models import (
    Announcement,
    CheckIn,
    CheckInAnswer,
    CheckInSchedule,
    ContactLog,
    Meetup,
    MeetupItem,
    ProgramGoal,
    Questionnaire,
    QuestionnaireItem,
    Rsvp,
    Session,
)
from events.pace import check_in_overdue
from events.selectors.follow_ups import follow_ups_due
from events.selectors.meetups import meetup_audience
from events.services.meetups import meetup_invite
from mentorship.http import int_or_none
from programs.admin.core import (
    CoordinatorScopedAdmin,
    FieldLanguageMixin,
    LabelledTabularInline,
    localized_column,
)
from programs.admin.exports import ExportResource, LoggedExportMixin, SensitiveExportForm
from programs.selectors import coordinated_program_ids


class SessionInline(LabelledTabularInline):
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


class MeetupItemInline(LabelledTabularInline):
    model = MeetupItem
    extra = 1
    fields = ("starts_at", "title_sv", "title_en")


@admin.register(Meetup)
class MeetupAdmin(CoordinatorScopedAdmin):
    program_path = "cohort__program"
    list_display = (
        localized_column("title", gettext_lazy("title")),
        "cohort",
        "kind",
        "starts_at",
        "mandatory",
        "invited",
        "coming",
        "attendance_rate",
        "attendance_link",
    )
    list_filter = ("kind", "mandatory", ("cohort", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("cohort__program",)
    inlines = [MeetupItemInline]
    actions = ["send_invitations"]
    date_hierarchy = "starts_at"
    change_form_template = "admin/events/meetup/change_form.html"
    fieldsets = (
        (None, {"fields": ("cohort", "kind", "title_sv", "title_en", "audience", "mandatory")}),
        (
            gettext_lazy("When and where"),
            {"fields": ("starts_at", "ends_at", "venue", "address", "online_link")},
        ),
        (
            gettext_lazy("Practical"),
            {
                "fields": (
                    "capacity",
                    "meals",
                    "lodging",
                    "travel_paid",
                    "practical_sv",
                    "practical_en",
                )
            },
        ),
        (gettext_lazy("Texts"), {"fields": ("description_sv", "description_en")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                invited_count=Count("rsvps"),
                coming_count=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.YES)),
                present_count=Count("rsvps", filter=Q(rsvps__attendance=Attendance.PRESENT)),
                marked_count=Count("rsvps", filter=~Q(rsvps__attendance=Attendance.UNKNOWN)),
            )
        )

    @admin.display(description=gettext_lazy("invited"), ordering="invited_count")
    def invited(self, obj: Meetup) -> int:
        return obj.invited_count

    @admin.display(description=gettext_lazy("coming"), ordering="coming_count")
    def coming(self, obj: Meetup) -> int:
        return obj.coming_count

    @admin.display(description=gettext_lazy("attendance"))
    def attendance_rate(self, obj: Meetup) -> str:
        if not obj.marked_count:
            return "–"
        return f"{round(100 * obj.present_count / obj.marked_count)} %"

    @admin.display(description=gettext_lazy("who came"))
    def attendance_link(self, obj: Meetup) -> str:
        link = format_html(
            '<a href="{}">{}</a>', reverse("meetup_attendance", args=[obj.pk]), _("Mark attendance")
        )
        if obj.is_residential or obj.travel_paid:
            link += format_html(
                '<br><a href="{}">{}</a>',
                reverse("meetup_logistics", args=[obj.pk]),
                _("Lodging and travel"),
            )
        return link

    @admin.action(description=gettext_lazy("Send the invitations"))
    def send_invitations(self, request, queryset) -> None:
        sent = sum(meetup_invite(meetup=meetup) for meetup in queryset)
        self.message_user(request, _("%(n)s invitations sent.") % {"n": sent}, messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "<int:meetup_id>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="events_meetup_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request: HttpRequest, meetup_id: int) -> HttpResponse:
        """The button on the meetup's page: invite everyone of its audience not yet
        invited (the first time, all of them)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meetup = get_object_or_404(self.get_queryset(request), pk=meetup_id)
        if not self.has_change_permission(request, meetup):
            raise PermissionDenied
        sent = meetup_invite(meetup=meetup)
        if sent:
            message = ngettext("%(n)s invitation sent.", "%(n)s invitations sent.", sent) % {
                "n": sent
            }
            self.message_user(request, message, messages.SUCCESS)
        else:
            self.message_user(request, _("Everyone is already invited."), messages.INFO)
        return redirect("admin:events_meetup_change", meetup.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meetup = self.get_object(request, object_id)
        if meetup is not None:
            invited = list(
                meetup.rsvps.select_related("participant__user").order_by(
                    "created_at", "participant__user__last_name"
                )
            )
            invited_ids = {rsvp.participant_id for rsvp in invited}
            waiting = sum(1 for p in meetup_audience(meetup) if p.pk not in invited_ids)
            extra_context = {
                **(extra_context or {}),
                "invitations": invited,
                "not_yet_invited": waiting,
            }
        return super().change_view(request, object_id, form_url, extra_context)


class DueFilter(admin.SimpleListFilter):
    title = gettext_lazy("follow-up")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("due", gettext_lazy("Due now")), ("later", gettext_lazy("Later"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return follow_ups_due(queryset, today)
        if self.value() == "later":
            return queryset.filter(next_follow_up__gt=today, done=False)
        return queryset


@admin.register(ContactLog)
class ContactLogAdmin(CoordinatorScopedAdmin):
    """The coordinator's follow-ups; filter "Due now" is the list of whom to contact."""

    program_path = "cohort__program"
    list_display = ("happened_on", "about", "kind", "note_start", "next_follow_up", "done")
    list_filter = (DueFilter, "kind", ("cohort", admin.RelatedOnlyFieldListFilter))
    list_editable = ("done",)
    list_select_related = ("participant__user", "match__mentor__user", "match__mentee__user")
    fields = (
        "cohort",
        "participant",
        "match",
        "kind",
        "happened_on",
        "note",
        "next_follow_up",
        "done",
    )
    ordering = ("done", "next_follow_up")

    @admin.display(description=gettext_lazy("about"))
    def about(self, obj: ContactLog) -> str:
        if obj.match_id:
            return (
                f"{obj.match.mentor.user.get_full_name()} – {obj.match.mentee.user.get_full_name()}"
            )
        return obj.participant.user.get_full_name()

    @admin.display(description=gettext_lazy("note"))
    def note_start(self, obj: ContactLog) -> str:
        return obj.note[:80]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.coordinator = request.user
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The cohort decides whom the pickers list: the entry's own, or ?cohort= on a
        # new one (the cohort and health pages link here with it).
        request._contact_cohort = obj.cohort_id if obj else int_or_none(request.GET.get("cohort"))
        return super().get_form(request, obj, change, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if cohort := int_or_none(request.GET.get("cohort")):
            initial["cohort"] = cohort
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        cohort = getattr(request, "_contact_cohort", None)
        if db_field.name == "participant":
            field.queryset = field.queryset.select_related("user").order_by(
                "user__last_name", "user__first_name"
            )
            if cohort:
                field.queryset = field.queryset.filter(cohort_id=cohort)
            field.label_from_instance = lambda p: (
                f"{p.user.get_full_name() or p.user.email} ({p.get_role_display().lower()})"
            )
        elif db_field.name == "match":
            field.queryset = field.queryset.select_related("mentor__user", "mentee__user")
            if cohort:
                field.queryset = field.queryset.filter(cohort_id=cohort)
            field.label_from_instance = lambda m: (
                f"{m.mentee.user.get_full_name()} – {m.mentor.user.get_full_name()}"
            )
        return field


class QuestionnaireItemInline(FieldLanguageMixin, admin.StackedInline):
    # Stacked: eight columns with two text areas pushed the page sideways at 1366 px.
    model = QuestionnaireItem
    extra = 1
    fields = (
        "order",
        "kind",
        "text_sv",
        "text_en",
        "options_sv",
        "options_en",
        "low_at_most",
        "flag_on_no",
    )


class CheckInScheduleInline(LabelledTabularInline):
    model = CheckInSchedule
    extra = 1
    fields = ("trigger", "days", "repeat_every", "on_date", "audience")


@admin.register(ProgramGoal)
class ProgramGoalAdmin(CoordinatorScopedAdmin):
    """The program's stated goals, each measured by a check-in question: the
    self-assessment report shows each before and after."""

    list_display = (localized_column("text", gettext_lazy("goal")), "program", "item", "order")
    list_filter = (("program", admin.RelatedOnlyFieldListFilter),)
    fields = ("program", "text_sv", "text_en", "item", "order")

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "item":  # a countable question of the coordinator's programs
            items = (
                QuestionnaireItem.objects.exclude(kind=ItemKind.TEXT)
                .select_related("questionnaire__program")
                .order_by("questionnaire__program", "questionnaire", "order")
            )
            if not request.user.is_superuser:
                items = items.filter(
                    questionnaire__program__in=coordinated_program_ids(request.user)
                )
            kwargs["queryset"] = items
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda item: f"{item.questionnaire.title}: {item.text}"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Questionnaire)
class QuestionnaireAdmin(CoordinatorScopedAdmin):
    """Check-ins and self-assessments: their questions and when they go out."""

    list_display = (localized_column("title", gettext_lazy("title")), "program", "kind")
    list_filter = ("kind", ("program", admin.RelatedOnlyFieldListFilter))
    inlines = [QuestionnaireItemInline, CheckInScheduleInline]


# --- Lists that exist to be filtered and exported ------------------------------------


class SessionResource(ExportResource):
    program = Field(attribute="match__cohort__program__name", column_name=gettext_lazy("program"))
    cohort = Field(attribute="match__cohort__name", column_name=gettext_lazy("cohort"))
    mentee = Field(
        attribute="match__mentee__user__get_full_name", column_name=gettext_lazy("mentee")
    )
    mentor = Field(
        attribute="match__mentor__user__get_full_name", column_name=gettext_lazy("mentor")
    )
    state = Field(attribute="get_state_display", column_name=gettext_lazy("state"))

    class Meta:
        model = Session
        fields = (
            "id",
            "program",
            "cohort",
            "mentee",
            "mentor",
            "starts_at",
            "duration_minutes",
            "state",
            "actual_minutes",
        )
        export_order = fields


@admin.register(Session)
class SessionAdmin(LoggedExportMixin, CoordinatorScopedAdmin):
    """The pairs' 1:1 meetings, to filter and export (they are planned and logged by the
    pair on the dashboard)."""

    program_path = "match__cohort__program"
    resource_classes = [SessionResource]
    list_display = ("starts_at", "match", "state", "duration_minutes", "actual_minutes")
    list_filter = ("state", ("match__cohort", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("match__mentee__user", "match__mentor__user", "match__cohort__program")
    search_fields = ("match__mentee__user__last_name", "match__mentor__user__last_name")
    date_hierarchy = "starts_at"
    fields = ("match", "starts_at", "duration_minutes", "state", "actual_minutes")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


class RsvpResource(ExportResource):
    meetup = Field(attribute="meetup__title", column_name=gettext_lazy("meetup"))
    starts_at = Field(attribute="meetup__starts_at", column_name=gettext_lazy("starts"))
    cohort = Field(attribute="meetup__cohort__name", column_name=gettext_lazy("cohort"))
    first_name = Field(
        attribute="participant__user__first_name", column_name=gettext_lazy("first name")
    )
    last_name = Field(
        attribute="participant__user__last_name", column_name=gettext_lazy("last name")
    )
    role = Field(attribute="participant__get_role_display", column_name=gettext_lazy("role"))
    answer = Field(attribute="get_answer_display", column_name=gettext_lazy("answer"))
    attendance = Field(attribute="get_attendance_display", column_name=gettext_lazy("attendance"))
    travel_mode = Field(
        attribute="get_travel_mode_display", column_name=gettext_lazy("travelling by")
    )

    class Meta:
        model = Rsvp
        fields = (
            "id",
            "meetup",
            "starts_at",
            "cohort",
            "first_name",
            "last_name",
            "role",
            "answer",
            "attendance",
            "needs_lodging",
            "nights",
            "room_sharing",
            "travel_from",
            "travel_mode",
            "travel_cost",
            "diet",
            "accessibility",
        )
        export_order = fields

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        if not self.include_sensitive:
            # Diets and accessibility needs can tell of health: only when asked for.
            del self.fields["diet"], self.fields["accessibility"]


@admin.register(Rsvp)
class RsvpAdmin(LoggedExportMixin, CoordinatorScopedAdmin):
    """Answers to meetups and attendance, to filter and export."""

    program_path = "meetup__cohort__program"
    resource_classes = [RsvpResource]
    export_form_class = SensitiveExportForm
    list_display = ("participant", "meetup", "answer", "attendance", "needs_lodging")
    list_filter = (
        "attendance",
        "answer",
        ("meetup", admin.RelatedOnlyFieldListFilter),
        ("meetup__cohort", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("participant__user", "participant__cohort__program", "meetup")
    search_fields = ("participant__user__last_name", "participant__user__first_name")
    fields = ("meetup", "participant", "answer", "attendance", "needs_lodging")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


class CheckInAnswerResource(ExportResource):
    questionnaire = Field(
        attribute="check_in__schedule__questionnaire__title",
        column_name=gettext_lazy("questionnaire"),
    )
    cohort = Field(
        attribute="check_in__participant__cohort__name", column_name=gettext_lazy("cohort")
    )
    first_name = Field(
        attribute="check_in__participant__user__first_name", column_name=gettext_lazy("first name")
    )
    last_name = Field(
        attribute="check_in__participant__user__last_name", column_name=gettext_lazy("last name")
    )
    role = Field(
        attribute="check_in__participant__get_role_display", column_name=gettext_lazy("role")
    )
    question = Field(attribute="item__text", column_name=gettext_lazy("question"))
    answered_at = Field(attribute="check_in__answered_at", column_name=gettext_lazy("answered"))

    class Meta:
        model = CheckInAnswer
        fields = (
            "id",
            "questionnaire",
            "cohort",
            "first_name",
            "last_name",
            "role",
            "question",
            "value",
            "answered_at",
        )
        export_order = fields


@admin.register(CheckInAnswer)
class CheckInAnswerAdmin(LoggedExportMixin, CoordinatorScopedAdmin):
    """Answers to check-ins and self-assessments, to filter and export."""

    program_path = "check_in__participant__cohort__program"
    resource_classes = [CheckInAnswerResource]
    list_display = ("check_in", "item", "value")
    list_filter = (
        ("check_in__schedule__questionnaire", admin.RelatedOnlyFieldListFilter),
        ("check_in__participant__cohort", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = (
        "check_in__participant__user",
        "check_in__participant__cohort__program",
        "check_in__schedule__questionnaire",
        "item",
    )
    search_fields = ("check_in__participant__user__last_name",)
    fields = ("check_in", "item", "value")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("answer")
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        return [
            ("overdue", gettext_lazy("Overdue (unanswered a week after it was due)")),
            ("open", gettext_lazy("Not answered")),
            ("answered", gettext_lazy("Answered")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(check_in_overdue(timezone.now()))
        if self.value() == "open":
            return queryset.filter(answered_at__isnull=True)
        if self.value() == "answered":
            return queryset.filter(answered_at__isnull=False)
        return queryset


@admin.register(CheckIn)
class CheckInAdmin(CoordinatorScopedAdmin):
    """Who has been sent which check-in, when it was due and whether it came back."""

    program_path = "participant__cohort__program"
    list_display = ("person", "role", "questionnaire", "cohort", "due_on", "answered_at", "low")
    list_filter = (
        OverdueFilter,
        ("participant__cohort", admin.RelatedOnlyFieldListFilter),
        ("schedule__questionnaire", admin.RelatedOnlyFieldListFilter),
        "low",
    )
    list_select_related = (
        "participant__user",
        "participant__cohort__program",
        "schedule__questionnaire",
    )
    search_fields = ("participant__user__first_name", "participant__user__last_name")
    date_hierarchy = "due_on"
    fields = ("participant", "schedule", "match", "due_on", "answered_at", "low")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # the schedules send them

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("name"), ordering="participant__user__last_name")
    def person(self, obj: CheckIn) -> str:
        return obj.participant.user.get_full_name() or obj.participant.user.email

    @admin.display(description=gettext_lazy("role"))
    def role(self, obj: CheckIn) -> str:
        return obj.participant.get_role_display()

    @admin.display(description=gettext_lazy("questionnaire"))
    def questionnaire(self, obj: CheckIn) -> str:
        return str(obj.schedule.questionnaire)

    @admin.display(description=gettext_lazy("cohort"))
    def cohort(self, obj: CheckIn) -> str:
        return str(obj.participant.cohort)


@admin.register(Announcement)
class AnnouncementAdmin(CoordinatorScopedAdmin):
    """The announcements sent, as a record: written and sent from the cohort's page."""

    program_path = "cohort__program"
    list_display = ("subject", "cohort", "audience", "recipients", "sent_by", "created_at")
    list_filter = ("audience", ("cohort", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("cohort__program", "sent_by")
    search_fields = ("subject", "body")
    fields = ("cohort", "audience", "meetup", "subject", "body", "recipients", "sent_by")
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # written on the cohort's announcement page, with its preview

    def has_change_permission(self, request, obj=None) -> bool:
        return False
