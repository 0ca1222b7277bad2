from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from matching.enums import (
    LIVE_MATCH_STATES,
    AgreementState,
    GoalStatus,
    MatchingMode,
    MatchSource,
    MatchState,
    PairRuleKind,
    RunState,
)
from mentorship.history import tracked
from mentorship.models import TimeStampedModel
from programs.enums import Cadence
from programs.models import Cohort, Participant, Program


class MatchingPolicy(TimeStampedModel):
    """How a program matches: the mode, the points per criterion, the hard rules."""

    program = models.OneToOneField(
        Program,
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="matching_policy",
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=MatchingMode.choices, default=MatchingMode.COORDINATOR
    )
    weight_language = models.SmallIntegerField(_("points: a shared language"), default=30)
    weight_area = models.SmallIntegerField(_("points per shared area"), default=20)
    area_cap = models.PositiveSmallIntegerField(_("shared areas counted at most"), default=3)
    weight_profession = models.SmallIntegerField(_("points: same profession"), default=25)
    weight_region = models.SmallIntegerField(_("points: same region or online"), default=15)
    weight_availability = models.SmallIntegerField(_("points: a common time"), default=10)
    weight_experience = models.SmallIntegerField(_("points: experience gap"), default=10)
    experience_gap = models.PositiveSmallIntegerField(_("experience gap (years)"), default=5)
    weight_preference = models.SmallIntegerField(_("points: the mentee's wish"), default=40)
    weight_same_organisation = models.SmallIntegerField(
        _("points: same organisation"),
        default=-50,
        help_text=_("Used when different organisations is not a hard rule."),
    )
    different_organisation = models.BooleanField(
        _("mentor and mentee from different organisations"), default=False
    )
    shared_language_required = models.BooleanField(
        _("mentor and mentee must share a language"), default=True
    )
    common_time_required = models.BooleanField(
        _("mentor and mentee must have a time in common"),
        default=False,
        help_text=_(
            "From the times each gave in their profile (or the days they answered); "
            "someone who gave none is not held to it."
        ),
    )
    min_score = models.SmallIntegerField(_("lowest score to propose"), null=True, blank=True)
    suggestions = models.PositiveSmallIntegerField(_("mentors suggested to each mentee"), default=5)
    wishes = models.PositiveSmallIntegerField(
        _("mentors a mentee may rank"),
        default=3,
        help_text=_(
            "Before a whole-cohort run, while the coordinator keeps the window open, each "
            "mentee ranks up to this many of the suggested mentors."
        ),
    )

    class Meta:
        verbose_name = _("matching policy")
        verbose_name_plural = _("matching policies")

    def __str__(self) -> str:
        return str(self.program)


class PairRule(TimeStampedModel):
    """The coordinator's word on one pair: keep it (lock) or never (forbid)."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="pair_rules"
    )
    mentee = models.ForeignKey(
        Participant, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="+"
    )
    mentor = models.ForeignKey(
        Participant, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("rule"), max_length=10, choices=PairRuleKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pair rule")
        verbose_name_plural = _("pair rules")
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="pair_rule_unique"),
            # One locked mentor per mentee.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(kind=PairRuleKind.LOCK),
                name="pair_rule_one_lock_per_mentee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentee} – {self.mentor}"


class PreferenceWindow(TimeStampedModel):
    """The time in which a cohort's mentees rank suggested mentors and its mentors say
    which mentees are not a fit, before the coordinator's whole-cohort run."""

    cohort = models.OneToOneField(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="preference_window",
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("preference window")
        verbose_name_plural = _("preference windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="preference_window_closes_later"
            )
        ]

    def __str__(self) -> str:
        return str(self.cohort)

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class MentorWish(TimeStampedModel):
    """A mentee's ranked wish for a suggested mentor (1 is the first choice)."""

    mentee = models.ForeignKey(
        Participant, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="wishes"
    )
    mentor = models.ForeignKey(
        Participant, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="wished_by"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("mentor wish")
        verbose_name_plural = _("mentor wishes")
        ordering = ["mentee", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="wish_once_per_mentor"),
            models.UniqueConstraint(fields=["mentee", "rank"], name="wish_one_per_rank"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="wish_rank_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor} ({self.rank})"


class MentorDecline(TimeStampedModel):
    """A mentor's "not a fit" for one mentee: a hard rule of the run. The reason is for
    the coordinator's eyes only."""

    mentor = models.ForeignKey(
        Participant, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="declines"
    )
    mentee = models.ForeignKey(
        Participant, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="declined_by"
    )
    reason = models.CharField(
        _("reason (seen by the coordinator only)"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("mentor's decline")
        verbose_name_plural = _("mentors' declines")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee"], name="decline_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.mentor} ✕ {self.mentee}"


class MatchingRun(TimeStampedModel):
    """One run of the engine for a cohort: its proposals and their figures."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="matching_runs"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=RunState.choices, default=RunState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.IntegerField(_("total score"), null=True, blank=True)
    matched = models.PositiveIntegerField(_("matched"), null=True, blank=True)
    unmatched = models.PositiveIntegerField(_("unmatched"), null=True, blank=True)
    lowest = models.IntegerField(_("lowest score"), null=True, blank=True)
    p10 = models.FloatField(_("10th percentile"), null=True, blank=True)
    # Mentors left with free places, and why: [{"mentor": id, "free": n, "reason": code}]
    idle_mentors = models.JSONField(_("mentors with free places"), default=list, blank=True)
    # The same cohort run at higher minimum scores: [{"min_score", "matched", "unmatched",
    # "lowest", "total"}, ...], the program's own setting first.
    tradeoffs = models.JSONField(_("quality against coverage"), default=list, blank=True)
    # Matched share and mean score by organisation, region and role.
    fairness = models.JSONField(_("fairness"), default=dict, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    # A cohort too large to score at once is matched over each mentee's best mentors:
    # how many (None: over every allowed pair, the exact optimum).
    candidates = models.PositiveSmallIntegerField(_("candidates per mentee"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="run_progress_range")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} #{self.pk}"


class Proposal(models.Model):
    """A proposed pair of a run, or an unmatched mentee with the reason."""

    run = models.ForeignKey(
        MatchingRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="proposals"
    )
    mentee = models.ForeignKey(
        Participant, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="+"
    )
    mentor = models.ForeignKey(
        Participant,
        verbose_name=_("mentor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.IntegerField(_("score"), default=0)
    percent = models.PositiveSmallIntegerField(_("of the best possible (%)"), default=0)
    # [[criterion, points, detail], ...]: the points add up to the score.
    explanation = models.JSONField(_("explanation"), default=list)
    unmatched_reason = models.CharField(_("why unmatched"), max_length=200, blank=True)
    # What would match an unmatched mentee, each checked by solving again:
    # [{"kind": "seat", "mentor": id} | {"kind": "rule", "mentor": id, "rule": name}
    #  | {"kind": "min_score", "value": n}, ...]
    remedies = models.JSONField(_("what would match"), default=list, blank=True)
    # Whether they were looked for: a run does so for at most REMEDIES_MAX_MENTEES of the
    # unmatched, in cohorts of at most REMEDIES_MAX_PAIRS possible pairs.
    remedies_searched = models.BooleanField(_("looked for what would match"), default=True)
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["run", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="proposal_one_per_mentee")
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} – {self.mentor_id or '-'} ({self.score})"


@tracked()
class Match(TimeStampedModel):
    """A mentor and a mentee of a cohort, from proposal to completion.

    The database keeps the invariants: a mentee has at most one proposed or active match
    (a partial unique index), and a trigger (migration 0002) refuses a match that would
    give a mentor more live matches than their capacity, locking the mentor's row so that
    concurrent requests cannot both take the last place.
    """

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="matches"
    )
    mentor = models.ForeignKey(
        Participant,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_matches",
    )
    mentee = models.ForeignKey(
        Participant,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="mentee_matches",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MatchState.choices, default=MatchState.PROPOSED
    )
    source = models.CharField(
        _("made by"), max_length=20, choices=MatchSource.choices, default=MatchSource.BOARD
    )
    score = models.IntegerField(_("score"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended"), blank=True)
    # A pair the program's hard rules refuse exists only when a coordinator overrode
    # them on purpose: which rules, and why, are kept with the match.
    rules_overridden = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("rules overridden"),
        default=list,
        blank=True,
    )
    override_reason = models.TextField(_("why the rules were overridden"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["cohort", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["id", "cohort"], name="match_id_cohort"),
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state__in=LIVE_MATCH_STATES),
                name="match_one_live_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="match_two_different_people"
            ),
            models.CheckConstraint(
                condition=~Q(state=MatchState.ENDED) | ~Q(end_reason=""),
                name="match_ended_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "state"]),
            models.Index(fields=["cohort", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.user} – {self.mentee.user}"


STANDARD_CONFIDENTIALITY = _(
    "What we talk about stays between us, unless we both agree otherwise. Either of us may "
    "end the mentorship after telling the other and the coordinator."
)


@tracked()
class Agreement(TimeStampedModel):
    """The pair's agreement (överenskommelse, moraliskt kontrakt): what to work on, what to
    achieve, how to meet. Signed by both; a change after signing needs both again, and the
    signed version is kept."""

    # What the pair writes; the rest (signatures, version, facilitator) is set otherwise.
    EDITABLE_FIELDS = (
        "focus_areas",
        "cadence",
        "meeting_minutes",
        "meeting_place",
        "online",
        "confidentiality",
        "practical_terms",
    )

    match = models.OneToOneField(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="agreement"
    )
    focus_areas = models.TextField(_("what we will work on"), blank=True)
    cadence = models.CharField(
        _("how often we meet"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=120)
    meeting_place = models.CharField(_("where we meet"), max_length=200, blank=True)
    online = models.BooleanField(_("we meet online"), default=False)
    confidentiality = models.TextField(_("confidentiality"), blank=True)
    practical_terms = models.TextField(_("practical terms"), blank=True)
    # The program's terms as they stood when the pair began, kept with what they sign.
    program_terms = models.TextField(_("the program's terms"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator at the first meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    mentor_signed_at = models.DateTimeField(_("mentor signed"), null=True, blank=True)
    mentee_signed_at = models.DateTimeField(_("mentee signed"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_minutes__gte=15) & Q(meeting_minutes__lte=600),
                name="agreement_meeting_length_sensible",
            )
        ]

    def __str__(self) -> str:
        return f"{self.match} (v{self.version})"

    @property
    def state(self) -> str:
        signatures = (self.mentor_signed_at is not None) + (self.mentee_signed_at is not None)
        return [AgreementState.DRAFT, AgreementState.PARTLY_SIGNED, AgreementState.SIGNED][
            signatures
        ]

    def get_state_display(self) -> str:
        return AgreementState(self.state).label


class AgreementVersion(models.Model):
    """A signed version of an agreement, kept when the agreement changes."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    mentor_signed_at = models.DateTimeField(_("mentor signed"))
    mentee_signed_at = models.DateTimeField(_("mentee signed"))
    created_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed agreement version")
        verbose_name_plural = _("signed agreement versions")
        ordering = ["agreement", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "version"], name="agreement_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.version}"


class Goal(TimeStampedModel):
    """A goal of the pair: what success looks like, and how it goes."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("goal"), max_length=300)
    success = models.TextField(_("what success looks like"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["match", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def status_choices(self) -> list[tuple[str, str]]:
        return GoalStatus.choices


class GoalNote(TimeStampedModel):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=GoalStatus.choices)
    text = models.TextField(_("progress note"), blank=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["goal", "-created_at"]

    def __str__(self) -> str:
        return self.text[:50]


MESSAGE_MAX_LENGTH = 5000


class Message(TimeStampedModel):
    """One message in the pair's thread. Private to the pair: coordinators see that
    they talk (how often, when last), never what they say."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("message"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="messages/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    attachment_type = models.CharField(max_length=50, blank=True)
    # The sender's form carries a token: a double submit or a retried request finds the
    # message it already sent instead of sending it twice.
    client_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["match_id", "pk"]
        indexes = [models.Index(fields=["match", "-id"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body="") | ~Q(attachment=""), name="message_not_empty"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), MESSAGE_MAX_LENGTH),
                name="message_body_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.match_id}: {self.body[:40]}"


class MessageRead(models.Model):
    """How far one member of the pair has read their thread."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="message_reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "user"], name="message_read_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.match_id} to {self.last_read_id}"


class MessageNotice(models.Model):
    """When a person was last emailed about new messages, and up to which message: at
    most one such email an hour, whatever the number of messages or pairs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_notice"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    last_message_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.sent_at}"
