"""Screening: one function per transition of an application, for coordinators."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from icalendar import Event

from mentorship.calendar import calendar_event, invite_attachment
from mentorship.models import User
from mentorship.selectors import language_for
from mentorship.services import state_change_record
from programs.enums import ApplicationState, InterviewKind, InterviewMode, SeatRule, WebhookEvent
from programs.models import Application, Interview
from programs.services.core import participant_add
from programs.services.intake import IntakeError, _free_seat, _lock_cohort, _notify, _release_seat
from programs.services.integrations import webhook_emit

ALLOWED = {
    "book": {
        ApplicationState.SUBMITTED,
        ApplicationState.INTERVIEW_BOOKED,
        ApplicationState.INTERVIEWED,
        ApplicationState.WAITLISTED,
    },
    "interviewed": {ApplicationState.INTERVIEW_BOOKED},
    "accept": {
        ApplicationState.SUBMITTED,
        ApplicationState.INTERVIEW_BOOKED,
        ApplicationState.INTERVIEWED,
        ApplicationState.WAITLISTED,
    },
    "waitlist": {
        ApplicationState.SUBMITTED,
        ApplicationState.INTERVIEW_BOOKED,
        ApplicationState.INTERVIEWED,
    },
    "reject": {
        ApplicationState.SUBMITTED,
        ApplicationState.INTERVIEW_BOOKED,
        ApplicationState.INTERVIEWED,
        ApplicationState.WAITLISTED,
    },
}


def _audit(application: Application, to_state: str, by: User | None) -> None:
    state_change_record(obj=application, from_state=application.state, to_state=to_state, by=by)


def _check(application: Application, action: str) -> None:
    if application.state not in ALLOWED[action]:
        raise IntakeError(
            _("An application that is %(state)s cannot be changed that way.")
            % {"state": application.get_state_display().lower()}
        )


def _locked(application: Application) -> Application:
    _lock_cohort(application.cohort)
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("cohort__program", "user__profile")
        .get(pk=application.pk)
    )


def interview_event(interview: Interview) -> Event:
    """The interview's calendar entry, in the active language: the applicant and the
    interviewer attend."""
    application = interview.application
    return calendar_event(
        kind="interview",
        uid=interview.uid,
        starts_at=interview.starts_at,
        minutes=interview.duration_minutes,
        sequence=interview.sequence,
        summary=(
            _("Intake call: %(program)s")
            if interview.kind == InterviewKind.INTAKE_CALL
            else _("Interview: %(program)s")
        )
        % {"program": application.cohort.program.name},
        location=interview.location or interview.get_mode_display(),
        description=interview.get_mode_display(),
        attendees=[p for p in (application.user, interview.interviewer) if p is not None],
    )


def interview_book(
    *,
    application: Application,
    starts_at: datetime,
    duration_minutes: int = 45,
    mode: str = InterviewMode.VIDEO,
    location: str = "",
    interviewer: User | None = None,
    by: User | None = None,
    kind: str = InterviewKind.INTERVIEW,
) -> Interview:
    """Book an interview or an intake call and email the applicant an .ics invite in
    their language, each named for what it is."""
    with transaction.atomic():
        application = _locked(application)
        _check(application, "book")
        interview = Interview.objects.create(
            application=application,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            mode=mode,
            location=location,
            interviewer=interviewer,
            kind=kind,
        )
        _audit(application, ApplicationState.INTERVIEW_BOOKED, by)
        application.state = ApplicationState.INTERVIEW_BOOKED
        application.save(update_fields=["state", "updated_at"])
        with override(language_for(application.user, application.language)):
            invite = invite_attachment([interview_event(interview)], filename="interview.ics")
        _notify(
            application,
            "interview_booked",
            gettext_lazy("Your intake call for %(program)s")
            if kind == InterviewKind.INTAKE_CALL
            else gettext_lazy("Your interview for %(program)s"),
            interview=interview,
            attachments=(invite,),
        )
    return interview


def _interview_locked(interview: Interview) -> tuple[Interview, Application]:
    application = _locked(interview.application)
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("interviewer")
        .get(pk=interview.pk)
    )
    interview.application = application
    if interview.held:
        raise IntakeError(_("It is already held; it can no longer be moved or cancelled."))
    return interview, application


def _interview_changed(interview: Interview, application: Application, cancelled: bool) -> None:
    with override(language_for(application.user, application.language)):
        invite = invite_attachment(
            [interview_event(interview)], cancelled=cancelled, filename="interview.ics"
        )
    call = interview.kind == InterviewKind.INTAKE_CALL
    if cancelled:
        subject = (
            gettext_lazy("Your intake call for %(program)s is cancelled")
            if call
            else gettext_lazy("Your interview for %(program)s is cancelled")
        )
    else:
        subject = (
            gettext_lazy("New time for your intake call for %(program)s")
            if call
            else gettext_lazy("New time for your interview for %(program)s")
        )
    _notify(
        application,
        "interview_changed",
        subject,
        interview=interview,
        cancelled=cancelled,
        attachments=(invite,),
    )


def interview_move(
    *,
    interview: Interview,
    starts_at: datetime,
    duration_minutes: int,
    mode: str,
    location: str = "",
    by: User | None = None,
) -> Interview:
    """Move a booked interview or intake call: the applicant gets the updated invite,
    which replaces the old one in their calendar (same uid, next sequence)."""
    with transaction.atomic():
        interview, application = _interview_locked(interview)
        interview.starts_at = starts_at
        interview.duration_minutes = duration_minutes
        interview.mode = mode
        interview.location = location
        interview.sequence += 1
        interview.save()
        _interview_changed(interview, application, cancelled=False)
    return interview


def interview_cancel(*, interview: Interview, by: User | None = None) -> Application:
    """Call off a booked interview or intake call: the applicant gets the cancellation
    for their calendar, and an application with nothing else booked goes back to
    submitted, to be booked again or decided without."""
    with transaction.atomic():
        interview, application = _interview_locked(interview)
        interview.sequence += 1
        _interview_changed(interview, application, cancelled=True)
        interview.delete()
        still_booked = application.interviews.filter(held=False).exists()
        if application.state == ApplicationState.INTERVIEW_BOOKED and not still_booked:
            back = (
                ApplicationState.INTERVIEWED
                if application.interviews.filter(held=True).exists()
                else ApplicationState.SUBMITTED
            )
            _audit(application, back, by)
            application.state = back
            application.save(update_fields=["state", "updated_at"])
    return application


def interview_record(*, interview: Interview, notes: str = "", by: User | None = None) -> Interview:
    """The interview took place: keep the notes, the application is interviewed."""
    with transaction.atomic():
        application = _locked(interview.application)
        _check(application, "interviewed")
        interview.held = True
        if notes:
            interview.notes = notes
        interview.save(update_fields=["held", "notes", "updated_at"])
        _audit(application, ApplicationState.INTERVIEWED, by)
        application.state = ApplicationState.INTERVIEWED
        application.save(update_fields=["state", "updated_at"])
    return interview


def application_accept(
    *, application: Application, note: str = "", by: User | None = None
) -> Application:
    """Accept: the applicant becomes a participant of the cohort.

    A seat is needed where seats are limited: under first come, first served the one
    they hold; otherwise a free one is taken now. With none free, it is refused, and the
    coordinator may waitlist instead. Emails the applicant.
    """
    with transaction.atomic():
        application = _locked(application)
        _check(application, "accept")
        cohort = application.cohort
        if application.seat_number is None and cohort.seats_for(application.role) is not None:
            if cohort.seat_rule == SeatRule.FIRST_COME and application.state == (
                ApplicationState.WAITLISTED
            ):
                raise IntakeError(_("Every seat is taken: this applicant is on the waitlist."))
            application.seat_number = _free_seat(cohort, application.role)
            if application.seat_number is None:
                raise IntakeError(_("Every seat for this role is taken."))
        application.participant = participant_add(
            cohort=cohort, user=application.user, role=application.role
        )
        _audit(application, ApplicationState.ACCEPTED, by)
        application.state = ApplicationState.ACCEPTED
        application.decided_at = timezone.now()
        if note:
            application.coordinator_note = note
        application.save(
            update_fields=[
                "participant",
                "seat_number",
                "state",
                "decided_at",
                "coordinator_note",
                "updated_at",
            ]
        )
        webhook_emit(event=WebhookEvent.PARTICIPANT_ACCEPTED, obj=application.participant)
        _notify(
            application,
            "application_accepted",
            gettext_lazy("Welcome to %(program)s"),
        )
    return application


def application_waitlist(*, application: Application, by: User | None = None) -> Application:
    """Put on the waitlist. A seat it held goes to the first in the queue."""
    with transaction.atomic():
        application = _locked(application)
        _check(application, "waitlist")
        _audit(application, ApplicationState.WAITLISTED, by)
        application.state = ApplicationState.WAITLISTED
        _release_seat(application)
        _notify(
            application,
            "application_waitlisted",
            gettext_lazy("You are on the waitlist of %(program)s"),
        )
    return application


def application_reject(
    *, application: Application, note: str = "", by: User | None = None
) -> Application:
    """Reject. A seat it held goes to the first on the waitlist, who is told by email."""
    with transaction.atomic():
        application = _locked(application)
        _check(application, "reject")
        _audit(application, ApplicationState.REJECTED, by)
        application.state = ApplicationState.REJECTED
        application.decided_at = timezone.now()
        if note:
            application.coordinator_note = note
            application.save(update_fields=["coordinator_note"])
        _release_seat(application)
        _notify(
            application,
            "application_rejected",
            gettext_lazy("Your application to %(program)s"),
        )
    return application
