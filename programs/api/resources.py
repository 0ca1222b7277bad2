"""The REST API: how it authenticates, scopes, pages and limits, and its program resources.

Django REST Framework, for its serializers, throttles and cursor pagination, with
drf-spectacular for the OpenAPI schema. Each request carries a coordinator's API token
(`Authorization: Bearer mtk_…`); it reaches the programs the token was made for that
its maker still coordinates, reads everywhere there, writes only with a write token,
and sees sensitive answers only with a token allowed them, each such read logged.
Every write goes through the same service as the admin's.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from mentorship.errors import Refusal
from programs.enums import Role
from programs.forms import ApiApplicationForm
from programs.models import (
    Application,
    Cohort,
    Organisation,
    Participant,
    Program,
    Question,
    QuestionChoice,
    SensitiveAccess,
)
from programs.selectors import api_token_program_ids, questions_for
from programs.services.core import FEE_FIELDS, participant_fee_set
from programs.services.intake import application_register_through_api

COHORT_PARAMETER = OpenApiParameter(
    "cohort", OpenApiTypes.INT, description="Only this cohort's (its id)."
)
UPDATED_PARAMETER = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only what was created or changed at or after this time (ISO 8601).",
)


class ScopedViewSet(viewsets.GenericViewSet):
    """Rows of the token's programs only (another program's are not found); filters by
    cohort and by time of the last change. `program_path` leads from the model to its
    program, `cohort_path` to its cohort."""

    program_path = "cohort__program"
    cohort_path: str | None = "cohort"
    filters: dict[str, str] = {}  # a parameter that takes an id, and the lookup it filters
    text_filters: dict[str, str] = {}  # one that takes a value as it is ("mentor", "active")

    def get_queryset(self):
        queryset = super().get_queryset()
        lookup = f"{self.program_path}__in" if self.program_path else "pk__in"
        queryset = queryset.filter(**{lookup: api_token_program_ids(self.request.auth)})
        params = self.request.query_params
        wanted = dict(self.filters)
        if self.cohort_path:
            wanted["cohort"] = self.cohort_path
        for name, path in wanted.items():
            value = params.get(name)
            if value is None:
                continue
            if not value.isdigit():
                raise ValidationError({name: [_("Give a number (an id).")]})
            queryset = queryset.filter(**{path: int(value)})
        for name, path in self.text_filters.items():
            if (value := params.get(name)) is not None:
                queryset = queryset.filter(**{path: value})
        if (since := params.get("updated_since")) is not None:
            moment = parse_datetime(since.replace(" ", "+"))
            if moment is None or moment.tzinfo is None:
                raise ValidationError(
                    {"updated_since": [_("Give a time with its zone, e.g. 2026-09-01T08:00Z.")]}
                )
            queryset = queryset.filter(updated_at__gte=moment)
        return queryset

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as error:
            raise NotFound() from error  # the same words for "not yours" and "none"

    def refused(self, error: Refusal) -> Response:
        field = error.field or "non_field_errors"
        return Response({field: [str(error)]}, status=status.HTTP_400_BAD_REQUEST)


def scoped_schema(*extra: OpenApiParameter, cohort: bool = True):
    parameters = [*extra, *([COHORT_PARAMETER] if cohort else []), UPDATED_PARAMETER]
    return extend_schema_view(list=extend_schema(parameters=parameters))


# --- Serializers ----------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "org_number"]


class ProgramSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = [
            "id",
            "slug",
            "name_sv",
            "name_en",
            "is_published",
            "intake_mode",
            "duration_months",
            "fee_per_mentee",
            "fee_per_mentor",
            "fee_currency",
            "created_at",
            "updated_at",
        ]


class CohortSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cohort
        fields = [
            "id",
            "program",
            "name_sv",
            "name_en",
            "state",
            "starts_on",
            "ends_on",
            "application_opens_at",
            "application_closes_at",
            "mentor_seats",
            "mentee_seats",
            "created_at",
            "updated_at",
        ]


class QuestionChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionChoice
        fields = ["value", "label_sv", "label_en"]


class QuestionSerializer(serializers.ModelSerializer):
    choices = QuestionChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "program",
            "role",
            "kind",
            "text_sv",
            "text_en",
            "help_sv",
            "help_en",
            "required",
            "order",
            "sensitive",
            "choices",
            "created_at",
            "updated_at",
        ]


class AnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question_id")
    text = serializers.CharField(source="question.text_en")
    sensitive = serializers.BooleanField(source="question.sensitive")
    value = serializers.JSONField()


class ApplicationSerializer(serializers.ModelSerializer):
    person = PersonSerializer(source="user", read_only=True)
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "cohort",
            "role",
            "state",
            "person",
            "submitted_at",
            "language",
            "queue_number",
            "seat_number",
            "is_eligible",
            "ineligible_reasons",
            "participant",
            "answers",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, application: Application) -> list[dict[str, Any]]:
        """Every answer; the sensitive ones only for a token allowed them (each such
        read is logged by the view)."""
        token = self.context["request"].auth
        shown = []
        for answer in application.answers.all():
            if answer.question.sensitive:
                if not token.can_read_sensitive:
                    continue
                self.context.setdefault("sensitive_shown", set()).add(application.pk)
            shown.append(AnswerSerializer(answer).data)
        return shown


class ApplicationCreateSerializer(serializers.Serializer):
    """An application filed on a person's behalf, as the public form asks it."""

    cohort = serializers.IntegerField()
    role = serializers.ChoiceField(choices=Role.choices)
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField(required=False, allow_blank=True)
    organisation = serializers.IntegerField(required=False, allow_null=True)
    organisation_name = serializers.CharField(required=False, allow_blank=True)
    title = serializers.CharField(required=False, allow_blank=True)
    profession = serializers.CharField(required=False, allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField(), required=False)
    competence_areas = serializers.ListField(child=serializers.CharField(), required=False)
    region = serializers.CharField(required=False, allow_blank=True)
    bio = serializers.CharField(required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=["sv", "en"], default="sv")
    answers = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text=(
            "The answers by question id (see /questions/): text, a number, a date "
            "(YYYY-MM-DD), true or false, a choice's value, or a list of values where "
            "several may be chosen. Questions that ask for a file are answered on the form."
        ),
    )
    consent_statement = serializers.CharField(
        help_text="How and when the person agreed to the privacy notice, in your system."
    )
    submission_token = serializers.UUIDField(
        required=False,
        help_text="Send the same value again to retry safely: one application is filed.",
    )


class ParticipantSerializer(serializers.ModelSerializer):
    person = PersonSerializer(source="user", read_only=True)
    organisation = OrganisationSerializer(read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "cohort",
            "role",
            "state",
            "person",
            "organisation",
            "capacity",
            "fee_amount",
            "paying_organisation",
            "invoice_reference",
            "paid_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["cohort", "role", "state", "capacity"]


class ParticipantFeeSerializer(serializers.ModelSerializer):
    paying_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Participant
        fields = list(FEE_FIELDS)
        extra_kwargs = {name: {"required": False} for name in FEE_FIELDS}


# --- Views ----------------------------------------------------------------------------


@scoped_schema(cohort=False)
class ProgramViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The programs the token reaches."""

    queryset = Program.objects.all()
    serializer_class = ProgramSerializer
    program_path = ""
    cohort_path = None


@scoped_schema(OpenApiParameter("program", OpenApiTypes.INT), cohort=False)
class CohortViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Cohort.objects.all()
    serializer_class = CohortSerializer
    program_path = "program"
    cohort_path = None
    filters = {"program": "program_id"}


@scoped_schema(
    OpenApiParameter("program", OpenApiTypes.INT),
    OpenApiParameter("role", OpenApiTypes.STR),
    cohort=False,
)
class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """A program's application questions: what an application sent through the API
    answers, by question id (a choice by its value)."""

    queryset = Question.objects.prefetch_related("choices")
    serializer_class = QuestionSerializer
    program_path = "program"
    cohort_path = None
    filters = {"program": "program_id"}

    def get_queryset(self):
        queryset = super().get_queryset()
        role = self.request.query_params.get("role")
        return queryset.filter(role__in=[role, "both"]) if role else queryset


@scoped_schema(
    OpenApiParameter("role", OpenApiTypes.STR), OpenApiParameter("state", OpenApiTypes.STR)
)
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    """Applications with their answers. Sensitive answers only with a token allowed
    them; each read of one is logged as a view of the application's sensitive answers."""

    queryset = Application.objects.select_related("user").prefetch_related("answers__question")

    text_filters = {"role": "role", "state": "state"}

    def get_serializer_class(self):
        return ApplicationCreateSerializer if self.action == "create" else ApplicationSerializer

    def _log_sensitive(self, serializer) -> None:
        shown = serializer.context.get("sensitive_shown") or set()
        what = f"API: {self.request.auth.name}"[:100]
        SensitiveAccess.objects.bulk_create(
            SensitiveAccess(user=self.request.user, application_id=pk, what=what)
            for pk in sorted(shown)
        )

    def list(self, request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = self.get_serializer(page, many=True)
        data = serializer.data
        self._log_sensitive(serializer)
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(self.get_object())
        data = serializer.data
        self._log_sensitive(serializer)
        return Response(data)

    @extend_schema(responses={201: ApplicationSerializer, 200: ApplicationSerializer})
    def create(self, request, *args, **kwargs) -> Response:
        incoming = ApplicationCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        body = incoming.validated_data
        cohort = (
            Cohort.objects.select_related("program")
            .filter(pk=body["cohort"], program_id__in=api_token_program_ids(request.auth))
            .first()
        )
        if cohort is None:
            raise ValidationError({"cohort": [_("No cohort with this id in your programs.")]})
        form = ApiApplicationForm(
            ApiApplicationForm.data_from(body),
            questions=questions_for(cohort, body["role"]),
            program=cohort.program,
        )
        if not form.is_valid():
            raise ValidationError(ApiApplicationForm.errors_for_api(form))
        try:
            application, new = application_register_through_api(
                cohort=cohort,
                role=body["role"],
                details=form.details(),
                answers=form.answers(),
                submission_token=form.cleaned_data["submission_token"],
                by=request.user,
                system=request.auth.name,
                consent_statement=body["consent_statement"],
                language=body["preferred_language"],
            )
        except Refusal as error:
            return self.refused(error)
        application = self.get_queryset().get(pk=application.pk)
        output = ApplicationSerializer(application, context=self.get_serializer_context())
        data = output.data
        self._log_sensitive(output)
        return Response(data, status=status.HTTP_201_CREATED if new else status.HTTP_200_OK)


@scoped_schema(
    OpenApiParameter("role", OpenApiTypes.STR), OpenApiParameter("state", OpenApiTypes.STR)
)
class ParticipantViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Participants; a write token may change the fee columns (as in the fee report)."""

    queryset = Participant.objects.select_related("user", "organisation")
    http_method_names = ["get", "patch", "head", "options"]
    text_filters = {"role": "role", "state": "state"}

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return ParticipantFeeSerializer
        return ParticipantSerializer

    @extend_schema(request=ParticipantFeeSerializer, responses=ParticipantSerializer)
    def partial_update(self, request, *args, **kwargs) -> Response:
        participant = self.get_object()
        incoming = ParticipantFeeSerializer(participant, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        try:
            participant_fee_set(participant=participant, by=request.user, **incoming.validated_data)
        except Refusal as error:
            return self.refused(error)
        return Response(ParticipantSerializer(self.get_queryset().get(pk=participant.pk)).data)
