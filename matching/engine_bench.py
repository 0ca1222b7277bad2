"""Engine paths that only `bench_matching` uses, kept beside it rather than in the
product's engine: the greedy pairing coordinators do by hand (the baseline the optimum
is measured against), the sparse assignment and candidate lists for cohorts far larger
than any program, and the count of blocking pairs."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matching.engine import UNMATCHED, People, Rules, Weights, _validate, score


def assign_sparse(
    mentees: np.ndarray,
    mentors: np.ndarray,
    values: np.ndarray,
    capacity: np.ndarray,
    n_mentees: int,
) -> np.ndarray:
    """The same objective (most mentees matched, then the highest total) over a sparse set
    of candidate pairs, for cohorts too large for a dense matrix.

    `mentees`, `mentors` and `values` list the usable pairs and their scores (already
    pruned to each mentee's best candidates and filtered by the hard rules). Exact for
    those candidates. Every mentee also gets a private "unmatched" column, so that a full
    matching always exists.
    """
    capacity = np.asarray(capacity, dtype=np.int64)
    result = np.full(n_mentees, UNMATCHED, dtype=np.int64)
    if len(values) == 0:
        return result
    values = np.asarray(values, dtype=np.float64)
    low, span = values.min(), values.max() - values.min()
    big = (span + 1.0) * (n_mentees + 1)
    top = big + span + 1.0
    # Mentor j's seats are columns offset[j] .. offset[j] + capacity[j] - 1.
    offset = np.concatenate([[0], np.cumsum(capacity)[:-1]])
    seats_per_edge = capacity[mentors]
    keep = seats_per_edge > 0
    mentees, mentors, values = mentees[keep], mentors[keep], values[keep]
    seats_per_edge = seats_per_edge[keep]
    edge_rows = np.repeat(mentees, seats_per_edge)
    starts = np.repeat(offset[mentors], seats_per_edge)
    within = np.arange(edge_rows.size) - np.repeat(
        np.cumsum(seats_per_edge) - seats_per_edge, seats_per_edge
    )
    edge_cols = starts + within
    edge_cost = np.repeat(top - (big + values - low), seats_per_edge)  # > 0
    n_seats = int(capacity.sum())
    dummy_rows = np.arange(n_mentees)
    rows = np.concatenate([edge_rows, dummy_rows])
    cols = np.concatenate([edge_cols, n_seats + dummy_rows])
    costs = np.concatenate([edge_cost, np.full(n_mentees, top)])
    graph = csr_matrix((costs, (rows, cols)), shape=(n_mentees, n_seats + n_mentees))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    seat_owner = np.repeat(np.arange(capacity.size), capacity)
    real = col_ind < n_seats
    result[row_ind[real]] = seat_owner[col_ind[real]]
    return result


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


def _rows(people: People, rows: slice) -> People:
    return People(**{name: getattr(people, name)[rows] for name in People.__dataclass_fields__})


def top_candidates(
    mentees: People,
    mentors: People,
    weights: Weights,
    rules: Rules,
    *,
    preferences: np.ndarray | None = None,
    keep: int = 40,
    chunk: int = 1000,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each mentee's `keep` best allowed mentors, scored chunk by chunk so that memory
    stays small for very large cohorts. Returns (mentees, mentors, scores) of the pairs."""
    n_mentees = mentees.profession.shape[0]
    forbidden = np.asarray(list(rules.forbidden), dtype=np.int64).reshape(-1, 2)
    declined = np.asarray(list(rules.declined), dtype=np.int64).reshape(-1, 2)

    def within(pairs: np.ndarray, rows: slice) -> list[tuple[int, int]]:
        inside = (pairs[:, 0] >= rows.start) & (pairs[:, 0] < rows.stop)
        return [(i - rows.start, j) for i, j in pairs[inside].tolist()]

    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, n_mentees, chunk):
        rows = slice(start, min(start + chunk, n_mentees))
        chunk_rules = Rules(
            different_organisation=rules.different_organisation,
            shared_language=rules.shared_language,
            common_time=rules.common_time,
            required_languages=None
            if rules.required_languages is None
            else rules.required_languages[rows],
            forbidden=within(forbidden, rows),
            declined=within(declined, rows),
            remote=rules.remote,
        )
        result = score(
            _rows(mentees, rows),
            mentors,
            weights,
            chunk_rules,
            preferences=None if preferences is None else preferences[rows],
        )
        lowest = np.iinfo(result.total.dtype).min
        masked = np.where(result.allowed, result.total, lowest)
        k = min(keep, masked.shape[1])
        # The k largest per row (negating would overflow the int32 sentinel).
        best = np.argpartition(masked, masked.shape[1] - k, axis=1)[:, -k:]
        values = np.take_along_axis(masked, best, axis=1)
        usable = values > lowest
        local_rows = np.repeat(np.arange(masked.shape[0]), k).reshape(-1, k)
        found.append((local_rows[usable] + rows.start, best[usable], values[usable]))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))  # type: ignore[return-value]
