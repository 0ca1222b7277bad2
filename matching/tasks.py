from celery import shared_task

from matching.models import MatchingRun
from matching.services.matching import run_execute, run_fail, runs_fail_stuck


@shared_task(acks_late=True)
def matching_run_execute(*, run_id: int) -> None:
    run = MatchingRun.objects.filter(pk=run_id).first()
    if run is None:
        return
    try:
        run_execute(run=run)
    except Exception as error:  # the board shows the failure instead of spinning forever
        run_fail(run_id=run_id, error=f"{type(error).__name__}: {error}")
        raise


@shared_task
def matching_runs_fail_stuck() -> int:
    return runs_fail_stuck()
