import io
import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_bench_reminders_runs_a_constant_number_of_queries_and_queues_once():
    def bench(participants: int) -> dict:
        out = io.StringIO()
        call_command("bench_reminders", participants=participants, stdout=out)
        return json.loads(out.getvalue())

    small, large = bench(20), bench(60)

    assert small["first_sweep"]["queries"] == large["first_sweep"]["queries"]
    assert large["first_sweep"]["reminders_queued"] == 60 * 4  # and a check-in each
    assert large["second_sweep"]["reminders_queued"] == 0
