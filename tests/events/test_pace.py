"""Issue 13, part 3: one definition of a pair's pace and risk. A cohort with one pair per
risk reason: the health page, the coordinator's digest and the pair's dashboard name the
same reasons for every pair."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import CheckIn, CheckInSchedule, Meetup, Questionnaire, Rsvp, Session
from events.selectors.dashboard import dashboard_matches
from events.selectors.health import cohort_health
from events.services.reminders import reminders_sweep
from matching.models import Agreement, Match
from mentorship.models import OutgoingEmail
from mentorship.services import email_deliver
from programs.selectors import participations_for
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
# Each reason's words on the Swedish pages.
WORDS = {
    "no_first_meeting": "Inget första möte",
    "quiet": "Inget möte på",
    "behind_pace": "möten som väntas hittills",
    "unsigned": "Överenskommelsen inte undertecknad",
    "low_check_in": "Ett lågt svar",
    "overdue_check_in": "obesvarad i mer än en vecka",
    "missed_meetup": "Missade en obligatorisk träff",
    "proposal_unanswered": "Föreslagen för",
}


def days(n: int):
    return NOW - timedelta(days=n)


@pytest.fixture
def cohort():
    # A rolling program: each pair keeps its own pace (12 meetings over 12 months).
    cohort = CohortFactory(
        state="running",
        starts_on=timezone.localdate() - timedelta(days=400),
        ends_on=None,
        program__intake_mode="rolling",
        program__min_meetings=12,
        program__duration_months=12,
        program__cadence="monthly",
    )
    coordinator_add(program=cohort.program, user=UserFactory(email="cora@example.org"))
    return cohort


def pair(cohort, name, *, started, held=(), signed=True, state="active"):
    match = Match.objects.create(
        cohort=cohort,
        mentor=ParticipantFactory(cohort=cohort, role="mentor", user__last_name=f"M{name}"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee", user__last_name=f"A{name}"),
        state=state,
        started_at=days(started) if state == "active" else None,
    )
    Match.objects.filter(pk=match.pk).update(created_at=days(started))
    for ago in held:
        Session.objects.create(
            match=match, starts_at=days(ago), duration_minutes=60, state="held", actual_minutes=60
        )
    if signed:
        Agreement.objects.create(match=match, mentor_signed_at=NOW, mentee_signed_at=NOW)
    match.refresh_from_db()
    return match


@pytest.fixture
def pairs(cohort):
    questionnaire = Questionnaire.objects.create(program=cohort.program, title_sv="Läget")
    schedule = CheckInSchedule.objects.create(questionnaire=questionnaire, trigger="at_start")
    meetup = Meetup.objects.create(
        cohort=cohort,
        kind="network",
        title_sv="Nätverksträff",
        starts_at=days(10),
        ends_at=days(10) + timedelta(hours=2),
        mandatory=True,
    )
    built = {
        "healthy": pair(cohort, "healthy", started=40, held=[30, 5]),
        "no_first_meeting": pair(cohort, "first", started=20),
        "quiet": pair(cohort, "quiet", started=60, held=[45]),
        "behind_pace": pair(cohort, "behind", started=300, held=[60, 30, 5]),
        "unsigned": pair(cohort, "unsigned", started=20, held=[5], signed=False),
        "low_check_in": pair(cohort, "low", started=40, held=[30, 5]),
        "overdue_check_in": pair(cohort, "overdue", started=40, held=[30, 5]),
        "missed_meetup": pair(cohort, "missed", started=40, held=[30, 5]),
        "proposal_unanswered": pair(cohort, "proposed", started=10, signed=False, state="proposed"),
    }
    CheckIn.objects.create(
        schedule=schedule,
        participant=built["low_check_in"].mentee,
        due_on=days(3).date(),
        answered_at=days(2),
        low=True,
    )
    CheckIn.objects.create(
        schedule=schedule, participant=built["overdue_check_in"].mentee, due_on=days(10).date()
    )
    Rsvp.objects.create(
        meetup=meetup, participant=built["missed_meetup"].mentor, attendance="absent"
    )
    return built


def test_health_digest_and_dashboard_agree_on_every_pair(cohort, pairs):
    health = {p.match.pk: p.risks for p in cohort_health(cohort, now=NOW)["pairs"]}

    reminders_sweep(now=NOW, digest=True)
    digest = OutgoingEmail.objects.get(template="coordinator_digest", to="cora@example.org")
    email_deliver(email_id=digest.pk)
    lines = mail.outbox[-1].body.splitlines()

    for reason, match in pairs.items():
        expected = [] if reason == "healthy" else [reason]
        codes_in_health = health[match.pk]
        assert len(codes_in_health) == len(expected), (reason, codes_in_health)
        if expected:
            assert WORDS[reason] in codes_in_health[0], (reason, codes_in_health)
        # The digest names the pair with the same words.
        name = f"{match.mentor.user.get_full_name()} – {match.mentee.user.get_full_name()}"
        in_digest = [line for line in lines if name in line]
        assert len(in_digest) == (1 if expected else 0), (reason, in_digest)
        if expected:
            assert in_digest[0].endswith(": " + "; ".join(codes_in_health))
        # The pair sees the same on their dashboard.
        mine = next(
            m
            for m in dashboard_matches(match.mentee.user, participations_for(match.mentee.user))
            if m.pk == match.pk
        )
        assert mine.risks == codes_in_health, reason
    assert re.search(r"Inget första möte \d+ dagar", "\n".join(lines))
