from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchingMode(models.TextChoices):
    COORDINATOR = "coordinator", _("The coordinator matches on the matching board")
    MENTEE_CHOOSES = "mentee_chooses", _("Mentees choose among suggested mentors")
    ROLLING = "rolling", _("Rolling: the best free mentors for each new mentee")


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED = "ended", _("Ended early")
    DECLINED = "declined", _("Declined")


# A mentee has at most one of these at a time; they take one of the mentor's places.
LIVE_MATCH_STATES = (MatchState.PROPOSED, MatchState.ACTIVE)


class MatchSource(models.TextChoices):
    BOARD = "board", _("Matching board")
    MENTEE_CHOICE = "mentee_choice", _("The mentee's choice")
    ROLLING = "rolling", _("Rolling suggestion")


class PairRuleKind(models.TextChoices):
    LOCK = "lock", _("Locked: keep this pair")
    FORBID = "forbid", _("Forbidden: never this pair")


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("Not signed")
    PARTLY_SIGNED = "partly_signed", _("Signed by one of you")
    SIGNED = "signed", _("Signed by both")


class HardRule(models.TextChoices):
    """The program's must-hold conditions on a pair (the engine's `blocked` names)."""

    SAME_ORGANISATION = "same_organisation", _("Different organisations")
    NO_SHARED_LANGUAGE = "no_shared_language", _("A shared language")
    LANGUAGE_REQUIRED = "language_required", _("A required language")
    NO_COMMON_TIME = "no_common_time", _("A time in common")
    FORBIDDEN = "forbidden", _("Forbidden pair")
    DECLINED = "declined", _("The mentor said not a fit")
    MIN_SCORE = "min_score", _("Lowest score")
