"""The subjects of the emails queued in bulk and rendered by the worker just before
sending, by template: one table, imported by the renderer itself, so a worker that has
loaded nothing else (CELERY_SKIP_CHECKS=1, no URLconf) still sends every subject."""

from django.utils.translation import gettext_lazy

DEFERRED_SUBJECTS = {
    "checkin_invite": gettext_lazy("A few questions: %(title)s"),
    "checkin_overdue": gettext_lazy("Still waiting for your answers: %(title)s"),
    "reminder_nomination": gettext_lazy("Three days left to apply to %(program)s"),
    "reminder_meetup": gettext_lazy("Reminder: %(meetup)s"),
    "reminder_session": gettext_lazy("Your meeting tomorrow"),
    "reminder_agreement": gettext_lazy("Your agreement is waiting for your signature"),
    "reminder_quiet": gettext_lazy("Time to plan your next meeting"),
    "coordinator_digest": gettext_lazy("Pairs to follow up this week"),
    "diploma_issued": gettext_lazy("Your diploma from %(program)s"),
    "cohort_thanks": gettext_lazy("Thank you for taking part in %(program)s"),
}
