"""Every write of matching: runs, the coordinator's pair rules, publishing, requests."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.engine import (
    Scores,
    assign,
    assign_over_candidates,
    blocked_reasons,
    coverage_by_minimum,
    pair_figures,
    remedies,
)
from matching.enums import HardRule, MatchSource, MatchState, PairRuleKind, RunState
from matching.models import Match, MatchingRun, PairRule, Proposal
from matching.selectors import CohortInput, cohort_matching_input, explanation_details
from mentorship.celery import enqueue
from mentorship.errors import Refusal
from mentorship.models import User
from mentorship.services import email_queue, state_change_record
from programs.enums import Region, Role, WebhookEvent
from programs.models import Cohort, Participant
from programs.services.integrations import event_object, webhook_emit, webhooks_emit


class MatchingError(Refusal):
    """A refusal to show the coordinator or participant, already translated."""


# --- Runs ----------------------------------------------------------------------------


def score_percent(score: float, best: float) -> int:
    """A pair's score as a share of the mentee's best possible, 0 to 100 (a pair the
    coordinator swapped into can score below zero: it shows as 0)."""
    if best <= 0:
        return 100
    return max(0, min(100, round(100 * score / best)))


def run_start(*, cohort: Cohort, by: User) -> MatchingRun:
    """Queue a run of the engine for the cohort; a Celery worker carries it out."""
    run = MatchingRun.objects.create(cohort=cohort, created_by=by)
    from matching.tasks import matching_run_execute

    def hand_out() -> None:
        if not enqueue(matching_run_execute, run_id=run.pk):
            run_fail(run_id=run.pk, error=_("The task queue is unreachable; try again shortly."))

    transaction.on_commit(hand_out)
    return run


def runs_fail_stuck() -> int:
    """Mark failed the runs that have not moved for longer than any run may take (their
    worker died, or their task was lost), so the board stops showing "running" and the
    coordinator can start again. A late redelivery of such a run then does nothing."""
    cutoff = timezone.now() - timedelta(seconds=settings.MATCHING_RUN_STUCK_SECONDS)
    return MatchingRun.objects.filter(
        state__in=(RunState.QUEUED, RunState.RUNNING), updated_at__lt=cutoff
    ).update(
        state=RunState.FAILED,
        error=_("The run did not finish; start it again."),
        updated_at=timezone.now(),
    )


def _progress(run: MatchingRun, percent: int, state: str = RunState.RUNNING) -> None:
    # Outside the run's transaction, so the board sees it while the run goes on.
    MatchingRun.objects.filter(pk=run.pk).update(
        progress=percent, state=state, updated_at=timezone.now()
    )


def unmatched_reason(
    scores: Scores, row: int, load: np.ndarray, capacity: np.ndarray, min_score: int | None
) -> str:
    """Why a mentee is left unmatched, from their row of `scores` (the whole cohort's or
    a block of it)."""
    allowed = scores.allowed[row]
    if not allowed.any():
        reasons = sorted({name for name, mask in scores.blocked.items() if mask[row].any()})
        return "no_allowed_mentor:" + ",".join(reasons)
    free = allowed & (load < capacity)
    if not free.any():
        return "allowed_mentors_full"
    if min_score is None or (scores.total[row][free] >= min_score).any():
        # An allowed mentor with a free place and a score high enough: only a run over
        # each mentee's best candidates (a very large cohort) leaves that.
        return "beyond_candidates"
    return "below_minimum_score"


# Above this many possible pairs a run does not look for what would match the unmatched
# (each suggestion is one more solve of the whole cohort).
REMEDIES_MAX_PAIRS = 250_000
# ...and for at most this many of them (up to nine solves each).
REMEDIES_MAX_MENTEES = 50


def _remedies(data: CohortInput, mentee: int, assignment: np.ndarray, locked) -> list[dict]:
    assert data.scores is not None
    mentors = data.mentors.participants
    found = []
    for remedy in remedies(
        data.scores,
        data.capacity,
        assignment,
        mentee,
        forced=locked,
        min_score=data.policy.min_score,
    ):
        if remedy[0] == "seat":
            found.append({"kind": "seat", "mentor": mentors[remedy[1]].pk})
        elif remedy[0] == "rule":
            found.append({"kind": "rule", "mentor": mentors[remedy[1]].pk, "rule": remedy[2]})
        else:
            found.append({"kind": "min_score", "value": remedy[1]})
    return found


class IdleMentors:
    """Why mentors keep free places after a run, gathered block by block of mentees:
    no waiting mentee is allowed with them (and which rules block), every allowed mentee
    has a pair, or the score is too low."""

    def __init__(self, n_mentors: int) -> None:
        self.allowed = np.zeros(n_mentors, dtype=bool)
        self.waiting = np.zeros(n_mentors, dtype=bool)
        self.blocked: dict[str, np.ndarray] = {}

    def add(self, scores: Scores, unmatched: np.ndarray) -> None:
        self.allowed |= scores.allowed.any(axis=0)
        self.waiting |= (scores.allowed & unmatched[:, None]).any(axis=0)
        for name, mask in scores.blocked.items():
            seen = self.blocked.setdefault(name, np.zeros_like(self.allowed))
            seen |= mask.any(axis=0)

    def reason(self, mentor: int) -> str:
        if not self.allowed[mentor]:
            reasons = sorted(name for name, seen in self.blocked.items() if seen[mentor])
            return "no_allowed_mentee:" + ",".join(reasons)
        if not self.waiting[mentor]:
            return "allowed_mentees_matched"
        return "below_minimum_score"


def minimums_to_compare(current: int | None, pair_scores: np.ndarray) -> list[int | None]:
    """The program's own minimum and up to four higher ones: one above the weakest
    pair's score, and the pair scores at the run's 10th, 25th, 50th and 75th percentile
    (each a setting the coordinator could choose)."""
    options: list[int | None] = [current]
    if pair_scores.size:
        ordered = np.sort(pair_scores)
        # Just above the weakest pair (the first setting that costs someone), then the
        # percentiles.
        candidates = {int(ordered[0]) + 1}
        for share in (0.10, 0.25, 0.50, 0.75):
            candidates.add(int(ordered[min(int(share * ordered.size), ordered.size - 1)]))
        options += sorted(v for v in candidates if current is None or v > current)
    return options[:5]


def distinct_outcomes(rows: list[dict]) -> list[dict]:
    """The settings that change something: a higher minimum with the same people
    matched and the same lowest score as the one before it says nothing new."""
    kept: list[dict] = []
    for row in rows:
        if not kept or (row["matched"], row["lowest"]) != (kept[-1]["matched"], kept[-1]["lowest"]):
            kept.append(row)
    return kept


def fairness_report(
    data: CohortInput, assignment: np.ndarray, scores: np.ndarray
) -> dict[str, list[dict]]:
    """Matched share and mean pair score by organisation, region and role (`scores`:
    each mentee's pair score, 0 when unmatched). Only what matching uses goes in (no
    sensitive answer is a matching criterion)."""
    region_labels = dict(Region.choices)
    matched = assignment >= 0

    def grouped(keys: list[str]) -> list[dict]:
        groups: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            groups.setdefault(key, []).append(i)
        rows = []
        for key, members in sorted(groups.items()):
            hits = [i for i in members if matched[i]]
            rows.append(
                {
                    "group": key,
                    "people": len(members),
                    "matched": len(hits),
                    "mean": round(float(np.mean(scores[hits])), 1) if hits else None,
                }
            )
        return rows

    mentees = data.mentees.participants
    organisation = [p.organisation.name if p.organisation else "–" for p in mentees]
    region = [str(region_labels.get(r, r or "–")) for r in data.mentees.region]
    load = np.bincount(assignment[matched], minlength=len(data.capacity))
    mentor_scores = [
        float(np.mean(scores[(assignment == j) & matched])) for j in np.flatnonzero(load)
    ]
    return {
        "organisation": grouped(organisation),
        "region": grouped(region),
        "role": [
            {
                "group": "mentee",
                "people": len(mentees),
                "matched": int(matched.sum()),
                "mean": round(float(np.mean(scores[matched])), 1) if matched.any() else None,
            },
            {
                "group": "mentor",
                "people": len(data.mentors.participants),
                "matched": int((load > 0).sum()),
                "mean": round(float(np.mean(mentor_scores)), 1) if mentor_scores else None,
            },
        ],
    }


def _assignment(data: CohortInput) -> tuple[np.ndarray, list[tuple[int, int]], int | None]:
    """The run's assignment, the locked pairs it kept, and the candidates per mentee it
    was found over (None: the exact optimum over every allowed pair)."""
    policy = data.policy
    if data.scores is not None:
        locked = [(i, j) for i, j in data.locked if data.scores.allowed[i, j]]
        assignment = assign(
            data.scores.total,
            data.scores.allowed,
            data.capacity,
            forced=locked,
            min_score=policy.min_score,
        )
        return assignment, locked, None
    keep = settings.MATCHING_CANDIDATES
    # The locks the rules still allow, pair by pair (a mentor may hold two).
    locked = [(i, j) for i, j in data.locked if data.pair(i, j)[0].allowed.item()]
    assignment = assign_over_candidates(
        data.score_rows,
        len(data.mentees.participants),
        data.capacity,
        keep=keep,
        forced=locked,
        min_score=policy.min_score,
    )
    return assignment, locked, keep


def _blocks(data: CohortInput):
    """(rows, Scores of those rows against every mentor): the whole cohort at once when
    it was scored so, else a block of mentees at a time."""
    if data.scores is not None:
        yield np.arange(len(data.mentees.participants)), data.scores
        return
    n = len(data.mentees.participants)
    for start in range(0, n, SCORE_BLOCK):
        rows = np.arange(start, min(start + SCORE_BLOCK, n))
        yield rows, data.score_rows(rows)


# Mentees scored at a time in a cohort too large for one matrix.
SCORE_BLOCK = 1000


def run_execute(*, run: MatchingRun) -> MatchingRun:
    """Score the cohort, assign around the locks and forbidden pairs, store proposals.

    A cohort of more than MATCHING_DENSE_MAX_PAIRS possible pairs is scored a block of
    mentees at a time and matched over each mentee's MATCHING_CANDIDATES best mentors
    (exact over those; the run says so). Writes progress as it goes. A run already done
    is left as it is (a retried task).
    """
    run = MatchingRun.objects.select_related("cohort__program").get(pk=run.pk)
    if run.state not in (RunState.QUEUED, RunState.RUNNING):
        return run
    started = time.perf_counter()
    _progress(run, 10)
    data = cohort_matching_input(run.cohort, dense_max=settings.MATCHING_DENSE_MAX_PAIRS)
    _progress(run, 40)
    policy = data.policy
    assignment, locked, kept = _assignment(data)
    _progress(run, 70)
    mentees, mentors = data.mentees.participants, data.mentors.participants
    load = np.bincount(assignment[assignment >= 0], minlength=len(data.capacity))
    locked_mentees = {i for i, _ in locked}
    explain_unmatched = data.scores is not None and data.scores.total.size <= REMEDIES_MAX_PAIRS
    explained = 0
    proposals = []
    pair_scores = np.zeros(len(mentees), dtype=np.int64)
    idle_reasons = IdleMentors(len(mentors))
    for rows, scores in _blocks(data):
        best = scores.best_possible()
        idle_reasons.add(scores, assignment[rows] < 0)
        for local, i in enumerate(rows.tolist()):
            j = int(assignment[i])
            if j < 0:
                explain = explain_unmatched and explained < REMEDIES_MAX_MENTEES
                explained += explain
                reason = unmatched_reason(scores, local, load, data.capacity, policy.min_score)
                proposals.append(
                    Proposal(
                        run=run,
                        mentee=mentees[i],
                        unmatched_reason=reason,
                        remedies=_remedies(data, i, assignment, locked) if explain else [],
                        remedies_searched=explain,
                    )
                )
                continue
            value = pair_scores[i] = int(scores.total[local, j])
            proposals.append(
                Proposal(
                    run=run,
                    mentee=mentees[i],
                    mentor=mentors[j],
                    score=value,
                    percent=score_percent(value, best[local]),
                    explanation=explanation_details(data, i, j, scores=scores, at=(local, j)),
                    locked=i in locked_mentees,
                )
            )
    matched = assignment >= 0
    figures = pair_figures(pair_scores[matched])
    idle = [
        {
            "mentor": mentor.pk,
            "free": int(data.capacity[j] - load[j]),
            "reason": idle_reasons.reason(j),
        }
        for j, mentor in enumerate(mentors)
        if data.capacity[j] > load[j]
    ]
    tradeoffs = []
    if explain_unmatched:
        assert data.scores is not None
        tradeoffs = distinct_outcomes(
            coverage_by_minimum(
                data.scores.total,
                data.scores.allowed,
                data.capacity,
                minimums_to_compare(policy.min_score, pair_scores[matched]),
                forced=locked,
            )
        )
    with transaction.atomic():
        Proposal.objects.filter(run=run).delete()
        Proposal.objects.bulk_create(proposals)
        MatchingRun.objects.filter(pk=run.pk).update(
            state=RunState.DONE,
            progress=100,
            total=figures["total"],
            matched=figures["matched"],
            unmatched=len(assignment) - figures["matched"],
            lowest=figures["lowest"],
            p10=figures["p10"],
            idle_mentors=idle,
            tradeoffs=tradeoffs,
            fairness=fairness_report(data, assignment, pair_scores),
            candidates=kept,
            seconds=round(time.perf_counter() - started, 3),
            updated_at=timezone.now(),
        )
    run.refresh_from_db()
    return run


def run_fail(*, run_id: int, error: str) -> None:
    MatchingRun.objects.filter(pk=run_id).update(
        state=RunState.FAILED, error=str(error)[:2000], updated_at=timezone.now()
    )


# --- The coordinator's word on pairs -------------------------------------------------


def _same_cohort(cohort: Cohort, mentee: Participant, mentor: Participant) -> None:
    if mentee.cohort_id != cohort.pk or mentor.cohort_id != cohort.pk:
        raise MatchingError(_("Both people must be in this cohort."))
    if mentee.role != Role.MENTEE or mentor.role != Role.MENTOR:
        raise MatchingError(_("A pair is a mentee and a mentor."))


def pair_rules_broken(data: CohortInput, mentee: Participant, mentor: Participant) -> list[str]:
    """The program's hard rules this pair breaks (HardRule values), empty when none: the
    engine's blocked masks and the lowest score. The one check every path that makes or
    keeps a pair goes through (run, lock, swap, publish, rolling pair, request, admin)."""
    i, j = data.row(mentee.pk), data.column(mentor.pk)
    if i is None or j is None:
        return []
    scores, at = data.pair(i, j)
    broken = blocked_reasons(scores, *at)
    min_score = data.policy.min_score
    if min_score is not None and int(scores.total[at]) < min_score:
        broken.append(HardRule.MIN_SCORE)
    return broken


def _rule_refusal(broken: list[str], mentee: Participant, mentor: Participant) -> MatchingError:
    """A refusal that names each rule and what breaks it."""
    parts = []
    for rule in broken:
        if rule == HardRule.SAME_ORGANISATION:
            parts.append(
                _("“%(rule)s”: both come from %(organisation)s")
                % {"rule": HardRule(rule).label, "organisation": mentee.organisation}
            )
        elif rule in HardRule.values:
            parts.append(f"“{HardRule(rule).label}”")
        else:
            parts.append(rule)
    return MatchingError(
        _("The program's rules refuse %(mentee)s and %(mentor)s as a pair: %(rules)s.")
        % {
            "mentee": mentee.user.get_full_name(),
            "mentor": mentor.user.get_full_name(),
            "rules": "; ".join(parts),
        }
    )


def pair_check(
    data: CohortInput,
    mentee: Participant,
    mentor: Participant,
    *,
    override_reason: str = "",
) -> list[str]:
    """Refuse a pair that breaks a hard rule, naming it; a coordinator may override with
    a reason. Returns the rules overridden (kept on the match)."""
    broken = pair_rules_broken(data, mentee, mentor)
    if broken and not override_reason.strip():
        raise _rule_refusal(broken, mentee, mentor)
    return broken


def pair_rule_set(
    *, cohort: Cohort, mentee: Participant, mentor: Participant, kind: str, by: User
) -> PairRule:
    """Lock a pair (the next run keeps it) or forbid it (no run proposes it). A new lock
    for a mentee replaces their old one. A lock that breaks one of the program's hard
    rules is refused, naming the rule (the run would have to drop it)."""
    _same_cohort(cohort, mentee, mentor)
    if kind == PairRuleKind.LOCK:
        data = cohort_matching_input(cohort, only_unmatched=False, only=(mentee.pk, mentor.pk))
        broken = [
            rule
            for rule in pair_rules_broken(data, mentee, mentor)
            if rule != HardRule.FORBIDDEN  # locking a forbidden pair replaces the forbid
        ]
        if broken:
            raise _rule_refusal(broken, mentee, mentor)
    with transaction.atomic():
        if kind == PairRuleKind.LOCK:
            PairRule.objects.filter(mentee=mentee, kind=PairRuleKind.LOCK).exclude(
                mentor=mentor
            ).delete()
        rule, _created = PairRule.objects.update_or_create(
            mentee=mentee,
            mentor=mentor,
            defaults={"cohort": cohort, "kind": kind, "created_by": by},
        )
    return rule


MENTOR_PLACES_MAX = 20


def mentor_place_add(*, mentor: Participant, by: User) -> Participant:
    """One more mentee place for a mentor (the board's suggestion for someone left
    unmatched); the participant's change history records who did it."""
    if mentor.role != Role.MENTOR:
        raise MatchingError(_("Only a mentor has mentee places."))
    with transaction.atomic():
        mentor = Participant.objects.select_for_update().get(pk=mentor.pk)
        if mentor.capacity >= MENTOR_PLACES_MAX:
            raise MatchingError(_("A mentor has at most %(n)s mentees.") % {"n": MENTOR_PLACES_MAX})
        before = mentor.capacity
        mentor.capacity += 1
        mentor.save(update_fields=["capacity", "updated_at"])
        state_change_record(
            obj=mentor,
            from_state=str(before),
            to_state=str(mentor.capacity),
            by=by,
            reason=_("one more mentee place, as the matching board suggested"),
        )
    return mentor


def min_score_set(*, cohort: Cohort, value: int | None, by: User) -> None:
    """The program's lowest score to propose (the board's suggestion: lower it to match
    someone), logged like a state change."""
    from matching.models import MatchingPolicy

    with transaction.atomic():
        policy, _created = MatchingPolicy.objects.select_for_update().get_or_create(
            program=cohort.program
        )
        before = policy.min_score
        policy.min_score = value
        policy.save(update_fields=["min_score", "updated_at"])
        state_change_record(
            obj=policy,
            from_state="" if before is None else str(before),
            to_state="" if value is None else str(value),
            by=by,
            reason=_("lowest score to propose"),
        )
    cohort.program._policy = policy


def pair_rule_clear(*, cohort: Cohort, rule_id: int) -> None:
    PairRule.objects.filter(cohort=cohort, pk=rule_id).delete()


def proposal_swap(*, run: MatchingRun, first_mentee_id: int, second_mentee_id: int) -> None:
    """Exchange the mentors of two mentees in a run's proposals, with fresh scores."""
    if run.state != RunState.DONE:
        raise MatchingError(_("Only a finished run can be changed."))
    with transaction.atomic():
        first = Proposal.objects.select_for_update().get(run=run, mentee_id=first_mentee_id)
        second = Proposal.objects.select_for_update().get(run=run, mentee_id=second_mentee_id)
        # Two mentees' rows are all a swap needs: the whole cohort is not scored.
        data = cohort_matching_input(run.cohort, dense_max=0)
        for proposal, mentor_id in ((first, second.mentor_id), (second, first.mentor_id)):
            proposal.mentor_id = mentor_id
            proposal.locked = False
            proposal.unmatched_reason = ""
            if mentor_id is None:
                proposal.score, proposal.percent, proposal.explanation = 0, 0, []
                proposal.unmatched_reason = "swapped"
                continue
            i, j = data.row(proposal.mentee_id), data.column(mentor_id)
            if i is None or j is None:
                raise MatchingError(_("That swap would make a pair the rules block."))
            pair_check(data, data.mentees.participants[i], data.mentors.participants[j])
            scores, row = data.mentee_row(i)
            proposal.score = int(scores.total[row, j])
            proposal.percent = score_percent(proposal.score, scores.best_in_row(row))
            proposal.explanation = explanation_details(data, i, j, scores=scores, at=(row, j))
        Proposal.objects.bulk_update(
            [first, second],
            ["mentor", "score", "percent", "explanation", "locked", "unmatched_reason"],
        )


# --- Matches ---------------------------------------------------------------------------


INTRODUCTION_SUBJECTS = {
    Role.MENTOR: gettext_lazy("Meet your mentor in %(program)s"),
    Role.MENTEE: gettext_lazy("Meet your mentee in %(program)s"),
}


def _introduce(match: Match) -> None:
    """Email both people an introduction to the other, each in their own language."""
    for receiver, other, role in (
        (match.mentee, match.mentor, Role.MENTOR),
        (match.mentor, match.mentee, Role.MENTEE),
    ):
        email_queue(
            to=receiver.user.email,
            user=receiver.user,
            subject=INTRODUCTION_SUBJECTS[role],
            template="match_introduction",
            context={
                "receiver": receiver.user,
                "other": other.user,
                "other_profile": other.user.profile,
                "other_organisation": other.organisation or other.user.profile.organisation,
                "role_label": Role(role).label,
                "program": match.cohort.program,
                "cohort": match.cohort,
            },
            idempotency_key=f"match_introduction:{match.pk}:{receiver.pk}",
        )


def _create_match(**fields) -> Match:
    try:
        with transaction.atomic():
            match = Match.objects.create(**fields)
            state_change_record(
                obj=match,
                from_state="",
                to_state=match.state,
                by=fields.get("created_by"),
                reason=fields.get("override_reason", ""),
            )
            return match
    except IntegrityError as error:
        text = str(error)
        if "match_mentor_capacity" in text or "no free place" in text:
            raise MatchingError(_("This mentor has no free place.")) from error
        if "match_one_live_per_mentee" in text:
            raise MatchingError(_("This mentee already has a mentor.")) from error
        raise


def run_publish(*, run: MatchingRun, by: User) -> list[Match]:
    """Make the run's proposed pairs real matches and introduce the people to each other.

    All or nothing: if a mentor has filled up or a mentee got a mentor since the run,
    nothing is published and the coordinator is told to run again.
    """
    run = MatchingRun.objects.select_related("cohort__program").get(pk=run.pk)
    if run.state != RunState.DONE:
        raise MatchingError(_("Only a finished run can be published."))
    proposals = list(
        run.proposals.filter(mentor__isnull=False).select_related(
            "mentee__user__profile",
            "mentor__user__profile",
            "mentee__organisation",
            "mentor__organisation",
        )
    )
    # The people may have changed since the run (a new organisation, a forbid): every
    # pair is checked again, and none is published if one breaks a rule. Pair by pair:
    # the whole cohort is not scored.
    data = cohort_matching_input(run.cohort, only_unmatched=False, dense_max=0)
    for proposal in proposals:
        pair_check(data, proposal.mentee, proposal.mentor)
    now = timezone.now()
    with transaction.atomic():
        matches = [
            _create_match(
                cohort=run.cohort,
                mentor=proposal.mentor,
                mentee=proposal.mentee,
                state=MatchState.ACTIVE,
                source=MatchSource.BOARD,
                score=proposal.score,
                explanation=proposal.explanation,
                started_at=now,
                created_by=by,
            )
            for proposal in proposals
        ]
        MatchingRun.objects.filter(pk=run.pk).update(state=RunState.PUBLISHED, updated_at=now)
        for match in matches:
            _introduce(match)
        webhooks_emit(
            event=WebhookEvent.MATCH_PUBLISHED,
            objects=[event_object(match) for match in matches],
        )
    return matches


def match_create(
    *,
    mentee: Participant,
    mentor: Participant,
    by: User,
    source: str = MatchSource.ROLLING,
    override_reason: str = "",
) -> Match:
    """The coordinator pairs two people directly (rolling intake or an intervention).

    Refused, naming the rule, when the pair breaks one of the program's hard rules,
    unless the coordinator overrides with a reason: the rules and the reason are kept
    on the match."""
    _same_cohort(mentee.cohort, mentee, mentor)
    # Only the pair is scored: its rules and score depend on the two alone.
    data = cohort_matching_input(mentee.cohort, only_unmatched=False, only=(mentee.pk, mentor.pk))
    overridden = pair_check(data, mentee, mentor, override_reason=override_reason)
    explanation, value = [], None
    i, j = data.row(mentee.pk), data.column(mentor.pk)
    if i is not None and j is not None and data.scores is not None:
        explanation, value = explanation_details(data, i, j), int(data.scores.total[i, j])
    with transaction.atomic():
        match = _create_match(
            cohort=mentee.cohort,
            mentor=mentor,
            mentee=mentee,
            state=MatchState.ACTIVE,
            source=source,
            score=value,
            explanation=explanation,
            started_at=timezone.now(),
            created_by=by,
            rules_overridden=overridden,
            override_reason=override_reason.strip() if overridden else "",
        )
        _introduce(match)
        webhook_emit(event=WebhookEvent.MATCH_PUBLISHED, obj=match)
    return match


def match_request(*, mentee: Participant, mentor: Participant, by: User) -> Match:
    """A mentee asks a suggested mentor; the mentor is emailed and answers on the
    dashboard. The mentor's place is held meanwhile (capacity counts requests)."""
    if mentee.user_id != by.pk:
        raise MatchingError(_("Only the mentee can ask for a mentor."))
    _same_cohort(mentee.cohort, mentee, mentor)
    data = cohort_matching_input(mentee.cohort, only=(mentee.pk, mentor.pk))
    i, j = data.row(mentee.pk), data.column(mentor.pk)
    if i is None or j is None:
        raise MatchingError(_("This mentee already has a mentor."))
    assert data.scores is not None
    pair_check(data, mentee, mentor)
    with transaction.atomic():
        match = _create_match(
            cohort=mentee.cohort,
            mentor=mentor,
            mentee=mentee,
            state=MatchState.PROPOSED,
            source=MatchSource.MENTEE_CHOICE,
            score=int(data.scores.total[i, j]),
            explanation=explanation_details(data, i, j),
            created_by=by,
        )
        email_queue(
            to=mentor.user.email,
            user=mentor.user,
            subject=gettext_lazy("%(name)s asks you to be their mentor"),
            template="match_request",
            context={
                "name": mentee.user.get_full_name(),
                "mentee": mentee.user,
                "mentee_profile": mentee.user.profile,
                "program": mentee.cohort.program,
            },
            idempotency_key=f"match_request:{match.pk}",
        )
    return match


def _open_request(match: Match, by: User) -> Match:
    """The request, locked, if `by` is the mentor asked and it is still open."""
    match = Match.objects.select_for_update().select_related("cohort__program").get(pk=match.pk)
    if match.mentor.user_id != by.pk:
        raise MatchingError(_("Only the asked mentor can answer."))
    if match.state != MatchState.PROPOSED:
        raise MatchingError(_("This request has already been answered."))
    return match


def match_accept(*, match: Match, by: User) -> Match:
    """The mentor accepts a request: the match starts and both get an introduction."""
    with transaction.atomic():
        match = _open_request(match, by)
        match.state = MatchState.ACTIVE
        match.started_at = timezone.now()
        match.save(update_fields=["state", "started_at", "updated_at"])
        state_change_record(obj=match, from_state=MatchState.PROPOSED, to_state=match.state, by=by)
        _introduce(match)
        webhook_emit(event=WebhookEvent.MATCH_PUBLISHED, obj=match)
    return match


def match_decline(*, match: Match, by: User) -> Match:
    """The mentor declines; the mentee is told and may ask someone else."""
    with transaction.atomic():
        match = _open_request(match, by)
        match.state = MatchState.DECLINED
        match.ended_at = timezone.now()
        match.save(update_fields=["state", "ended_at", "updated_at"])
        state_change_record(obj=match, from_state=MatchState.PROPOSED, to_state=match.state, by=by)
        email_queue(
            to=match.mentee.user.email,
            user=match.mentee.user,
            subject=gettext_lazy("About your request in %(program)s"),
            template="match_declined",
            context={"mentor": match.mentor.user, "program": match.cohort.program},
            idempotency_key=f"match_declined:{match.pk}:{uuid.uuid4()}",
        )
    return match


def match_complete(*, match: Match, by: User, diplomas: bool = True) -> Match:
    """An active match has run its course. Each of its people with no other live match
    has then completed the program and gets their diploma now (also in a rolling
    program, where the cohort never closes); closing a cohort passes diplomas=False and
    lets the coordinator tick who gets one."""
    from programs.services.completion import participants_complete

    with transaction.atomic():
        match = (
            Match.objects.select_for_update(of=("self",))
            .select_related("mentor__cohort__program", "mentee__cohort__program")
            .get(pk=match.pk)
        )
        if match.state != MatchState.ACTIVE:
            raise MatchingError(_("Only an active match can be completed."))
        match.state = MatchState.COMPLETED
        match.ended_at = timezone.now()
        match.ended_by = by
        match.save(update_fields=["state", "ended_at", "ended_by", "updated_at"])
        state_change_record(obj=match, from_state=MatchState.ACTIVE, to_state=match.state, by=by)
        participants_complete(participants=[match.mentee, match.mentor], by=by, diplomas=diplomas)
        webhook_emit(event=WebhookEvent.MATCH_COMPLETED, obj=match)
    return match


def match_end(*, match: Match, by: User, reason: str) -> Match:
    """End a proposed or active match early; the reason is required and kept. Frees the
    mentor's place and lets the mentee be matched again. Whoever of the pair and the
    program's coordinators did not end it is told by email (the members without the
    reason, which is for the coordinators)."""
    if not reason.strip():
        raise MatchingError(_("Say why the match ends."))
    with transaction.atomic():
        match = (
            Match.objects.select_for_update(of=("self",))
            .select_related("mentor__user", "mentee__user", "cohort__program")
            .get(pk=match.pk)
        )
        if match.state not in (MatchState.PROPOSED, MatchState.ACTIVE):
            raise MatchingError(_("This match has already ended."))
        state_change_record(
            obj=match, from_state=match.state, to_state=MatchState.ENDED, by=by, reason=reason
        )
        match.state = MatchState.ENDED
        match.ended_at = timezone.now()
        match.ended_by = by
        match.end_reason = reason.strip()
        match.save(update_fields=["state", "ended_at", "ended_by", "end_reason", "updated_at"])
        _tell_match_ended(match, by)
    return match


def _tell_match_ended(match: Match, by: User) -> None:
    program = match.cohort.program
    receivers = [(p.user, False) for p in (match.mentee, match.mentor)]
    receivers += [(user, True) for user in program.coordinators.all()]
    for user, is_coordinator in receivers:
        if user.pk == by.pk:
            continue
        email_queue(
            to=user.email,
            user=user,
            subject=gettext_lazy("The match in %(program)s has ended"),
            template="match_ended",
            context={
                "mentee": match.mentee.user,
                "mentor": match.mentor.user,
                "program": program,
                "ended_by": by,
                "reason": match.end_reason if is_coordinator else "",
            },
            idempotency_key=f"match_ended:{match.pk}:{user.pk}",
        )
