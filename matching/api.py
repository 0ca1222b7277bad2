"""The API's matches (read only: pairs are made on the matching board)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, serializers

from matching.models import Match
from programs.api.resources import ScopedViewSet, scoped_schema


class MatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Match
        fields = [
            "id",
            "cohort",
            "mentor",
            "mentee",
            "state",
            "source",
            "score",
            "started_at",
            "ended_at",
            "created_at",
            "updated_at",
        ]


@scoped_schema(OpenApiParameter("state", OpenApiTypes.STR))
class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Matches; `mentor` and `mentee` are participant ids."""

    queryset = Match.objects.all()
    serializer_class = MatchSerializer
    text_filters = {"state": "state"}
