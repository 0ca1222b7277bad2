from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class NotificationKind(models.TextChoices):
    MESSAGES = "messages", _("New messages")
    MEETING_PLANNED = "meeting_planned", _("Meeting planned")
    MEETING_CHANGED = "meeting_changed", _("Meeting moved")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    AGREEMENT_TO_SIGN = "agreement_to_sign", _("Agreement to sign")
    CHECK_IN = "check_in", _("Check-in to answer")
