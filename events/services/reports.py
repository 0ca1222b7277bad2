"""A participant reports to the coordinator how the mentorship goes (004: mentor and
mentee report during the year): kept on the contact log, shown on the health page; a
call for help is a follow-up due today, and the coordinators are emailed."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.enums import ContactKind
from events.models import ContactLog
from events.services import EventError
from matching.models import Match
from matching.rules import require_member
from mentorship.models import User
from mentorship.services import email_queue

REPORT_MAX = 3000
HELP_SUBJECT = gettext_lazy("A participant in %(program)s asks for help")


def report_send(*, match: Match, by: User, went_well: str, needs_help: str) -> ContactLog:
    """The mentor or mentee tells the coordinators what goes well and what they need
    help with. Asking for help puts a follow-up on the coordinators' list for today and
    emails them."""
    require_member(match, by)
    went_well, needs_help = went_well.strip(), needs_help.strip()
    if not went_well and not needs_help:
        raise EventError(_("Write what goes well or what you need help with."), field="went_well")
    if len(went_well) > REPORT_MAX or len(needs_help) > REPORT_MAX:
        raise EventError(
            _("Keep each answer under %(n)s characters.") % {"n": REPORT_MAX}, field="went_well"
        )
    me = match.mentor if match.mentor.user_id == by.pk else match.mentee
    parts = []
    if went_well:
        parts.append(f"{_('What goes well')}: {went_well}")
    if needs_help:
        parts.append(f"{_('What I need help with')}: {needs_help}")
    today = timezone.localdate()
    with transaction.atomic():
        report = ContactLog.objects.create(
            cohort=match.cohort,
            participant=me,
            match=match,
            coordinator=None,
            kind=ContactKind.REPORT,
            happened_on=today,
            note="\n\n".join(parts),
            next_follow_up=today if needs_help else None,
        )
        if needs_help:
            program = match.cohort.program
            for coordinator in program.coordinators.all():
                email_queue(
                    to=coordinator.email,
                    user=coordinator,
                    subject=HELP_SUBJECT,
                    template="report_help",
                    context={
                        "program": program,
                        "person": by.get_full_name(),
                        "contact_id": report.pk,
                    },
                    idempotency_key=f"report:{report.pk}:{coordinator.pk}",
                )
    return report
