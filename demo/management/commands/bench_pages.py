"""Load benchmark of the public application form and the dashboard against a one-query
page, served by gunicorn as in production; prints one JSON line.

Run after `seed_demo` (make run loads it). gunicorn keeps its database connections as
docker-compose.yml's web does (`POSTGRES_CONN_MAX_AGE=60`); `--fresh-connections`
measures one connection per request, the setting before issue 14. The form is the
entrepreneur program's mentor form (every question kind); the dashboard is a 001
mentee's with a match that has met for months. Absolute times drift on this machine:
read the ratios, measured in the same run against the same server.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from matching.models import Match
from programs.models import Cohort

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _load(url: str, cookie: str, clients: int, requests: int) -> dict:
    """`clients` threads, each sending `requests` GETs one after another."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(requests):
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except Exception as exc:  # a refused or failed request is a result too
                ok = False
                with lock:
                    errors.append(str(exc))
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "median_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "errors": len(errors),
    }


class Command(BaseCommand):
    help = "Load the apply form and the dashboard under gunicorn against a one-query page."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clients", type=int, default=4)
        parser.add_argument("--requests", type=int, default=100)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--rounds", type=int, default=10)
        parser.add_argument(
            "--fresh-connections",
            action="store_true",
            help="connect to the database per request (POSTGRES_CONN_MAX_AGE=0)",
        )

    def handle(
        self,
        *args,
        clients: int,
        requests: int,
        workers: int,
        rounds: int,
        fresh_connections: bool,
        **options,
    ) -> None:
        cohort = Cohort.objects.filter(program__slug="mentorprogram-entreprenorer").first()
        match = (
            Match.objects.filter(cohort__program__slug="mentor-for-toppolitiker")
            .select_related("mentee__user")
            .order_by("pk")
            .first()
        )
        if cohort is None or match is None:
            raise CommandError("Load the demo data first: python manage.py seed_demo")
        client = Client()
        client.force_login(match.mentee.user)
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "demo.bench_settings_wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "demo.bench_settings",
                "POSTGRES_CONN_MAX_AGE": "0" if fresh_connections else "60",
            },
        )
        base = f"http://127.0.0.1:{port}"
        pages = {
            "one_query": "/bench/one-query/",
            "apply_form": f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentor/",
            "dashboard": "/dashboard/",
        }
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + pages["one_query"], timeout=1).read()
                    break
                except Exception:
                    time.sleep(0.1)
            out: dict = {
                "clients": clients,
                "requests_per_client": requests,
                "rounds": rounds,
                "connections": "fresh" if fresh_connections else "persistent",
            }
            for path in pages.values():
                _load(base + path, cookie, clients, 5)  # warm every worker
            # Short rounds, the pages taking turns: this machine's speed drifts by a third
            # within a minute, and a ratio of two runs a minute apart measures the drift.
            runs: dict[str, list[dict]] = {name: [] for name in pages}
            for _ in range(rounds):
                for name, path in pages.items():
                    runs[name].append(_load(base + path, cookie, clients, requests // rounds))
            for name, results in runs.items():
                out[name] = {
                    "requests_per_second": round(
                        statistics.median(r["requests_per_second"] for r in results), 1
                    ),
                    "median_ms": round(statistics.median(r["median_ms"] for r in results), 1),
                    "errors": sum(r["errors"] for r in results),
                }
            for name in ("apply_form", "dashboard"):
                out[name]["times_one_query"] = round(
                    statistics.median(
                        one["requests_per_second"] / page["requests_per_second"]
                        for one, page in zip(runs["one_query"], runs[name], strict=True)
                    ),
                    2,
                )
        finally:
            server.terminate()
            server.wait(timeout=10)
        self.stdout.write(json.dumps(out))
