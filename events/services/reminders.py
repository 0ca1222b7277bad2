"""Reminders, sent at most once per recipient and occasion.

The sweep finds every due reminder with one query per kind, inserts the emails in one
statement keyed by occasion (a key already there is skipped, so a second sweep, or a
sweep retried after its worker died, queues nothing twice), and hands the new ones to
the workers in batches. The emails are rendered by the worker, in each recipient's
language. Reminders respect a person's choice to turn nudges off; the coordinators'
weekly digest is always sent."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from events.selectors.reminders import (
    agreement_reminders,
    coordinator_digests,
    meetup_reminders,
    nomination_reminders,
    quiet_reminders,
    session_reminders,
)
from events.services.checkins import checkin_notices
from mentorship.services import emails_queue_deferred

SEND_BATCH = 200
REMINDERS = (
    nomination_reminders,
    checkin_notices,
    meetup_reminders,
    session_reminders,
    agreement_reminders,
    quiet_reminders,
)


def reminders_sweep(*, now: datetime | None = None, digest: bool = False) -> list[int]:
    """Queue every reminder due now (and, with `digest`, the coordinators' weekly digest).
    Returns the ids of the emails queued by this sweep; each is then sent by a worker."""
    now = now or timezone.now()
    kinds = [*REMINDERS, coordinator_digests] if digest else list(REMINDERS)
    rows = [row for kind in kinds for row in kind(now)]
    return emails_queue_deferred(rows)
