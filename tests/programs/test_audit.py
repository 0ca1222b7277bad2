"""Issue 13, part 8: every state change goes through its one function, bulk ones too,
and each writes an audit entry (who, when, from, to)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from matching.models import Match
from matching.services.matching import match_end
from mentorship.models import StateChange
from programs.models import Application, Cohort, Participant
from programs.services.completion import cohort_close
from programs.services.intake import application_withdraw
from programs.services.privacy import erasure_confirm, erasure_request
from tests.factories import CohortFactory, ParticipantFactory, submit

pytestmark = pytest.mark.django_db


def changes(model, pk):
    kind = ContentType.objects.get_for_model(model)
    return list(
        StateChange.objects.filter(content_type=kind, object_id=pk)
        .order_by("pk")
        .values_list("from_state", "to_state", "by_id")
    )


def active_pair(cohort):
    return Match.objects.create(
        cohort=cohort,
        mentor=ParticipantFactory(cohort=cohort, role="mentor"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee"),
        state="active",
        started_at=timezone.now() - timedelta(days=100),
    )


def test_closing_a_cohort_audits_each_match_participant_and_the_cohort(coordinator, program):
    cohort = CohortFactory(program=program, state="running")
    first, second = active_pair(cohort), active_pair(cohort)

    cohort_close(cohort=cohort, by=coordinator)

    for match in (first, second):
        assert changes(Match, match.pk) == [("active", "completed", coordinator.pk)]
        assert changes(Participant, match.mentee_id) == [("active", "completed", coordinator.pk)]
    assert changes(Cohort, cohort.pk) == [("running", "closed", coordinator.pk)]


def test_screening_in_the_admin_audits_who_accepted(client, coordinator, cohort):
    application = submit(cohort)
    client.force_login(coordinator)

    client.post(f"/admin/programs/application/{application.pk}/screen/accept/")

    assert changes(Application, application.pk)[-1] == ("submitted", "accepted", coordinator.pk)


def test_withdrawal_and_erasure_audit_the_participant(coordinator, cohort):
    application = submit(cohort)
    from programs.services.screening import application_accept

    application_accept(application=application, by=coordinator)
    participant = Application.objects.get(pk=application.pk).participant
    application_withdraw(application=application, by=application.user)
    assert changes(Participant, participant.pk) == [("active", "withdrawn", application.user_id)]

    other = ParticipantFactory(cohort=cohort)
    erasure_confirm(request=erasure_request(user=other.user), by=coordinator)
    assert changes(Participant, other.pk) == [("active", "withdrawn", coordinator.pk)]


def test_ending_a_match_keeps_why_in_the_audit(coordinator, cohort):
    match = active_pair(cohort)

    match_end(match=match, by=coordinator, reason="Flyttade utomlands")

    entry = StateChange.objects.get(object_id=match.pk, to_state="ended")
    assert (entry.from_state, entry.by, entry.reason) == (
        "active",
        coordinator,
        "Flyttade utomlands",
    )
