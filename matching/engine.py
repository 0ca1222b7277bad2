"""The matching engine: optimal assignment of mentees to mentors, and explainable scores.

Pure NumPy and SciPy; no Django import, so that it can be checked and benchmarked alone.

`assign` solves, exactly and in this order of priority: keep the forced pairs; match as
many mentees as possible; then maximise the total score. It is one rectangular
assignment problem (scipy's `linear_sum_assignment`) over the mentors' seats, each mentor
repeated as often as their capacity, with the weight of a usable pair `BIG + score`,
where BIG is larger than any possible sum of scores: one more matched mentee then always
outweighs any gain in score, so the optimum of the weighted problem is the lexicographic
optimum.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

UNMATCHED = -1


def _validate(
    scores: np.ndarray, allowed: np.ndarray, capacity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scores = np.asarray(scores)
    allowed = np.asarray(allowed, dtype=bool)
    capacity = np.asarray(capacity, dtype=np.int64).ravel()
    if scores.ndim != 2:
        raise ValueError("scores must be a 2-D array (mentees x mentors)")
    if allowed.shape != scores.shape:
        raise ValueError("allowed must have the shape of scores")
    if capacity.shape[0] != scores.shape[1]:
        raise ValueError("capacity needs one entry per mentor")
    if (capacity < 0).any():
        raise ValueError("capacity cannot be negative")
    return scores, allowed, capacity


def assign(
    scores: np.ndarray,
    allowed: np.ndarray,
    capacity: np.ndarray,
    *,
    forced: Iterable[tuple[int, int]] = (),
    min_score: int | float | None = None,
) -> np.ndarray:
    """For each mentee (row), the index of their mentor (column), or -1.

    `allowed` holds the hard rules; pairs scoring below `min_score` are not used (a
    forced pair is kept whatever its score). A forced pair that is not allowed, a mentee
    forced twice, or more forced pairs on a mentor than their capacity raise ValueError.
    """
    scores, allowed, capacity = _validate(scores, allowed, capacity)
    n_mentees, n_mentors = scores.shape
    result = np.full(n_mentees, UNMATCHED, dtype=np.int64)
    remaining = capacity.copy()
    is_forced = np.zeros(n_mentees, dtype=bool)
    for mentee, mentor in forced:
        mentee, mentor = int(mentee), int(mentor)
        if not (0 <= mentee < n_mentees and 0 <= mentor < n_mentors):
            raise ValueError(f"forced pair ({mentee}, {mentor}) is out of range")
        if not allowed[mentee, mentor]:
            raise ValueError(f"forced pair ({mentee}, {mentor}) is not allowed")
        if is_forced[mentee]:
            raise ValueError(f"mentee {mentee} is forced more than once")
        if remaining[mentor] <= 0:
            raise ValueError(f"forced pairs exceed the capacity of mentor {mentor}")
        is_forced[mentee] = True
        remaining[mentor] -= 1
        result[mentee] = mentor

    usable = allowed.copy()
    if min_score is not None:
        usable &= scores >= min_score
    usable[is_forced] = False
    usable[:, remaining <= 0] = False
    rows = np.flatnonzero(usable.any(axis=1))
    cols = np.flatnonzero(usable.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return result
    if rows.size < n_mentees or cols.size < n_mentors:  # copies only when it saves work
        usable = usable[np.ix_(rows, cols)]
        scores = scores[np.ix_(rows, cols)]

    low = float(scores.min())
    span = float(scores.max()) - low
    # BIG exceeds any total of shifted scores, so one more match always wins.
    big = (span + 1.0) * (min(rows.size, int(remaining[cols].sum())) + 1)
    weights = np.where(usable, scores + (big - low), 0.0)  # zero: no pair at all
    # Each mentor's free seats become that many identical columns (np.take copies them
    # faster than fancy indexing).
    seats = np.repeat(np.arange(cols.size), remaining[cols])
    weights = np.take(weights, seats, axis=1)
    row_ind, col_ind = linear_sum_assignment(weights, maximize=True)
    chosen = weights[row_ind, col_ind] > 0
    result[rows[row_ind[chosen]]] = cols[seats[col_ind[chosen]]]
    return result


# --- Scoring -----------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    """Points per criterion; a program sets its own."""

    language: int = 30  # they share at least one language
    area: int = 20  # per shared area, up to `area_cap` areas
    area_cap: int = 3
    profession: int = 25
    region: int = 15  # same region, or one of them meets anywhere online
    availability: int = 10  # at least one common time (a weekday's morning, afternoon...)
    experience: int = 10  # the mentor has `experience_gap` years more, or more
    experience_gap: int = 5
    preference: int = 40  # the mentee asked for this mentor
    same_organisation: int = -50  # used when "different organisations" is no hard rule


@dataclass
class People:
    """One side of a cohort as arrays. Sets are given as boolean matrices over a common
    vocabulary (languages, areas); a missing category is -1."""

    languages: np.ndarray  # (n, L) bool
    areas: np.ndarray  # (n, A) bool: mentees' wished areas, mentors' competence areas
    profession: np.ndarray  # (n,) int
    region: np.ndarray  # (n,) int; `remote` is the code of "anywhere, online"
    availability: np.ndarray  # (n,) int bit mask of the times they can meet; 0: not given
    experience: np.ndarray  # (n,) int years
    organisation: np.ndarray  # (n,) int


@dataclass
class Rules:
    """Hard rules. A blocked pair is never proposed."""

    different_organisation: bool = False
    shared_language: bool = False  # mentor and mentee must share at least one language
    common_time: bool = False  # they must have a time in common (when both gave times)
    required_languages: np.ndarray | None = None  # (n_mentees, L) bool: mentor must speak
    forbidden: Sequence[tuple[int, int]] = ()  # pairs the coordinator ruled out
    declined: Sequence[tuple[int, int]] = ()  # pairs the mentor said are not a fit
    remote: int = -2  # region code of "anywhere, online"


@dataclass
class Scores:
    """The score matrix and, for every criterion, its own contribution: each pair's
    explanation adds up exactly to its score."""

    total: np.ndarray
    parts: dict[str, np.ndarray]
    allowed: np.ndarray
    blocked: dict[str, np.ndarray] = field(default_factory=dict)

    def best_possible(self) -> np.ndarray:
        """Per mentee, the highest score any allowed mentor gives (for percentages)."""
        lowest = np.iinfo(self.total.dtype).min
        best = np.where(self.allowed, self.total, lowest).max(axis=1, initial=lowest)
        return np.where(best == lowest, 0, best)

    def best_in_row(self, row: int) -> int:
        """`best_possible` of one mentee, without working out every other mentee's."""
        allowed = self.total[row][self.allowed[row]]
        return int(allowed.max()) if allowed.size else 0


# Each criterion's points are kept per pair as int16 (half the memory of int32, and
# memory is what scoring a large cohort spends its time on) whenever the program's
# weights fit; the total adds them in int32. Counts of shared languages and areas are
# small and always int16.
PART = np.int16


def _part_type(weights: Weights) -> type[np.integer]:
    largest = max(
        abs(weights.language),
        abs(weights.area) * weights.area_cap,
        abs(weights.profession),
        abs(weights.region),
        abs(weights.availability),
        abs(weights.experience),
        abs(weights.preference),
        abs(weights.same_organisation),
    )
    return PART if largest <= np.iinfo(PART).max else np.int32


def _points(mask: np.ndarray, points: int, kind: type[np.integer] = PART) -> np.ndarray:
    return np.multiply(mask, kind(points), dtype=kind)


def _overlap(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """How many set members each pair shares: a matrix product of 0/1 matrices. Float32
    goes through BLAS and is exact for counts this small (integers below 2**24), so the
    products are whole numbers already and convert without rounding."""
    product = left.astype(np.float32) @ right.T.astype(np.float32)
    return product.astype(PART)


def score(
    mentees: People,
    mentors: People,
    weights: Weights,
    rules: Rules,
    *,
    preferences: np.ndarray | None = None,
) -> Scores:
    """Every criterion for every pair at once, by broadcasting; no loop over pairs.

    `preferences` (mentees x mentors, 0 to 1) is how strongly each mentee wished for each
    mentor: 1 for a first choice, less for later ones; the pair gets that share of
    `weights.preference`, rounded."""
    shared_languages = _overlap(mentees.languages, mentors.languages)
    shared_areas = _overlap(mentees.areas, mentors.areas)
    known_profession = (mentees.profession[:, None] >= 0) & (mentors.profession[None, :] >= 0)
    same_region = (mentees.region[:, None] == mentors.region[None, :]) & (
        mentees.region[:, None] >= 0
    )
    either_remote = (mentees.region[:, None] == rules.remote) | (
        mentors.region[None, :] == rules.remote
    )
    same_organisation = (mentees.organisation[:, None] == mentors.organisation[None, :]) & (
        mentees.organisation[:, None] >= 0
    )
    # In int32, not the int64 they come in: the pairwise AND is as large as the matrix.
    mentee_times = mentees.availability.astype(np.int32, copy=False)[:, None]
    mentor_times = mentors.availability.astype(np.int32, copy=False)[None, :]
    common_time = (mentee_times & mentor_times) != 0
    # "At least `gap` years more", compared directly: no matrix of differences.
    experienced = (
        mentors.experience[None, :] >= mentees.experience[:, None] + weights.experience_gap
    )
    kind = _part_type(weights)
    parts: dict[str, np.ndarray] = {
        "language": _points(shared_languages > 0, weights.language, kind),
        "area": np.minimum(shared_areas, PART(weights.area_cap)).astype(kind, copy=False)
        * kind(weights.area),
        "profession": _points(
            known_profession & (mentees.profession[:, None] == mentors.profession[None, :]),
            weights.profession,
            kind,
        ),
        "region": _points(same_region | either_remote, weights.region, kind),
        "availability": _points(common_time, weights.availability, kind),
        "experience": _points(experienced, weights.experience, kind),
    }
    if preferences is not None:
        if preferences.dtype == bool:  # wished or not: the full points, without floats
            parts["preference"] = _points(preferences, weights.preference, kind)
        else:
            strength = np.asarray(preferences, dtype=np.float64)
            parts["preference"] = np.rint(strength * weights.preference).astype(kind)
    if not rules.different_organisation:
        parts["organisation"] = _points(same_organisation, weights.same_organisation, kind)
    total = np.zeros(shared_languages.shape, dtype=np.int32)
    for part in parts.values():
        total += part

    blocked: dict[str, np.ndarray] = {}
    if rules.different_organisation:
        blocked["same_organisation"] = same_organisation
    if rules.shared_language:
        # Only people whose languages are known can fail to share one.
        known = mentees.languages.any(axis=1)[:, None] & mentors.languages.any(axis=1)[None, :]
        blocked["no_shared_language"] = (shared_languages == 0) & known
    if rules.common_time:
        known = (mentee_times != 0) & (mentor_times != 0)
        blocked["no_common_time"] = known & ~common_time
    if rules.required_languages is not None:
        missing = _overlap(rules.required_languages, ~mentors.languages)
        blocked["language_required"] = missing > 0
    for name, pairs in (("forbidden", rules.forbidden), ("declined", rules.declined)):
        if pairs:
            mask = np.zeros(total.shape, dtype=bool)
            pairs = np.asarray(list(pairs), dtype=np.int64).reshape(-1, 2)
            mask[pairs[:, 0], pairs[:, 1]] = True
            blocked[name] = mask
    allowed = np.ones(total.shape, dtype=bool)
    for mask in blocked.values():
        allowed &= ~mask
    return Scores(total=total, parts=parts, allowed=allowed, blocked=blocked)


def explain(result: Scores, mentee: int, mentor: int) -> list[tuple[str, int]]:
    """The criteria behind one pair's score, largest first; the points add up to it."""
    parts = [(name, int(part[mentee, mentor])) for name, part in result.parts.items()]
    return sorted(((n, p) for n, p in parts if p), key=lambda item: -abs(item[1]))


def blocked_reasons(result: Scores, mentee: int, mentor: int) -> list[str]:
    return [name for name, mask in result.blocked.items() if mask[mentee, mentor]]


def summary(scores: np.ndarray, assignment: np.ndarray) -> Mapping[str, float | int]:
    """Figures to compare runs: total, matched, lowest and 10th-percentile pair score."""
    matched = assignment >= 0
    return pair_figures(np.asarray(scores)[np.flatnonzero(matched), assignment[matched]])


def pair_figures(values: np.ndarray) -> Mapping[str, float | int]:
    """The same figures from the matched pairs' scores."""
    values = np.asarray(values)
    return {
        "total": int(values.sum()),
        "matched": int(values.size),
        "lowest": int(values.min()) if values.size else 0,
        "p10": float(np.percentile(values, 10)) if values.size else 0.0,
    }


# --- Very large cohorts: each mentee's best candidates --------------------------------


def _people_at(people: People, index: np.ndarray | slice) -> People:
    return People(**{name: getattr(people, name)[index] for name in People.__dataclass_fields__})


def score_block(
    mentees: People,
    mentors: People,
    weights: Weights,
    rules: Rules,
    rows: np.ndarray,
    cols: np.ndarray | None = None,
    *,
    preferences: np.ndarray | None = None,
) -> Scores:
    """The cells `rows` x `cols` (default: every mentor) of what `score` gives the whole
    cohort, without scoring the rest: a pair's score and rules depend on its two people
    alone. `preferences` is already the block's (len(rows) x len(cols)). Neither `rows`
    nor `cols` may repeat (the coordinator's pair rules are found by position)."""
    rows = np.asarray(rows, dtype=np.int64)
    n_mentors = mentors.profession.shape[0]
    cols = np.arange(n_mentors) if cols is None else np.asarray(cols, dtype=np.int64)
    if np.unique(rows).size != rows.size or np.unique(cols).size != cols.size:
        raise ValueError("a block's rows and columns may not repeat")
    row_at = np.full(mentees.profession.shape[0], -1, dtype=np.int64)
    row_at[rows] = np.arange(rows.size)
    col_at = np.full(n_mentors, -1, dtype=np.int64)
    col_at[cols] = np.arange(cols.size)

    def inside(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        pairs = np.asarray(list(pairs), dtype=np.int64).reshape(-1, 2)
        local = np.stack([row_at[pairs[:, 0]], col_at[pairs[:, 1]]], axis=1)
        return [tuple(pair) for pair in local[(local >= 0).all(axis=1)].tolist()]

    block_rules = Rules(
        different_organisation=rules.different_organisation,
        shared_language=rules.shared_language,
        common_time=rules.common_time,
        required_languages=None
        if rules.required_languages is None
        else rules.required_languages[rows],
        forbidden=inside(rules.forbidden),
        declined=inside(rules.declined),
        remote=rules.remote,
    )
    whole = cols.size == n_mentors and (cols == np.arange(n_mentors)).all()
    return score(
        _people_at(mentees, rows),
        mentors if whole else _people_at(mentors, cols),
        weights,
        block_rules,
        preferences=preferences,
    )


# Ties between candidates are broken by a hash of the pair: mentees who score every
# mentor alike (a cohort imported without answers) then spread over the mentors instead
# of all keeping the same few.
TIE_BITS = 8


def _pair_hash(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random number below 2**TIE_BITS for each pair (rows x cols)."""
    mix = np.uint32(2654435761)
    row_hash = (rows.astype(np.uint32) * mix) >> np.uint32(7)
    col_hash = ((cols.astype(np.uint32) + np.uint32(40503)) * mix) >> np.uint32(13)
    return ((row_hash[:, None] ^ col_hash[None, :]) & np.uint32(2**TIE_BITS - 1)).astype(np.int32)


def candidates(
    score_rows: Callable[[np.ndarray], Scores], n_mentees: int, *, keep: int = 40, chunk: int = 1000
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each mentee's `keep` best allowed mentors (ties broken by `_pair_hash`), scored
    `chunk` mentees at a time so that memory stays small for very large cohorts.
    `score_rows(rows)` gives those mentees' Scores against the mentors. Returns
    (mentees, mentors, scores) of the pairs, mentors as columns of `score_rows`."""
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, n_mentees, chunk):
        rows = np.arange(start, min(start + chunk, n_mentees))
        result = score_rows(rows)
        n_cols = result.total.shape[1]
        k = min(keep, n_cols)
        if k == 0 or not result.allowed.any():
            continue
        largest = int(max(abs(int(result.total.min())), abs(int(result.total.max()))))
        kind = np.int32 if (largest + 1) << (TIE_BITS + 1) < 2**31 else np.int64
        ranking = result.total.astype(kind) << kind(TIE_BITS)
        ranking += _pair_hash(rows, np.arange(n_cols))
        ranking[~result.allowed] = np.iinfo(kind).min
        # The k largest per row (negating would overflow the sentinel).
        best = np.argpartition(ranking, n_cols - k, axis=1)[:, -k:]
        usable = np.take_along_axis(result.allowed, best, axis=1)
        values = np.take_along_axis(result.total, best, axis=1)
        local_rows = np.repeat(np.arange(rows.size), k).reshape(-1, k)
        found.append((local_rows[usable] + start, best[usable], values[usable]))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))  # type: ignore[return-value]


def assign_over_candidates(
    score_rows: Callable[..., Scores],
    n_mentees: int,
    capacity: np.ndarray,
    *,
    keep: int = 40,
    forced: Sequence[tuple[int, int]] = (),
    min_score: int | float | None = None,
    rounds: int = 5,
) -> np.ndarray:
    """`assign` for a cohort too large for one matrix: over each mentee's `keep` best
    candidates (exact over those), then, while some mentee is left unmatched and some
    mentor has a free place, once more with the left mentees' best candidates among the
    mentors with free places added (each round can only match more). `score_rows(rows,
    cols=None)` scores those mentees against those mentors (default all)."""
    capacity = np.asarray(capacity, dtype=np.int64)
    edges = candidates(score_rows, n_mentees, keep=keep)
    assignment = assign_sparse(*edges, capacity, n_mentees, forced=forced, min_score=min_score)
    assignment, _edges = widen_for_unmatched(
        score_rows,
        edges,
        assignment,
        capacity,
        keep=keep,
        forced=forced,
        min_score=min_score,
        rounds=rounds,
    )
    return assignment


def widen_for_unmatched(
    score_rows: Callable[..., Scores],
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    assignment: np.ndarray,
    capacity: np.ndarray,
    *,
    keep: int = 40,
    forced: Sequence[tuple[int, int]] = (),
    min_score: int | float | None = None,
    rounds: int = 5,
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """While some mentee is left unmatched and some mentor has a free place: add the
    left mentees' `keep` best candidates among the mentors with free places to `edges`
    (from the second round, every mentee's) and solve again (each round can only match
    more). Returns the assignment and the edges it was found over."""
    mentees, mentors, values = edges
    n_mentees, n_mentors = assignment.size, capacity.size
    movable = np.ones(n_mentees, dtype=bool)
    movable[[i for i, _ in forced]] = False
    for round_ in range(rounds):
        load = np.bincount(assignment[assignment >= 0], minlength=n_mentors)
        free = np.flatnonzero(capacity > load)
        waiting = np.flatnonzero(assignment < 0)
        if not free.size or not waiting.size:
            break
        # First the left mentees alone; then every mentee, so that a matched one can
        # move to a free mentor and leave her place to a left one.
        pool = waiting if round_ == 0 else np.flatnonzero(movable)
        rows, cols, more = candidates(
            lambda block, left=pool, open_=free: score_rows(left[block], open_),
            pool.size,
            keep=keep,
        )
        if min_score is not None:
            high = more >= min_score
            rows, cols, more = rows[high], cols[high], more[high]
        if not more.size:
            if round_ == 0:
                continue
            break
        mentees = np.concatenate([mentees, pool[rows]])
        mentors = np.concatenate([mentors, free[cols]])
        values = np.concatenate([values, more])
        # A pair found twice would be counted twice by the sparse matrix: once each.
        _, first = np.unique(mentees * n_mentors + mentors, return_index=True)
        mentees, mentors, values = mentees[first], mentors[first], values[first]
        matched = int((assignment >= 0).sum())
        assignment = assign_sparse(
            mentees, mentors, values, capacity, n_mentees, forced=forced, min_score=min_score
        )
        if int((assignment >= 0).sum()) <= matched and round_ > 0:
            break
    return assignment, (mentees, mentors, values)


def block_scorer(
    mentees: People,
    mentors: People,
    weights: Weights,
    rules: Rules,
    preferences: np.ndarray | None = None,
) -> Callable[..., Scores]:
    """`score_block` of these People as `score_rows(rows, cols=None)`."""
    n_mentors = mentors.profession.shape[0]

    def score_rows(rows: np.ndarray, cols: np.ndarray | None = None) -> Scores:
        cols = np.arange(n_mentors) if cols is None else cols
        return score_block(
            mentees,
            mentors,
            weights,
            rules,
            rows,
            cols,
            preferences=None if preferences is None else preferences[np.ix_(rows, cols)],
        )

    return score_rows


def assign_sparse(
    mentees: np.ndarray,
    mentors: np.ndarray,
    values: np.ndarray,
    capacity: np.ndarray,
    n_mentees: int,
    *,
    forced: Iterable[tuple[int, int]] = (),
    min_score: int | float | None = None,
) -> np.ndarray:
    """`assign`'s objective (keep the forced pairs, most mentees matched, then the
    highest total) over a sparse set of candidate pairs, for cohorts too large for a
    dense matrix.

    `mentees`, `mentors` and `values` list the usable pairs and their scores (already
    filtered by the hard rules; the caller checks that a forced pair is allowed). Exact
    for those candidates. Every mentee also gets a private "unmatched" column, so that a
    full matching always exists.
    """
    capacity = np.asarray(capacity, dtype=np.int64).copy()
    mentees, mentors = np.asarray(mentees, dtype=np.int64), np.asarray(mentors, dtype=np.int64)
    values = np.asarray(values, dtype=np.float64)
    result = np.full(n_mentees, UNMATCHED, dtype=np.int64)
    is_forced = np.zeros(n_mentees, dtype=bool)
    for mentee, mentor in forced:
        mentee, mentor = int(mentee), int(mentor)
        if is_forced[mentee]:
            raise ValueError(f"mentee {mentee} is forced more than once")
        if capacity[mentor] <= 0:
            raise ValueError(f"forced pairs exceed the capacity of mentor {mentor}")
        is_forced[mentee], result[mentee] = True, mentor
        capacity[mentor] -= 1
    keep = ~is_forced[mentees]
    if min_score is not None:
        keep &= values >= min_score
    mentees, mentors, values = mentees[keep], mentors[keep], values[keep]
    if len(values) == 0:
        return result
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
    real = (col_ind < n_seats) & ~is_forced[row_ind]
    result[row_ind[real]] = seat_owner[col_ind[real]]
    return result


# --- What would match an unmatched mentee ---------------------------------------------

# Rules a suggestion may relax for one pair: the program's, not a person's own word (a
# mentor's decline) or the coordinator's (a forbidden pair).
RELAXABLE = ("same_organisation", "no_shared_language", "language_required", "no_common_time")


def remedies(
    result: Scores,
    capacity: np.ndarray,
    assignment: np.ndarray,
    mentee: int,
    *,
    forced: Iterable[tuple[int, int]] = (),
    min_score: int | float | None = None,
    tries: int = 3,
) -> list[tuple]:
    """The smallest changes that would match an unmatched mentee, best pair first, each
    verified by solving again with the change (and no fewer mentees matched):

    ("seat", mentor): one more place for a full mentor she is allowed;
    ("rule", mentor, rule): relaxing the one program rule that keeps the pair apart;
    ("min_score", value): lowering the lowest score to `value`.
    """
    forced = list(forced)
    matched = int((assignment >= 0).sum())
    total, allowed = result.total, result.allowed
    found: list[tuple] = []

    def works(new_allowed=allowed, new_capacity=capacity, new_min=min_score) -> bool:
        again = assign(total, new_allowed, new_capacity, forced=forced, min_score=new_min)
        return again[mentee] >= 0 and int((again >= 0).sum()) >= matched

    row = total[mentee]
    usable = allowed[mentee] & (row >= min_score if min_score is not None else True)
    for mentor in [int(j) for j in np.argsort(-row) if usable[j]][:tries]:
        more = capacity.copy()
        more[mentor] += 1
        if works(new_capacity=more):
            found.append(("seat", mentor))
            break
    blocking = np.zeros(row.shape, dtype=np.int64)
    for mask in result.blocked.values():
        blocking += mask[mentee]
    single = [
        (int(j), name)
        for name, mask in result.blocked.items()
        if name in RELAXABLE
        for j in np.flatnonzero(mask[mentee] & (blocking == 1))
        if min_score is None or row[j] >= min_score
    ]
    for mentor, rule in sorted(single, key=lambda item: -row[item[0]])[:tries]:
        relaxed = allowed.copy()
        relaxed[mentee, mentor] = True
        if works(new_allowed=relaxed):
            found.append(("rule", mentor, rule))
            break
    if min_score is not None:
        below = sorted({int(v) for v in row[allowed[mentee] & (row < min_score)]}, reverse=True)
        for value in below[:tries]:
            if works(new_min=value):
                found.append(("min_score", value))
                break
    return found


def coverage_by_minimum(
    total: np.ndarray,
    allowed: np.ndarray,
    capacity: np.ndarray,
    minimums: Sequence[int | None],
    *,
    forced: Iterable[tuple[int, int]] = (),
) -> list[dict]:
    """For each lowest score to propose, an exact run's figures: what a higher minimum
    costs in people left unmatched and gains in the lowest pair score."""
    forced = list(forced)
    rows = []
    for minimum in minimums:
        assignment = assign(total, allowed, capacity, forced=forced, min_score=minimum)
        figures = summary(total, assignment)
        rows.append(
            {
                "min_score": minimum,
                "matched": figures["matched"],
                "unmatched": len(assignment) - figures["matched"],
                "lowest": figures["lowest"] if figures["matched"] else None,
                "total": figures["total"],
            }
        )
    return rows
