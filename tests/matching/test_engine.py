"""The engine against independent references: brute force and an integer program."""

import itertools

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from matching.engine import People, Rules, Weights, assign, blocked_reasons, explain, score
from matching.engine_bench import assignment_total, greedy_assign


def random_instance(rng, n_mentees, n_mentors, *, allowed_share=0.7, forced=0):
    scores = rng.integers(-20, 100, size=(n_mentees, n_mentors))
    allowed = rng.random((n_mentees, n_mentors)) < allowed_share
    capacity = rng.integers(1, 4, size=n_mentors)
    pairs = []
    used = np.zeros(n_mentors, dtype=int)
    for mentee in rng.permutation(n_mentees)[:forced]:
        options = [m for m in np.flatnonzero(allowed[mentee]) if used[m] < capacity[m]]
        if options:
            mentor = int(rng.choice(options))
            used[mentor] += 1
            pairs.append((int(mentee), mentor))
    return scores, allowed, capacity, pairs


def objective(scores, allowed, capacity, forced, min_score, assignment):
    """(valid, matched, total) of an assignment, by the contract's rules."""
    counts = np.bincount(assignment[assignment >= 0], minlength=scores.shape[1])
    if (counts > capacity).any():
        return None
    for mentee, mentor in forced:
        if assignment[mentee] != mentor:
            return None
    forced_mentees = {m for m, _ in forced}
    for mentee, mentor in enumerate(assignment):
        if mentor < 0:
            continue
        if not allowed[mentee, mentor]:
            return None
        below = min_score is not None and scores[mentee, mentor] < min_score
        if mentee not in forced_mentees and below:
            return None
    return int((assignment >= 0).sum()), assignment_total(scores, assignment)


def brute_force(scores, allowed, capacity, forced, min_score):
    n_mentees, n_mentors = scores.shape
    best = None
    for choice in itertools.product(range(-1, n_mentors), repeat=n_mentees):
        value = objective(scores, allowed, capacity, forced, min_score, np.array(choice))
        if value is not None and (best is None or value > best):
            best = value
    return best


def integer_program(scores, allowed, capacity, forced, min_score):
    """max  count * BIG + total  subject to capacities, as a MILP solved by HiGHS."""
    n_mentees, n_mentors = scores.shape
    usable = allowed.copy()
    if min_score is not None:
        usable &= scores >= min_score
    for mentee, mentor in forced:
        usable[mentee] = False
        usable[mentee, mentor] = True
    pairs = np.argwhere(usable)
    big = (np.abs(scores).max() + 1) * (n_mentees + 1) * 2
    gain = np.array([big + scores[i, j] for i, j in pairs], dtype=float)
    rows = np.zeros((n_mentees, len(pairs)))
    cols = np.zeros((n_mentors, len(pairs)))
    for k, (i, j) in enumerate(pairs):
        rows[i, k] = 1
        cols[j, k] = 1
    lower = np.zeros(len(pairs))
    for mentee, mentor in forced:
        lower[[k for k, (i, j) in enumerate(pairs) if i == mentee and j == mentor]] = 1
    result = milp(
        -gain,
        constraints=[LinearConstraint(rows, 0, 1), LinearConstraint(cols, 0, capacity)],
        integrality=np.ones(len(pairs)),
        bounds=Bounds(lower, 1),
    )
    chosen = pairs[np.round(result.x).astype(bool)]
    return len(chosen), int(sum(scores[i, j] for i, j in chosen))


@pytest.mark.parametrize("seed", range(60))
def test_assign_equals_brute_force_on_small_random_instances(seed):
    rng = np.random.default_rng(seed)
    scores, allowed, capacity, forced = random_instance(
        rng, int(rng.integers(1, 6)), int(rng.integers(1, 5)), forced=int(rng.integers(0, 3))
    )
    min_score = int(rng.integers(0, 60)) if seed % 3 == 0 else None

    assignment = assign(scores, allowed, capacity, forced=forced, min_score=min_score)

    got = objective(scores, allowed, capacity, forced, min_score, assignment)
    assert got is not None, "the assignment breaks a rule"
    assert got == brute_force(scores, allowed, capacity, forced, min_score)


@pytest.mark.parametrize("seed", range(12))
def test_assign_equals_an_integer_program_on_medium_instances(seed):
    rng = np.random.default_rng(1000 + seed)
    scores, allowed, capacity, forced = random_instance(rng, 40, 25, allowed_share=0.3, forced=5)
    min_score = 10 if seed % 2 else None

    assignment = assign(scores, allowed, capacity, forced=forced, min_score=min_score)

    got = objective(scores, allowed, capacity, forced, min_score, assignment)
    assert got == integer_program(scores, allowed, capacity, forced, min_score)


def test_matching_more_mentees_comes_before_a_higher_total():
    scores = np.array([[100, 1], [90, 0]])
    allowed = np.array([[True, True], [True, False]])

    assignment = assign(scores, allowed, np.array([1, 1]))

    # 100 + 0 unmatched would score higher; two matched (1 + 90) is the better outcome.
    assert assignment.tolist() == [1, 0]


def test_forced_pair_that_is_not_allowed_is_refused():
    with pytest.raises(ValueError, match="not allowed"):
        assign(np.ones((2, 2)), np.array([[True, False], [True, True]]), [1, 1], forced=[(0, 1)])


def test_forced_pairs_beyond_capacity_are_refused():
    with pytest.raises(ValueError, match="capacity"):
        assign(np.ones((2, 1)), np.ones((2, 1), bool), [1], forced=[(0, 0), (1, 0)])


def test_nobody_allowed_leaves_everyone_unmatched():
    assert assign(np.ones((3, 2)), np.zeros((3, 2), bool), [1, 1]).tolist() == [-1, -1, -1]


def test_greedy_can_leave_a_mentee_without_a_mentor_where_the_optimum_does_not():
    scores = np.array([[10, 9], [8, 0]])
    allowed = np.array([[True, True], [True, False]])

    assert (greedy_assign(scores, allowed, [1, 1]) >= 0).sum() == 1
    assert (assign(scores, allowed, [1, 1]) >= 0).sum() == 2


def people(languages, areas, profession, region, organisation, experience, days=(1, 1)):
    return People(
        languages=np.array(languages, bool),
        areas=np.array(areas, bool),
        profession=np.array(profession),
        region=np.array(region),
        availability=np.array(days),
        experience=np.array(experience),
        organisation=np.array(organisation),
    )


def test_scores_add_up_to_their_explanations_and_hard_rules_block():
    # Languages: sv, en. Areas: speaking, media, budget.
    mentees = people([[1, 0], [0, 1]], [[1, 1, 0], [0, 0, 1]], [0, 1], [5, -2], [7, 8], [2, 1])
    mentors = people([[1, 1], [1, 0]], [[1, 1, 1], [0, 0, 0]], [0, 2], [5, 3], [7, 9], [12, 3])
    result = score(mentees, mentors, Weights(), Rules(different_organisation=True))

    for i in range(2):
        for j in range(2):
            assert sum(points for _, points in explain(result, i, j)) == result.total[i, j]
    assert dict(explain(result, 0, 0)) == {
        "language": 30,
        "area": 40,
        "profession": 25,
        "region": 15,
        "availability": 10,
        "experience": 10,
    }
    assert blocked_reasons(result, 0, 0) == ["same_organisation"]
    assert not result.allowed[0, 0] and result.allowed[0, 1]
    assert dict(explain(result, 1, 1))["region"] == 15  # the mentee meets anywhere online


def test_weights_beyond_the_compact_points_still_add_up_exactly():
    """A program may weigh a criterion heavily: 20,000 points per shared area, three
    counted, is 60,000, past what the compact per-criterion points hold."""
    mentees = people([[1, 0], [0, 1]], [[1, 1, 1], [0, 0, 1]], [0, 1], [5, -2], [7, 8], [2, 1])
    mentors = people([[1, 1], [1, 0]], [[1, 1, 1], [0, 0, 0]], [0, 2], [5, 3], [7, 9], [12, 3])
    heavy = Weights(area=20_000, same_organisation=-30_000)
    result = score(mentees, mentors, heavy, Rules())

    assert dict(explain(result, 0, 0))["area"] == 60_000
    assert dict(explain(result, 0, 0))["organisation"] == -30_000
    for i in range(2):
        for j in range(2):
            assert sum(points for _, points in explain(result, i, j)) == result.total[i, j]
    assert result.total[0, 0] == 30 + 60_000 + 25 + 15 + 10 + 10 - 30_000


@pytest.mark.parametrize("seed", range(10))
def test_sparse_assign_equals_the_dense_optimum_on_the_same_candidates(seed):
    from matching.engine import assign_sparse

    rng = np.random.default_rng(500 + seed)
    scores, allowed, capacity, _ = random_instance(rng, 30, 12, allowed_share=0.4)
    mentees, mentors = np.nonzero(allowed)

    sparse = assign_sparse(mentees, mentors, scores[mentees, mentors], capacity, 30)
    dense = assign(scores, allowed, capacity)

    assert objective(scores, allowed, capacity, [], None, sparse) == objective(
        scores, allowed, capacity, [], None, dense
    )


def test_blocking_pairs_counts_pairs_who_would_both_rather_swap():
    from matching.engine_bench import blocking_pairs

    scores = np.array([[1, 9], [9, 1]])
    allowed = np.ones((2, 2), bool)

    assert blocking_pairs(scores, allowed, [1, 1], np.array([0, 1])) == 2
    assert blocking_pairs(scores, allowed, [1, 1], np.array([1, 0])) == 0


def test_top_candidates_keeps_each_mentees_best_allowed_mentors():
    from matching.engine import block_scorer, candidates
    from matching.synthetic import synthetic_cohort

    mentees, mentors, _capacity, rules, preferences = synthetic_cohort(50, 30, seed=3)
    full = score(mentees, mentors, Weights(), rules, preferences=preferences)

    rows, cols, values = candidates(
        block_scorer(mentees, mentors, Weights(), rules, preferences), 50, keep=5, chunk=7
    )

    assert full.allowed[rows, cols].all()
    assert (values == full.total[rows, cols]).all()
    for mentee in range(50):
        allowed_scores = np.sort(full.total[mentee][full.allowed[mentee]])[::-1]
        mine = np.sort(values[rows == mentee])[::-1]
        assert mine.tolist() == allowed_scores[:5].tolist()


# --- Preferences and vetoes ----------------------------------------------------------


def random_people(rng, n):
    return People(
        languages=rng.random((n, 3)) < 0.6,
        areas=rng.random((n, 4)) < 0.4,
        profession=rng.integers(-1, 3, n),
        region=rng.integers(-2, 3, n),
        availability=rng.integers(0, 8, n),
        experience=rng.integers(0, 20, n),
        organisation=rng.integers(0, 3, n),
    )


def wishes_and_vetoes(rng, n_mentees, n_mentors):
    """Each mentee ranks up to three mentors (strength 1, 2/3, 1/3); some mentors veto."""
    strengths = np.zeros((n_mentees, n_mentors))
    for mentee in range(n_mentees):
        chosen = rng.permutation(n_mentors)[: int(rng.integers(0, 4))]
        for rank, mentor in enumerate(chosen, start=1):
            strengths[mentee, mentor] = (4 - rank) / 3
    vetoes = [(i, j) for i in range(n_mentees) for j in range(n_mentors) if rng.random() < 0.15]
    return strengths, vetoes


def scored(rng, n_mentees, n_mentors):
    strengths, vetoes = wishes_and_vetoes(rng, n_mentees, n_mentors)
    rules = Rules(
        different_organisation=bool(rng.integers(0, 2)), shared_language=True, declined=vetoes
    )
    result = score(
        random_people(rng, n_mentees),
        random_people(rng, n_mentors),
        Weights(),
        rules,
        preferences=strengths,
    )
    return result, strengths, vetoes, rng.integers(1, 3, size=n_mentors)


@pytest.mark.parametrize("seed", range(60))
def test_with_wishes_and_vetoes_assign_equals_brute_force(seed):
    rng = np.random.default_rng(5000 + seed)
    result, strengths, vetoes, capacity = scored(
        rng, int(rng.integers(1, 6)), int(rng.integers(1, 5))
    )

    assignment = assign(result.total, result.allowed, capacity)

    got = objective(result.total, result.allowed, capacity, [], None, assignment)
    assert got == brute_force(result.total, result.allowed, capacity, [], None)
    assert not any(assignment[i] == j for i, j in vetoes)
    assert (result.parts["preference"] == np.rint(strengths * Weights().preference)).all()


@pytest.mark.parametrize("seed", range(12))
def test_with_wishes_and_vetoes_assign_equals_an_integer_program(seed):
    rng = np.random.default_rng(7000 + seed)
    result, _strengths, vetoes, capacity = scored(rng, 40, 25)

    assignment = assign(result.total, result.allowed, capacity)

    got = objective(result.total, result.allowed, capacity, [], None, assignment)
    assert got == integer_program(result.total, result.allowed, capacity, [], None)
    assert not any(assignment[i] == j for i, j in vetoes)


def test_a_wish_decides_between_equal_mentors_and_a_veto_blocks_with_its_name():
    mentee = people([[1, 0]], [[1, 0]], [0], [1], [0], [0], days=(1,))
    mentors = people([[1, 0]] * 3, [[1, 0]] * 3, [0] * 3, [1] * 3, [1] * 3, [0] * 3, days=(1,) * 3)
    wishes = np.array([[0, 1 / 3, 1.0]])
    result = score(mentee, mentors, Weights(), Rules(declined=[(0, 2)]), preferences=wishes)

    assert dict(explain(result, 0, 1))["preference"] == 13
    assert blocked_reasons(result, 0, 2) == ["declined"]
    assert assign(result.total, result.allowed, np.ones(3, int)).tolist() == [1]
