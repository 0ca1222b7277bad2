from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mentorship.enums import EmailState, Language, NotificationKind


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def localized(obj: object, field: str) -> str:
    """The field's text in the active language (`name_en` for English), Swedish if empty."""
    language = (get_language() or Language.SWEDISH)[:2]
    text = getattr(obj, f"{field}_{language}", "") or ""
    return text or getattr(obj, f"{field}_{Language.SWEDISH}", "") or ""


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person: logs in with their email address; there are no usernames."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OutgoingEmail(TimeStampedModel):
    """One email, rendered in its recipient's language and sent by a Celery task.

    The idempotency key names the occasion (for example `welcome:user:42`): queueing the
    same occasion twice stores one row, and a retried task sends a row at most once.
    """

    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    to = models.EmailField(_("to"))
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    # The program the email is about, for its coordinators' email log (none for account
    # emails). By name, as the program lives in an app built on this one.
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="emails",
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    template = models.CharField(_("template"), max_length=100)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    # Emails queued in bulk (reminders) are rendered by the worker from these.
    context = models.JSONField(_("context"), default=dict, blank=True)
    # [{"filename": ..., "mimetype": ..., "content": text}] for .ics invites and the like.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=EmailState.choices, default=EmailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state=EmailState.SENT) | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class StateChange(models.Model):
    """The audit trail of every state change: what (any model), from, to, who and when,
    and why when one was given. Written by the one service of each change
    (mentorship.services.state_change_record); never edited."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("kind"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    from_state = models.CharField(_("from"), max_length=30, blank=True)
    to_state = models.CharField(_("to"), max_length=30)
    by = models.ForeignKey(
        "mentorship.User",
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id}: {self.from_state} → {self.to_state}"


class Notification(models.Model):
    """What changed for a person (the bell): a new message, a meeting planned or moved,
    an agreement to sign, a check-in to answer. Its words are made when it is shown, in
    the reader's language, from its kind and `params`; `key` makes creating it once
    safe (a retried task, a sweep run twice)."""

    user = models.ForeignKey(
        "mentorship.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
