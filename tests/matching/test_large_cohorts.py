"""Cohorts too large for one score matrix: scored a block at a time and matched over
each mentee's best candidates, with the same figures, reasons and explanations as the
whole-matrix run wherever the candidates hold every allowed pair, and the board says
which way a run went."""

import numpy as np
import pytest

from matching.engine import (
    People,
    Rules,
    Scores,
    Weights,
    assign,
    assign_over_candidates,
    assign_sparse,
    block_scorer,
    score,
    score_block,
)
from matching.enums import PairRuleKind
from matching.models import MatchingPolicy, MatchingRun, MentorDecline, MentorWish, PairRule
from matching.services.matching import run_execute, unmatched_reason
from matching.synthetic_db import seed_cohort
from programs.services.core import coordinator_add
from tests.matching.test_engine import objective, random_instance, random_people


def pairs(rng) -> list[tuple[int, int]]:
    return list(zip(rng.integers(0, 25, 6).tolist(), rng.integers(0, 15, 6).tolist(), strict=True))


@pytest.mark.parametrize("seed", range(6))
def test_a_block_of_the_cohort_scores_as_the_same_cells_of_the_whole(seed):
    rng = np.random.default_rng(900 + seed)
    mentees, mentors = random_people(rng, 25), random_people(rng, 15)
    rules = Rules(
        different_organisation=bool(seed % 2),
        shared_language=True,
        common_time=True,
        required_languages=rng.random((25, 3)) < 0.2,
        forbidden=pairs(rng),
        declined=pairs(rng),
    )
    preferences = rng.random((25, 15)) < 0.1
    whole = score(mentees, mentors, Weights(), rules, preferences=preferences)
    rows = np.sort(rng.choice(25, 9, replace=False))
    cols = np.sort(rng.choice(15, 6, replace=False))

    block = score_block(
        mentees, mentors, Weights(), rules, rows, cols, preferences=preferences[np.ix_(rows, cols)]
    )

    cells = np.ix_(rows, cols)
    assert (block.total == whole.total[cells]).all()
    assert (block.allowed == whole.allowed[cells]).all()
    assert block.parts.keys() == whole.parts.keys()
    assert block.blocked.keys() <= whole.blocked.keys()
    for name, mask in whole.blocked.items():
        assert (block.blocked.get(name, np.zeros_like(block.allowed)) == mask[cells]).all()


@pytest.mark.parametrize("seed", range(10))
def test_the_sparse_assignment_keeps_locks_and_the_minimum_as_the_dense_one_does(seed):
    rng = np.random.default_rng(700 + seed)
    scores, allowed, capacity, forced = random_instance(rng, 30, 12, allowed_share=0.4, forced=4)
    minimum = [None, 10, 40][seed % 3]
    mentees, mentors = np.nonzero(allowed)

    sparse = assign_sparse(
        mentees, mentors, scores[mentees, mentors], capacity, 30, forced=forced, min_score=minimum
    )
    dense = assign(scores, allowed, capacity, forced=forced, min_score=minimum)

    mine = objective(scores, allowed, capacity, forced, minimum, sparse)
    assert mine is not None
    assert mine == objective(scores, allowed, capacity, forced, minimum, dense)


@pytest.fixture
def large_cohort(db):
    """A synthetic cohort with a lock, a forbidden pair, wishes, a decline and a
    minimum score: every input the run takes."""
    cohort = seed_cohort(60, seed=4)
    mentees = list(cohort.participants.filter(role="mentee").order_by("pk"))
    mentors = list(cohort.participants.filter(role="mentor").order_by("pk"))
    PairRule.objects.create(
        cohort=cohort, mentee=mentees[0], mentor=mentors[3], kind=PairRuleKind.LOCK
    )
    PairRule.objects.create(
        cohort=cohort, mentee=mentees[1], mentor=mentors[2], kind=PairRuleKind.FORBID
    )
    for rank, mentor in enumerate(mentors[5:8], start=1):
        MentorWish.objects.create(mentee=mentees[2], mentor=mentor, rank=rank)
    MentorDecline.objects.create(mentor=mentors[5], mentee=mentees[3], reason="")
    policy = MatchingPolicy.objects.get(program=cohort.program)
    policy.min_score = 20
    policy.save()
    return cohort


def outcome(run):
    proposals = {
        p.mentee_id: (p.mentor_id, p.score, p.percent, p.explanation, p.unmatched_reason, p.locked)
        for p in run.proposals.all()
    }
    figures = (run.total, run.matched, run.unmatched, run.lowest, run.p10)
    return figures, proposals, run.idle_mentors, run.fairness


def test_a_run_in_blocks_over_every_candidate_equals_the_whole_matrix_run(large_cohort, settings):
    whole = run_execute(run=MatchingRun.objects.create(cohort=large_cohort))
    settings.MATCHING_DENSE_MAX_PAIRS = 1
    settings.MATCHING_CANDIDATES = 1000  # more than the mentors: every allowed pair
    blocks = run_execute(run=MatchingRun.objects.create(cohort=large_cohort))

    assert whole.candidates is None and blocks.candidates == 1000
    assert outcome(blocks) == outcome(whole)
    assert whole.matched > 20 and whole.idle_mentors
    locked = next(p for p in blocks.proposals.all() if p.locked)
    assert locked.mentor_id == PairRule.objects.get(kind=PairRuleKind.LOCK).mentor_id


def test_a_run_over_one_candidate_each_still_matches_a_mentee_beside_a_free_mentor(
    matching_cohort, settings
):
    # Without the agency rule, Anna and Bo are each best with Mia (one place) and Cleo
    # with Nils (two places). Over one candidate each, Anna or Bo is left at first,
    # though Nils has a free place and is allowed with them; the next round adds the
    # left mentees' candidates among the free mentors, and all three are matched.
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(
        different_organisation=False
    )
    people = matching_cohort.people
    people["mia"].capacity, people["nils"].capacity = 1, 2
    people["mia"].save()
    people["nils"].save()
    settings.MATCHING_DENSE_MAX_PAIRS = 1
    settings.MATCHING_CANDIDATES = 1
    few = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))

    assert few.candidates == 1 and few.matched == 3
    assert few.proposals.get(mentee=people["cleo"]).mentor == people["nils"]


def test_mentees_who_score_every_mentor_alike_spread_over_the_mentors():
    # 300 mentees with nothing to tell them apart (imported without answers), 150
    # mentors with two places: over 5 candidates each, all 300 are matched.
    n, m = 300, 150
    people = random_people(np.random.default_rng(1), 1)
    alike = lambda k: People(  # noqa: E731
        **{f: np.repeat(getattr(people, f), k, axis=0) for f in People.__dataclass_fields__}
    )
    capacity = np.full(m, 2)
    score_rows = block_scorer(alike(n), alike(m), Weights(), Rules())

    first_round = assign_over_candidates(score_rows, n, capacity, keep=5, rounds=0)
    assignment = assign_over_candidates(score_rows, n, capacity, keep=5)

    assert (assignment >= 0).all()
    assert (np.bincount(assignment, minlength=m) <= 2).all()
    assert (first_round >= 0).sum() > 0.9 * n  # the ties spread the first round too


@pytest.mark.parametrize("seed", range(30))
def test_over_few_candidates_as_many_are_matched_as_by_the_whole_matrix(seed):
    # Five candidates each, then the widening rounds: the same number matched as the
    # exact optimum, and the total within a few percent of it.
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(10, 60)), int(rng.integers(5, 40))
    mentees, mentors = random_people(rng, n), random_people(rng, m)
    rules = Rules(different_organisation=True, shared_language=True)
    capacity = rng.integers(1, 3, m)
    whole = score(mentees, mentors, Weights(), rules)
    exact = assign(whole.total, whole.allowed, capacity)

    few = assign_over_candidates(
        block_scorer(mentees, mentors, Weights(), rules), n, capacity, keep=5
    )

    def total(assignment):
        return whole.total[np.flatnonzero(assignment >= 0), assignment[assignment >= 0]].sum()

    assert whole.allowed[np.flatnonzero(few >= 0), few[few >= 0]].all()
    assert (few >= 0).sum() == (exact >= 0).sum()
    assert total(exact) * 0.95 <= total(few) <= total(exact)


def test_a_mentee_left_beside_an_allowed_free_mentor_is_named_so():
    total = np.array([[50, 10]], dtype=np.int32)
    scores = Scores(total=total, parts={"area": total}, allowed=np.ones((1, 2), bool))
    load, capacity = np.array([1, 0]), np.array([1, 1])

    assert unmatched_reason(scores, 0, load, capacity, None) == "beyond_candidates"
    assert unmatched_reason(scores, 0, load, capacity, 20) == "below_minimum_score"
    assert unmatched_reason(scores, 0, np.array([1, 1]), capacity, None) == ("allowed_mentors_full")


def test_the_board_says_when_a_run_went_over_each_mentees_best_candidates(
    client, matching_cohort, coordinator, settings
):
    coordinator_add(program=matching_cohort.program, user=coordinator)
    client.force_login(coordinator)
    board = f"/admin/matching/board/{matching_cohort.pk}/"
    run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))
    assert "bäst lämpade mentorer" not in client.get(board).content.decode()

    settings.MATCHING_DENSE_MAX_PAIRS = 1
    settings.MATCHING_CANDIDATES = 2
    run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))

    page = client.get(board).content.decode()
    assert "prövades med sina 2 bäst lämpade mentorer" in page


def test_two_locks_on_one_mentor_are_kept_or_dropped_as_in_the_whole_matrix_run(
    matching_cohort, settings
):
    # Mia holds two locks, and has since said Anna is not a fit: both runs drop Anna's
    # lock and keep Bo's.
    people = matching_cohort.people
    for mentee in ("anna", "bo"):
        PairRule.objects.create(
            cohort=matching_cohort,
            mentee=people[mentee],
            mentor=people["mia"],
            kind=PairRuleKind.LOCK,
        )
    MentorDecline.objects.create(mentor=people["mia"], mentee=people["anna"], reason="")
    whole = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))
    settings.MATCHING_DENSE_MAX_PAIRS = 1
    blocks = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))

    for run in (whole, blocks):
        anna = run.proposals.get(mentee=people["anna"])
        bo = run.proposals.get(mentee=people["bo"])
        assert bo.mentor == people["mia"] and bo.locked
        assert not anna.locked and anna.mentor != people["mia"]
    assert outcome(blocks) == outcome(whole)


def test_the_board_says_when_what_would_match_was_not_looked_for(
    client, matching_cohort, coordinator, settings
):
    # Mia has one place for Anna and Bo: one is left. The whole-matrix run finds that
    # one more place for Mia would match them; a run too large to look says so.
    coordinator_add(program=matching_cohort.program, user=coordinator)
    client.force_login(coordinator)
    people = matching_cohort.people
    people["mia"].capacity = 1
    people["mia"].save()
    board = f"/admin/matching/board/{matching_cohort.pk}/"
    run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))
    page = client.get(board).content.decode()
    assert f"Ge {people['mia'].user.get_full_name()} en plats till" in page
    assert "Inte undersökt" not in page

    settings.MATCHING_DENSE_MAX_PAIRS = 1
    run = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))

    left = run.proposals.get(mentor__isnull=True)
    assert left.remedies == [] and not left.remedies_searched
    page = client.get(board).content.decode()
    assert "Inte undersökt i en så stor körning" in page
    assert "Ingen enskild ändring hittades" not in page


def test_one_mentees_best_possible_is_the_whole_cohorts_row():
    rng = np.random.default_rng(5)
    whole = score(random_people(rng, 12), random_people(rng, 9), Weights(), Rules())
    whole.allowed[3] = False  # no allowed mentor: 0, as for the whole cohort

    assert [whole.best_in_row(i) for i in range(12)] == whole.best_possible().tolist()
    assert whole.best_in_row(3) == 0
