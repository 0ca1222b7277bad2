"""Personal data rights: erasure on request, confirmed by a coordinator, and the
retention of applications that were never accepted.

Erasure anonymises rather than deletes: the person's rows stay, so a cohort's figures
(applications, seats, pairs, meetings, hours, attendance, fees) stay as they were, but
nothing in them names the person any more.
"""

from __future__ import annotations

import json
from datetime import date

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, models, transaction
from django.db.models import (
    DateField,
    DurationField,
    Exists,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.enums import ItemKind
from events.models import CalendarFeed, CheckInAnswer, ContactLog, PrivateNote, Rsvp, Session
from matching.enums import MatchState
from matching.models import GoalNote, Match, MentorDecline, MentorWish, Message
from matching.services.matching import match_end
from mentorship.errors import Refusal
from mentorship.models import OutgoingEmail, User
from mentorship.services import email_queue
from programs.enums import ApplicationState, ErasureState, ParticipantState
from programs.models import (
    Answer,
    Application,
    Diploma,
    ErasureRequest,
    Interview,
    Nomination,
    Participant,
    Profile,
)
from programs.selectors import coordinators_of
from programs.services.core import participant_withdraw

ERASED_DOMAIN = "erased.invalid"
NEVER_ACCEPTED = (
    ApplicationState.SUBMITTED,
    ApplicationState.WAITLISTED,
    ApplicationState.REJECTED,
    ApplicationState.WITHDRAWN,
)


class PrivacyError(Refusal):
    """A refusal to show the person or coordinator, already translated."""


def erasure_request(*, user: User, message: str = "") -> ErasureRequest:
    """The person asks for their data to be erased; the coordinators of their programs
    are told. Asking again while a request is open returns that request. Staff accounts
    are refused: an administrator removes those."""
    if user.is_staff:
        raise PrivacyError(_("Staff accounts are erased by an administrator."))
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(user=user, message=message.strip())
            for coordinator in coordinators_of(user):
                email_queue(
                    to=coordinator.email,
                    user=coordinator,
                    subject=gettext_lazy("A request to erase personal data"),
                    template="erasure_requested",
                    context={"request": request, "person": user},
                    idempotency_key=f"erasure_requested:{request.pk}:{coordinator.pk}",
                )
    except IntegrityError:  # one open request per person: a double submit lands here
        return ErasureRequest.objects.get(user=user, state=ErasureState.REQUESTED)
    return request


def _open_request(request: ErasureRequest) -> ErasureRequest:
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ErasureState.REQUESTED:
        raise PrivacyError(_("This request has already been decided."))
    return request


def erasure_confirm(*, request: ErasureRequest, by: User) -> ErasureRequest:
    """A coordinator confirms the request: the person leaves their running programs
    (their live matches end, the other member is told) and is anonymised at once."""
    with transaction.atomic():
        request = _open_request(request)
        person = request.user
        for match in Match.objects.filter(
            Q(mentor__user=person) | Q(mentee__user=person),
            state__in=(MatchState.PROPOSED, MatchState.ACTIVE),
        ):
            match_end(match=match, by=by, reason=_("The participant's data was erased."))
        for participant in Participant.objects.filter(user=person, state=ParticipantState.ACTIVE):
            participant_withdraw(
                participant=participant, by=by, reason=_("The participant's data was erased.")
            )
        person_anonymise(user=person)
        request.state = ErasureState.ERASED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.message = ""
        request.save(update_fields=["state", "decided_by", "decided_at", "message"])
    return request


def erasure_decline(*, request: ErasureRequest, by: User) -> ErasureRequest:
    """A coordinator declines the request (for instance while an invoice is unpaid)."""
    with transaction.atomic():
        request = _open_request(request)
        request.state = ErasureState.DECLINED
        request.decided_by = by
        request.decided_at = timezone.now()
        request.save(update_fields=["state", "decided_by", "decided_at"])
    return request


def _application_erase(applications) -> int:
    """Erase what applications say about the person; the rows stay for the counts."""
    answers = Answer.objects.filter(application__in=applications)
    for answer in answers.exclude(file=""):
        answer.file.delete(save=False)
    answers.delete()
    Interview.objects.filter(application__in=applications).update(notes="", location="")
    erased = applications.update(
        coordinator_note="", ineligible_reasons=[], erased_at=timezone.now()
    )
    # The change history kept the answers as they were: it goes too.
    _history_erase(application_ids=set(applications.values_list("pk", flat=True)))
    return erased


def _history_erase(
    *, application_ids: set[int] = frozenset(), participant_ids: set[int] = frozenset()
) -> None:
    """Delete the change history of a person's applications (with their answers) and
    participations (with their matches and agreements). Called after the erasure's own
    updates, whose history it deletes too."""
    if application_ids:
        apps.get_model("programs.AnswerEvent").objects.filter(
            application_id__in=application_ids
        ).delete()
        apps.get_model("programs.ApplicationEvent").objects.filter(
            pgh_obj_id__in=application_ids
        ).delete()
    if participant_ids:
        match_events = apps.get_model("matching.MatchEvent").objects.filter(
            Q(mentor_id__in=participant_ids) | Q(mentee_id__in=participant_ids)
        )
        match_ids = set(match_events.values_list("pgh_obj_id", flat=True))
        apps.get_model("matching.AgreementEvent").objects.filter(match_id__in=match_ids).delete()
        apps.get_model("matching.MatchEvent").objects.filter(pgh_obj_id__in=match_ids).delete()
        apps.get_model("programs.ParticipantEvent").objects.filter(
            pgh_obj_id__in=participant_ids
        ).delete()


def history_purge(*, now=None) -> int:
    """Delete the change history older than AUDIT_HISTORY_MONTHS. Returns how many
    changes were deleted; run again, it deletes none."""
    from dateutil.relativedelta import relativedelta
    from django.conf import settings

    before = (now or timezone.now()) - relativedelta(months=settings.AUDIT_HISTORY_MONTHS)
    deleted = 0
    for model in _history_models():
        deleted += model.objects.filter(pgh_created_at__lt=before).delete()[0]
    return deleted


def _history_models():
    from pghistory.models import Event

    return [m for m in apps.get_models() if issubclass(m, Event) and not m._meta.abstract]


def _scrub_emails(user: User, name: str, email: str, marker: str) -> None:
    """Drop the person's own emails; in others' emails, put the marker for their name
    and address (the text and any calendar invite attached)."""
    OutgoingEmail.objects.filter(Q(user=user) | Q(to__iexact=email)).delete()
    for old, new in ((name, marker), (email, "")):
        if not old.strip():
            continue
        mentions = (
            Q(subject__contains=old)
            | Q(body_text__contains=old)
            | Q(body_html__contains=old)
            | Q(attachments__icontains=old)
        )
        OutgoingEmail.objects.filter(mentions).update(
            subject=Replace(F("subject"), Value(old), Value(new)),
            body_text=Replace(F("body_text"), Value(old), Value(new)),
            body_html=Replace(F("body_html"), Value(old), Value(new)),
            attachments=Cast(
                Replace(Cast(F("attachments"), TextField()), Value(old), Value(new)),
                JSONField(),
            ),
        )


# Shorter strings than this are not searched for across the database: a first name
# alone ("Ali") would match inside other words.
SCRUB_MIN_LENGTH = 5
# The apps whose tables may quote a person (ours, and the admin's history).
SCRUBBED_APPS = ("mentorship", "programs", "matching", "events", "admin")


def _replace_all(
    table: str,
    column: str,
    pairs: list[tuple[str, str]],
    cast: str = "",
    limit: int | None = None,
) -> tuple[str, list]:
    """One UPDATE that replaces every pair in a column, only in rows holding one."""
    value, params = column, []
    for old, new in pairs:
        value = f"replace({value}, %s, %s)"
        params += [old, new]
    if limit:
        value, params = f"left({value}, %s)", [*params, limit]
    target = column.split("::")[0]
    where = " OR ".join(f"strpos({column}, %s) > 0" for _ in pairs)
    return (
        f"UPDATE {table} SET {target} = {value}{cast} WHERE {where}",
        [*params, *(old for old, _ in pairs)],
    )


def _scrub_everywhere(replacements: list[tuple[str, str]]) -> None:
    """Replace each string wherever any text or JSON column of our tables holds it:
    emails sent to other people (and their stored context), notes, reasons, the admin's
    history. The one net under the specific erasures above it, so that a new column
    that quotes a person is erased too."""
    from django.db import connection

    pairs = [(old, new) for old, new in replacements if len(old.strip()) >= SCRUB_MIN_LENGTH]
    if not pairs:
        return
    with connection.cursor() as cursor:
        for model in apps.get_models():
            meta = model._meta
            if meta.app_label not in SCRUBBED_APPS or meta.proxy or not meta.managed:
                continue
            table = connection.ops.quote_name(meta.db_table)
            for field in meta.concrete_fields:
                if isinstance(field, models.GeneratedField):
                    continue
                column = connection.ops.quote_name(field.column)
                if isinstance(field, models.JSONField):
                    # Inside JSON, the strings are stored escaped.
                    escaped = [(json.dumps(o)[1:-1], json.dumps(n)[1:-1]) for o, n in pairs]
                    cursor.execute(*_replace_all(table, f"{column}::text", escaped, "::jsonb"))
                elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
                    cursor.execute(*_replace_all(table, column, pairs, limit=field.max_length))


def person_anonymise(*, user: User) -> None:
    """Remove everything that names or describes the person, keeping the rows that the
    program's figures count: applications (without answers), participations, matches,
    sessions (without notes), attendance (without needs), scale answers, fees."""
    name, email = user.get_full_name(), user.email
    profile = Profile.objects.filter(user=user).first()
    phone, bio = (profile.phone, profile.bio) if profile else ("", "")
    first, last = _("Erased"), f"#{user.pk}"
    marker = f"{first} {last}"
    erased_email = f"erased-{user.pk}@{ERASED_DOMAIN}"
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(
            first_name=first,
            last_name=last,
            email=erased_email,
            is_active=False,
            password=make_password(None),
            last_login=None,
        )
        EmailAddress.objects.filter(user=user).delete()
        CalendarFeed.objects.filter(user=user).delete()
        if profile is not None and profile.photo:
            profile.photo.delete(save=False)
        Profile.objects.filter(user=user).update(
            phone="",
            title="",
            bio="",
            competence_areas=[],
            availability=[],
            nudges=False,
            photo="",
        )
        _application_erase(Application.objects.filter(user=user))
        Nomination.objects.filter(Q(application__user=user) | Q(email__iexact=email)).update(
            first_name=first, last_name=last, email=erased_email, note=""
        )
        Participant.objects.filter(user=user).update(in_directory=False)
        Diploma.objects.filter(participant__user=user).update(name=marker)
        matches = Match.objects.filter(Q(mentor__user=user) | Q(mentee__user=user))
        Session.objects.filter(match__in=matches).update(topics="", shared_notes="", agenda="")
        PrivateNote.objects.filter(author=user).delete()
        # What the person wrote to their partner goes with them; the partner's own
        # messages stay, their name in them replaced below.
        for message in Message.objects.filter(author=user).exclude(attachment=""):
            message.attachment.delete(save=False)
        Message.objects.filter(author=user).delete()
        GoalNote.objects.filter(author=user).update(text="")
        # Wishes and declines before a run say who the person wanted or would not have.
        MentorWish.objects.filter(Q(mentee__user=user) | Q(mentor__user=user)).delete()
        MentorDecline.objects.filter(Q(mentee__user=user) | Q(mentor__user=user)).delete()
        Rsvp.objects.filter(participant__user=user).update(diet="", accessibility="")
        CheckInAnswer.objects.filter(
            check_in__participant__user=user, item__kind=ItemKind.TEXT
        ).update(value=None)
        ContactLog.objects.filter(Q(participant__user=user) | Q(match__in=matches)).update(note="")
        if name.strip():
            matches.filter(end_reason__contains=name).update(
                end_reason=Replace(F("end_reason"), Value(name), Value(marker))
            )
        _scrub_emails(user, name, email, marker)
        _scrub_everywhere([(bio, ""), (email, ""), (name, marker), (phone, "")])
        # Last, so that the history of the erasure's own changes goes too.
        _history_erase(
            application_ids=set(
                apps.get_model("programs.ApplicationEvent")
                .objects.filter(user=user)
                .values_list("pgh_obj_id", flat=True)
            ),
            participant_ids=set(
                apps.get_model("programs.ParticipantEvent")
                .objects.filter(user=user)
                .values_list("pgh_obj_id", flat=True)
            ),
        )


def applications_retention_sweep(*, today: date | None = None) -> int:
    """Erase applications never accepted once their program's retention period after
    the cohort's end has passed; a person left with nothing else in the platform is
    anonymised. Returns how many applications were erased. All in one transaction, so a
    worker that dies midway leaves everything for the next run; run again, it erases none."""
    today = today or timezone.localdate()
    months = Func(
        Value(0),
        F("cohort__program__retention_months"),
        function="make_interval",
        output_field=DurationField(),
    )
    due = (
        Application.objects.filter(
            state__in=NEVER_ACCEPTED,
            erased_at__isnull=True,
            participant__isnull=True,
            cohort__ends_on__isnull=False,
            cohort__program__retention_months__isnull=False,
        )
        .alias(erase_on=Cast(F("cohort__ends_on") + months, DateField()))
        .filter(erase_on__lte=today)
    )
    with transaction.atomic():
        rows = list(due.select_for_update(of=("self",)).values_list("pk", "user_id"))
        erased = _application_erase(Application.objects.filter(pk__in=[pk for pk, _ in rows]))
        left_with_nothing = (
            User.objects.filter(pk__in={user_id for _, user_id in rows}, is_staff=False)
            .exclude(email__endswith=f"@{ERASED_DOMAIN}")
            .exclude(Exists(Participant.objects.filter(user=OuterRef("pk"))))
            .exclude(
                Exists(Application.objects.filter(user=OuterRef("pk"), erased_at__isnull=True))
            )
        )
        for user in left_with_nothing:
            person_anonymise(user=user)
    return erased
