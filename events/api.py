"""The API's sessions, meetups, attendance and check-ins."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.response import Response

from events.enums import Attendance
from events.models import CheckIn, CheckInAnswer, Meetup, Rsvp, Session
from events.services.meetups import attendance_set
from mentorship.errors import Refusal
from programs.api.resources import ScopedViewSet, scoped_schema


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = [
            "id",
            "match",
            "starts_at",
            "duration_minutes",
            "state",
            "actual_minutes",
            "created_at",
            "updated_at",
        ]


@scoped_schema(OpenApiParameter("match", OpenApiTypes.INT))
class SessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """A pair's meetings: when, how long, whether held. What was said stays with the
    pair."""

    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    program_path = "match__cohort__program"
    cohort_path = "match__cohort"
    filters = {"match": "match_id"}


class MeetupSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meetup
        fields = [
            "id",
            "cohort",
            "kind",
            "title_sv",
            "title_en",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "audience",
            "mandatory",
            "capacity",
            "created_at",
            "updated_at",
        ]


@scoped_schema()
class MeetupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Meetup.objects.all()
    serializer_class = MeetupSerializer


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rsvp
        fields = ["id", "meetup", "participant", "answer", "attendance", "updated_at"]
        read_only_fields = ["meetup", "participant", "answer"]


class AttendanceMarkSerializer(serializers.Serializer):
    attendance = serializers.ChoiceField(choices=Attendance.choices)


@scoped_schema(OpenApiParameter("meetup", OpenApiTypes.INT))
class AttendanceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, ScopedViewSet
):
    """Each invitee's answer and attendance; a write token marks attendance from the
    meetup's start."""

    queryset = Rsvp.objects.select_related("meetup")
    serializer_class = AttendanceSerializer
    program_path = "meetup__cohort__program"
    cohort_path = "meetup__cohort"
    filters = {"meetup": "meetup_id"}
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(request=AttendanceMarkSerializer, responses=AttendanceSerializer)
    def partial_update(self, request, *args, **kwargs) -> Response:
        rsvp = self.get_object()
        incoming = AttendanceMarkSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            attendance_set(rsvp=rsvp, attendance=incoming.validated_data["attendance"])
        except Refusal as error:
            return self.refused(error)
        return Response(AttendanceSerializer(rsvp).data)


class CheckInAnswerSerializer(serializers.ModelSerializer):
    text = serializers.CharField(source="item.text_en")

    class Meta:
        model = CheckInAnswer
        fields = ["item", "text", "value"]


class CheckInSerializer(serializers.ModelSerializer):
    questionnaire = serializers.IntegerField(source="schedule.questionnaire_id")
    answers = CheckInAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "participant",
            "match",
            "questionnaire",
            "due_on",
            "occurrence",
            "answered_at",
            "low",
            "answers",
            "created_at",
            "updated_at",
        ]


@scoped_schema()
class CheckInViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Check-ins sent to participants, with their answers once answered."""

    queryset = CheckIn.objects.select_related("schedule").prefetch_related("answers__item")
    serializer_class = CheckInSerializer
    program_path = "participant__cohort__program"
    cohort_path = "participant__cohort"
