from celery import shared_task

from matching.models import MatchingRun
from matching.services.matching import run_execute, run_fail, runs_fail_stuck
from matching.services.messages import message_notices_due, message_notices_send
from mentorship.models import User


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


@shared_task(acks_late=True)
def message_notices_task(*, user_id: int) -> None:
    """Email one person about their new messages. Too soon after the last such email,
    it sends nothing: the sweep sends it once the hour is up."""
    user = User.objects.filter(pk=user_id).select_related("profile").first()
    if user is None:
        return
    message_notices_send(user=user)


@shared_task
def message_notices_sweep() -> int:
    """The net under the delayed tasks: anyone still owed an email gets it."""
    people = message_notices_due()
    for user_id in people:
        message_notices_task.delay(user_id=user_id)
    return len(people)
