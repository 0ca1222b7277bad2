from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class MeetupKind(models.TextChoices):
    KICK_OFF = "kick_off", _("Kick-off")
    TRAINING = "training", _("Training")
    HALF_DAY = "half_day", _("Half-day meetup")
    LECTURE = "lecture", _("Lecture")
    NETWORKING = "networking", _("Networking")
    CLOSING = "closing", _("Closing")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Mentors and mentees")
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("I am coming")
    NO = "no", _("I cannot come")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not marked")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")
