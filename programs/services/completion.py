"""Closing a cohort and issuing its diplomas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, override

from events.checkins import checkin_notices
from events.enums import SessionState
from matching.enums import MatchState
from matching.models import Match
from mentorship.celery import enqueue
from mentorship.models import User
from mentorship.services import DEFERRED_SUBJECTS, emails_queue_deferred
from programs.enums import CohortState, ParticipantState
from programs.models import Cohort, Diploma, Participant

DEFERRED_SUBJECTS["diploma_issued"] = gettext_lazy("Your diploma from %(program)s")


def cohort_close(*, cohort: Cohort, by: User) -> int:
    """Close the cohort: its active matches are completed, its active participants have
    completed the program, and the final evaluation (check-ins scheduled "at the end")
    goes out now. Returns how many matches were completed."""
    from mentorship.tasks import email_send_many

    now = timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        completed = Match.objects.filter(cohort=cohort, state=MatchState.ACTIVE).update(
            state=MatchState.COMPLETED, ended_at=now, ended_by=by, updated_at=now
        )
        Participant.objects.filter(cohort=cohort, state=ParticipantState.ACTIVE).update(
            state=ParticipantState.COMPLETED, updated_at=now
        )
        cohort.state = CohortState.CLOSED
        today = timezone.localdate(now)
        if cohort.ends_on is None or cohort.ends_on > today:
            cohort.ends_on = max(today, cohort.starts_on)  # it ended today (or never began)
        cohort.save(update_fields=["state", "ends_on", "updated_at"])
        ids = emails_queue_deferred(list(checkin_notices(now)))
        transaction.on_commit(lambda: ids and enqueue(email_send_many, email_ids=ids))
    return completed


def _effort(cohort: Cohort) -> dict[int, tuple[Decimal, int]]:
    """Per participant: hours and meetings held in their matches of the cohort."""
    held = Q(sessions__state=SessionState.HELD)
    effort: dict[int, tuple[Decimal, int]] = {}
    for side in ("mentor", "mentee"):
        rows = (
            Match.objects.filter(cohort=cohort)
            .values(side)
            .annotate(
                minutes=Sum("sessions__actual_minutes", filter=held),
                count=Count("sessions", filter=held),
            )
        )
        for row in rows:
            hours, meetings = effort.get(row[side], (Decimal(0), 0))
            effort[row[side]] = (
                hours + Decimal(row["minutes"] or 0) / 60,
                meetings + row["count"],
            )
    return effort


def diplomas_issue(*, cohort: Cohort) -> list[Diploma]:
    """A diploma for everyone who completed the cohort, with their hours and meetings;
    each gets an email with the link. Issuing again adds only the new ones."""
    from mentorship.tasks import email_send_many

    effort = _effort(cohort)
    people = Participant.objects.filter(
        cohort=cohort, state=ParticipantState.COMPLETED, diploma__isnull=True
    ).select_related("user__profile", "cohort__program")
    program = cohort.program
    with transaction.atomic():
        diplomas = Diploma.objects.bulk_create(
            Diploma(
                participant=person,
                name=person.user.get_full_name() or person.user.email,
                role=person.role,
                program_name=program.name_sv,
                cohort_name=cohort.name_sv,
                starts_on=cohort.starts_on,
                ends_on=cohort.ends_on or timezone.localdate(),
                hours=effort.get(person.pk, (Decimal(0), 0))[0].quantize(Decimal("0.1")),
                meetings=effort.get(person.pk, (Decimal(0), 0))[1],
            )
            for person in people
        )
        by_participant = {d.participant_id: d for d in diplomas}
        ids = emails_queue_deferred(
            [
                {
                    "to": person.user.email,
                    "user_id": person.user_id,
                    "language": person.user.profile.preferred_language or "sv",
                    "template": "diploma_issued",
                    "context": {
                        "name": person.user.first_name,
                        "program": program.name_sv,
                        "program_en": program.name_en or program.name_sv,
                        "verify": reverse("diploma_verify", args=[by_participant[person.pk].code]),
                    },
                    "idempotency_key": f"diploma:{by_participant[person.pk].code}",
                }
                for person in people
                if person.pk in by_participant
            ]
        )
        transaction.on_commit(lambda: ids and enqueue(email_send_many, email_ids=ids))
    return diplomas


def diploma_pdf(diploma: Diploma, language: str = "sv") -> bytes:
    """The diploma as a PDF, from the program's text (or the standard one)."""
    from weasyprint import HTML

    participant = diploma.participant
    program = participant.cohort.program if participant else None
    with override(language):
        html = render_to_string(
            "programs/diploma.html",
            {
                "diploma": diploma,
                "program": program,
                "verify_url": settings.SITE_URL + reverse("diploma_verify", args=[diploma.code]),
                # WeasyPrint reads the logo from the media folder, not over the network.
                "logo_url": Path(program.diploma_logo.path).as_uri()
                if program and program.diploma_logo
                else "",
            },
        )
    return HTML(string=html).write_pdf()
