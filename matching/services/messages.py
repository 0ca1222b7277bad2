"""The pair's messages: sending, reading, and the email that tells someone they have new
ones (at most one an hour, after a short wait so that a burst becomes one email)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image
from pypdf import PdfReader

from matching.enums import MatchState
from matching.models import MESSAGE_MAX_LENGTH, Match, Message, MessageNotice, MessageRead
from matching.rules import require_member
from matching.services.matching import MatchingError
from mentorship.enums import NotificationKind
from mentorship.models import User
from mentorship.notifications import notifications_read, notify
from mentorship.services import email_queue

# A burst of messages waits this long, so that it becomes one email.
NOTICE_DELAY = timedelta(seconds=int(getattr(settings, "MESSAGE_NOTICE_DELAY_SECONDS", 120)))
# And nobody gets more than one such email in this time.
NOTICE_INTERVAL = timedelta(hours=1)
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
MESSAGING_STATES = (MatchState.ACTIVE, MatchState.COMPLETED)
NOTICE_SUBJECT = gettext_lazy("New messages from your mentorship")


def attachment_type(upload: UploadedFile) -> str | None:
    """The file's content type when it really is a PDF or an image (parsed, not guessed
    from its name), else None."""
    try:
        upload.seek(0)
        if upload.read(5) == b"%PDF-":
            upload.seek(0)
            return "application/pdf" if len(PdfReader(upload, strict=True).pages) else None
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
        return IMAGE_TYPES.get(kind)
    except Exception:  # Pillow and pypdf raise many kinds on a file that is neither
        return None
    finally:
        upload.seek(0)


def attachment_check(upload: UploadedFile) -> str:
    """The upload's content type, or a refusal that says what is allowed."""
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise MatchingError(_("A file can be at most 5 MB."), field="attachment")
    kind = attachment_type(upload)
    if kind is None:
        raise MatchingError(
            _("Attach a PDF or an image (PNG, JPEG, GIF, WebP)."), field="attachment"
        )
    return kind


def message_send(
    *,
    match: Match,
    by: User,
    body: str,
    attachment: UploadedFile | None = None,
    client_token: uuid.UUID | None = None,
) -> Message:
    """A member of the pair writes to the other. Refused for anyone else, for a pair that
    is not (or no longer) working together, for an empty or too long message and for a
    file that is not a PDF or an image under 5 MB. The same `client_token` twice (a
    double submit) returns the first message. The other member is emailed after a short
    wait, at most once an hour (`message_notices_send`)."""
    require_member(match, by)
    if match.state not in MESSAGING_STATES:
        raise MatchingError(_("Messages can be sent once the match is active."))
    body = body.strip()
    if len(body) > MESSAGE_MAX_LENGTH:
        raise MatchingError(
            _("A message can be at most %(n)s characters.") % {"n": MESSAGE_MAX_LENGTH},
            field="body",
        )
    if not body and attachment is None:
        raise MatchingError(_("Write a message or attach a file."), field="body")
    if client_token is not None:
        sent = Message.objects.filter(client_token=client_token, match=match, author=by).first()
        if sent is not None:
            return sent
    kind = attachment_check(attachment) if attachment is not None else ""
    try:
        with transaction.atomic():
            message = Message(match=match, author=by, body=body, client_token=client_token)
            if attachment is not None:
                message.attachment_name = (attachment.name or "file")[-200:]
                message.attachment_type = kind
                message.attachment.save(f"{uuid.uuid4().hex}", attachment, save=False)
            message.save()
            messages_read(match=match, by=by, up_to=message.pk)
            other = match.mentee.user if by.pk == match.mentor.user_id else match.mentor.user
            notify(
                user=other,
                kind=NotificationKind.MESSAGES,
                url=f"{reverse('match_page', args=[match.pk])}#messages",
                key=f"message:{message.pk}",
                params={"name": by.get_full_name()},
                gather=f"messages:{match.pk}",
            )
            transaction.on_commit(lambda: _notify_later(other.pk))
    except IntegrityError:
        # The same token raced in from a second request: that one's message stands.
        sent = Message.objects.filter(client_token=client_token).first()
        if sent is None:
            raise
        return sent
    return message


def _notify_later(user_id: int) -> None:
    from matching.tasks import message_notices_task

    message_notices_task.apply_async(
        kwargs={"user_id": user_id}, countdown=NOTICE_DELAY.total_seconds()
    )


def messages_read(*, match: Match, by: User, up_to: int | None = None) -> None:
    """The member has read the thread (up to `up_to`, else all of it). Never moves back."""
    require_member(match, by)
    if up_to is None:
        up_to = match.messages.aggregate(last=Max("pk"))["last"] or 0
    mark, _created = MessageRead.objects.get_or_create(match=match, user=by)
    if up_to > mark.last_read_id:
        MessageRead.objects.filter(pk=mark.pk, last_read_id__lt=up_to).update(last_read_id=up_to)
        notifications_read(user=by, gather=f"messages:{match.pk}")


def unread_for(user: User) -> Q:
    """Messages in the person's pairs, from the other member, past what they have read."""
    return (
        (Q(match__mentor__user=user) | Q(match__mentee__user=user))
        & ~Q(author=user)
        & Q(match__state__in=MESSAGING_STATES)
    )


def message_notices_send(*, user: User, now: datetime | None = None) -> datetime | None:
    """Email the person about messages they have not read and not been told of: one
    email for all of them, at most one an hour, never to someone who turned reminders
    off. Returns when to try again if it is too soon, else None."""
    now = now or timezone.now()
    with transaction.atomic():
        notice, _created = MessageNotice.objects.get_or_create(user=user)
        notice = MessageNotice.objects.select_for_update().get(pk=notice.pk)
        profile = getattr(user, "profile", None)
        if profile is not None and not profile.nudges:
            return None
        reads = dict(MessageRead.objects.filter(user=user).values_list("match_id", "last_read_id"))
        pending = [
            message
            for message in Message.objects.filter(
                unread_for(user), pk__gt=notice.last_message_id
            ).select_related("author", "match__cohort__program")
            if message.pk > reads.get(message.match_id, 0)
        ]
        if not pending:
            return None
        if notice.sent_at and now < notice.sent_at + NOTICE_INTERVAL:
            return notice.sent_at + NOTICE_INTERVAL
        newest = max(message.pk for message in pending)
        senders = sorted({m.author.get_full_name() for m in pending if m.author})
        matches = {m.match_id: m.match for m in pending}
        email_queue(
            to=user.email,
            user=user,
            subject=NOTICE_SUBJECT,
            template="messages_new",
            context={
                "person": user,
                "count": len(pending),
                "senders": ", ".join(senders),
                "match_id": next(iter(matches)),
                "program": next(iter(matches.values())).cohort.program,
            },
            idempotency_key=f"messages:{user.pk}:{newest}",
        )
        notice.sent_at = now
        notice.last_message_id = newest
        notice.save(update_fields=["sent_at", "last_message_id"])
    return None


def message_notices_due(now: datetime | None = None) -> list[int]:
    """The people with messages waiting for an email (the sweep's list, should a
    delayed task have been lost)."""
    now = now or timezone.now()
    candidates = (
        Message.objects.filter(
            created_at__lte=now - NOTICE_DELAY, match__state__in=MESSAGING_STATES
        )
        .filter(created_at__gte=now - timedelta(days=7))
        .values_list("match__mentor__user", "match__mentee__user", "author", "pk")
    )
    people: set[int] = set()
    for mentor, mentee, author, _pk in candidates:
        people.add(mentee if author == mentor else mentor)
    notices = dict(MessageNotice.objects.filter(user__in=people).values_list("user", "sent_at"))
    return sorted(
        person
        for person in people
        if notices.get(person) is None or notices[person] + NOTICE_INTERVAL <= now
    )
