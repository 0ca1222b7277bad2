"""Engine paths that only `bench_matching` uses, kept beside it rather than in the
product's engine: the greedy pairing coordinators do by hand (the baseline the optimum
is measured against) and the count of blocking pairs."""

from __future__ import annotations

import numpy as np

from matching.engine import UNMATCHED, _validate


def assignment_total(scores: np.ndarray, assignment: np.ndarray) -> int:
    matched = assignment >= 0
    return int(np.asarray(scores)[np.flatnonzero(matched), assignment[matched]].sum())


def greedy_edges(
    mentees: np.ndarray,
    mentors: np.ndarray,
    values: np.ndarray,
    capacity: np.ndarray,
    n_mentees: int,
) -> np.ndarray:
    """The baseline coordinators use by hand: take the highest-scoring pair first."""
    result = np.full(n_mentees, UNMATCHED, dtype=np.int64)
    remaining = np.asarray(capacity, dtype=np.int64).copy()
    seats_left, unmatched = int(remaining.sum()), n_mentees
    for index in np.argsort(-np.asarray(values), kind="stable"):
        mentee, mentor = mentees[index], mentors[index]
        if result[mentee] == UNMATCHED and remaining[mentor] > 0:
            result[mentee] = mentor
            remaining[mentor] -= 1
            seats_left, unmatched = seats_left - 1, unmatched - 1
            if not seats_left or not unmatched:
                break
    return result


def greedy_assign(
    scores: np.ndarray,
    allowed: np.ndarray,
    capacity: np.ndarray,
    *,
    min_score: int | float | None = None,
) -> np.ndarray:
    scores, allowed, capacity = _validate(scores, allowed, capacity)
    usable = allowed.copy()
    if min_score is not None:
        usable &= scores >= min_score
    mentees, mentors = np.nonzero(usable)
    return greedy_edges(mentees, mentors, scores[mentees, mentors], capacity, scores.shape[0])


def blocking_pairs(
    scores: np.ndarray, allowed: np.ndarray, capacity: np.ndarray, assignment: np.ndarray
) -> int:
    """Allowed pairs who would both rather be together: the mentee scores the mentor
    higher than their own match (or has none), and the mentor has a free seat or scores
    the mentee higher than their weakest mentee. Zero means the assignment is stable."""
    scores = np.asarray(scores)
    n_mentees, n_mentors = scores.shape
    matched = assignment >= 0
    own = np.full(n_mentees, -np.inf)
    own[matched] = scores[np.flatnonzero(matched), assignment[matched]]
    load = np.bincount(assignment[matched], minlength=n_mentors)
    weakest = np.full(n_mentors, np.inf)
    np.minimum.at(weakest, assignment[matched], own[matched])
    mentee_wants = scores > own[:, None]
    mentor_wants = (load < np.asarray(capacity))[None, :] | (scores > weakest[None, :])
    return int((allowed & mentee_wants & mentor_wants).sum())
