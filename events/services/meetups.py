"""Meetups: invitations with calendar invites, the answers, attendance."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import tablib
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from events.enums import (
    Attendance,
    RsvpAnswer,
    TravelMode,
)
from events.models import (
    Meetup,
    Rsvp,
)
from events.rules import is_invitee
from events.selectors.calendar import meetup_event
from events.selectors.meetups import meetup_audience
from events.services import EventError
from mentorship.calendar import invite_attachment
from mentorship.models import User
from mentorship.selectors import language_for
from mentorship.services import email_queue
from programs.models import DataExport
from programs.spreadsheets import SafeXLSX


def meetup_invite(*, meetup: Meetup) -> int:
    """Invite everyone in the meetup's audience: an answer row each and an email with the
    calendar invite in their language. Inviting again reaches only the newcomers."""
    invited = 0
    with transaction.atomic():
        meetup = Meetup.objects.select_for_update().get(pk=meetup.pk)
        existing = set(meetup.rsvps.values_list("participant_id", flat=True))
        newcomers = [p for p in meetup_audience(meetup) if p.pk not in existing]
        rsvps = Rsvp.objects.bulk_create(Rsvp(meetup=meetup, participant=p) for p in newcomers)
        for participant, rsvp in zip(newcomers, rsvps, strict=True):
            person = participant.user
            language = language_for(person)
            with override(language):
                invite = invite_attachment([meetup_event(meetup, attendees=(person,))])
            email_queue(
                to=person.email,
                user=person,
                language=language,
                subject=gettext_lazy("Invitation: %(meetup)s"),
                template="meetup_invite",
                context={
                    "meetup": meetup,
                    "person": person,
                    "program": meetup.cohort.program,
                    "answer_path": reverse("rsvp", args=[rsvp.pk]),
                },
                idempotency_key=f"meetup:{meetup.uid}:{meetup.sequence}:invite:{participant.pk}",
                attachments=(invite,),
            )
            invited += 1
        meetup.invited_at = meetup.invited_at or timezone.now()
        meetup.save(update_fields=["invited_at", "updated_at"])
    return invited


TRAVEL_COST_MAX = Decimal("50000")  # a typo's extra zeros, not a journey


def rsvp_answer(
    *,
    rsvp: Rsvp,
    by: User,
    answer: str,
    diet: str = "",
    accessibility: str = "",
    needs_lodging: bool = False,
    nights: Iterable[date] = (),
    room_sharing: str = "",
    travel_from: str = "",
    travel_mode: str = "",
    travel_cost: Decimal | None = None,
) -> Rsvp:
    """The participant answers, with their diet and accessibility needs, and for a
    residential meetup the nights they need a bed, whom they would share a room with and
    their journey. A yes takes a place where places are limited; the last place goes to
    one person only. A no keeps nothing of the stay or the journey."""
    if not is_invitee(by, rsvp):
        raise EventError(_("Only the invited person can answer."))
    if answer not in RsvpAnswer.values:
        raise EventError(_("Unknown answer."))
    with transaction.atomic():
        meetup = Meetup.objects.select_for_update().get(pk=rsvp.meetup_id)
        if meetup.ends_at < timezone.now():
            raise EventError(_("The meetup is over."))
        nights = sorted(set(nights))
        if any(night not in meetup.nights for night in nights) or (nights and not meetup.lodging):
            raise EventError(_("Choose among the meetup's nights."), field="nights")
        if travel_mode and travel_mode not in TravelMode.values:
            raise EventError(_("Unknown way of travelling."), field="travel_mode")
        if travel_cost is not None and not meetup.travel_paid:
            travel_cost = None
        if travel_cost is not None and not (0 <= travel_cost <= TRAVEL_COST_MAX):
            raise EventError(
                _("Give the cost in kronor, from 0 to %(most)s.") % {"most": TRAVEL_COST_MAX},
                field="travel_cost",
            )
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        if answer == RsvpAnswer.YES and rsvp.answer != RsvpAnswer.YES and meetup.capacity:
            taken = meetup.rsvps.filter(answer=RsvpAnswer.YES).count()
            if taken >= meetup.capacity:
                raise EventError(_("Every place is taken."))
        coming = answer == RsvpAnswer.YES
        rsvp.answer = answer
        rsvp.diet, rsvp.accessibility = diet.strip(), accessibility.strip()
        rsvp.nights = nights if coming else []
        rsvp.needs_lodging = coming and meetup.lodging and (bool(nights) or needs_lodging)
        rsvp.room_sharing = room_sharing.strip() if rsvp.nights else ""
        rsvp.travel_from = travel_from.strip() if coming else ""
        rsvp.travel_mode = travel_mode if coming else ""
        rsvp.travel_cost = travel_cost if coming else None
        rsvp.save()
    return rsvp


def attendance_open(meetup: Meetup) -> bool:
    """Attendance is marked from the meetup's start: before it, nobody has come or missed it."""
    return meetup.starts_at <= timezone.now()


def attendance_mark(*, meetup: Meetup, present: set[int]) -> None:
    """The coordinator marks who came (participant ids); everyone else invited was absent."""
    if not attendance_open(meetup):
        raise EventError(_("Attendance can be marked from the meetup's start."))
    with transaction.atomic():
        meetup.rsvps.filter(participant_id__in=present).update(
            attendance=Attendance.PRESENT, updated_at=timezone.now()
        )
        meetup.rsvps.exclude(participant_id__in=present).update(
            attendance=Attendance.ABSENT, updated_at=timezone.now()
        )


def attendance_set(*, rsvp: Rsvp, attendance: str) -> Rsvp:
    """Mark one invitee present or absent (or not marked again), from the meetup's start."""
    if attendance not in Attendance.values:
        raise EventError(_("Not an attendance value."), field="attendance")
    if not attendance_open(rsvp.meetup):
        raise EventError(_("Attendance can be marked from the meetup's start."), field="attendance")
    rsvp.attendance = attendance
    rsvp.save(update_fields=["attendance", "updated_at"])
    return rsvp


def logistics_workbook(meetup: Meetup, lists: dict, which: str, *, by: User) -> tuple[str, bytes]:
    """The lodging list (a row per person and night) or the travel list of a meetup as an
    Excel workbook, logged as an export of personal data (diets and needs: sensitive)."""
    if which == "lodging":
        dataset = tablib.Dataset(
            headers=[
                _("night"),
                _("first name"),
                _("last name"),
                _("role"),
                _("room sharing"),
                _("diet"),
                _("accessibility needs"),
            ]
        )
        for night in lists["nights"]:
            for rsvp in night["people"]:
                person = rsvp.participant
                dataset.append(
                    [
                        night["night"].isoformat(),
                        person.user.first_name,
                        person.user.last_name,
                        person.get_role_display(),
                        rsvp.room_sharing,
                        rsvp.diet,
                        rsvp.accessibility,
                    ]
                )
    else:
        dataset = tablib.Dataset(
            headers=[
                _("first name"),
                _("last name"),
                _("role"),
                _("organisation"),
                _("travelling from"),
                _("travelling by"),
                _("travel cost to reimburse"),
            ]
        )
        for rsvp in lists["travelling"]:
            person = rsvp.participant
            dataset.append(
                [
                    person.user.first_name,
                    person.user.last_name,
                    person.get_role_display(),
                    person.organisation.name if person.organisation else "",
                    rsvp.travel_from,
                    rsvp.get_travel_mode_display(),
                    rsvp.travel_cost,
                ]
            )
    DataExport.objects.create(
        user=by,
        what=(
            (_("lodging list: %(meetup)s") if which == "lodging" else _("travel list: %(meetup)s"))
            % {"meetup": meetup.title}
        )[:100],
        file_format="xlsx",
        filters=f"meetup={meetup.pk}",
        rows=len(dataset),
        sensitive=which == "lodging",
    )
    name = f"{which}-{meetup.pk}.xlsx"
    return name, SafeXLSX().export_data(dataset)
