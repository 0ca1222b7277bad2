"""Exports from the coordinator's admin lists, as CSV and XLSX (django-import-export).

Every export is logged (who, what, which filter, how many rows). Sensitive answers are
left out unless the coordinator ticks them in; such an export is logged as sensitive and
as a view of each application's sensitive answers.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.admin import ExportMixin
from import_export.fields import Field
from import_export.forms import ExportForm

from programs.models import Answer, Application, DataExport, Participant, SensitiveAccess
from programs.rules import may_see_sensitive_answers
from programs.services.intake import answer_as_text
from programs.spreadsheets import SafeCSV, SafeXLSX


class LoggedExportMixin(ExportMixin):
    """CSV and XLSX exports of the rows the admin list shows, each one logged."""

    export_form_class = ExportForm
    formats = [SafeCSV, SafeXLSX]

    def get_export_formats(self):
        return self.formats

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def sensitive_requested(self, export_form: forms.Form | None) -> bool:
        return bool(export_form is not None and export_form.cleaned_data.get("include_sensitive"))

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict:
        return {
            "include_sensitive": self.sensitive_requested(kwargs.get("export_form")),
            "user": request.user,
        }

    def get_export_data(self, file_format, request: HttpRequest, queryset: QuerySet, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        DataExport.objects.create(
            user=request.user,
            what=str(self.model._meta.verbose_name_plural),
            file_format=file_format.get_title(),
            filters=request.GET.urlencode()[:1000],
            rows=queryset.count(),
            sensitive=self.sensitive_requested(kwargs.get("export_form")),
        )
        return data


class ExportResource(resources.ModelResource):
    """A resource whose columns are headed by the model's (translated) field names."""

    def __init__(self, include_sensitive: bool = False, user=None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.include_sensitive = include_sensitive
        self.user = user
        for name, field in self.fields.items():
            if field.column_name == name:
                with contextlib.suppress(FieldDoesNotExist):
                    field.column_name = self._meta.model._meta.get_field(name).verbose_name


class SensitiveExportForm(ExportForm):
    include_sensitive = forms.BooleanField(
        label=_("Include sensitive answers (health, diet, ethnic background and the like)"),
        required=False,
        help_text=_("The export is then logged as one with sensitive personal data."),
    )


class ApplicationResource(ExportResource):
    """One row per application: the applicant, the screening, and a column per question
    of the programs in the export (sensitive ones only when asked for)."""

    program = Field(attribute="cohort__program__name", column_name=_("program"))
    cohort = Field(attribute="cohort__name", column_name=_("cohort"))
    first_name = Field(attribute="user__first_name", column_name=_("first name"))
    last_name = Field(attribute="user__last_name", column_name=_("last name"))
    email = Field(attribute="user__email", column_name=_("email"))
    phone = Field(attribute="user__profile__phone", column_name=_("phone"))
    organisation = Field(
        attribute="user__profile__organisation__name", column_name=_("organisation")
    )
    title = Field(attribute="user__profile__title", column_name=_("title"))
    role = Field(attribute="get_role_display", column_name=_("role"))
    state = Field(attribute="get_state_display", column_name=_("state"))

    class Meta:
        model = Application
        fields = (
            "id",
            "program",
            "cohort",
            "role",
            "state",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "title",
            "submitted_at",
            "queue_number",
            "seat_number",
            "is_eligible",
            "consent_given_at",
            "decided_at",
        )
        export_order = fields

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.answers: dict[int, dict[str, str]] = {}

    def before_export(self, queryset: QuerySet, **kwargs: Any) -> None:
        answers = (
            Answer.objects.filter(application__in=queryset.values("pk"))
            .select_related("question")
            .prefetch_related("question__choices")
            .order_by("question__program_id", "question__order", "question_id")
        )
        if not self.include_sensitive:
            answers = answers.exclude(question__sensitive=True)
        seen_sensitive = set()
        for answer in answers:
            if answer.question.sensitive:
                if not may_see_sensitive_answers(self.user, answer.question):
                    continue
                if answer.value not in (None, "", []) or answer.file:
                    seen_sensitive.add(answer.application_id)
            key = f"question_{answer.question_id}"
            if key not in self.fields:
                self.fields[key] = Field(
                    attribute=f"answers_by_question__{key}", column_name=answer.question.text
                )
            text = answer_as_text(answer.question, answer.value) or answer.file.name
            self.answers.setdefault(answer.application_id, {})[key] = text
        SensitiveAccess.objects.bulk_create(
            SensitiveAccess(user=self.user, application_id=pk, what="export")
            for pk in sorted(seen_sensitive)
        )

    def export_resource(self, instance: Application, selected_fields=None, **kwargs: Any):
        instance.answers_by_question = self.answers.get(instance.pk, {})
        return super().export_resource(instance, selected_fields, **kwargs)


class ParticipantResource(ExportResource):
    program = Field(attribute="cohort__program__name", column_name=_("program"))
    cohort = Field(attribute="cohort__name", column_name=_("cohort"))
    first_name = Field(attribute="user__first_name", column_name=_("first name"))
    last_name = Field(attribute="user__last_name", column_name=_("last name"))
    email = Field(attribute="user__email", column_name=_("email"))
    role = Field(attribute="get_role_display", column_name=_("role"))
    state = Field(attribute="get_state_display", column_name=_("state"))
    organisation = Field(attribute="organisation__name", column_name=_("organisation"))
    paid_by = Field(attribute="paying_organisation__name", column_name=_("paid by"))

    class Meta:
        model = Participant
        fields = (
            "id",
            "program",
            "cohort",
            "role",
            "state",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "capacity",
            "fee_amount",
            "paid_by",
            "invoice_reference",
            "paid_on",
        )
        export_order = fields
