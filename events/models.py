from __future__ import annotations

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.enums import (
    AnnouncementAudience,
    Attendance,
    Audience,
    ContactKind,
    ItemKind,
    MeetupKind,
    QuestionnaireKind,
    RsvpAnswer,
    ScheduleTrigger,
    SessionState,
    TravelMode,
)
from matching.models import Match
from mentorship.models import TimeStampedModel, localized
from programs.models import Cohort, Participant, Program

# A repeating check-in goes out at most weekly.
REPEAT_EVERY_MIN = 7


class Session(TimeStampedModel):
    """A 1:1 meeting of a pair: planned, then logged as held or missed."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="sessions"
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SessionState.choices, default=SessionState.PLANNED
    )
    actual_minutes = models.PositiveSmallIntegerField(
        _("actual length (minutes)"), null=True, blank=True
    )
    topics = models.TextField(_("what we talked about"), blank=True)
    shared_notes = models.TextField(_("shared notes"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Raised on every change, so that calendars replace the invite rather than add one.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["match", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=600),
                name="session_length_sensible",
            ),
            models.CheckConstraint(
                condition=~Q(state=SessionState.HELD) | Q(actual_minutes__isnull=False),
                name="session_held_has_length",
            ),
            # A double submit, or a series planned twice, cannot give a pair two
            # meetings at the same moment.
            models.UniqueConstraint(
                fields=["match", "starts_at"],
                condition=~Q(state=SessionState.CANCELLED),
                name="session_one_per_moment",
            ),
        ]
        indexes = [models.Index(fields=["match", "state", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.match} @ {self.starts_at:%Y-%m-%d %H:%M}"


class PrivateNote(TimeStampedModel):
    """A member's own note on a session: only its author ever reads it."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.TextField(_("private note"))

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "author"], name="private_note_one_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id} / {self.author_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TimeStampedModel):
    """A person's calendar feed (.ics) behind a secret token; revoking makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class Meetup(TimeStampedModel):
    """A group event of a cohort: kick-off, training days, lectures, networking, closing."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="meetups"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MeetupKind.choices)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    mandatory = models.BooleanField(_("mandatory"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    meals = models.BooleanField(_("meals offered"), default=False)
    lodging = models.BooleanField(_("lodging offered"), default=False)
    travel_paid = models.BooleanField(
        _("travel paid"),
        default=False,
        help_text=_("The program reimburses travel: invitees give where from, how and the cost."),
    )
    practical_sv = models.TextField(
        _("practical details (Swedish)"),
        blank=True,
        help_text=_(
            "Getting there, what to bring, rooms, whom to call: shown with the invitation."
        ),
    )
    practical_en = models.TextField(_("practical details (English)"), blank=True)
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("meetup")
        verbose_name_plural = _("meetups")
        ordering = ["cohort", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meetup_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def practical(self) -> str:
        return localized(self, "practical")

    @property
    def nights(self) -> list[date]:
        """The nights a residential meetup spans, each named by its evening's date."""
        first = timezone.localdate(self.starts_at)
        last = timezone.localdate(self.ends_at)
        return [first + timedelta(days=n) for n in range((last - first).days)]

    @property
    def is_residential(self) -> bool:
        return self.lodging and bool(self.nights)

    def is_for(self, role: str) -> bool:
        return self.audience == Audience.EVERYONE or self.audience == f"{role}s"


class MeetupItem(models.Model):
    """One line of a meetup's schedule: "09.30 Coffee", "10.00 Start"."""

    meetup = models.ForeignKey(
        Meetup, verbose_name=_("meetup"), on_delete=models.CASCADE, related_name="items"
    )
    starts_at = models.DateTimeField(_("at"))
    title_sv = models.CharField(_("what (Swedish)"), max_length=200)
    title_en = models.CharField(_("what (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule")
        ordering = ["meetup", "starts_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")


class Rsvp(TimeStampedModel):
    """A participant's answer to a meetup, their needs, and whether they came."""

    meetup = models.ForeignKey(
        Meetup, verbose_name=_("meetup"), on_delete=models.CASCADE, related_name="rsvps"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(
        _("answer"), max_length=5, choices=RsvpAnswer.choices, blank=True, default=""
    )
    diet = models.CharField(_("diet"), max_length=300, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    needs_lodging = models.BooleanField(_("needs lodging"), default=False)
    # A residential meetup: the nights the person needs a bed (each by its evening).
    nights = ArrayField(models.DateField(), verbose_name=_("nights"), default=list, blank=True)
    room_sharing = models.CharField(_("room sharing"), max_length=300, blank=True)
    travel_from = models.CharField(_("travelling from"), max_length=200, blank=True)
    travel_mode = models.CharField(
        _("travelling by"), max_length=8, choices=TravelMode.choices, blank=True
    )
    travel_cost = models.DecimalField(
        _("travel cost to reimburse"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, default=Attendance.UNKNOWN
    )

    class Meta:
        verbose_name = _("answer to a meetup")
        verbose_name_plural = _("answers to meetups")
        constraints = [
            models.UniqueConstraint(fields=["meetup", "participant"], name="rsvp_once_per_person"),
            models.CheckConstraint(
                condition=Q(travel_cost__isnull=True) | Q(travel_cost__gte=0),
                name="rsvp_travel_cost_not_negative",
            ),
        ]

    def clean(self) -> None:
        """An invitation names a participant of the meetup's own cohort."""
        if (
            self.participant_id
            and self.meetup_id
            and self.participant.cohort_id != self.meetup.cohort_id
        ):
            raise ValidationError({"participant": _("Choose a participant of this cohort.")})

    def __str__(self) -> str:
        return f"{self.participant} – {self.meetup}"


class ContactLog(TimeStampedModel):
    """A coordinator's follow-up with a participant or a pair: how, what, and when next."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="contacts"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    match = models.ForeignKey(
        Match,
        verbose_name=_("pair"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("how"), max_length=10, choices=ContactKind.choices)
    happened_on = models.DateField(_("when"))
    note = models.TextField(_("note"))
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    done = models.BooleanField(
        _("follow-up done"), default=False, help_text=_("Tick when the next follow-up is done.")
    )

    class Meta:
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        ordering = ["-happened_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | Q(match__isnull=False),
                name="contact_is_about_someone",
            )
        ]
        indexes = [models.Index(fields=["next_follow_up", "done"])]

    def clean(self) -> None:
        """A follow-up names only people and pairs of its own cohort (the database
        holds the same rule with composite foreign keys)."""
        errors = {}
        if self.participant_id and self.participant.cohort_id != self.cohort_id:
            errors["participant"] = _("Choose a participant of this cohort.")
        if self.match_id and self.match.cohort_id != self.cohort_id:
            errors["match"] = _("Choose a pair of this cohort.")
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on}"


class Questionnaire(TimeStampedModel):
    """A check-in or self-assessment of a program, built by its coordinators."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="questionnaires"
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=QuestionnaireKind.choices,
        default=QuestionnaireKind.CHECK_IN,
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")


class QuestionnaireItem(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text_sv = models.CharField(_("question (Swedish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    options_sv = models.TextField(_("choices (Swedish), one a line"), blank=True)
    options_en = models.TextField(_("choices (English), one a line"), blank=True)
    low_at_most = models.PositiveSmallIntegerField(
        _("flag answers at or below"),
        null=True,
        blank=True,
        help_text=_("For a scale: an answer this low flags the pair for the coordinator."),
    )
    flag_on_no = models.BooleanField(_("flag a no"), default=False)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["questionnaire", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def options(self) -> list[str]:
        return [o.strip() for o in localized(self, "options").splitlines() if o.strip()]


class ProgramGoal(TimeStampedModel):
    """One of the program's stated goals ("more confident in the role"), measured by a
    check-in question the participants answer before and after."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_sv = models.CharField(_("goal (Swedish)"), max_length=300)
    text_en = models.CharField(_("goal (English)"), max_length=300, blank=True)
    item = models.ForeignKey(
        QuestionnaireItem,
        verbose_name=_("measured by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
        help_text=_(
            "A scale, yes/no or choice question of one of the program's check-ins or "
            "self-assessments; its first and last answers show the change."
        ),
    )

    class Meta:
        verbose_name = _("program goal")
        verbose_name_plural = _("program goals")
        ordering = ["program", "order", "pk"]
        constraints = [  # a double submit of the goal page adds it once
            models.UniqueConstraint(fields=["program", "text_sv"], name="goal_once_per_program")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")

    def clean(self) -> None:
        if self.item_id is None:
            return
        item = self.item
        if self.program_id and item.questionnaire.program_id != self.program_id:
            raise ValidationError({"item": _("Choose a question of this program's check-ins.")})
        if item.kind == ItemKind.TEXT:
            raise ValidationError(
                {
                    "item": _(
                        "A free-text answer cannot be counted: choose a scale, yes/no or choice."
                    )
                }
            )


class CheckInSchedule(TimeStampedModel):
    """When a questionnaire goes out, and to whom."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    trigger = models.CharField(_("when"), max_length=12, choices=ScheduleTrigger.choices)
    days = models.PositiveSmallIntegerField(_("days after the match starts"), null=True, blank=True)
    repeat_every = models.PositiveSmallIntegerField(
        _("then every (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: after the first, send it again every so many days until the pair's end "
            "(30 for a monthly check-in)."
        ),
    )
    on_date = models.DateField(_("date"), null=True, blank=True)
    audience = models.CharField(
        _("to"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )

    class Meta:
        verbose_name = _("check-in schedule")
        verbose_name_plural = _("check-in schedules")
        constraints = [
            # Only a pair has a start to count from and an end to stop at; more often than
            # weekly would flood the people asked.
            models.CheckConstraint(
                condition=Q(repeat_every__isnull=True)
                | Q(trigger=ScheduleTrigger.AFTER_MATCH, repeat_every__gte=REPEAT_EVERY_MIN),
                name="schedule_repeats_after_match_at_most_weekly",
            ),
            models.CheckConstraint(
                condition=~Q(trigger=ScheduleTrigger.AFTER_MATCH) | Q(days__isnull=False),
                name="schedule_after_match_has_days",
            ),
            models.CheckConstraint(
                condition=~Q(trigger=ScheduleTrigger.ON_DATE) | Q(on_date__isnull=False),
                name="schedule_on_date_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} – {self.get_trigger_display()}"

    def clean(self) -> None:
        """The constraints below, said next to the field the coordinator has to change."""
        errors = {}
        if self.trigger == ScheduleTrigger.AFTER_MATCH and self.days is None:
            errors["days"] = _("Say how many days after the match starts.")
        if self.trigger == ScheduleTrigger.ON_DATE and self.on_date is None:
            errors["on_date"] = _("Give the date.")
        if self.repeat_every is not None:
            if self.trigger != ScheduleTrigger.AFTER_MATCH:
                errors["repeat_every"] = _(
                    "Only a check-in counted from the match start can repeat."
                )
            elif self.repeat_every < REPEAT_EVERY_MIN:
                errors["repeat_every"] = _(
                    "Repeat at most once a week (%(days)s days or more)."
                ) % {"days": REPEAT_EVERY_MIN}
        if errors:
            raise ValidationError(errors)


class CheckIn(TimeStampedModel):
    """One person's copy of a questionnaire, sent at its time; answered or not."""

    schedule = models.ForeignKey(
        CheckInSchedule,
        verbose_name=_("schedule"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    match = models.ForeignKey(
        Match,
        verbose_name=_("pair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="check_ins",
    )
    due_on = models.DateField(_("due"))
    # 1 for a schedule that goes out once; 1, 2, 3 … for one that repeats.
    occurrence = models.PositiveSmallIntegerField(_("send-out number"), default=1)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    low = models.BooleanField(_("low answer"), default=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "participant", "occurrence"], name="check_in_once"
            )
        ]
        indexes = [models.Index(fields=["participant", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.schedule} – {self.participant}"


class CheckInAnswer(models.Model):
    check_in = models.ForeignKey(
        CheckIn, verbose_name=_("check-in"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(
        QuestionnaireItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("answer"), null=True)

    class Meta:
        verbose_name = _("check-in answer")
        verbose_name_plural = _("check-in answers")
        constraints = [
            models.UniqueConstraint(fields=["check_in", "item"], name="check_in_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"


class Announcement(TimeStampedModel):
    """One email the coordinator writes to a cohort, a role or a meetup's invitees, sent
    through the outbox once per person."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="announcements"
    )
    audience = models.CharField(
        _("to"), max_length=10, choices=AnnouncementAudience.choices, default="cohort"
    )
    meetup = models.ForeignKey(
        Meetup,
        verbose_name=_("meetup"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    # The form's token: the same form sent twice (a double click) is one announcement.
    submission_token = models.UUIDField(unique=True, editable=False)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(audience="meetup") | Q(meetup__isnull=False),
                name="announcement_meetup_audience_names_a_meetup",
            )
        ]

    def __str__(self) -> str:
        return self.subject
