"""Announcements: the coordinator's own email to a cohort, a role or a meetup's
invitees, sent through the outbox once per person."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from events.enums import AnnouncementAudience
from events.models import Announcement, Meetup
from events.services import EventError
from mentorship.models import User
from mentorship.services import email_queue
from programs.enums import ParticipantState, Role
from programs.models import Cohort, Participant
from programs.rules import may_coordinate

AUDIENCE_ROLES = {
    AnnouncementAudience.MENTORS: Role.MENTOR,
    AnnouncementAudience.MENTEES: Role.MENTEE,
}


def announcement_recipients(
    *, cohort: Cohort, audience: str, meetup: Meetup | None = None
) -> list[Participant]:
    """Who an announcement reaches: the cohort's participants who have not withdrawn (of
    one role), or everyone invited to the meetup; one person once."""
    participants = Participant.objects.filter(cohort=cohort).exclude(
        state=ParticipantState.WITHDRAWN
    )
    if audience == AnnouncementAudience.MEETUP:
        if meetup is None or meetup.cohort_id != cohort.pk:
            raise EventError(_("Choose a meetup of this cohort."), field="meetup")
        participants = participants.filter(rsvps__meetup=meetup)
    elif audience in AUDIENCE_ROLES:
        participants = participants.filter(role=AUDIENCE_ROLES[audience])
    return list(participants.select_related("user__profile").order_by("user__last_name", "pk"))


def announcement_send(
    *,
    cohort: Cohort,
    audience: str,
    subject: str,
    body: str,
    by: User,
    submission_token: uuid.UUID,
    meetup: Meetup | None = None,
) -> Announcement:
    """Send the coordinator's announcement: one email to each recipient, in the outbox,
    with a key per announcement and person, so a retried or double-clicked send reaches
    each person once. The same form sent twice returns the first announcement."""
    if not may_coordinate(by, cohort):
        raise EventError(_("You do not coordinate this program."))
    if not subject.strip() or not body.strip():
        raise EventError(_("Write a subject and a message."), field="body")
    existing = Announcement.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return existing
    recipients = announcement_recipients(cohort=cohort, audience=audience, meetup=meetup)
    if not recipients:
        raise EventError(_("Nobody would get this announcement."), field="audience")
    try:
        with transaction.atomic():
            announcement = Announcement.objects.create(
                cohort=cohort,
                audience=audience,
                meetup=meetup if audience == AnnouncementAudience.MEETUP else None,
                subject=subject.strip(),
                body=body.strip(),
                sent_by=by,
                recipients=len(recipients),
                submission_token=submission_token,
            )
            for participant in recipients:
                person = participant.user
                email_queue(
                    to=person.email,
                    user=person,
                    # Taken literally: email_queue formats a subject holding "%(".
                    subject=announcement.subject.replace("%", "%%")
                    if "%(" in announcement.subject
                    else announcement.subject,
                    template="announcement",
                    context={
                        "person": person,
                        "body": announcement.body,
                        "sender": by.get_full_name() or by.email,
                        "program": cohort.program,
                    },
                    idempotency_key=f"announcement:{announcement.pk}:{participant.pk}",
                )
    except IntegrityError:
        # The same form sent twice at once: the other request's announcement stands.
        return Announcement.objects.get(submission_token=submission_token)
    return announcement
