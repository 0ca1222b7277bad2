"""The coordinator's follow-ups (contact log): which fall due."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from events.models import ContactLog


def follow_ups_due(contacts: QuerySet[ContactLog], today: date) -> QuerySet[ContactLog]:
    """Follow-ups whose next date has come and that nobody has ticked as done."""
    return contacts.filter(next_follow_up__lte=today, done=False)
