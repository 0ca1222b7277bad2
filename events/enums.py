from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")
