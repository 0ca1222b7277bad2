"""Reads of events, one module per feature: the dashboard, meetups, check-ins, the
reminders due, the cohort health report and the calendar entries."""
