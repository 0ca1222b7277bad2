"""Closing a cohort and issuing its diplomas."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from events.enums import SessionState
from events.services.checkins import checkin_notices
from matching.enums import MatchState
from matching.models import Match
from mentorship.celery import enqueue
from mentorship.models import User
from mentorship.services import deferred_row, emails_queue_deferred, state_change_record
from programs.enums import CohortState, ParticipantState, WebhookEvent
from programs.models import Cohort, Diploma, Participant
from programs.selectors import diploma_candidates, diploma_earners
from programs.services.core import participants_mark_completed
from programs.services.integrations import webhook_emit


def participants_complete(
    *, participants: list[Participant], by: User | None = None, diplomas: bool = True
) -> None:
    """After a match ends well: each of its people who has no other live match has
    completed the program, and (unless the coordinator issues them later, as when
    closing a cohort) gets their diploma now, also in a rolling program."""
    from matching.selectors import live_match_exists

    alone = set(
        Participant.objects.filter(pk__in=[p.pk for p in participants])
        .filter(~live_match_exists())
        .values_list("pk", flat=True)
    )
    finished = [p for p in participants if p.pk in alone]
    if not finished:
        return
    done = [p.pk for p in finished]
    participants_mark_completed(participants=finished, by=by)
    if diplomas:
        cohort = participants[0].cohort
        diplomas_issue(cohort=cohort, only=done)


def cohort_close(*, cohort: Cohort, by: User) -> int:
    """Close the cohort: each active match is completed by the same function as a single
    pair (match_complete); active participants have completed the program; those who
    never had a mentor are thanked by email, without a diploma; the final evaluation
    (check-ins scheduled "at the end") goes out now. Diplomas are the coordinator's
    next step (diplomas_issue), for the people they tick. Returns how many matches were
    completed."""
    from matching.services.matching import match_complete
    from mentorship.tasks import email_send_many

    now = timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        active = list(Match.objects.filter(cohort=cohort, state=MatchState.ACTIVE))
        for match in active:
            match_complete(match=match, by=by, diplomas=False)
        unmatched = list(
            Participant.objects.filter(cohort=cohort, state=ParticipantState.ACTIVE)
            .exclude(pk__in=diploma_candidates(cohort).values("pk"))
            .select_related("user__profile")
        )
        participants_mark_completed(
            participants=list(
                Participant.objects.filter(cohort=cohort, state=ParticipantState.ACTIVE)
            ),
            by=by,
        )
        state_change_record(obj=cohort, from_state=cohort.state, to_state=CohortState.CLOSED, by=by)
        cohort.state = CohortState.CLOSED
        today = timezone.localdate(now)
        if cohort.ends_on is None or cohort.ends_on > today:
            cohort.ends_on = max(today, cohort.starts_on)  # it ended today (or never began)
        cohort.save(update_fields=["state", "ends_on", "updated_at"])
        webhook_emit(event=WebhookEvent.COHORT_CLOSED, obj=cohort)
        rows = list(checkin_notices(now))
        program = cohort.program
        rows += [
            deferred_row(
                person.user,
                f"cohort_thanks:{cohort.pk}:{person.pk}",
                "cohort_thanks",
                {"program": program.name_sv, "program_en": program.name_en or program.name_sv},
                program_id=program.pk,
            )
            for person in unmatched
        ]
        ids = emails_queue_deferred(rows)
        transaction.on_commit(lambda: ids and enqueue(email_send_many, email_ids=ids))
    return len(active)


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


def diplomas_issue(*, cohort: Cohort, only: Iterable[int] | None = None) -> list[Diploma]:
    """A diploma for everyone who has completed the cohort and earned one (a completed
    match or a meeting held), or only for the ids given (the coordinator's ticks), with
    their hours and meetings; each gets an email with the link. Issuing again adds only
    the new ones."""
    from mentorship.tasks import email_send_many

    effort = _effort(cohort)
    people = Participant.objects.filter(
        pk__in=diploma_earners(cohort).values("pk"), state=ParticipantState.COMPLETED
    ).select_related("user__profile", "cohort__program")
    if only is not None:
        people = people.filter(pk__in=list(only))
    people = list(people)
    program = cohort.program
    ends_on = cohort.ends_on if cohort.state == CohortState.CLOSED else None
    with transaction.atomic():
        diplomas = Diploma.objects.bulk_create(
            Diploma(
                participant=person,
                name=person.user.get_full_name() or person.user.email,
                role=person.role,
                program_name_sv=program.name_sv,
                program_name_en=program.name_en,
                cohort_name_sv=cohort.name_sv,
                cohort_name_en=cohort.name_en,
                starts_on=cohort.starts_on,
                ends_on=ends_on or timezone.localdate(),
                hours=effort.get(person.pk, (Decimal(0), 0))[0].quantize(Decimal("0.1")),
                meetings=effort.get(person.pk, (Decimal(0), 0))[1],
            )
            for person in people
        )
        by_participant = {d.participant_id: d for d in diplomas}
        ids = emails_queue_deferred(
            [
                deferred_row(
                    person.user,
                    f"diploma:{by_participant[person.pk].code}",
                    "diploma_issued",
                    {
                        "program": program.name_sv,
                        "program_en": program.name_en or program.name_sv,
                        "verify": reverse("diploma_verify", args=[by_participant[person.pk].code]),
                    },
                    program_id=program.pk,
                )
                for person in people
                if person.pk in by_participant
            ]
        )
        transaction.on_commit(lambda: ids and enqueue(email_send_many, email_ids=ids))
    return diplomas


def diploma_pdf(diploma: Diploma, language: str = "sv") -> bytes:
    """The diploma as a PDF, from the program's text (or the standard one)."""
    import segno
    from weasyprint import HTML

    participant = diploma.participant
    program = participant.cohort.program if participant else None
    verify_url = settings.SITE_URL + reverse("diploma_verify", args=[diploma.code])
    with override(language):
        html = render_to_string(
            "programs/diploma.html",
            {
                "diploma": diploma,
                "program": program,
                "verify_url": verify_url,
                # A phone's camera opens the verification page (segno: a QR code as SVG).
                "qr_code": segno.make(verify_url, error="m").svg_data_uri(scale=3),
                # WeasyPrint reads the logo from the media folder, not over the network.
                "logo_url": Path(program.diploma_logo.path).as_uri()
                if program and program.diploma_logo
                else "",
            },
        )
    # PDF/UA: tagged (headings, paragraphs, the logo's alt text), with its language and
    # title, so a screen reader reads the diploma as it reads the page.
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
