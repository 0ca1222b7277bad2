from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from matching.selectors import without_live_match
from mentorship.forms import label_split_datetime, mark_language
from mentorship.models import User, localized
from programs.admin.exports import LoggedExportMixin, ParticipantResource
from programs.admin.history import ChangeHistoryMixin
from programs.enums import LanguageSpoken
from programs.models import (
    Cohort,
    Organisation,
    OrganisationContact,
    Participant,
    Profile,
    Program,
)
from programs.rules import may_coordinate
from programs.selectors import (
    choices_for,
    coordinated_program_ids,
    fee_unpaid,
    organisations_of,
    programs_using,
    programs_visible_to,
)
from programs.services.core import coordinator_add
from programs.services.organisations import (
    contact_invite,
    organisation_find,
    organisation_merge,
    organisation_named,
)


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


def localized_column(field: str, description: str):
    """A list column showing `<field>_en` on an English page and `<field>_sv` on a Swedish
    one (Swedish when there is no English), sorted by the Swedish text."""

    @admin.display(description=description, ordering=f"{field}_sv")
    def column(obj) -> str:
        return localized(obj, field)

    column.__name__ = field
    return column


class FieldLanguageMixin:
    """Every `_sv`/`_en` box of an admin form says which language it holds, and every
    split date and time box has a name of its own."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        mark_language(field, db_field.name)
        if field is not None:
            label_split_datetime(field, str(field.label or db_field.name))
        return field


class LabelledTabularInline(FieldLanguageMixin, admin.TabularInline):
    """A table of rows whose boxes have names for screen readers too: the column heading
    labels them only to the eye (WCAG 1.3.1, 4.1.2)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index) -> None:
                super().add_fields(form, index)
                # "Name (Swedish), cohort 2": the row says whose box it is.
                row = f"{self.model._meta.verbose_name} {index + 1 if index is not None else ''}"
                for name, field in form.fields.items():
                    label = f"{field.label or name}, {row.strip()}"
                    if isinstance(field.widget, forms.HiddenInput):
                        continue
                    label_split_datetime(field, label)
                    if not isinstance(field.widget, forms.MultiWidget):
                        field.widget.attrs.setdefault("aria-label", label)

        return Labelled


class CoordinatorScopedAdmin(FieldLanguageMixin, admin.ModelAdmin):
    """A coordinator sees and edits only rows of the programs they coordinate.

    `program_path` is the lookup from the model to its Program ("" for Program itself).
    Model permissions come from the Coordinators group; this narrows them to rows.
    """

    program_path = "program"
    # Links typed without a scheme are https (Django 6's default, today).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_changelist_form(self, request: HttpRequest, **kwargs):
        """The list's editable boxes are named for screen readers ("fee: Anna Berg"):
        the column heading labels them only to the eye."""
        form = super().get_changelist_form(request, **kwargs)

        class Labelled(form):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                for name, field in self.fields.items():
                    if not isinstance(field.widget, forms.HiddenInput):
                        label = f"{field.label or name}: {self.instance}"
                        field.widget.attrs.setdefault("aria-label", label)

        return Labelled

    def scope(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if request.user.is_superuser:
            return queryset
        lookup = f"{self.program_path}__in" if self.program_path else "pk__in"
        return queryset.filter(**{lookup: coordinated_program_ids(request.user)})

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.scope(request, super().get_queryset(request))

    def _may(self, request: HttpRequest, obj: object | None) -> bool:
        return obj is None or may_coordinate(request.user, obj)

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


class CohortInline(LabelledTabularInline):
    model = Cohort
    extra = 0
    fields = ("name_sv", "state", "starts_on", "ends_on", "mentor_seats", "mentee_seats")
    show_change_link = True


class ProgramForm(forms.ModelForm):
    """The language knock-outs as boxes to tick, not a comma-separated list of codes."""

    mentor_languages = forms.MultipleChoiceField(
        label=_("Languages every mentor speaks"),
        choices=LanguageSpoken.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A knock-out on the profile: a mentor missing one is flagged not eligible."),
    )
    mentee_languages = forms.MultipleChoiceField(
        label=_("Languages every mentee speaks"),
        choices=LanguageSpoken.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A knock-out on the profile: a mentee missing one is flagged not eligible."),
    )

    class Meta:
        model = Program
        fields = ("mentor_languages", "mentee_languages")  # the admin adds its fieldsets


@admin.register(Program)
class ProgramAdmin(ChangeHistoryMixin, CoordinatorScopedAdmin):
    form = ProgramForm
    change_form_template = "admin/change_history_form.html"
    history_models = ("programs.ProgramEvent", "programs.ProgramCoordinatorEvent")
    program_path = ""
    list_display = (
        localized_column("name", _("name")),
        "intake_mode",
        "organiser",
        "fee_per_mentee",
        "is_published",
    )
    list_filter = ("intake_mode", "is_published")
    search_fields = ("name_sv", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_sv",)}
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
                    "mentor_languages",
                    "mentee_requirements_sv",
                    "mentee_requirements_en",
                    "mentee_languages",
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
                    "meetings_booked_by",
                )
            },
        ),
        (
            _("Agreement"),
            {
                "fields": (
                    "agreement_terms_sv",
                    "agreement_terms_en",
                    "signatures_before_logging",
                    "coordinator_at_first_meeting",
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
            if not request.user.is_superuser:
                staff = staff.filter(
                    coordinated_programs__in=coordinated_program_ids(request.user)
                ).distinct()
            kwargs["queryset"] = staff
            # Tick boxes: the admin's two-list widget puts a label on a bare span (axe:
            # aria-prohibited-attr), and a program has a handful of coordinators.
            kwargs["widget"] = forms.CheckboxSelectMultiple
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
    # Few columns, the hub link next to the name: the list fits 1366 px with the sidebar
    # and the filters (seats and rules are on the hub and the form).
    list_display = (
        localized_column("name", _("name")),
        "coordinator_pages",
        "program",
        "state",
        "starts_on",
    )
    list_filter = ("state", "seat_rule", ("program", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name_sv", "name_en", "program__name_sv", "program__name_en")
    date_hierarchy = "starts_on"
    list_select_related = ("program",)
    fieldsets = (
        (None, {"fields": ("program", "name_sv", "name_en", "state")}),
        (_("Dates"), {"fields": ("starts_on", "ends_on")}),
        (
            _("Applications"),
            {
                "fields": (
                    ("mentor_intake", "mentee_intake"),
                    "application_opens_at",
                    "application_closes_at",
                    "nomination_deadline",
                    "seat_rule",
                    "nomination_seat",
                    "nominations_minimum",
                    "mentee_partner",
                    "mentor_seats",
                    "mentee_seats",
                )
            },
        ),
    )

    @admin.display(description=_("cohort page"))
    def coordinator_pages(self, obj: Cohort) -> str:
        # One link to the cohort's hub, which links every page about the cohort (a column
        # of six links pushed the list sideways at 1366 px).
        return format_html('<a href="{}">{}</a>', reverse("cohort_hub", args=[obj.pk]), _("Open"))


class LiveMatchFilter(admin.SimpleListFilter):
    title = _("pair")
    parameter_name = "pair"

    def lookups(self, request, model_admin):
        return [("none", _("Accepted, no pair yet"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return without_live_match(queryset)
        return queryset


class FeeFilter(admin.SimpleListFilter):
    title = _("fee")
    parameter_name = "fee"

    def lookups(self, request, model_admin):
        return [("unpaid", _("Not paid"))]

    def queryset(self, request, queryset):
        if self.value() == "unpaid":
            return fee_unpaid(queryset)
        return queryset


@admin.register(Participant)
class ParticipantAdmin(ChangeHistoryMixin, LoggedExportMixin, CoordinatorScopedAdmin):
    change_form_template = "admin/change_history_form.html"
    history_models = ("programs.ParticipantEvent",)
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
        LiveMatchFilter,
        FeeFilter,
        ("cohort__program", admin.RelatedOnlyFieldListFilter),
        ("cohort", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("user__first_name", "user__last_name", "user__email", "organisation__name")
    list_select_related = ("user", "cohort__program", "organisation")
    # Plain selects: the admin's autocomplete gives its box no accessible name (axe:
    # aria-input-field-name), and its user look-up is for superusers only.
    raw_id_fields = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # People join through their application: the public form, a nomination, or the
        # coordinator's registration of someone who phoned (each with its consent).
        return request.user.is_superuser and super().has_add_permission(request)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "user") if obj is not None else fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("name"), ordering="user__last_name")
    def person(self, obj: Participant) -> str:
        return obj.user.get_full_name() or obj.user.email

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj: Participant) -> str:
        return obj.user.email


class OrganisationForm(forms.ModelForm):
    """A name that exists already (case, spacing and punctuation aside) is not a second
    organisation: saving adds the existing one to the chosen programs' lists."""

    class Meta:
        model = Organisation
        fields = (
            "name",
            "kind",
            "org_number",
            "invoice_reference",
            "website",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            "programs",
            "sso_domains",
            "sso_app",
        )

    def clean_sso_domains(self) -> list[str]:
        domains = [d.strip().lower().lstrip("@") for d in self.cleaned_data["sso_domains"]]
        for domain in domains:
            if "." not in domain or "@" in domain or " " in domain:
                raise forms.ValidationError(
                    _("“%(domain)s” is not an email domain (like agency.example.org).")
                    % {"domain": domain}
                )
        return domains

    website = forms.URLField(
        label=_("website"), required=False, assume_scheme="https", max_length=200
    )
    existing: Organisation | None = None

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        found = organisation_find(name)
        if found is not None and found.pk != self.instance.pk:
            if self.instance.pk:
                raise forms.ValidationError(
                    _("“%(name)s” exists already: merge the two instead.") % {"name": found}
                )
            self.existing = found
        return name

    def validate_unique(self) -> None:
        if self.existing is None:
            super().validate_unique()

    def validate_constraints(self) -> None:
        if self.existing is None:
            super().validate_constraints()


@admin.register(Organisation)
class OrganisationAdmin(ChangeHistoryMixin, admin.ModelAdmin):
    """A coordinator sees the organisations of their programs and changes only those no
    other program uses; shared ones are the superuser's (a rename would change another
    program's people, a deletion their nominations)."""

    change_form_template = "admin/change_history_form.html"
    history_models = ("programs.OrganisationEvent",)

    form = OrganisationForm
    list_display = ("name", "kind", "city", "org_number")
    list_filter = ("kind",)
    search_fields = ("name", "org_number", "city")
    actions = ["merge_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            pk__in=organisations_of(coordinated_program_ids(request.user)).values("pk")
        )

    def _owns(self, request: HttpRequest, obj: Organisation | None) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        used = programs_using(obj)
        return bool(used) and used <= coordinated_program_ids(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._owns(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # Single sign-on decides who may log in as whom: the superuser's to set.
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ("sso_domains", "sso_app")
        elif obj is not None and obj.sso_app_id and obj.sso_app.provider == "saml":
            readonly += ("saml_service_provider",)
        return readonly

    @admin.display(description=_("for the identity provider's administrator"))
    def saml_service_provider(self, obj: Organisation) -> str:
        """What the organisation's IT department enters in its SAML identity provider:
        this site's metadata (with its entity id) and where answers are posted."""
        slug = obj.sso_app.client_id
        return format_html(
            "{}<br><code>{}</code><br>{}<br><code>{}</code><br>{}",
            _("Metadata and entity id of this site:"),
            settings.SITE_URL + reverse("saml_metadata", kwargs={"organization_slug": slug}),
            _("Assertion consumer service (HTTP-POST):"),
            settings.SITE_URL + reverse("saml_acs", kwargs={"organization_slug": slug}),
            _(
                "The provider must release the person's email address and an "
                "email_verified attribute that is true (mapped in the identity provider's "
                "settings): an address it does not vouch for links no account."
            ),
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._owns(request, obj)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # A new organisation goes on the lists of the coordinator's programs.
        initial = super().get_changeform_initial_data(request)
        if not request.user.is_superuser:
            initial.setdefault("programs", list(coordinated_program_ids(request.user)))
        return initial

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "programs":
            kwargs["queryset"] = programs_visible_to(request.user)
            kwargs["widget"] = forms.CheckboxSelectMultiple  # see ProgramAdmin.coordinators
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if form.existing is not None:
            # Not a second row: the existing organisation joins the chosen lists.
            obj.pk, obj._state.adding = form.existing.pk, False
            obj.name, obj.listed_existing = form.existing.name, True
            self.message_user(
                request,
                _("“%(name)s” existed already; it is now listed in the programs you chose.")
                % {"name": form.existing},
            )
            return
        super().save_model(request, obj, form, change)

    def response_add(self, request: HttpRequest, obj, post_url_continue=None):
        if getattr(obj, "listed_existing", False):
            # Nothing was added: say only what happened (save_model did), and show it.
            return redirect("admin:programs_organisation_change", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        chosen = list(form.cleaned_data.get("programs") or [])
        if not chosen and not request.user.is_superuser:
            # Nothing ticked: it belongs to the coordinator's programs, or they would
            # lose sight of what they just added.
            chosen = list(programs_visible_to(request.user))
            form.cleaned_data["programs"] = chosen
        if form.existing is not None:
            form.existing.programs.add(*chosen)
            return
        if change and not request.user.is_superuser:
            # Keep the lists of programs this coordinator does not run.
            others = form.instance.programs.exclude(pk__in=coordinated_program_ids(request.user))
            keep = list(others)
            super().save_related(request, form, formsets, change)
            form.instance.programs.add(*keep)
            return
        super().save_related(request, form, formsets, change)

    @admin.action(description=_("Merge the selected organisations into the oldest"))
    def merge_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        chosen = list(queryset.order_by("pk"))
        if len(chosen) < 2:
            self.message_user(request, _("Choose two or more organisations."), messages.ERROR)
            return
        if not all(self._owns(request, organisation) for organisation in chosen):
            self.message_user(
                request,
                _("Some of them are used by other programs too: ask a superuser to merge."),
                messages.ERROR,
            )
            return
        keep, *others = chosen
        for other in others:
            organisation_merge(keep=keep, merge=other, by=request.user)
        self.message_user(
            request,
            _("%(n)s organisations merged into “%(name)s”.") % {"n": len(others), "name": keep},
        )


class ContactInviteForm(forms.ModelForm):
    """Adding a contact person is inviting them: name and email address, not an account
    picked by id (a coordinator cannot create accounts otherwise)."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("email"))
    new_organisation = forms.CharField(
        label=_("or a new organisation"),
        max_length=200,
        required=False,
        help_text=_("Its name, when it is not in the list yet: it is added to the program."),
    )

    class Meta:
        model = OrganisationContact
        fields = ("organisation", "program", "title")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].required = True
        self.fields["program"].help_text = _(
            "They are emailed an invitation with a link to choose a password; their page "
            "then shows the program's nomination forms."
        )
        self.fields["organisation"].required = False
        self.order_fields(["first_name", "last_name", "email", "organisation", "program"])

    def clean(self):
        cleaned = super().clean()
        name = " ".join(cleaned.get("new_organisation", "").split())
        if not cleaned.get("organisation") and not name:
            self.add_error("organisation", _("Choose the organisation, or name a new one."))
        elif name and not cleaned.get("organisation"):
            cleaned["organisation"] = organisation_find(name)
        email, organisation, program = (
            cleaned.get("email"),
            cleaned.get("organisation"),
            cleaned.get("program"),
        )
        if email and organisation and program:
            taken = OrganisationContact.objects.filter(
                user__email__iexact=email, organisation=organisation, program=program
            ).exists()
            if taken:
                self.add_error("email", _("This person is already a contact for it here."))
        return cleaned


@admin.register(OrganisationContact)
class OrganisationContactAdmin(CoordinatorScopedAdmin):
    list_display = ("user", "organisation", "program", "title")
    list_filter = (("program", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__email", "user__last_name", "organisation__name")
    list_select_related = ("user", "organisation", "program")
    # A plain select of the program's organisations: the admin's autocomplete widget
    # gives its box no accessible name (axe: aria-input-field-name).
    raw_id_fields = ("user",)

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        if obj is None:
            kwargs["form"] = ContactInviteForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj=None):
        if obj is None:
            return (
                "first_name",
                "last_name",
                "email",
                "organisation",
                "new_organisation",
                "program",
                "title",
            )
        return super().get_fields(request, obj)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change:
            return super().save_model(request, obj, form, change)
        organisation = form.cleaned_data["organisation"] or organisation_named(
            form.cleaned_data["new_organisation"]
        )
        contact = contact_invite(
            program=form.cleaned_data["program"],
            organisation=organisation,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            title=form.cleaned_data.get("title", ""),
            by=request.user,
        )
        obj.pk, obj.user, obj.organisation = contact.pk, contact.user, contact.organisation
        obj._state.adding = False
        self.message_user(
            request,
            _("%(name)s is invited: the email with their login link is on its way.")
            % {"name": contact.user.get_full_name() or contact.user.email},
        )


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
