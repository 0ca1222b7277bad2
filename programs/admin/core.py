from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mentorship.models import User
from programs.admin.exports import LoggedExportMixin, ParticipantResource
from programs.models import (
    Cohort,
    Organisation,
    OrganisationContact,
    Participant,
    Profile,
    Program,
)
from programs.rules import is_coordinator_or_superuser
from programs.selectors import choices_for, coordinated_program_ids
from programs.services.core import coordinator_add


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """A raw-id widget that names only rows its field may hold: Django's looks the typed
    or passed id up in the whole table and prints who it is."""

    def __init__(self, rel, admin_site, queryset, **kwargs) -> None:
        super().__init__(rel, admin_site, **kwargs)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        if value in (None, "") or not self.queryset.filter(**{key: value}).exists():
            return "", ""
        return super().label_and_url_for_value(value)


def scoped_widget(field, db_field, admin_site):
    """Swap a raw-id widget for one that only names rows of the field's queryset."""
    if field is None:
        return field
    widget = field.widget
    inner = getattr(widget, "widget", widget)  # inside the "add another" wrapper
    if isinstance(inner, ForeignKeyRawIdWidget) and not isinstance(inner, ScopedRawIdWidget):
        scoped = ScopedRawIdWidget(
            db_field.remote_field, admin_site, field.queryset, using=inner.db
        )
        if widget is inner:
            field.widget = scoped
        else:
            widget.widget = scoped
    return field


class CoordinatorScopedAdmin(admin.ModelAdmin):
    """A coordinator sees and edits only rows of the programs they coordinate.

    `program_path` is the lookup from the model to its Program ("" for Program itself).
    Model permissions come from the Coordinators group; this narrows them to rows.
    """

    program_path = "program"

    def scope(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.program_path}__in" if self.program_path else "pk__in"
        return queryset.filter(**{lookup: coordinated_program_ids(request.user)})

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.scope(request, super().get_queryset(request))

    def _may(self, request: HttpRequest, obj: object | None) -> bool:
        return obj is None or is_coordinator_or_superuser(request.user, obj)

    def has_view_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return super().has_view_permission(request, obj) and self._may(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: object | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        # Choices (and a raw-id widget's label) are limited to the coordinator's programs:
        # another program's person can be neither shown, nor linked, nor saved.
        choices = choices_for(db_field.related_model, request.user)
        if choices is not None and "queryset" not in kwargs:
            kwargs["queryset"] = choices
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return scoped_widget(field, db_field, self.admin_site)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        choices = choices_for(db_field.related_model, request.user)
        if choices is not None and "queryset" not in kwargs:
            kwargs["queryset"] = choices
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CohortInline(admin.TabularInline):
    model = Cohort
    extra = 0
    fields = ("name_sv", "state", "starts_on", "ends_on", "mentor_seats", "mentee_seats")
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(CoordinatorScopedAdmin):
    program_path = ""
    list_display = ("name_sv", "intake_mode", "organiser", "fee_per_mentee", "is_published")
    list_filter = ("intake_mode", "is_published")
    search_fields = ("name_sv", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_sv",)}
    autocomplete_fields = ("organiser",)
    filter_horizontal = ("coordinators",)
    inlines = [CohortInline]
    fieldsets = (
        (None, {"fields": ("slug", "name_sv", "name_en", "organiser", "is_published")}),
        (
            _("Texts"),
            {"fields": ("summary_sv", "summary_en", "description_sv", "description_en")},
        ),
        (
            _("Requirement profiles"),
            {
                "fields": (
                    "mentor_requirements_sv",
                    "mentor_requirements_en",
                    "mentee_requirements_sv",
                    "mentee_requirements_en",
                )
            },
        ),
        (
            _("Intake and meetings"),
            {
                "fields": (
                    "intake_mode",
                    "duration_months",
                    "cadence",
                    "min_meetings",
                    "hours_per_meeting",
                    "total_hours_target",
                )
            },
        ),
        (
            _("Fees"),
            {
                "fields": (
                    "fee_per_mentee",
                    "fee_per_mentee_max",
                    "fee_per_mentor",
                    "fee_currency",
                    "fee_excludes_vat",
                    "fee_note_sv",
                    "fee_note_en",
                )
            },
        ),
        (_("People"), {"fields": ("coordinators", "contact_name", "contact_email")}),
        (
            _("Diploma"),
            {
                "fields": (
                    "diploma_text_sv",
                    "diploma_text_en",
                    "diploma_signature",
                    "diploma_logo",
                )
            },
        ),
        (
            _("Personal data"),
            {"fields": ("privacy_notice_sv", "privacy_notice_en", "retention_months")},
        ),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("organiser")

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "coordinators":
            # A superuser names coordinators among all staff; a coordinator sees only
            # their programs' coordinators (choices_for), never every staff member.
            staff = User.objects.filter(is_staff=True)
            scoped = choices_for(User, request.user)
            kwargs["queryset"] = (
                staff
                if scoped is None
                else staff.filter(
                    coordinated_programs__in=coordinated_program_ids(request.user)
                ).distinct()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Whoever creates a program coordinates it, so it does not vanish from their list.
        if not change and not request.user.is_superuser:
            coordinator_add(program=form.instance, user=request.user)
        for user in form.instance.coordinators.all():
            coordinator_add(program=form.instance, user=user)


@admin.register(Cohort)
class CohortAdmin(CoordinatorScopedAdmin):
    list_display = (
        "name_sv",
        "program",
        "state",
        "starts_on",
        "ends_on",
        "application_closes_at",
        "mentor_seats",
        "mentee_seats",
        "seat_rule",
        "coordinator_pages",
    )
    list_filter = ("state", "seat_rule", ("program", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name_sv", "name_en", "program__name_sv")
    date_hierarchy = "starts_on"
    list_select_related = ("program",)
    fieldsets = (
        (None, {"fields": ("program", "name_sv", "name_en", "state")}),
        (_("Dates"), {"fields": ("starts_on", "ends_on")}),
        (
            _("Applications"),
            {
                "fields": (
                    "application_opens_at",
                    "application_closes_at",
                    "nomination_deadline",
                    "seat_rule",
                    "mentor_seats",
                    "mentee_seats",
                )
            },
        ),
    )

    @admin.display(description=_("pages"))
    def coordinator_pages(self, obj: Cohort) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>'
            ' · <a href="{}">{}</a>',
            reverse("matching_board", args=[obj.pk]),
            _("Matching board"),
            reverse("cohort_health", args=[obj.pk]),
            _("Health"),
            reverse("self_assessment", args=[obj.pk]),
            _("Self-assessment"),
            reverse("fee_report", args=[obj.pk]),
            _("Fees"),
            reverse("cohort_close", args=[obj.pk]),
            _("Close and diplomas"),
        )


@admin.register(Participant)
class ParticipantAdmin(LoggedExportMixin, CoordinatorScopedAdmin):
    program_path = "cohort__program"
    resource_classes = [ParticipantResource]
    list_display = (
        "person",
        "email",
        "role",
        "state",
        "organisation",
        "cohort",
        "capacity",
        "fee_amount",
        "invoice_reference",
        "paid_on",
    )
    list_editable = ("fee_amount", "invoice_reference", "paid_on")
    list_filter = (
        "role",
        "state",
        ("cohort__program", admin.RelatedOnlyFieldListFilter),
        ("cohort", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("user__first_name", "user__last_name", "user__email", "organisation__name")
    list_select_related = ("user", "cohort__program", "organisation")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)

    @admin.display(description=_("name"), ordering="user__last_name")
    def person(self, obj: Participant) -> str:
        return obj.user.get_full_name() or obj.user.email

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj: Participant) -> str:
        return obj.user.email


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    # Organisations take part in many programs, so every coordinator sees them all.
    list_display = ("name", "kind", "city", "org_number")
    list_filter = ("kind",)
    search_fields = ("name", "org_number", "city")


@admin.register(OrganisationContact)
class OrganisationContactAdmin(CoordinatorScopedAdmin):
    list_display = ("user", "organisation", "program", "title")
    list_filter = (("program", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__email", "user__last_name", "organisation__name")
    list_select_related = ("user", "organisation", "program")
    autocomplete_fields = ("organisation",)
    raw_id_fields = ("user",)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Profiles of the people in a coordinator's programs (read-only for coordinators)."""

    list_display = ("user", "organisation", "title", "profession", "region")
    list_filter = ("profession", "region")
    search_fields = ("user__email", "user__first_name", "user__last_name", "organisation__name")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("organisation",)
    readonly_fields = ("user",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            user__participations__cohort__program__in=coordinated_program_ids(request.user)
        ).distinct()
