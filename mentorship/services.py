"""Email: every message is stored, then sent by a Celery task queued on commit."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mentorship.celery import enqueue
from mentorship.email_subjects import DEFERRED_SUBJECTS
from mentorship.enums import EmailState
from mentorship.models import OutgoingEmail, User
from mentorship.selectors import language_for


def preferred_language_set(*, user: User, language: str) -> None:
    """Remember the language a person chose; their emails are written in it."""
    profile = user.profile
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language", "updated_at"])


def password_choose_path(user: User) -> str:
    """A link (path) for this person to choose their password: allauth's password reset
    key, valid for PASSWORD_RESET_TIMEOUT and spent once a password is set. Invitations
    to people whose account a coordinator made carry it."""
    # allauth's forms module loads its models: imported here, once the apps are ready.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def render_text(template: str, context: dict[str, Any]) -> str:
    """A plain-text email body: nothing HTML-escaped, since no browser reads it."""
    return render_to_string(template, context, using="text")


def _display(value: Any) -> Any:
    """A model object in a subject line: its `name` (localised where the model has one)."""
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else value


def email_queue(
    *,
    to: str,
    subject: Any,
    template: str,
    context: dict[str, Any],
    idempotency_key: str,
    user: User | None = None,
    language: str | None = None,
    attachments: Sequence[dict[str, str]] = (),
    program_id: int | None = None,
) -> OutgoingEmail:
    """Render `emails/<template>.txt` (and `.html` if it exists) in the recipient's
    language and queue it.

    `subject` may be a lazy translation; it is resolved in that language and formatted
    with `context`, model objects by their (localised) name. The email is filed under
    `program_id`, or else the context's `program`, for that program's email log. Queueing the same
    `idempotency_key` again returns the stored email and sends nothing more.
    """
    language = language or language_for(user)
    if program_id is None:
        # An email about a program names it in its context: that is its program.
        program_id = getattr(context.get("program"), "pk", None)
    with translation.override(language):
        subject_text = str(subject)
        if "%(" in subject_text:
            subject_text %= {key: _display(value) for key, value in context.items()}
        body_text, body_html = _render_bodies(template, context, language)
    return email_queue_rendered(
        to=to,
        subject=subject_text,
        body_text=body_text,
        body_html=body_html,
        template=template,
        idempotency_key=idempotency_key,
        user=user,
        language=language,
        attachments=attachments,
        program_id=program_id,
    )


def email_queue_rendered(
    *,
    to: str,
    subject: str,
    body_text: str,
    idempotency_key: str,
    template: str,
    language: str,
    body_html: str = "",
    user: User | None = None,
    attachments: Sequence[dict[str, str]] = (),
    program_id: int | None = None,
) -> OutgoingEmail:
    """Store an already rendered email and send it once the transaction commits;
    `program_id` names the program it is about (its coordinators' email log)."""
    email, created = OutgoingEmail.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "to": to,
            "user": user,
            "language": language[:2],
            "template": template,
            "subject": " ".join(subject.split())[:255],
            "body_text": body_text.strip() + "\n",
            "body_html": body_html.strip(),
            "attachments": list(attachments),
            "program_id": program_id,
        },
    )
    if created:
        from mentorship.tasks import email_send

        transaction.on_commit(lambda: enqueue(email_send, email_id=email.pk))
    return email


def _render_bodies(template: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """The text and HTML parts of `emails/<template>`, in the active language. An email
    with no HTML template of its own gets the text part laid out in the HTML frame, so
    every email has both parts and its `lang`."""
    context = {"site_url": settings.SITE_URL, "email_language": language[:2], **context}
    body_text = render_text(f"emails/{template}.txt", context)
    try:
        body_html = render_to_string(f"emails/{template}.html", context)
    except TemplateDoesNotExist:
        body_html = render_to_string("emails/plain.html", {**context, "body_text": body_text})
    return body_text, body_html


def _in_language(value: Any, language: str) -> Any:
    """A stored context with every value given per language ("meetup_en" beside
    "meetup", at any depth: the digest's rows too) taken in `language`."""
    if isinstance(value, list):
        return [_in_language(item, language) for item in value]
    if not isinstance(value, dict):
        return value
    chosen = {key: _in_language(item, language) for key, item in value.items()}
    for key in list(chosen):
        if chosen.get(f"{key}_{language}"):
            chosen[key] = chosen[f"{key}_{language}"]
    return chosen


def _render_deferred(email: OutgoingEmail) -> None:
    """Render an email queued in bulk, in its recipient's language, just before sending."""
    language = email.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = _in_language(email.context, language[:2])
        subject = str(DEFERRED_SUBJECTS.get(email.template, ""))
        email.subject = (subject % context if "%(" in subject else subject)[:255]
        email.body_text, email.body_html = _render_bodies(email.template, context, language)
        email.body_text = email.body_text.strip() + "\n"


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"X-Mentorship-Email": email.idempotency_key[:200]},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def email_deliver(*, email_id: int) -> bool:
    """Send a queued email through the configured backend.

    Returns False without sending when the email is gone, already sent, failed for good,
    or being sent by another worker right now (its row is locked). On an SMTP or
    network error the attempt is recorded and the error raised, for the task to retry.
    """
    error: Exception | None = None
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, state=EmailState.QUEUED)
            .first()
        )
        if email is None:
            return False
        if settings.EMAIL_THROTTLE_SECONDS:
            time.sleep(settings.EMAIL_THROTTLE_SECONDS)
        email.attempts += 1
        if not email.body_text:
            _render_deferred(email)
        try:
            _message(email).send()
        except Exception as exc:
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.save(update_fields=["attempts", "last_error", "updated_at"])
            error = exc
        else:
            email.state = EmailState.SENT
            email.sent_at = timezone.now()
            email.save(
                update_fields=[
                    "attempts",
                    "state",
                    "sent_at",
                    "subject",
                    "body_text",
                    "body_html",
                    "updated_at",
                ]
            )
    if error is not None:
        raise error
    return True


def email_fail(*, email_id: int) -> None:
    """Give up on an email after its last retry; the admin shows it as failed."""
    OutgoingEmail.objects.filter(pk=email_id, state=EmailState.QUEUED).update(
        state=EmailState.FAILED, updated_at=timezone.now()
    )


def deferred_row(
    user: User,
    key: str,
    template: str,
    context: dict[str, Any],
    program_id: int | None = None,
) -> dict[str, Any]:
    """One email for `emails_queue_deferred`: to the person, in their language, greeted
    by their first name, about the program if one is named."""
    return {
        "to": user.email,
        "user_id": user.pk,
        "program_id": program_id,
        "language": language_for(user),
        "template": template,
        "context": {"name": user.first_name, **context},
        "idempotency_key": key,
    }


def emails_queue_deferred(rows: list[dict[str, Any]]) -> list[int]:
    """Queue many emails at once, rendered later by the worker: one INSERT for all, rows
    whose idempotency key exists already are skipped. Returns the ids of the emails
    this call added, to send now (not those an earlier call queued).

    Each row has to, user_id, language, template, context and idempotency_key, and
    program_id when the email is about a program.
    """
    if not rows:
        return []
    keys = [row["idempotency_key"] for row in rows]
    # Only what this call adds is handed to the workers: an email queued by an earlier
    # sweep and not sent yet is already on its way (or the resend sweep's).
    known = set(
        OutgoingEmail.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    new_rows = [row for row in rows if row["idempotency_key"] not in known]
    if not new_rows:
        return []
    OutgoingEmail.objects.bulk_create(
        [
            OutgoingEmail(
                to=row["to"],
                user_id=row.get("user_id"),
                program_id=row.get("program_id"),
                language=row["language"][:2],
                template=row["template"],
                context=row["context"],
                idempotency_key=row["idempotency_key"],
            )
            for row in new_rows
        ],
        ignore_conflicts=True,
    )
    return list(
        OutgoingEmail.objects.filter(
            idempotency_key__in=[row["idempotency_key"] for row in new_rows],
            state=EmailState.QUEUED,
        ).values_list("pk", flat=True)
    )


def email_resend(*, email: OutgoingEmail, by: User) -> OutgoingEmail | None:
    """Send a stored email again (the person lost it, or it failed for good), as a copy,
    so the log keeps both. A double click within the same minute sends one copy. None
    for an email not yet rendered: it is still on its way."""
    if not email.body_text:
        return None
    minute = timezone.now().strftime("%Y%m%d%H%M")
    return email_queue_rendered(
        to=email.to,
        subject=email.subject,
        body_text=email.body_text,
        body_html=email.body_html,
        idempotency_key=f"{email.idempotency_key}:resend:{by.pk}:{minute}"[:255],
        template=email.template,
        language=email.language,
        user=email.user,
        attachments=email.attachments,
        program_id=email.program_id,
    )


def emails_pending_resend(*, older_than: timedelta | None = None) -> list[int]:
    """Queued emails whose task seems lost: nothing has touched them for a while."""
    older_than = older_than or timedelta(seconds=settings.EMAIL_RESEND_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    return list(
        OutgoingEmail.objects.filter(state=EmailState.QUEUED, updated_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )


def state_change_record(
    *, obj: Any, from_state: str, to_state: str, by: User | None = None, reason: str = ""
) -> None:
    """Write the audit entry of one state change (who, when, from, to, why)."""
    state_changes_record(
        objects=[obj], from_states=[from_state], to_state=to_state, by=by, reason=reason
    )


def state_changes_record(
    *,
    objects: Sequence[Any],
    from_states: Sequence[str],
    to_state: str,
    by: User | None = None,
    reason: str = "",
) -> None:
    """The audit entries of a bulk change (closing a cohort): one INSERT for all."""
    from django.contrib.contenttypes.models import ContentType

    from mentorship.models import StateChange

    if not objects:
        return
    kind = ContentType.objects.get_for_model(type(objects[0]))
    by_id = by.pk if by is not None and by.is_authenticated else None
    StateChange.objects.bulk_create(
        StateChange(
            content_type=kind,
            object_id=obj.pk,
            from_state=str(from_state or ""),
            to_state=str(to_state),
            by_id=by_id,
            reason=reason[:2000],
        )
        for obj, from_state in zip(objects, from_states, strict=True)
    )
