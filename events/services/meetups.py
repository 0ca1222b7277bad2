"""Meetups: invitations with calendar invites, the answers, attendance."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from events.enums import (
    Attendance,
    RsvpAnswer,
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


def meetup_invite(*, meetup: Meetup) -> int:
    """Invite everyone in the meetup's audience: an answer row each and an email with the
    calendar invite in their language. Inviting again reaches only the newcomers."""
    invited = 0
    with transaction.atomic():
        meetup = Meetup.objects.select_for_update().get(pk=meetup.pk)
        existing = set(meetup.rsvps.values_list("participant_id", flat=True))
        newcomers = [p for p in meetup_audience(meetup) if p.pk not in existing]
        Rsvp.objects.bulk_create(Rsvp(meetup=meetup, participant=p) for p in newcomers)
        for participant in newcomers:
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
                context={"meetup": meetup, "person": person, "program": meetup.cohort.program},
                idempotency_key=f"meetup:{meetup.uid}:{meetup.sequence}:invite:{participant.pk}",
                attachments=(invite,),
            )
            invited += 1
        meetup.invited_at = meetup.invited_at or timezone.now()
        meetup.save(update_fields=["invited_at", "updated_at"])
    return invited


def rsvp_answer(
    *,
    rsvp: Rsvp,
    by: User,
    answer: str,
    diet: str = "",
    accessibility: str = "",
    needs_lodging: bool = False,
) -> Rsvp:
    """The participant answers, with their diet and accessibility needs. A yes takes a
    place where places are limited; the last place goes to one person only."""
    if not is_invitee(by, rsvp):
        raise EventError(_("Only the invited person can answer."))
    if answer not in RsvpAnswer.values:
        raise EventError(_("Unknown answer."))
    with transaction.atomic():
        meetup = Meetup.objects.select_for_update().get(pk=rsvp.meetup_id)
        if meetup.ends_at < timezone.now():
            raise EventError(_("The meetup is over."))
        rsvp = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
        if answer == RsvpAnswer.YES and rsvp.answer != RsvpAnswer.YES and meetup.capacity:
            taken = meetup.rsvps.filter(answer=RsvpAnswer.YES).count()
            if taken >= meetup.capacity:
                raise EventError(_("Every place is taken."))
        rsvp.answer = answer
        rsvp.diet, rsvp.accessibility = diet.strip(), accessibility.strip()
        rsvp.needs_lodging = needs_lodging and meetup.lodging
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
