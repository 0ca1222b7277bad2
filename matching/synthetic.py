"""Synthetic cohorts for benchmarks and load tests: realistic shapes, fixed seeds."""

from __future__ import annotations

import numpy as np

from matching.engine import People, Rules

N_LANGUAGES, N_AREAS, N_PROFESSIONS, N_REGIONS, N_ORGANISATIONS = 16, 30, 12, 21, 200
REMOTE = N_REGIONS  # one more region code: "anywhere, online"


def _people(rng: np.random.Generator, n: int, *, mentor: bool) -> People:
    languages = rng.random((n, N_LANGUAGES)) < 0.08
    languages[:, 0] = rng.random(n) < 0.9  # most speak Swedish
    languages[:, 1] |= rng.random(n) < 0.6  # many English
    areas = np.zeros((n, N_AREAS), dtype=bool)
    per_person = rng.integers(3, 7) if mentor else rng.integers(2, 5)
    for _ in range(per_person):
        areas[np.arange(n), rng.integers(0, N_AREAS, n)] = True
    region = rng.integers(0, N_REGIONS, n)
    region[rng.random(n) < 0.15] = REMOTE
    return People(
        languages=languages,
        areas=areas,
        profession=rng.integers(0, N_PROFESSIONS, n),
        region=region,
        availability=rng.integers(1, 32, n),
        experience=rng.integers(5, 35, n) if mentor else rng.integers(0, 15, n),
        organisation=rng.integers(0, N_ORGANISATIONS, n),
    )


def synthetic_cohort(
    n_mentees: int, n_mentors: int, *, seed: int = 1
) -> tuple[People, People, np.ndarray, Rules, np.ndarray]:
    """Mentees, mentors, capacities (1 to 3), hard rules (different organisations, some
    mentees need a Swedish speaker, a few forbidden pairs) and stated preferences."""
    rng = np.random.default_rng(seed)
    mentees = _people(rng, n_mentees, mentor=False)
    mentors = _people(rng, n_mentors, mentor=True)
    capacity = rng.integers(1, 4, n_mentors)
    required = np.zeros((n_mentees, N_LANGUAGES), dtype=bool)
    required[:, 0] = rng.random(n_mentees) < 0.3
    forbidden = list(
        zip(
            rng.integers(0, n_mentees, n_mentees // 50).tolist(),
            rng.integers(0, n_mentors, n_mentees // 50).tolist(),
            strict=True,
        )
    )
    rules = Rules(
        different_organisation=True,
        required_languages=required,
        forbidden=forbidden,
        remote=REMOTE,
    )
    preferences = np.zeros((n_mentees, n_mentors), dtype=bool) if n_mentees * n_mentors else None
    if preferences is not None:
        chosen = rng.random(n_mentees) < 0.1
        preferences[np.flatnonzero(chosen), rng.integers(0, n_mentors, chosen.sum())] = True
    return mentees, mentors, capacity, rules, preferences
