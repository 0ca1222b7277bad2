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


class TravelMode(models.TextChoices):
    TRAIN = "train", _("Train")
    BUS = "bus", _("Bus or coach")
    CAR = "car", _("Car")
    PLANE = "plane", _("Plane")
    LOCAL = "local", _("Local public transport")
    OTHER = "other", _("Other")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not marked")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")
    REPORT = "report", _("Report from a participant")


class QuestionnaireKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment (before and after)")


class ItemKind(models.TextChoices):
    SCALE = "scale", _("Scale 1 to 5")
    TEXT = "text", _("Text")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("Choice")


class ScheduleTrigger(models.TextChoices):
    AT_START = "at_start", _("When the cohort starts")
    AFTER_MATCH = "after_match", _("Days after the match starts")
    ON_DATE = "on_date", _("On a date")
    AT_END = "at_end", _("When the cohort ends")


class AnnouncementAudience(models.TextChoices):
    COHORT = "cohort", _("Everyone in the cohort")
    MENTORS = "mentors", _("The mentors")
    MENTEES = "mentees", _("The mentees")
    MEETUP = "meetup", _("Those invited to a meetup")


class SeriesCadence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY_WEEKDAY = (
        "monthly_weekday",
        _("Every month, on the same weekday (e.g. the first Tuesday)"),
    )
    MONTHLY_DATE = "monthly_date", _("Every month, on the same date")
