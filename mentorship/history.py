"""The change history: who changed what and when, before and after (issue 19, part 3).

django-pghistory keeps it with PostgreSQL triggers, so every path that writes a tracked
row (a service, an admin save, `QuerySet.update`, a migration's SQL) is recorded, not
only the ones that go through `Model.save`. Its middleware attaches the logged-in person
and the address to every change a request makes; a Celery task's changes have no person.

`tracked()` is applied to each model whose history coordinators must see; the history
is shown on each object's admin page (`programs.admin.history`), erased with the person
and purged after AUDIT_HISTORY_MONTHS (`programs.services.privacy`).
"""

from __future__ import annotations

import pghistory

CREATED, CHANGED, DELETED = "created", "changed", "deleted"


def tracked(*, exclude: tuple[str, ...] = ("updated_at",), **options):
    """Record each insert, each update of a recorded field, and each delete."""
    return pghistory.track(
        pghistory.InsertEvent(CREATED),
        pghistory.UpdateEvent(CHANGED),
        pghistory.DeleteEvent(DELETED),
        exclude=list(exclude),
        **options,
    )
