"""Setting a program up from another one: "new program like …" and "next cohort". The
copies take the set-up (texts, questions, matching, meetups, check-ins), never the
people, applications or pairs."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from events.models import MeetupItem
from matching.models import MatchingPolicy
from mentorship.errors import Refusal
from mentorship.models import User
from programs.enums import CohortState
from programs.models import Cohort, Program
from programs.rules import may_coordinate
from programs.services.core import coordinator_add

# Written again on every copy, never copied: keys, tokens and timestamps.
NOT_COPIED = {"id", "created_at", "updated_at"}


class SetupError(Refusal):
    """A refusal to show the coordinator, already translated."""


def _clone(obj: models.Model, **changes) -> models.Model:
    """A new row like `obj` with `changes`: every field but the key, the timestamps and
    fields that make their own unique value (uids, tokens)."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in NOT_COPIED and not (field.unique and field.has_default())
    }
    values.update(changes)
    return type(obj).objects.create(**values)


def _shift(value, days: timedelta):
    return value + days if value is not None else None


def cohort_copy(
    *, source: Cohort, name_sv: str, starts_on: date, by: User, program: Program | None = None
) -> Cohort:
    """The next cohort like `source` (in its program, or in `program`): a draft with
    every date moved by the same distance (end, applications, nominations), the same
    seats, seat rule and ways to apply, and the source's meetups with their schedules at
    the same distance from the start, not yet sent."""
    program = program or source.program
    if not may_coordinate(by, program):
        raise SetupError(_("You do not coordinate this program."))
    if Cohort.objects.filter(program=program, name_sv=name_sv.strip()).exists():
        raise SetupError(_("The program already has a cohort of that name."), field="name_sv")
    delta = starts_on - source.starts_on
    with transaction.atomic():
        cohort = _clone(
            source,
            program_id=program.pk,
            name_sv=name_sv.strip(),
            name_en="",
            state=CohortState.DRAFT,
            starts_on=starts_on,
            ends_on=_shift(source.ends_on, delta),
            application_opens_at=_shift(source.application_opens_at, delta),
            application_closes_at=_shift(source.application_closes_at, delta),
            nomination_deadline=_shift(source.nomination_deadline, delta),
        )
        for meetup in source.meetups.prefetch_related("items"):
            copy = _clone(
                meetup,
                cohort_id=cohort.pk,
                starts_at=meetup.starts_at + delta,
                ends_at=meetup.ends_at + delta,
                invited_at=None,
                sequence=0,
            )
            MeetupItem.objects.bulk_create(
                MeetupItem(
                    meetup=copy,
                    starts_at=item.starts_at + delta,
                    title_sv=item.title_sv,
                    title_en=item.title_en,
                )
                for item in meetup.items.all()
            )
    return cohort


def program_copy(
    *,
    source: Program,
    name_sv: str,
    slug: str,
    by: User,
    cohort_name: str,
    starts_on: date,
    name_en: str = "",
    publish: bool = False,
) -> Program:
    """A new program like `source`: its texts, fees, targets, privacy notice and diploma
    text, its organisations list, its questions with their choices and knock-outs, its
    matching policy, its check-in questionnaires with their schedules, and a first
    cohort like its latest one (cohort_copy), starting on `starts_on`. Coordinated by
    `by`; unpublished with a draft cohort, or with `publish` public at once with its
    cohort taking applications (the copy's dates are moved to the new start)."""
    if not (may_coordinate(by, source) or source.is_published):
        raise SetupError(_("You may not copy this program."))
    if Program.objects.filter(slug=slug).exists():
        raise SetupError(_("Another program has this web address."), field="slug")
    try:
        with transaction.atomic():
            program = _clone(
                source,
                slug=slug,
                name_sv=name_sv.strip(),
                name_en=name_en.strip(),
                is_published=False,
            )
            coordinator_add(program=program, user=by)
            program.listed_organisations.set(source.listed_organisations.all())
            for question in source.questions.prefetch_related("choices"):
                copy = _clone(question, program_id=program.pk)
                for choice in question.choices.all():
                    _clone(choice, question_id=copy.pk)
            policy = MatchingPolicy.objects.filter(program=source).first()
            if policy is not None:
                _clone(policy, program_id=program.pk)
            for questionnaire in source.questionnaires.prefetch_related("items", "schedules"):
                copy = _clone(questionnaire, program_id=program.pk)
                for item in questionnaire.items.all():
                    _clone(item, questionnaire_id=copy.pk)
                for schedule in questionnaire.schedules.all():
                    _clone(schedule, questionnaire_id=copy.pk)
            latest = source.cohorts.order_by("-starts_on", "-pk").first()
            if latest is not None:
                cohort = cohort_copy(
                    source=latest, name_sv=cohort_name, starts_on=starts_on, by=by, program=program
                )
                if publish:
                    cohort.state = CohortState.RECRUITING
                    cohort.save(update_fields=["state", "updated_at"])
            if publish:
                program.is_published = True
                program.save(update_fields=["is_published", "updated_at"])
    except IntegrityError as error:  # the same address taken at the same moment
        raise SetupError(_("Another program has this web address."), field="slug") from error
    return program
