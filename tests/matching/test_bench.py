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
