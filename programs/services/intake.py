"""Applications: submit, edit, withdraw; seats and the waitlist; nominations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorship.errors import Refusal
from mentorship.models import User
from mentorship.selectors import language_for
from mentorship.services import email_queue, state_change_record
from programs.enums import (
    PUBLIC_COHORT_STATES,
    ApplicationState,
    IntakeChannel,
    LanguageSpoken,
    QuestionKind,
    Role,
    WebhookEvent,
)
from programs.models import (
    Answer,
    Application,
    Cohort,
    Nomination,
    Organisation,
    Question,
)
from programs.rules import may_coordinate
from programs.selectors import (
    application_editable,
    contact_organisations,
    nominations_open,
    questions_for,
    seats_at_registration,
    uses_seat_queue,
    waitlist_position,
)
from programs.services.core import participant_withdraw, person_account
from programs.services.integrations import webhook_emit
from programs.services.organisations import organisation_named


class IntakeError(Refusal):
    """A refusal the applicant or coordinator should read, already translated."""


PROFILE_FIELDS = (
    "phone",
    "title",
    "profession",
    "languages",
    "competence_areas",
    "region",
    "bio",
    "preferred_language",
)


@dataclass
class ApplicantDetails:
    """The standard profile part of an application form."""

    email: str
    first_name: str
    last_name: str
    organisation: Organisation | None = None
    # "Another organisation" typed on the form, when none was chosen from the list.
    organisation_name: str = ""
    profile: dict[str, Any] = field(default_factory=dict)


# --- Reading answers -----------------------------------------------------------------


def answer_as_text(question: Question, value: Any) -> str:
    """An answer as the coordinator reads it, in the active language."""
    if value in (None, "", []):
        return ""
    if question.kind == QuestionKind.YES_NO:
        return _("Yes") if value else _("No")
    if question.kind == QuestionKind.NUMBER:
        number = Decimal(str(value))
        return f"{number:f}".rstrip("0").rstrip(".") if "." in f"{number:f}" else f"{number:f}"
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        labels = {choice.value: choice.label for choice in question.choices.all()}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in values)
    return str(value)


def number_in_range(value: Any, minimum: Decimal | None, maximum: Decimal | None) -> bool:
    """Whether a number answer lies within a knock-out range (either end may be open)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return False
    if not number.is_finite():
        return False
    return (minimum is None or number >= minimum) and (maximum is None or number <= maximum)


def ineligible_reasons(questions: list[Question], answers: dict[int, Any]) -> list[str]:
    """The knock-out questions whose answer falls outside the requirement profile."""
    reasons = []
    for question in questions:
        if not question.is_knockout:
            continue
        value = answers.get(question.pk)
        if question.kind == QuestionKind.NUMBER:
            eligible = number_in_range(value, question.eligible_minimum, question.eligible_maximum)
        elif question.kind == QuestionKind.YES_NO:
            eligible = value is not None and ("yes" if value else "no") in question.eligible_answers
        else:
            given = set(value if isinstance(value, list) else [value]) - {None, ""}
            if question.eligible_needs_all:
                missing = [v for v in question.eligible_answers if v not in given]
                if missing and given:
                    reasons.append(
                        _("%(question)s: %(answer)s (missing: %(missing)s)")
                        % {
                            "question": question.text,
                            "answer": answer_as_text(question, value),
                            "missing": answer_as_text(question, missing),
                        }
                    )
                    continue
                eligible = not missing
            else:
                eligible = bool(given & set(question.eligible_answers))
        if not eligible:
            answered = answer_as_text(question, value) or _("not answered")
            reasons.append(f"{question.text}: {answered}")
    return reasons


def profile_reasons(program, role: str, profile: dict[str, Any]) -> list[str]:
    """The program's knock-outs on the standard profile: every language it asks of the
    role ("speaks Swedish and English"), not just one of them."""
    required = program.languages_required(role)
    spoken = set(profile.get("languages") or [])
    missing = [code for code in required if code not in spoken]
    if not missing:
        return []
    labels = dict(LanguageSpoken.choices)
    return [
        _("Languages you speak: %(answer)s (missing: %(missing)s)")
        % {
            "answer": ", ".join(str(labels.get(c, c)) for c in spoken) or _("not answered"),
            "missing": ", ".join(str(labels[c]) for c in missing),
        }
    ]


# --- Seats -------------------------------------------------------------------------


def _lock_cohort(cohort: Cohort) -> Cohort:
    """Serialise seat decisions for a cohort: every seat change happens under this lock."""
    return (
        Cohort.objects.select_for_update(of=("self",)).select_related("program").get(pk=cohort.pk)
    )


def _next_queue_number(model: type[Application | Nomination], cohort: Cohort, role: str) -> int:
    """Under the cohort's lock: the next place in the order of submission (applications)
    or of registration (nominations) for the cohort and role."""
    last = model.objects.filter(cohort=cohort, role=role).aggregate(last=Max("queue_number"))
    return (last["last"] or 0) + 1


def _free_seat(cohort: Cohort, role: str) -> int | None:
    """The lowest free seat number, or None when every seat is taken."""
    seats = cohort.seats_for(role)
    if seats is None:
        return None
    taken = set(
        Application.objects.filter(cohort=cohort, role=role, seat_number__isnull=False).values_list(
            "seat_number", flat=True
        )
    ) | set(
        # Seats taken at registration, held by nominees who have not applied yet.
        Nomination.objects.filter(cohort=cohort, role=role, seat_number__isnull=False).values_list(
            "seat_number", flat=True
        )
    )
    return next((number for number in range(1, seats + 1) if number not in taken), None)


def _promote_from_waitlist(cohort: Cohort, role: str) -> Application | Nomination | None:
    """Under first come, first served, give a free seat to the first on the waitlist: in
    the order of registration where organisations' registrations take the seats."""
    if not uses_seat_queue(cohort, role):
        return None
    seat = _free_seat(cohort, role)
    if seat is None:
        return None
    if seats_at_registration(cohort, role):
        return _promote_nomination(cohort, role, seat)
    promoted = (
        Application.objects.select_for_update(of=("self",))
        .filter(cohort=cohort, role=role, state=ApplicationState.WAITLISTED)
        .select_related("user", "cohort__program")
        .order_by("queue_number")
        .first()
    )
    if promoted is None:
        return None
    return _seat_give(promoted, seat)


def _seat_give(application: Application, seat: int) -> Application:
    """A waiting application takes a free seat, and its applicant is told by email."""
    application.seat_number = seat
    state_change_record(
        obj=application, from_state=application.state, to_state=ApplicationState.SUBMITTED
    )
    application.state = ApplicationState.SUBMITTED
    application.save(update_fields=["seat_number", "state", "updated_at"])
    _notify(application, "application_promoted", gettext_lazy("You have a seat in %(program)s"))
    return application


def _promote_nomination(cohort: Cohort, role: str, seat: int) -> Application | Nomination | None:
    """The earliest registered nominee without a seat, still in the running (not
    withdrawn, and not applied ineligible), takes it: their waiting application, or the
    nomination itself until they apply."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .filter(
            cohort=cohort,
            role=role,
            withdrawn_at__isnull=True,
            seat_number__isnull=True,
            queue_number__isnull=False,
        )
        .filter(Q(application__isnull=True) | Q(application__state=ApplicationState.WAITLISTED))
        .exclude(application__is_eligible=False)
        .select_related("application__user", "application__cohort__program")
        .order_by("queue_number")
        .first()
    )
    if nomination is None:
        return None
    application = getattr(nomination, "application", None)
    if application is None:
        nomination.seat_number = seat
        nomination.save(update_fields=["seat_number", "updated_at"])
        return nomination
    return _seat_give(application, seat)


# --- Emails ------------------------------------------------------------------------


def _notify(
    application: Application,
    template: str,
    subject: Any,
    *,
    attachments: tuple[dict[str, str], ...] = (),
    **context: Any,
) -> None:
    """Email the applicant about their application, in their language."""
    program = application.cohort.program
    email_queue(
        to=application.user.email,
        user=application.user,
        language=language_for(application.user, application.language),
        subject=subject,
        template=template,
        context={
            "application": application,
            "program": program,
            "cohort": application.cohort,
            "person": application.user,
            "position": waitlist_position(application),
            "dashboard_url": reverse("dashboard"),
            **context,
        },
        idempotency_key=f"{template}:application:{application.pk}:{uuid.uuid4()}",
        attachments=attachments,
    )


# --- Applicants --------------------------------------------------------------------


def _applicant(details: ApplicantDetails, acting_user: User | None) -> tuple[User, bool]:
    """The account for this email: the logged-in person, an existing one, or a new one.

    Returns the user and whether their profile may be written: only a new account or the
    person themselves, so that nobody can overwrite someone else's profile by typing
    their email address.
    """
    email = details.email.strip().lower()
    if acting_user is not None and acting_user.is_authenticated:
        if acting_user.email.lower() != email:
            raise IntakeError(_("You are logged in as someone else: log out to apply for them."))
        return acting_user, True
    return person_account(email=email, first_name=details.first_name, last_name=details.last_name)


def _write_profile(user: User, details: ApplicantDetails) -> None:
    user.first_name, user.last_name = details.first_name, details.last_name
    user.save(update_fields=["first_name", "last_name"])
    profile = user.profile
    if details.organisation is None and details.organisation_name:
        details.organisation = organisation_named(details.organisation_name)
    if details.organisation is not None:
        profile.organisation = details.organisation
    for name in PROFILE_FIELDS:
        if name in details.profile:
            setattr(profile, name, details.profile[name])
    profile.save()


def _save_answers(
    application: Application,
    questions: list[Question],
    answers: dict[int, Any],
    files: dict[int, UploadedFile],
) -> None:
    for question in questions:
        if question.kind == QuestionKind.FILE:
            upload = files.get(question.pk)
            if upload is None:
                continue  # keep the file already given, if any
            answer, _created = Answer.objects.get_or_create(
                application=application, question=question
            )
            answer.file.save(upload.name, upload, save=True)
            continue
        Answer.objects.update_or_create(
            application=application,
            question=question,
            defaults={"value": answers.get(question.pk)},
        )


def application_submit(
    *,
    cohort: Cohort,
    role: str,
    details: ApplicantDetails,
    answers: dict[int, Any],
    files: dict[int, UploadedFile] | None = None,
    consent_text: str,
    submission_token: uuid.UUID,
    language: str = "sv",
    nomination: Nomination | None = None,
    acting_user: User | None = None,
    registered_by: User | None = None,
    now: datetime | None = None,
) -> tuple[Application, bool]:
    """Submit an application; returns it and whether it is new.

    `registered_by` is the program's coordinator filing it for a person who applied by
    phone and consented there: it counts as the person's own (no confirmation link), it
    may be filed while the public form is closed, and the audit names the coordinator.

    Checks that the cohort takes applications now, and that this person has not applied
    for this cohort and role before. Under a lock on the cohort it gives the next place
    in the queue and, under first come, first served, a free seat or a place on the
    waitlist. Knock-out answers flag it as not eligible; nothing is rejected silently.
    The same submission token twice (a double submit) returns the first application.
    Emails a confirmation in the applicant's language once committed.
    """
    existing = Application.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return existing, False
    if registered_by is not None:
        if not may_coordinate(registered_by, cohort):
            raise IntakeError(_("You do not coordinate this program."))
        if cohort.state not in PUBLIC_COHORT_STATES:
            raise IntakeError(_("This cohort does not take applications now."))
    elif nomination is None and not cohort.accepts_applications(now):
        raise IntakeError(_("This cohort does not take applications now."))
    elif nomination is None and cohort.intake_for(role) != IntakeChannel.PUBLIC:
        # Nominated, or invited by the coordinator: not through the public form.
        raise IntakeError(_("This cohort does not take applications in this role from the form."))
    if not consent_text:
        raise IntakeError(_("Consent to the handling of personal data is required."))
    questions = questions_for(cohort, role)
    try:
        with transaction.atomic():
            user, may_write_profile = _applicant(
                details, None if registered_by is not None else acting_user
            )
            # Someone else's address: what they filed counts only once its owner confirms
            # it, and the form says nothing about whether the address applied before.
            # (A nominee's link was emailed to the address: following it proves it.)
            by_owner = may_write_profile or nomination is not None or registered_by is not None
            earlier = Application.objects.filter(cohort=cohort, role=role, user=user)
            if by_owner:
                earlier.filter(state=ApplicationState.UNCONFIRMED).delete()
            if (first := earlier.first()) is not None:
                if by_owner:
                    raise IntakeError(_already_applied(role))
                _notify_owner(first, submission_token)
                return first, False
            cohort = _lock_cohort(cohort)
            if Application.objects.filter(submission_token=submission_token).exists():
                return Application.objects.get(submission_token=submission_token), False
            if nomination and details.organisation is None and not details.organisation_name:
                details.organisation = nomination.organisation  # who put them forward
            if may_write_profile:
                _write_profile(user, details)
            queue_number = _next_queue_number(Application, cohort, role)
            reasons = ineligible_reasons(questions, answers) + profile_reasons(
                cohort.program, role, details.profile
            )
            registered = nomination is not None and seats_at_registration(cohort, role)
            if registered:
                seat, state = _seat_from_nomination(nomination)
            else:
                seat, state = _seat_or_waitlist(cohort, role) if by_owner else (None, "")
            state = state or ApplicationState.UNCONFIRMED
            released = registered and bool(reasons) and seat is not None
            if released:
                # Not eligible: the seat goes to the next registered at once; the
                # application stays, flagged, for the coordinator to decide.
                seat, state = None, ApplicationState.SUBMITTED
            application = Application.objects.create(
                cohort=cohort,
                role=role,
                user=user,
                state=state,
                language=language,
                queue_number=queue_number,
                seat_number=seat,
                is_eligible=not reasons,
                ineligible_reasons=reasons,
                consent_text=consent_text,
                consent_given_at=now or timezone.now(),
                nomination=nomination,
                submission_token=submission_token,
            )
            _save_answers(application, questions, answers, files or {})
            if released:
                _promote_from_waitlist(cohort, role)
            state_change_record(
                obj=application,
                from_state="",
                to_state=application.state,
                # Filed for the owner (not by them), or by the coordinator on the phone.
                by=registered_by or (user if by_owner else None),
            )
            if by_owner:
                _notify_received(application)
                webhook_emit(event=WebhookEvent.APPLICATION_SUBMITTED, obj=application)
            else:
                _notify_confirm(application)
    except IntegrityError as error:
        # A race with a double submit or a second application in another tab.
        again = Application.objects.filter(submission_token=submission_token).first()
        if again is not None:
            return again, False
        raise IntakeError(_already_applied(role)) from error
    return application, True


def _registered_for(
    *,
    cohort: Cohort,
    role: str,
    details: ApplicantDetails,
    answers: dict[int, Any],
    submission_token: uuid.UUID,
    by: User,
    language: str,
    consent: list[str],
    now: datetime,
) -> tuple[Application, bool]:
    """An application the program's coordinator (or their system) files for a person
    who consented elsewhere: the consent kept as how it was given, then the notice."""
    return application_submit(
        cohort=cohort,
        role=role,
        details=details,
        answers=answers,
        consent_text="\n\n".join(
            part.strip() for part in (*consent, cohort.program.privacy_notice) if part.strip()
        ),
        submission_token=submission_token,
        language=language,
        registered_by=by,
        now=now,
    )


def _who_and_when(by: User, now: datetime) -> dict[str, str]:
    return {
        "coordinator": by.get_full_name() or by.email,
        "when": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
    }


def application_register_by_phone(
    *,
    cohort: Cohort,
    role: str,
    details: ApplicantDetails,
    answers: dict[int, Any],
    submission_token: uuid.UUID,
    by: User,
    language: str = "sv",
) -> Application:
    """The coordinator files the application of a person who phoned in, with their
    consent to the privacy notice given by phone: the account is made when new, the
    consent is kept with its text, who took it and when, and the person gets the same
    confirmation email as from the public form. Then the normal flow (intake call,
    acceptance, matching). A double submit files one application."""
    now = timezone.now()
    consent = _("Consent given by phone to %(coordinator)s on %(when)s.") % _who_and_when(by, now)
    application, _new = _registered_for(
        cohort=cohort,
        role=role,
        details=details,
        answers=answers,
        submission_token=submission_token,
        by=by,
        language=language,
        consent=[consent],
        now=now,
    )
    return application


def application_register_through_api(
    *,
    cohort: Cohort,
    role: str,
    details: ApplicantDetails,
    answers: dict[int, Any],
    submission_token: uuid.UUID,
    by: User,
    system: str,
    consent_statement: str,
    language: str = "sv",
) -> tuple[Application, bool]:
    """Another system (through an API token of the program's coordinator) files the
    application of a person who consented there: as by phone, the consent is kept with
    the system's own statement, who and when, and the person is emailed a confirmation.
    Returns the application and whether it is new (the same submission token again
    returns the first)."""
    now = timezone.now()
    if not consent_statement.strip():
        raise IntakeError(_("Say how the person consented."), field="consent_statement")
    consent = _(
        "Consent recorded by %(system)s through the API for %(coordinator)s on %(when)s."
    ) % {"system": system, **_who_and_when(by, now)}
    return _registered_for(
        cohort=cohort,
        role=role,
        details=details,
        answers=answers,
        submission_token=submission_token,
        by=by,
        language=language,
        consent=[consent, consent_statement],
        now=now,
    )


def _seat_or_waitlist(cohort: Cohort, role: str) -> tuple[int | None, str]:
    """Under the cohort's lock: a free seat, or the waitlist when the cohort seats first
    come, first served and every seat is taken."""
    if uses_seat_queue(cohort, role):
        seat = _free_seat(cohort, role)
        if seat is None:
            return None, ApplicationState.WAITLISTED
        return seat, ApplicationState.SUBMITTED
    return None, ApplicationState.SUBMITTED


def _seat_from_nomination(nomination: Nomination) -> tuple[int | None, str]:
    """Under the cohort's lock: the seat the nominee's registration took passes to their
    application; without one, the application waits in the order of registration."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    seat = nomination.seat_number
    if seat is None:
        return None, ApplicationState.WAITLISTED
    nomination.seat_number = None
    nomination.save(update_fields=["seat_number", "updated_at"])
    return seat, ApplicationState.SUBMITTED


def _notify_received(application: Application) -> None:
    _notify(
        application,
        "application_received",
        gettext_lazy("We have received your application to %(program)s"),
    )


# A rank no list reaches, held for a moment while two nominees swap places.
RANK_PARKED = 32000

CONFIRM_SALT = "application-confirm"
CONFIRM_MAX_AGE = 14 * 24 * 3600


def application_confirm_token(application: Application) -> str:
    return signing.dumps(application.pk, salt=CONFIRM_SALT)


def _notify_confirm(application: Application) -> None:
    """Ask the account's owner whether this application, filed for their address by
    someone not logged in, is theirs."""
    _notify(
        application,
        "application_confirm",
        gettext_lazy("Confirm your application to %(program)s"),
        confirm_url=reverse("application_confirm", args=[application_confirm_token(application)]),
    )


def _notify_owner(application: Application, submission_token: uuid.UUID) -> None:
    """Tell the owner of an address that it was used to apply again (once per form)."""
    program = application.cohort.program
    email_queue(
        to=application.user.email,
        user=application.user,
        subject=gettext_lazy("Your application to %(program)s"),
        template="application_again",
        context={
            "application": application,
            "program": program,
            "cohort": application.cohort,
            "person": application.user,
            "dashboard_url": reverse("dashboard"),
        },
        idempotency_key=f"application_again:{application.pk}:{submission_token}",
    )


def application_for_confirm_token(token: str) -> Application | None:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Application.objects.select_related("cohort__program", "user").filter(pk=pk).first()


def application_confirm(*, application: Application) -> Application:
    """The account's owner confirms an application filed for their address: from now on
    it counts, with a seat or a waitlist place given under the cohort's lock as at
    submission, and the usual confirmation email. Confirming twice changes nothing."""
    with transaction.atomic():
        cohort = _lock_cohort(application.cohort)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.state != ApplicationState.UNCONFIRMED:
            return application
        seat, state = _seat_or_waitlist(cohort, application.role)
        state_change_record(
            obj=application, from_state=application.state, to_state=state, by=application.user
        )
        application.seat_number, application.state = seat, state
        application.save(update_fields=["seat_number", "state", "updated_at"])
        _notify_received(application)
        webhook_emit(event=WebhookEvent.APPLICATION_SUBMITTED, obj=application)
    return application


def _already_applied(role: str) -> str:
    return _(
        "You have already applied to this cohort as %(role)s. You can see, change or "
        "withdraw that application on your dashboard."
    ) % {"role": Role(role).label.lower()}


def application_update(
    *,
    application: Application,
    by: User,
    details: ApplicantDetails,
    answers: dict[int, Any],
    files: dict[int, UploadedFile] | None = None,
) -> Application:
    """The applicant changes their answers before the deadline; eligibility is re-read."""
    if application.user_id != by.pk:
        raise IntakeError(_("Only the applicant can change an application."))
    if not application_editable(application):
        raise IntakeError(_("This application can no longer be changed."))
    questions = questions_for(application.cohort, application.role)
    with transaction.atomic():
        details.email = by.email
        _write_profile(by, details)
        _save_answers(application, questions, answers, files or {})
        reasons = ineligible_reasons(questions, answers) + profile_reasons(
            application.cohort.program, application.role, details.profile
        )
        application.is_eligible = not reasons
        application.ineligible_reasons = reasons
        application.save(update_fields=["is_eligible", "ineligible_reasons", "updated_at"])
    return application


def _release_seat(application: Application) -> None:
    """Free the application's seat and give it to the first on the waitlist."""
    had_seat = application.seat_number is not None
    application.seat_number = None
    application.save(update_fields=["seat_number", "state", "decided_at", "updated_at"])
    if had_seat:
        _promote_from_waitlist(application.cohort, application.role)


def application_withdraw(*, application: Application, by: User) -> Application:
    """The applicant withdraws. A seat they held goes to the first on the waitlist, who
    is told by email. An accepted applicant's participation ends too."""
    if application.user_id != by.pk:
        raise IntakeError(_("Only the applicant can withdraw an application."))
    with transaction.atomic():
        _lock_cohort(application.cohort)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.state == ApplicationState.WITHDRAWN:
            return application
        if application.state == ApplicationState.REJECTED:
            raise IntakeError(_("This application has already been decided."))
        if application.participant_id:
            participant_withdraw(participant=application.participant, by=by)
        state_change_record(
            obj=application,
            from_state=application.state,
            to_state=ApplicationState.WITHDRAWN,
            by=by,
        )
        application.state = ApplicationState.WITHDRAWN
        application.decided_at = timezone.now()
        _release_seat(application)
        _notify(
            application,
            "application_withdrawn",
            gettext_lazy("Your application to %(program)s is withdrawn"),
        )
    return application


# --- Nominations -------------------------------------------------------------------


def nomination_create(
    *,
    cohort: Cohort,
    organisation: Organisation,
    by: User,
    role: str,
    first_name: str,
    last_name: str,
    email: str,
    rank: int,
    note: str = "",
) -> Nomination:
    """An organisation contact puts a candidate forward, ranked, before the deadline; or
    the program's coordinator enters one for any organisation, also after it (a
    nomination phoned or mailed in).

    The nominee is emailed a link to the full application form, in Swedish unless they
    already have an account with another language.
    """
    coordinator = may_coordinate(by, cohort)
    if not coordinator and organisation not in contact_organisations(by, cohort):
        raise IntakeError(_("You are not a contact person for this organisation here."))
    if not coordinator and not nominations_open(cohort):
        raise IntakeError(_("The nomination deadline has passed."))
    if role == Role.MENTEE and cohort.mentee_partner_id not in (None, organisation.pk):
        raise IntakeError(
            _("Mentees of this cohort are nominated by %(partner)s only.")
            % {"partner": cohort.mentee_partner.name},
            field="role",
        )
    try:
        with transaction.atomic():
            queue_number = seat = None
            if seats_at_registration(cohort, role):
                # In the order the organisations register: a seat while any is free.
                cohort = _lock_cohort(cohort)
                queue_number = _next_queue_number(Nomination, cohort, role)
                seat = _free_seat(cohort, role)
            nomination = Nomination.objects.create(
                cohort=cohort,
                role=role,
                organisation=organisation,
                nominated_by=by,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email.strip().lower(),
                rank=rank,
                note=note,
                queue_number=queue_number,
                seat_number=seat,
            )
            existing = User.objects.filter(email__iexact=nomination.email).first()
            email_queue(
                to=nomination.email,
                user=existing,
                subject=gettext_lazy("You are nominated to %(program)s"),
                template="nomination_invite",
                context={
                    "nomination": nomination,
                    "program": cohort.program,
                    "cohort": cohort,
                    "apply_url": reverse("nomination_apply", kwargs={"token": nomination.token}),
                },
                idempotency_key=f"nomination_invite:{nomination.pk}",
            )
    except IntegrityError as error:
        taken = Nomination.objects.filter(
            cohort=cohort, organisation=organisation, role=role, rank=rank, withdrawn_at=None
        ).exists()
        if taken:
            raise IntakeError(
                _("Your organisation already has a candidate at that rank."), field="rank"
            ) from error
        raise IntakeError(
            _("This person is already nominated to this cohort."), field="email"
        ) from error
    return nomination


def _may_change_nomination(nomination: Nomination, by: User) -> None:
    """The organisation's contacts until the deadline; the program's coordinators always."""
    cohort = Cohort.objects.select_related("program").get(pk=nomination.cohort_id)
    if may_coordinate(by, cohort):
        return
    if nomination.organisation not in contact_organisations(by, cohort):
        raise IntakeError(_("You are not a contact person for this organisation here."))
    if not nominations_open(cohort):
        raise IntakeError(_("The nomination deadline has passed."))


def nomination_rank_set(*, nomination: Nomination, rank: int, by: User) -> Nomination:
    """Move a nominee to another rank in the organisation's list; the one there (if any)
    takes the old rank. Ranks are the organisation's order of preference: the seats
    follow the order of registration, not the ranks."""
    _may_change_nomination(nomination, by)
    if rank < 1:
        raise IntakeError(_("Rank from 1, the first choice."), field="rank")
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.withdrawn_at is not None:
            raise IntakeError(_("This nomination is withdrawn."))
        old = nomination.rank
        if rank == old:
            return nomination
        other = (
            Nomination.objects.select_for_update()
            .filter(
                cohort_id=nomination.cohort_id,
                organisation_id=nomination.organisation_id,
                role=nomination.role,
                rank=rank,
                withdrawn_at=None,
            )
            .first()
        )
        if other is not None:  # a swap, through a rank nobody holds
            other.rank = RANK_PARKED
            other.save(update_fields=["rank", "updated_at"])
        nomination.rank = rank
        nomination.save(update_fields=["rank", "updated_at"])
        if other is not None:
            other.rank = old
            other.save(update_fields=["rank", "updated_at"])
    return nomination


def nomination_withdraw(*, nomination: Nomination, by: User) -> Nomination:
    """The organisation takes a nomination back before the nominee has applied; a seat it
    held goes to the next registered at once. (An application already sent is the
    applicant's to withdraw.)"""
    _may_change_nomination(nomination, by)
    with transaction.atomic():
        cohort = _lock_cohort(nomination.cohort)
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.withdrawn_at is not None:
            return nomination
        if Application.objects.filter(nomination=nomination).exists():
            raise IntakeError(
                _("%(name)s has already applied: the application is theirs to withdraw.")
                % {"name": nomination.first_name}
            )
        had_seat = nomination.seat_number is not None
        nomination.withdrawn_at = timezone.now()
        nomination.seat_number = None
        nomination.save(update_fields=["withdrawn_at", "seat_number", "updated_at"])
        if had_seat:
            _promote_from_waitlist(cohort, nomination.role)
    return nomination
