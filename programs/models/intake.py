"""Intake: the program's questions, applications and their answers, nominations, interviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorship.enums import Language
from mentorship.history import tracked
from mentorship.models import TimeStampedModel, localized
from programs.enums import (
    ApplicationState,
    InterviewKind,
    InterviewMode,
    MatchingCriterion,
    QuestionKind,
    QuestionRole,
    Role,
)
from programs.models.core import Cohort, Organisation, Participant, Program


class Question(TimeStampedModel):
    """A question of a program's application form, beyond the standard profile fields."""

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="questions"
    )
    role = models.CharField(
        _("asked of"), max_length=10, choices=QuestionRole.choices, default=QuestionRole.BOTH
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text_sv = models.CharField(_("question (Swedish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_sv = models.CharField(_("help text (Swedish)"), max_length=500, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    matching_criterion = models.CharField(
        _("used for matching as"),
        max_length=20,
        choices=MatchingCriterion.choices,
        blank=True,
        help_text=_("Leave empty if the answer is not used for matching."),
    )
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_(
            "Special-category personal data (health, disability, ethnic background): shown "
            "only to the program's coordinators, never to the other participant, and left out "
            "of exports unless asked for."
        ),
    )
    # Knock-out: an answer outside these flags the application as not eligible.
    eligible_answers = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("eligible answers"),
        default=list,
        blank=True,
        help_text=_(
            "Knock-out question: the answers that make an applicant eligible (for yes/no: "
            "yes or no; for choices: their values). Empty: not a knock-out question."
        ),
    )
    eligible_needs_all = models.BooleanField(
        _("all eligible answers needed"),
        default=False,
        help_text=_(
            "Multiple-choice knock-out: the applicant must pick every eligible answer "
            "(“speaks Swedish and English”), not just one of them."
        ),
    )
    eligible_minimum = models.DecimalField(
        _("eligible from"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Knock-out number question: the lowest eligible answer."),
    )
    eligible_maximum = models.DecimalField(
        _("eligible up to"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Knock-out number question: the highest eligible answer."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["program", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eligible_minimum__isnull=True) | Q(kind=QuestionKind.NUMBER),
                name="question_minimum_only_for_numbers",
            ),
            models.CheckConstraint(
                condition=Q(eligible_maximum__isnull=True) | Q(kind=QuestionKind.NUMBER),
                name="question_maximum_only_for_numbers",
            ),
            # Only several ticked answers can all be required.
            models.CheckConstraint(
                condition=Q(eligible_needs_all=False) | Q(kind=QuestionKind.MULTIPLE_CHOICE),
                name="question_all_of_only_for_multiple_choice",
            ),
            models.CheckConstraint(
                condition=Q(eligible_minimum__isnull=True)
                | Q(eligible_maximum__isnull=True)
                | Q(eligible_minimum__lte=models.F("eligible_maximum")),
                name="question_range_in_order",
            ),
            # Matching never weighs special-category data: a run's scores and its
            # fairness report use no sensitive answer.
            models.CheckConstraint(
                condition=Q(sensitive=False) | Q(matching_criterion=""),
                name="question_sensitive_not_for_matching",
                violation_error_message=_(
                    "A sensitive question cannot be used for matching: clear “used for "
                    "matching as” or “sensitive”."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized(self, "text")

    @property
    def help(self) -> str:
        return localized(self, "help")

    @property
    def is_knockout(self) -> bool:
        return (
            bool(self.eligible_answers)
            or self.eligible_minimum is not None
            or self.eligible_maximum is not None
        )

    def asked_of(self, role: str) -> bool:
        return self.role in (QuestionRole.BOTH, role)


class QuestionChoice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    value = models.SlugField(_("value"), max_length=100)
    label_sv = models.CharField(_("label (Swedish)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="question_choice_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self, "label")


class Nomination(TimeStampedModel):
    """A candidate put forward and ranked by an organisation contact."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="nominations"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="nominations_made",
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("email"))
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the first choice."))
    note = models.TextField(_("note"), blank=True)
    token = models.UUIDField(_("link token"), default=uuid.uuid4, unique=True, editable=False)
    # Seats taken at registration (Cohort.nomination_seat): the order of registration in
    # the cohort and role, and the seat held until the nominee's application takes it.
    queue_number = models.PositiveIntegerField(_("registered as number"), null=True, blank=True)
    seat_number = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["cohort", "organisation__name", "role", "rank"]
        constraints = [
            # A withdrawn nomination leaves the person free to be nominated again.
            models.UniqueConstraint(
                "cohort",
                "role",
                Lower("email"),
                condition=Q(withdrawn_at__isnull=True),
                name="nomination_once_per_person",
            ),
            # Withdrawn ones keep their rank for the record, outside the ranking.
            models.UniqueConstraint(
                fields=["cohort", "organisation", "role", "rank"],
                condition=Q(withdrawn_at__isnull=True),
                name="nomination_rank_unique",
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="nomination_rank_positive"),
            models.UniqueConstraint(
                fields=["cohort", "role", "seat_number"], name="nomination_seat_unique"
            ),
            models.UniqueConstraint(
                fields=["cohort", "role", "queue_number"], name="nomination_queue_unique"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(seat_number__isnull=True),
                name="nomination_withdrawn_holds_no_seat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.organisation}, {self.rank})"


@tracked()
class Application(TimeStampedModel):
    """A person's application to a cohort in one role, and its way through screening.

    Seats: `queue_number` is the order of submission within the cohort and role, given
    under a lock on the cohort; `seat_number` (1 to the cohort's seats) is unique per
    cohort and role, so the database itself never lets more people hold a seat than there
    are seats.
    """

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="applications"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SWEDISH
    )
    queue_number = models.PositiveIntegerField(_("place in the queue"))
    seat_number = models.PositiveIntegerField(_("seat"), null=True, blank=True)
    is_eligible = models.BooleanField(_("eligible"), default=True)
    ineligible_reasons = ArrayField(
        models.CharField(max_length=300),
        verbose_name=_("why not eligible"),
        default=list,
        blank=True,
    )
    consent_text = models.TextField(_("consent text agreed to"))
    consent_given_at = models.DateTimeField(_("consent given"))
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    coordinator_note = models.TextField(_("coordinator's note"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    erased_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        help_text=_("Its answers and notes were erased; the row stays for the figures."),
    )
    # A double submit of the same form carries the same token: one application.
    submission_token = models.UUIDField(_("submission token"), unique=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["cohort", "role", "queue_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "role", "user"], name="application_once_per_cohort_role"
            ),
            models.UniqueConstraint(
                fields=["cohort", "role", "queue_number"], name="application_queue_unique"
            ),
            models.UniqueConstraint(
                fields=["cohort", "role", "seat_number"], name="application_seat_unique"
            ),
            models.CheckConstraint(
                condition=Q(seat_number__isnull=True) | Q(seat_number__gte=1),
                name="application_seat_positive",
            ),
            models.CheckConstraint(
                condition=Q(seat_number__isnull=True)
                | ~Q(
                    state__in=[
                        ApplicationState.UNCONFIRMED,
                        ApplicationState.WAITLISTED,
                        ApplicationState.REJECTED,
                        ApplicationState.WITHDRAWN,
                    ]
                ),
                name="application_no_seat_when_out",
            ),
            models.CheckConstraint(
                condition=~Q(state=ApplicationState.ACCEPTED) | Q(participant__isnull=False),
                name="application_accepted_has_participant",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "role", "state"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.cohort}"


def upload_name(instance: object, filename: str) -> str:
    """A random stored name: the applicant's own file name never reaches the disk or a URL.

    Only PDFs pass the form (checked by parsing), so the extension is always .pdf."""
    return f"applications/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


@tracked(exclude=())
class Answer(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    # Text, a number, a date (ISO), true/false, or a list of choice values.
    value = models.JSONField(_("answer"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=upload_name, max_length=200, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"


class Interview(TimeStampedModel):
    """An interview, or an intake call (a first phone conversation about the person's
    needs, whose notes the coordinator reads on the matching board), with an applicant."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="interviews",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=InterviewKind.choices, default=InterviewKind.INTERVIEW
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=45)
    mode = models.CharField(
        _("mode"), max_length=10, choices=InterviewMode.choices, default=InterviewMode.VIDEO
    )
    location = models.CharField(
        _("where"), max_length=300, blank=True, help_text=_("Address, phone number or link.")
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interviews_held",
    )
    notes = models.TextField(_("notes"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Raised on every move, so that calendars replace the invite rather than add one.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    held = models.BooleanField(_("held"), default=False)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="interview_length_sensible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} @ {self.starts_at:%Y-%m-%d %H:%M}"


class SensitiveAccess(models.Model):
    """A coordinator saw an application's sensitive answers: when, and whose."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="sensitive_accesses",
    )
    what = models.CharField(_("what"), max_length=100, default="application page")
    seen_at = models.DateTimeField(_("seen"), default=timezone.now)

    class Meta:
        verbose_name = _("view of sensitive answers")
        verbose_name_plural = _("views of sensitive answers")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.application_id} @ {self.seen_at:%Y-%m-%d %H:%M}"
