"""Check-ins: created when due (once each) with their emails, and answered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import (
    Audience,
    ItemKind,
    ScheduleTrigger,
)
from events.models import (
    CheckIn,
    CheckInAnswer,
    CheckInSchedule,
)
from events.rules import is_asked
from events.services import EventError
from matching.enums import MatchState
from matching.models import Match
from mentorship.enums import NotificationKind
from mentorship.models import Notification, User
from mentorship.notifications import notify_many
from mentorship.services import deferred_row
from programs.enums import ParticipantState
from programs.models import Participant

# A schedule added late does not send check-ins that fell due long ago.
LOOK_BACK = timedelta(days=30)
ROLES = {
    Audience.EVERYONE: ("mentor", "mentee"),
    Audience.MENTORS: ("mentor",),
    Audience.MENTEES: ("mentee",),
}


def latest_round(*, first: date, every: int, today: date, end: date) -> tuple[int, date] | None:
    """The round of a repeating check-in most recently due by today (1 is the first, on
    `first`), never past the pair's end; None before the first. Earlier rounds were sent
    on their own days: a sweep that missed some sends only the latest, not a pile."""
    last_day = min(today, end)
    if last_day < first:
        return None
    rounds = (last_day - first).days // every
    return rounds + 1, first + timedelta(days=rounds * every)


def _due(
    schedule: CheckInSchedule, now: datetime
) -> Iterator[tuple[Participant, Match | None, date, int]]:
    """Who should have this schedule's questionnaire by today, and which round: one query."""
    program_id = schedule.questionnaire.program_id
    roles = ROLES[schedule.audience]
    today = timezone.localdate(now)
    oldest = today - LOOK_BACK
    # At the end, those who have just completed the program are asked too.
    states = (
        (ParticipantState.ACTIVE, ParticipantState.COMPLETED)
        if schedule.trigger == ScheduleTrigger.AT_END
        else (ParticipantState.ACTIVE,)
    )
    people = Participant.objects.filter(
        cohort__program_id=program_id, state__in=states, role__in=roles
    ).select_related("user__profile", "cohort")
    if schedule.trigger == ScheduleTrigger.AT_START:
        for person in people.filter(cohort__starts_on__lte=today, cohort__starts_on__gte=oldest):
            yield person, None, person.cohort.starts_on, 1
    elif schedule.trigger == ScheduleTrigger.AT_END:
        for person in people.filter(cohort__ends_on__lte=today, cohort__ends_on__gte=oldest):
            yield person, None, person.cohort.ends_on, 1
    elif schedule.trigger == ScheduleTrigger.ON_DATE:
        if oldest <= schedule.on_date <= today:
            for person in people:
                yield person, None, schedule.on_date, 1
    else:
        started_by = now - timedelta(days=schedule.days or 0)
        matches = Match.objects.filter(
            cohort__program_id=program_id,
            state__in=(MatchState.ACTIVE, MatchState.COMPLETED),
            started_at__lte=started_by,
        ).select_related("mentor__user__profile", "mentee__user__profile", "cohort")
        every = schedule.repeat_every
        if every is None:
            matches = matches.filter(started_at__gte=started_by - LOOK_BACK)
        else:  # every pair still running, or ended within the look-back
            matches = matches.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=now - LOOK_BACK))
        for match in matches:
            due_on = timezone.localdate(match.started_at) + timedelta(days=schedule.days or 0)
            occurrence = 1
            if every is not None:
                end = timezone.localdate(match.ended_at) if match.ended_at else match.cohort.ends_on
                latest = latest_round(first=due_on, every=every, today=today, end=end)
                if latest is None or latest[1] < oldest:
                    continue
                occurrence, due_on = latest
            for person in (match.mentor, match.mentee):
                if person.role in roles:
                    yield person, match, due_on, occurrence


def checkin_notices(now: datetime) -> Iterator[dict[str, Any]]:
    """Create the check-ins that are due (once each) and the emails that announce them,
    and remind about those a week overdue (a nudge: it respects the person's choice)."""
    today = timezone.localdate(now)
    schedules = CheckInSchedule.objects.select_related("questionnaire")
    rows: list[dict[str, Any]] = []
    new: list[CheckIn] = []
    for schedule in schedules:
        for person, match, due_on, occurrence in _due(schedule, now):
            new.append(
                CheckIn(
                    schedule=schedule,
                    participant=person,
                    match=match,
                    due_on=due_on,
                    occurrence=occurrence,
                )
            )
            key = f"checkin:{schedule.pk}:{person.pk}"
            rows.append(
                _email(
                    person.user,
                    key if occurrence == 1 else f"{key}:{occurrence}",
                    "checkin_invite",
                    schedule.questionnaire,
                )
            )
    CheckIn.objects.bulk_create(new, ignore_conflicts=True)
    notify_many(
        [
            Notification(
                user_id=check_in.participant.user_id,
                kind=NotificationKind.CHECK_IN,
                url=reverse("dashboard"),
                key=f"checkin:{check_in.schedule_id}:{check_in.participant_id}:{check_in.due_on}",
                params={
                    "title_sv": check_in.schedule.questionnaire.title_sv,
                    "title_en": check_in.schedule.questionnaire.title_en,
                    "count": 1,
                },
                created_at=now,
            )
            for check_in in new
        ]
    )
    overdue = CheckIn.objects.filter(
        answered_at__isnull=True,
        due_on__lte=today - timedelta(days=7),
        due_on__gte=today - LOOK_BACK,
        participant__user__profile__nudges=True,
    ).select_related("schedule__questionnaire", "participant__user__profile")
    for check_in in overdue:
        rows.append(
            _email(
                check_in.participant.user,
                f"checkin-overdue:{check_in.pk}",
                "checkin_overdue",
                check_in.schedule.questionnaire,
            )
        )
    yield from rows


def _email(user: User, key: str, template: str, questionnaire) -> dict[str, Any]:
    return deferred_row(
        user,
        key,
        template,
        {
            "title": questionnaire.title_sv,
            "title_en": questionnaire.title_en or questionnaire.title_sv,
        },
        program_id=questionnaire.program_id,
    )


SCALE_RANGE = range(1, 6)  # ItemKind.SCALE is "1 to 5"
CHECKIN_TEXT_MAX = 2000


def scale_value(item, value: Any) -> int:
    """A scale answer as a whole number from 1 to 5; anything else is refused with the
    question named (a 99 or a -3 would skew every figure of the cohort's health)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        number = 0
    if number not in SCALE_RANGE:
        raise EventError(
            _("Answer “%(question)s” with a number from 1 to 5.") % {"question": item.text}
        )
    return number


def checkin_answer(*, check_in: CheckIn, by: User, answers: dict[int, Any]) -> CheckIn:
    """Store the answers. A scale answer at or below its item's threshold, or a flagged
    no, marks the check-in low: the pair shows up for the coordinator."""
    if not is_asked(by, check_in):
        raise EventError(_("Only the person asked can answer."))
    items = list(check_in.schedule.questionnaire.items.all())
    low = False
    with transaction.atomic():
        for item in items:
            value = answers.get(item.pk)
            if item.kind == ItemKind.SCALE and value is not None:
                value = scale_value(item, value)
                low |= item.low_at_most is not None and value <= item.low_at_most
            if item.kind in (ItemKind.TEXT, ItemKind.CHOICE) and value is not None:
                value = str(value)[:CHECKIN_TEXT_MAX]
            if item.kind == ItemKind.YES_NO and value is not None:
                value = value in (True, "yes")
                low |= item.flag_on_no and value is False
            CheckInAnswer.objects.update_or_create(
                check_in=check_in, item=item, defaults={"value": value}
            )
        check_in.answered_at = timezone.now()
        check_in.low = low
        check_in.save(update_fields=["answered_at", "low", "updated_at"])
    return check_in
