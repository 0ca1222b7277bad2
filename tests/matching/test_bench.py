import io
import json

import pytest
from django.core.management import call_command


def bench(**options) -> dict:
    out = io.StringIO()
    call_command("bench_matching", stdout=out, **options)
    return json.loads(out.getvalue())


def test_bench_matching_reports_the_optimum_and_the_greedy_baseline():
    result = bench(mentees=60, mentors=40, runs=1)

    assert result["total"] == result["optimum"] >= result["greedy"]["total"]
    assert result["matched"] >= result["greedy"]["matched"]
    assert {"seconds_scoring", "seconds_assignment", "blocking_pairs", "p10"} <= set(result)
    # The candidate path on the same cohort never beats the optimum; its gap is reported.
    pruned = result["top_candidates"]
    assert pruned["total"] <= result["optimum"]
    assert pruned["gap_to_optimum_percent"] == pytest.approx(
        100 * (result["optimum"] - pruned["total"]) / result["optimum"], abs=1e-3
    )
    assert result["peak_memory_mb"] > 0


def test_the_candidate_path_keeps_declines_and_the_common_time_rule():
    import numpy as np

    from matching.engine import Rules, Weights, block_scorer, candidates, score
    from tests.matching.test_engine import random_people

    rng = np.random.default_rng(3)
    mentees, mentors = random_people(rng, 30), random_people(rng, 20)
    rules = Rules(common_time=True, declined=[(i, i % 20) for i in range(30)])
    dense = score(mentees, mentors, Weights(), rules)
    rows, cols, _values = candidates(
        block_scorer(mentees, mentors, Weights(), rules), 30, keep=20, chunk=7
    )

    assert dense.allowed[rows, cols].all()
    assert not any(j == i % 20 for i, j in zip(rows.tolist(), cols.tolist(), strict=True))


def test_bench_matching_pruned_path_for_very_large_cohorts(monkeypatch):
    from matching.management.commands import bench_matching

    monkeypatch.setattr(bench_matching, "DENSE_LIMIT", 10)
    result = bench(mentees=80, mentors=50, keep=10)

    assert result["method"].startswith("top 10 candidates")
    assert result["candidate_pairs"] <= 800


@pytest.mark.django_db
def test_bench_matching_from_the_database_counts_constant_queries():
    small = bench(database=40)
    large = bench(database=120)

    assert small["queries"] == large["queries"] == 9
    assert large["mentees"] == 60 and large["matched"] > 0


@pytest.mark.django_db
def test_bench_matching_runs_the_products_own_run_over_candidates_above_the_limit(settings):
    settings.MATCHING_DENSE_MAX_PAIRS = 100
    result = bench(database=60, product_run=True)

    run = result["product_run"]
    assert run["candidates_per_mentee"] == 40 and run["proposals"] == 30
    assert run["total"] <= result["total"]
    assert run["gap_to_dense_optimum_percent"] == pytest.approx(
        100 * (result["total"] - run["total"]) / result["total"], abs=1e-3
    )


def test_the_candidate_path_is_checked_against_the_full_optimum():
    result = bench(mentees=60, mentors=40, runs=1, keep=8, candidates=True, verify=True)

    assert result["method"].startswith("top 8 candidates")
    # Over the candidates it is exact; whether that is the optimum is --verify's to say.
    assert result["optimum_over_candidates"] == result["total"] and "optimum" not in result
    full = result["full_optimum"]
    assert full["total"] >= result["total"] and full["matched"] >= result["matched"]
    assert result["gap_to_full_optimum_percent"] == pytest.approx(
        100 * (full["total"] - result["total"]) / full["total"], abs=1e-3
    )
    everyone = bench(mentees=60, mentors=40, runs=1, keep=40, candidates=True, verify=True)
    assert everyone["gap_to_full_optimum_percent"] == 0  # every mentor kept: the optimum
