"""The reminders due now, one query per kind, as rows for the outbox (rendered by the
worker in each recipient's language). `events.services.reminders` queues them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Exists,
    OuterRef,
)
from django.urls import reverse
from django.utils import timezone

from events.enums import (
    RsvpAnswer,
    SessionState,
)
from events.models import (
    ContactLog,
    Rsvp,
    Session,
)
from events.pace import (
    is_quiet,
    person_risks,
    risks,
    unpaired_with_signs,
    with_signs,
)
from events.selectors.follow_ups import follow_ups_due
from matching.enums import MatchState
from matching.models import Agreement, Match
from mentorship.models import User
from mentorship.services import deferred_row
from programs.enums import ParticipantState
from programs.models import Nomination, Participant


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def meetup_reminders(now: datetime) -> Iterator[dict[str, Any]]:
    """Seven days and one day before a meetup, to everyone invited who has not declined."""
    rsvps = (
        Rsvp.objects.filter(
            meetup__starts_at__gt=now,
            meetup__starts_at__lte=now + timedelta(days=7),
            participant__state=ParticipantState.ACTIVE,
            participant__user__profile__nudges=True,
        )
        .exclude(answer=RsvpAnswer.NO)
        .select_related("meetup__cohort", "participant__user__profile")
    )
    for rsvp in rsvps.iterator(chunk_size=2000):
        meetup = rsvp.meetup
        days = 1 if meetup.starts_at <= now + timedelta(days=1) else 7
        yield deferred_row(
            rsvp.participant.user,
            f"reminder:meetup:{days}d:{meetup.pk}:{rsvp.participant_id}",
            "reminder_meetup",
            {
                "meetup": meetup.title_sv,
                "meetup_en": meetup.title_en or meetup.title_sv,
                "when": _when(meetup.starts_at),
                "where": ", ".join(p for p in (meetup.venue, meetup.address) if p),
                "mandatory": meetup.mandatory,
                "days": days,
            },
            program_id=meetup.cohort.program_id,
        )


def session_reminders(now: datetime) -> Iterator[dict[str, Any]]:
    """The day before a planned meeting, to both members."""
    sessions = Session.objects.filter(
        state=SessionState.PLANNED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=1),
        match__state=MatchState.ACTIVE,
    ).select_related(
        "match__cohort", "match__mentor__user__profile", "match__mentee__user__profile"
    )
    for session in sessions.iterator(chunk_size=2000):
        for member, other in (
            (session.match.mentor, session.match.mentee),
            (session.match.mentee, session.match.mentor),
        ):
            user = member.user
            if not user.profile.nudges:
                continue
            yield deferred_row(
                user,
                f"reminder:session:{session.uid}:{session.sequence}:{user.pk}",
                "reminder_session",
                {
                    "when": _when(session.starts_at),
                    "where": session.location or session.video_link,
                    "other": other.user.get_full_name(),
                },
                program_id=session.match.cohort.program_id,
            )


def _active_matches():
    return Match.objects.filter(state=MatchState.ACTIVE).select_related(
        "cohort__program", "mentor__user__profile", "mentee__user__profile"
    )


def _unsigned_matches(now: datetime):
    """Active matches started some days ago whose agreement is not signed by both."""
    cutoff = now - timedelta(days=settings.AGREEMENT_REMINDER_DAYS)
    signed = Agreement.objects.filter(
        match=OuterRef("pk"), mentor_signed_at__isnull=False, mentee_signed_at__isnull=False
    )
    return (
        _active_matches()
        .filter(started_at__lte=cutoff)
        .annotate(signed=Exists(signed))
        .filter(signed=False)
    )


def agreement_reminders(now: datetime) -> Iterator[dict[str, Any]]:
    """An agreement still unsigned some days after the match started: to whoever has not
    signed (both, if it is not written)."""
    for match in _unsigned_matches(now).select_related("agreement").iterator(chunk_size=2000):
        agreement = getattr(match, "agreement", None) if hasattr(match, "agreement") else None
        version = agreement.version if agreement else 0
        for member, signed_at in (
            (match.mentor, agreement.mentor_signed_at if agreement else None),
            (match.mentee, agreement.mentee_signed_at if agreement else None),
        ):
            if signed_at is None and member.user.profile.nudges:
                yield deferred_row(
                    member.user,
                    f"reminder:agreement:{match.pk}:v{version}:{member.user_id}",
                    "reminder_agreement",
                    {"match_id": match.pk},
                    program_id=match.cohort.program_id,
                )


def quiet_reminders(now: datetime) -> Iterator[dict[str, Any]]:
    """No meeting for longer than the program's cadence allows: once a week, to both."""
    week = now.strftime("%G-W%V")
    for match in _quiet_matches(now):
        for member, other in ((match.mentor, match.mentee), (match.mentee, match.mentor)):
            if member.user.profile.nudges:
                yield deferred_row(
                    member.user,
                    f"reminder:quiet:{match.pk}:{week}:{member.user_id}",
                    "reminder_quiet",
                    {"other": other.user.get_full_name(), "match_id": match.pk},
                    program_id=match.cohort.program_id,
                )


def _quiet_matches(now: datetime) -> Iterable[Match]:
    """Active pairs quiet longer than their cadence allows with nothing planned
    (events.pace.is_quiet): one query."""
    matches = with_signs(_active_matches(), now).iterator(chunk_size=2000)
    return (m for m in matches if is_quiet(m, now))


def coordinator_digests(now: datetime) -> Iterator[dict[str, Any]]:
    """Once a week, each coordinator's pairs at risk, with why: the same pairs and the
    same reasons as the cohort health page (events.pace)."""
    week = now.strftime("%G-W%V")
    at_risk: dict[int, list[dict[str, Any]]] = defaultdict(list)
    pairs = with_signs(
        Match.objects.filter(state__in=(MatchState.ACTIVE, MatchState.PROPOSED)), now
    ).select_related("mentor__user", "mentee__user")
    for match in pairs.iterator(chunk_size=2000):
        found = risks(match, now)
        if found:
            at_risk[match.cohort.program_id].append(
                {
                    "pair": _pair_name(match),
                    "program": match.cohort.program.name_sv,
                    "program_en": match.cohort.program.name_en,
                    "risks": [risk.as_dict() for risk in found],
                }
            )
    alone = unpaired_with_signs(
        Participant.objects.filter(state=ParticipantState.ACTIVE), now
    ).select_related("user", "cohort__program")
    for person in alone.iterator(chunk_size=2000):
        at_risk[person.cohort.program_id].append(
            {
                "pair": person.user.get_full_name(),
                "program": person.cohort.program.name_sv,
                "program_en": person.cohort.program.name_en,
                "risks": [risk.as_dict() for risk in person_risks(person)],
            }
        )
    follow_ups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    due = follow_ups_due(ContactLog.objects.all(), timezone.localdate(now)).select_related(
        "cohort__program", "participant__user", "match__mentor__user", "match__mentee__user"
    )
    for contact in due.order_by("next_follow_up", "pk").iterator(chunk_size=2000):
        follow_ups[contact.cohort.program_id].append(
            {
                "about": _pair_name(contact.match)
                if contact.match_id
                else contact.participant.user.get_full_name(),
                "program": contact.cohort.program.name_sv,
                "program_en": contact.cohort.program.name_en,
                "due": contact.next_follow_up.isoformat(),
                "note": contact.note[:120],
            }
        )
    if not at_risk and not follow_ups:
        return

    coordinators = (
        User.objects.filter(coordinated_programs__in=list(at_risk) + list(follow_ups))
        .select_related("profile")
        .prefetch_related("coordinated_programs")
        .distinct()
    )
    for coordinator in coordinators:
        rows = [
            row
            for program in coordinator.coordinated_programs.all()
            for row in at_risk.get(program.pk, [])
        ]
        due_rows = [
            row
            for program in coordinator.coordinated_programs.all()
            for row in follow_ups.get(program.pk, [])
        ]
        if rows or due_rows:
            yield deferred_row(
                coordinator,
                f"digest:{coordinator.pk}:{week}",
                "coordinator_digest",
                {"rows": rows, "follow_ups": due_rows},
            )


def _pair_name(match: Match) -> str:
    return f"{match.mentor.user.get_full_name()} – {match.mentee.user.get_full_name()}"


def nomination_reminders(now: datetime) -> Iterator[dict[str, Any]]:
    """Three days before the application deadline, to nominees who have not yet filled in
    their application (an unfinished application)."""
    nominations = Nomination.objects.filter(
        application__isnull=True,
        cohort__application_closes_at__gt=now,
        cohort__application_closes_at__lte=now + timedelta(days=3),
    ).select_related("cohort__program")
    for nomination in nominations.iterator(chunk_size=2000):
        cohort = nomination.cohort
        yield {
            "to": nomination.email,
            "user_id": None,
            "language": settings.LANGUAGE_CODE,
            "template": "reminder_nomination",
            "context": {
                "name": nomination.first_name,
                "program": cohort.program.name_sv,
                "program_en": cohort.program.name_en or cohort.program.name_sv,
                "deadline": _when(cohort.application_closes_at),
                "link": reverse("nomination_apply", kwargs={"token": nomination.token}),
            },
            "idempotency_key": f"reminder:nomination:{nomination.pk}",
        }
