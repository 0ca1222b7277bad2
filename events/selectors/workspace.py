"""The coordinator's workspace: for each cohort of their programs, where it stands and
what needs doing now, each a count that links to the list of the people behind it.

Every count uses the definition its list filters by (`fee_unpaid`,
`nominations_waiting`, `without_live_match`, `agreement_unsigned`, `check_in_overdue`,
`follow_ups_due`, and the pace rules of events.pace for the pairs at risk, as on the
cohort health page), so a number and its list agree. The whole page is a fixed number of
grouped queries, whatever the number of programs, cohorts or people.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.charts import bar_chart, state_chart
from events.enums import SessionState
from events.models import CheckIn, ContactLog, Meetup, Session
from events.pace import check_in_overdue, risks, with_signs
from events.selectors.follow_ups import follow_ups_due
from matching.enums import MatchState, RunState
from matching.models import Match, MatchingRun
from matching.selectors import agreement_unsigned, without_live_match
from mentorship.models import User
from programs.enums import ApplicationState, CohortState, ErasureState, ParticipantState, Role
from programs.models import Application, Cohort, Nomination, Participant, Program
from programs.selectors import (
    coordinated_program_ids,
    erasure_requests_visible,
    fee_unpaid,
    nominations_waiting,
)

# Meetups this close with invitations unanswered are worth a reminder.
MEETUP_DAYS = 14
# Months of meetings held in the trend chart.
TREND_MONTHS = 6


@dataclass(frozen=True)
class Todo:
    """One thing to do: how many, said in words, and the list of them."""

    key: str
    count: int
    text: str
    url: str


@dataclass(frozen=True)
class Seats:
    role: str
    label: str
    taken: int
    seats: int | None
    waitlisted: int
    url: str


@dataclass
class CohortDesk:
    """A cohort on the coordinator's home (and its hub): stage, seats, pairs, to-dos."""

    cohort: Cohort
    stage: str
    seats: list[Seats] = field(default_factory=list)
    pairs: dict[str, int] = field(default_factory=dict)
    todo: list[Todo] = field(default_factory=list)


def _changelist(model: str, **filters: Any) -> str:
    return f"{reverse(f'admin:{model}_changelist')}?{urlencode(filters)}"


def _date(value) -> str:
    return date_format(timezone.localtime(value) if isinstance(value, datetime) else value)


def stage_of(cohort: Cohort, now: datetime) -> str:
    """Where the cohort is in its lifecycle, in words."""
    if cohort.state == CohortState.DRAFT:
        return _("Being set up, not public yet")
    if cohort.state == CohortState.CLOSED:
        return _("Closed")
    if cohort.state == CohortState.RUNNING:
        if cohort.program.is_rolling:
            return _("Running, taking applications all year")
        if cohort.ends_on:
            return _("Running until %(date)s") % {"date": _date(cohort.ends_on)}
        return _("Running")
    if cohort.opens_later(now):
        return _("Recruiting: applications open %(date)s") % {
            "date": _date(cohort.application_opens_at)
        }
    if cohort.accepts_applications(now):
        if cohort.application_closes_at:
            return _("Recruiting: applications open until %(date)s") % {
                "date": _date(cohort.application_closes_at)
            }
        return _("Recruiting: applications open")
    return _("Applications closed: screening and matching")


def coordinated_cohorts(user: User) -> list[Cohort]:
    """The cohorts on a coordinator's home: every cohort of their programs but the closed
    ones (all programs' for a superuser), by program and start."""
    cohorts = Cohort.objects.exclude(state=CohortState.CLOSED).select_related("program")
    if not user.is_superuser:
        cohorts = cohorts.filter(program__in=coordinated_program_ids(user))
    return list(cohorts.order_by("program__name_sv", "program_id", "starts_on", "pk"))


def _by_cohort(rows, key: str = "cohort") -> dict[int, int]:
    return {row[key]: row["n"] for row in rows}


def cohort_desks(cohorts: list[Cohort], now: datetime | None = None) -> list[CohortDesk]:
    """Each cohort's stage, seats, pairs and to-dos: eleven grouped queries in all."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    ids = [cohort.pk for cohort in cohorts]
    if not ids:
        return []

    # Application counts per cohort, and per cohort and role (the seats).
    applications: dict[int, Counter] = defaultdict(Counter)
    by_role: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for row in (
        Application.objects.filter(cohort__in=ids)
        .values("cohort", "role")
        .annotate(
            seated=Count("pk", filter=Q(seat_number__isnull=False)),
            submitted=Count("pk", filter=Q(state=ApplicationState.SUBMITTED)),
            not_eligible=Count("pk", filter=Q(state=ApplicationState.SUBMITTED, is_eligible=False)),
            interview_booked=Count("pk", filter=Q(state=ApplicationState.INTERVIEW_BOOKED)),
            interviewed=Count("pk", filter=Q(state=ApplicationState.INTERVIEWED)),
            waitlisted=Count("pk", filter=Q(state=ApplicationState.WAITLISTED)),
        )
        .order_by()
    ):
        figures = {k: v for k, v in row.items() if k not in ("cohort", "role")}
        applications[row["cohort"]].update(figures)
        by_role[(row["cohort"], row["role"])].update(figures)
    participants: dict[tuple[int, str], int] = {
        (row["cohort"], row["role"]): row["n"]
        for row in Participant.objects.filter(cohort__in=ids)
        .exclude(state=ParticipantState.WITHDRAWN)
        .values("cohort", "role")
        .annotate(n=Count("pk"))
        .order_by()
    }
    nominations = _by_cohort(
        nominations_waiting(Nomination.objects.filter(cohort__in=ids), now)
        .values("cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    unmatched = _by_cohort(
        without_live_match(Participant.objects.filter(cohort__in=ids, role=Role.MENTEE))
        .values("cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    unpaid = _by_cohort(
        fee_unpaid(Participant.objects.filter(cohort__in=ids))
        .values("cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    pairs: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Match.objects.filter(cohort__in=ids).values("cohort", "state").annotate(n=Count("pk"))
    ).order_by():
        pairs[row["cohort"]][row["state"]] = row["n"]
    unsigned = _by_cohort(
        agreement_unsigned(Match.objects.filter(cohort__in=ids))
        .values("cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    waiting_runs = {
        run["cohort"]: run["matched"] or 0
        for run in MatchingRun.objects.filter(cohort__in=ids)
        .order_by("cohort", "-created_at", "-pk")
        .distinct("cohort")
        .values("cohort", "state", "matched")
        if run["state"] == RunState.DONE
    }
    at_risk: dict[int, Counter] = defaultdict(Counter)
    for match in with_signs(
        Match.objects.filter(cohort__in=ids, state__in=(MatchState.PROPOSED, MatchState.ACTIVE)),
        now,
    ):
        found = risks(match, now)
        if found:
            at_risk[match.cohort_id]["pairs"] += 1
            at_risk[match.cohort_id].update({risk.code for risk in found})
    overdue = _by_cohort(
        CheckIn.objects.filter(participant__cohort__in=ids)
        .filter(check_in_overdue(now))
        .values("participant__cohort")
        .annotate(n=Count("pk"))
        .order_by(),
        key="participant__cohort",
    )
    follow_ups = _by_cohort(
        follow_ups_due(ContactLog.objects.filter(cohort__in=ids), today)
        .values("cohort")
        .annotate(n=Count("pk"))
        .order_by()
    )
    meetups: dict[int, list[Meetup]] = defaultdict(list)
    for meetup in (
        Meetup.objects.filter(
            cohort__in=ids,
            starts_at__gte=now,
            starts_at__lte=now + timedelta(days=MEETUP_DAYS),
        )
        .annotate(invited=Count("rsvps"), unanswered=Count("rsvps", filter=Q(rsvps__answer="")))
        .order_by("starts_at")
    ):
        meetups[meetup.cohort_id].append(meetup)

    desks = []
    for cohort in cohorts:
        pk = cohort.pk
        counts = applications[pk]
        desk = CohortDesk(cohort=cohort, stage=stage_of(cohort, now), pairs=dict(pairs[pk]))
        for role in (Role.MENTEE, Role.MENTOR):
            seats = cohort.seats_for(role)
            figures = by_role[(pk, role)]
            desk.seats.append(
                Seats(
                    role=role,
                    label=Role(role).label,
                    taken=figures["seated"]
                    if seats is not None
                    else participants.get((pk, role), 0),
                    seats=seats,
                    waitlisted=figures["waitlisted"],
                    url=_changelist("programs_participant", cohort__id__exact=pk, role__exact=role),
                )
            )
        desk.todo = [
            todo
            for todo in _todos(
                cohort,
                counts=counts,
                nominations=nominations.get(pk, 0),
                unmatched=unmatched.get(pk, 0),
                run_pairs=waiting_runs.get(pk),
                proposed=pairs[pk].get(MatchState.PROPOSED, 0),
                unsigned=unsigned.get(pk, 0),
                at_risk=at_risk[pk],
                overdue=overdue.get(pk, 0),
                follow_ups=follow_ups.get(pk, 0),
                unpaid=unpaid.get(pk, 0),
                meetups=meetups[pk],
            )
            if todo.count
        ]
        desks.append(desk)
    return desks


def _todos(cohort: Cohort, **n: Any) -> list[Todo]:
    pk = cohort.pk
    counts: Counter = n["counts"]
    applications = "programs_application"
    todos = [
        Todo(
            "to_screen",
            counts["submitted"],
            ngettext(
                "%(n)s application to screen",
                "%(n)s applications to screen",
                counts["submitted"],
            )
            % {"n": counts["submitted"]},
            _changelist(applications, cohort__id__exact=pk, state__exact="submitted"),
        ),
        Todo(
            "not_eligible",
            counts["not_eligible"],
            ngettext(
                "%(n)s of them flagged not eligible",
                "%(n)s of them flagged not eligible",
                counts["not_eligible"],
            )
            % {"n": counts["not_eligible"]},
            _changelist(
                applications, cohort__id__exact=pk, state__exact="submitted", is_eligible__exact=0
            ),
        ),
        Todo(
            "interviews",
            counts["interview_booked"],
            ngettext(
                "%(n)s interview or intake call booked, to hold",
                "%(n)s interviews or intake calls booked, to hold",
                counts["interview_booked"],
            )
            % {"n": counts["interview_booked"]},
            _changelist(applications, cohort__id__exact=pk, state__exact="interview_booked"),
        ),
        Todo(
            "to_decide",
            counts["interviewed"],
            ngettext(
                "%(n)s interviewed applicant to decide on",
                "%(n)s interviewed applicants to decide on",
                counts["interviewed"],
            )
            % {"n": counts["interviewed"]},
            _changelist(applications, cohort__id__exact=pk, state__exact="interviewed"),
        ),
        Todo(
            "nominations",
            n["nominations"],
            ngettext(
                "%(n)s nominee has not applied yet",
                "%(n)s nominees have not applied yet",
                n["nominations"],
            )
            % {"n": n["nominations"]},
            _changelist("programs_nomination", cohort__id__exact=pk, application="waiting"),
        ),
        Todo(
            "unmatched",
            n["unmatched"],
            ngettext(
                "%(n)s accepted mentee without a mentor",
                "%(n)s accepted mentees without a mentor",
                n["unmatched"],
            )
            % {"n": n["unmatched"]},
            _changelist(
                "programs_participant", cohort__id__exact=pk, role__exact=Role.MENTEE, pair="none"
            ),
        ),
        Todo(
            "run_waiting",
            1 if n["run_pairs"] is not None else 0,
            ngettext(
                "A matching run with %(n)s pair waits to be published",
                "A matching run with %(n)s pairs waits to be published",
                n["run_pairs"] or 0,
            )
            % {"n": n["run_pairs"] or 0},
            reverse("matching_board", args=[pk]),
        ),
        Todo(
            "proposed",
            n["proposed"],
            ngettext(
                "%(n)s proposed pair waiting for an answer",
                "%(n)s proposed pairs waiting for an answer",
                n["proposed"],
            )
            % {"n": n["proposed"]},
            _changelist("matching_match", cohort__id__exact=pk, state__exact=MatchState.PROPOSED),
        ),
        Todo(
            "unsigned",
            n["unsigned"],
            ngettext(
                "%(n)s active pair has not signed its agreement",
                "%(n)s active pairs have not signed their agreement",
                n["unsigned"],
            )
            % {"n": n["unsigned"]},
            _changelist("matching_match", cohort__id__exact=pk, agreement="unsigned"),
        ),
        Todo(
            "no_first_meeting",
            n["at_risk"]["no_first_meeting"],
            ngettext(
                "%(n)s pair has not had its first meeting",
                "%(n)s pairs have not had their first meeting",
                n["at_risk"]["no_first_meeting"],
            )
            % {"n": n["at_risk"]["no_first_meeting"]},
            reverse("cohort_health", args=[pk]) + "#pairs",
        ),
        Todo(
            "at_risk",
            n["at_risk"]["pairs"],
            _risk_summary(n["at_risk"]),
            reverse("cohort_health", args=[pk]) + "#pairs",
        ),
        Todo(
            "check_ins",
            n["overdue"],
            ngettext(
                "%(n)s check-in unanswered for more than a week",
                "%(n)s check-ins unanswered for more than a week",
                n["overdue"],
            )
            % {"n": n["overdue"]},
            _changelist("events_checkin", participant__cohort__id__exact=pk, answer="overdue"),
        ),
        Todo(
            "follow_ups",
            n["follow_ups"],
            ngettext("%(n)s follow-up due", "%(n)s follow-ups due", n["follow_ups"])
            % {"n": n["follow_ups"]},
            _changelist("events_contactlog", cohort__id__exact=pk, due="due"),
        ),
        Todo(
            "unpaid",
            n["unpaid"],
            ngettext("%(n)s fee not paid", "%(n)s fees not paid", n["unpaid"]) % {"n": n["unpaid"]},
            _changelist("programs_participant", cohort__id__exact=pk, fee="unpaid"),
        ),
    ]
    for meetup in n["meetups"]:
        todos.append(
            Todo(
                f"meetup_{meetup.pk}",
                meetup.unanswered,
                _("%(meetup)s on %(date)s: %(n)s of %(invited)s invited have not answered")
                % {
                    "meetup": meetup.title,
                    "date": _date(meetup.starts_at),
                    "n": meetup.unanswered,
                    "invited": meetup.invited,
                },
                reverse("meetup_attendance", args=[meetup.pk]),
            )
        )
    return todos


def _risk_summary(found: Counter) -> str:
    reasons = {
        "quiet": _("quiet"),
        "behind_pace": _("behind the pace"),
        "unsigned": _("agreement unsigned"),
        "low_check_in": _("a low check-in answer"),
        "overdue_check_in": _("a check-in overdue"),
        "missed_meetup": _("missed a mandatory meetup"),
        "proposal_unanswered": _("proposal unanswered"),
        "no_first_meeting": _("no first meeting"),
    }
    why = ", ".join(
        f"{reasons.get(code, code)} {count}"
        for code, count in found.most_common()
        if code != "pairs"
    )
    return ngettext(
        "%(n)s pair at risk (%(why)s)", "%(n)s pairs at risk (%(why)s)", found["pairs"]
    ) % {"n": found["pairs"], "why": why}


def workspace(user: User, now: datetime | None = None) -> dict[str, Any]:
    """Everything the coordinator's home shows: their programs with each cohort's desk,
    the erasure requests waiting, and two trend charts."""
    now = now or timezone.now()
    cohorts = coordinated_cohorts(user)
    desks = cohort_desks(cohorts, now)
    programs: dict[int, tuple[Program, list[CohortDesk]]] = {}
    for desk in desks:
        programs.setdefault(desk.cohort.program_id, (desk.cohort.program, []))[1].append(desk)
    # Programs without an open cohort are still theirs to set up.
    empty = Program.objects.exclude(pk__in=list(programs)).order_by("name_sv")
    if not user.is_superuser:
        empty = empty.filter(pk__in=coordinated_program_ids(user))
    by_state = Counter()
    for desk in desks:
        by_state.update(desk.pairs)
    month_start = timezone.localdate(now).replace(day=1)
    first = month_start
    for _month in range(TREND_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    held = (
        {
            row["month"]: row["n"]
            for row in Session.objects.filter(
                match__cohort__in=[c.pk for c in cohorts],
                state=SessionState.HELD,
                starts_at__date__gte=first,
            )
            .annotate(month=TruncMonth("starts_at", output_field=DateField()))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        }
        if cohorts
        else {}
    )
    months = []
    month = first
    while month <= month_start:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    meetings = bar_chart(
        [(date_format(m, "F Y"), held.get(m, 0), str(held.get(m, 0)), "reached") for m in months]
    )
    erasures = erasure_requests_visible(user).filter(state=ErasureState.REQUESTED).count()
    return {
        "programs": list(programs.values()),
        "programs_to_set_up": list(empty),
        "erasures": erasures,
        "erasures_url": _changelist("programs_erasurerequest", state__exact="requested"),
        "charts": {
            "states": state_chart(
                {
                    state: by_state.get(state, 0)
                    for state in (
                        MatchState.PROPOSED,
                        MatchState.ACTIVE,
                        MatchState.COMPLETED,
                        MatchState.ENDED,
                    )
                }
            ),
            "meetings": meetings,
            "any_pairs": bool(sum(by_state.values())),
            "any_meetings": bool(sum(held.values())),
        },
    }
