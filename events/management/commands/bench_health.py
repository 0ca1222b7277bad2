"""Benchmark of the cohort health page on large cohorts; prints one JSON line."""

import json
import time
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.synthetic_db import pairs_populate
from mentorship.models import User
from programs.models import Cohort, Program


class Rollback(Exception):
    pass


def seed(pairs: int) -> Cohort:
    """A year-long cohort of monthly meetings halfway through: each pair has met monthly
    (every fourth has gone quiet), answered a check-in and come to a meetup."""
    today = timezone.localdate()
    program = Program.objects.create(
        slug=f"bench-{uuid.uuid4().hex[:8]}",
        name_sv="Benchmark",
        summary_sv="-",
        description_sv="-",
        min_meetings=12,
        hours_per_meeting=2,
    )
    cohort = Cohort.objects.create(
        program=program,
        name_sv="B",
        state="running",
        starts_on=today - timedelta(days=180),
        ends_on=today + timedelta(days=185),
    )
    pairs_populate(cohort, pairs)
    return cohort


class Command(BaseCommand):
    help = "Seed cohorts (rolled back afterwards), render their health page, print JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--pairs", type=int, nargs="+", default=[200, 2000])

    def handle(self, *args, pairs: list[int], **options) -> None:
        out: dict = {}
        try:
            with transaction.atomic():
                viewer = User.objects.create_superuser(f"bench-{uuid.uuid4().hex}@example.org")
                client = Client()
                client.force_login(viewer)
                for size in pairs:
                    cohort = seed(size)
                    # Fresh statistics, as autovacuum gives production: the planner then
                    # picks the plan a real cohort of this size gets.
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                        cursor.execute("SHOW jit")
                        jit = cursor.fetchone()[0]
                    url = f"/admin/programs/cohort/{cohort.pk}/health/"
                    client.get(url)  # warm the templates
                    started = time.perf_counter()
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(url)
                    out[f"{size}_pairs"] = {
                        "seconds": round(time.perf_counter() - started, 3),
                        "queries": len(queries),
                        "status": response.status_code,
                        "kilobytes": round(len(response.content) / 1024),
                        "jit": jit,
                        "sql_seconds": round(sum(float(q["time"]) for q in queries), 3),
                    }
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(json.dumps(out))
