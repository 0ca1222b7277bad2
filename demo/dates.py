"""Dates of the demo: the originals (2017 to 2019) moved forward by whole years."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def shift(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def years_forward(deadline: date, today: date) -> int:
    """Whole years to add so that the deadline is today or later."""
    years = max(0, today.year - deadline.year)
    while shift(deadline, years) < today:
        years += 1
    return years


def at(day: date, hour: int = 23, minute: int = 59) -> datetime:
    """A moment of the day in the site's time zone (by default the day's last minute,
    as a deadline means)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def first_saturday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(5 - day.weekday()) % 7)
