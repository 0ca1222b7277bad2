"""Benchmark of scoring and assignment on a synthetic cohort; prints one JSON line."""

import json
import resource
import time

import numpy as np
from django.core.management.base import BaseCommand
from scipy.optimize import linear_sum_assignment

from matching.engine import (
    Weights,
    assign,
    assign_over_candidates,
    assign_sparse,
    block_scorer,
    candidates,
    score,
    summary,
    widen_for_unmatched,
)
from matching.engine_bench import assignment_total, blocking_pairs, greedy_assign, greedy_edges
from matching.synthetic import synthetic_cohort

# Above this many seat columns times mentees, the dense matrix gives way to each mentee's
# best candidates (the assignment is then optimal over those candidates).
DENSE_LIMIT = 30_000_000


def best_of(runs: int, work):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def figures(values: np.ndarray, assignment: np.ndarray) -> dict:
    matched = assignment >= 0
    return {
        **summary(values, assignment),
        "unmatched": int((~matched).sum()),
    }


class Command(BaseCommand):
    help = "Score and assign a synthetic cohort; print timings and quality as one JSON line."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mentees", type=int, default=2000)
        parser.add_argument("--mentors", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--keep", type=int, default=40, help="candidates kept per mentee")
        parser.add_argument("--runs", type=int, default=3, help="timings are the best of")
        parser.add_argument(
            "--candidates",
            action="store_true",
            help="use each mentee's best candidates whatever the size",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="with the candidates: solve the full dense problem too (slow, several GB "
            "at 10,000) and report the candidates' gap to its optimum",
        )
        parser.add_argument(
            "--database",
            type=int,
            metavar="PARTICIPANTS",
            help="instead: seed a cohort of this many participants in PostgreSQL (rolled "
            "back afterwards) and match it from its profiles and answers",
        )
        parser.add_argument(
            "--product-run",
            action="store_true",
            help="with --database: also run the product's own matching run on the cohort "
            "(proposals, explanations, reasons; the candidate path above "
            "MATCHING_DENSE_MAX_PAIRS) and compare its total with the dense optimum",
        )

    def handle(self, *args, mentees: int, mentors: int, seed: int, keep: int, runs: int, **o):
        if o.get("database"):
            found = self.from_database(o["database"], seed, product_run=o.get("product_run"))
            self.stdout.write(json.dumps(found))
            return
        people, guides, capacity, rules, preferences = synthetic_cohort(mentees, mentors, seed=seed)
        weights = Weights()
        seats = int(capacity.sum())
        out: dict = {"mentees": mentees, "mentors": mentors, "seats": seats, "seed": seed}
        if mentees * seats <= DENSE_LIMIT and not o.get("candidates"):
            scoring, result = best_of(
                runs, lambda: score(people, guides, weights, rules, preferences=preferences)
            )
            assigning, assignment = best_of(
                runs, lambda: assign(result.total, result.allowed, capacity)
            )
            columns = np.repeat(np.arange(mentors), capacity)
            plain = np.where(result.allowed, result.total, -(10**6))[:, columns].astype(float)
            plain_seconds, _ = best_of(runs, lambda: linear_sum_assignment(plain, maximize=True))
            greedy = greedy_assign(result.total, result.allowed, capacity)
            # The candidate path on the same cohort: its gap to the full optimum.
            sparse = assign_over_candidates(
                block_scorer(people, guides, weights, rules, preferences),
                mentees,
                capacity,
                keep=keep,
            )
            sparse_total = assignment_total(result.total, sparse)
            optimum = summary(result.total, assignment)["total"]
            out.update(
                top_candidates={
                    "keep": keep,
                    "total": sparse_total,
                    "matched": int((sparse >= 0).sum()),
                    "gap_to_optimum_percent": round(
                        100 * (optimum - sparse_total) / max(abs(optimum), 1), 4
                    ),
                }
            )
            out.update(
                method="dense, exact",
                seconds_scoring=round(scoring, 3),
                seconds_assignment=round(assigning, 3),
                seconds_plain_lsa=round(plain_seconds, 3),
                assignment_vs_plain_lsa=round(assigning / plain_seconds, 2),
                **figures(result.total, assignment),
                optimum=summary(result.total, assignment)["total"],
                blocking_pairs=blocking_pairs(result.total, result.allowed, capacity, assignment),
                greedy={
                    **figures(result.total, greedy),
                    "blocking_pairs": blocking_pairs(
                        result.total, result.allowed, capacity, greedy
                    ),
                },
            )
        else:
            score_rows = block_scorer(people, guides, weights, rules, preferences)
            scoring, edges = best_of(1, lambda: candidates(score_rows, mentees, keep=keep))
            rows, cols, values = edges
            assigning, first = best_of(
                1, lambda: assign_sparse(rows, cols, values, capacity, mentees)
            )
            # What the product does next: the left mentees' candidates among the mentors
            # with free places, until no more is matched.
            widening, (assignment, (rows, cols, values)) = best_of(
                1,
                lambda: widen_for_unmatched(score_rows, edges, first, capacity, keep=keep),
            )
            greedy = greedy_edges(*edges, capacity, mentees)
            lookup = {(int(i), int(j)): int(v) for i, j, v in zip(rows, cols, values, strict=True)}

            def pair_figures(assignment: np.ndarray) -> dict:
                chosen = [lookup[(i, int(j))] for i, j in enumerate(assignment) if j >= 0]
                values_ = np.array(chosen or [0])
                return {
                    "total": int(values_.sum()) if chosen else 0,
                    "matched": len(chosen),
                    "unmatched": mentees - len(chosen),
                    "lowest": int(values_.min()) if chosen else 0,
                    "p10": float(np.percentile(values_, 10)) if chosen else 0.0,
                }

            mine = pair_figures(assignment)
            out.update(
                method=f"top {keep} candidates per mentee, exact over them",
                candidate_pairs=int(values.size),
                seconds_scoring=round(scoring, 3),
                seconds_assignment=round(assigning, 3),
                seconds_widening=round(widening, 3),
                matched_before_widening=int((first >= 0).sum()),
                **mine,
                optimum_over_candidates=mine["total"],  # not the full optimum: see --verify
                greedy=pair_figures(greedy),
            )
        out["seconds_total"] = round(
            out["seconds_scoring"] + out["seconds_assignment"] + out.get("seconds_widening", 0), 3
        )
        # Peak memory of this process so far (Linux reports kilobytes).
        out["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        if o.get("verify") and "candidate_pairs" in out:
            out["full_optimum"] = self.full_optimum(
                people, guides, weights, rules, preferences, capacity
            )
            out["gap_to_full_optimum_percent"] = round(
                100
                * (out["full_optimum"]["total"] - out["total"])
                / max(out["full_optimum"]["total"], 1),
                4,
            )
        greedy_total = out["greedy"]["total"] or 1
        out["gain_over_greedy_percent"] = round(
            100 * (out["total"] - greedy_total) / greedy_total, 2
        )
        self.stdout.write(json.dumps(out))

    def full_optimum(self, people, guides, weights, rules, preferences, capacity) -> dict:
        """The dense problem's exact optimum, to check the candidates against."""
        started = time.perf_counter()
        result = score(people, guides, weights, rules, preferences=preferences)
        assignment = assign(result.total, result.allowed, capacity)
        return {
            "total": assignment_total(result.total, assignment),
            "matched": int((assignment >= 0).sum()),
            "seconds": round(time.perf_counter() - started, 2),
            "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }

    def from_database(self, participants: int, seed: int, *, product_run: bool = False) -> dict:
        from django.db import connection, transaction
        from django.test.utils import CaptureQueriesContext

        from matching.models import MatchingRun
        from matching.selectors import cohort_matching_input
        from matching.services.matching import run_execute
        from matching.synthetic_db import seed_cohort
        from programs.models import Cohort

        class Rollback(Exception):
            pass

        out: dict = {"participants": participants}
        try:
            with transaction.atomic():
                started = time.perf_counter()
                cohort_id = seed_cohort(participants, seed=seed).pk
                out["seconds_seeding"] = round(time.perf_counter() - started, 3)
                if product_run:  # first, so that its peak memory is its own
                    started = time.perf_counter()
                    run = run_execute(run=MatchingRun.objects.create(cohort_id=cohort_id))
                    out["product_run"] = {
                        "seconds": round(time.perf_counter() - started, 3),
                        "candidates_per_mentee": run.candidates,
                        "total": run.total,
                        "matched": run.matched,
                        "proposals": run.proposals.count(),
                        "peak_memory_mb": round(
                            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                        ),
                    }
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    data = cohort_matching_input(Cohort.objects.get(pk=cohort_id))
                loaded = time.perf_counter()
                assignment = assign(data.scores.total, data.scores.allowed, data.capacity)
                finished = time.perf_counter()
                out.update(
                    mentees=len(data.mentees.participants),
                    mentors=len(data.mentors.participants),
                    queries=len(queries),
                    seconds_load_and_score=round(loaded - started, 3),
                    seconds_assignment=round(finished - loaded, 3),
                    seconds_total=round(finished - started, 3),
                    **figures(data.scores.total, assignment),
                )
                if product_run:
                    out["product_run"]["gap_to_dense_optimum_percent"] = round(
                        100 * (out["total"] - run.total) / max(abs(out["total"]), 1), 4
                    )
                raise Rollback
        except Rollback:
            pass
        return out
