from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from events.enums import SessionState
from matching.enums import MatchState
from mentorship.models import User
from programs.enums import (
    OPEN_APPLICATION_STATES,
    PUBLIC_COHORT_STATES,
    ApplicationState,
    CohortState,
    IntakeChannel,
    NominationSeat,
    ParticipantState,
    SeatRule,
)
from programs.models import (
    Application,
    Cohort,
    ErasureRequest,
    Interview,
    Nomination,
    Organisation,
    OrganisationContact,
    Participant,
    Program,
    Question,
)


def coordinated_program_ids(user: User) -> frozenset[int]:
    """The programs a user coordinates, read once per request and kept on the user."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_coordinated_program_ids", None)
    if cached is None:
        cached = frozenset(user.coordinated_programs.values_list("pk", flat=True))
        user._coordinated_program_ids = cached
    return cached


def programs_visible_to(user: User) -> QuerySet[Program]:
    """Programs a coordinator may see and edit in the admin; a superuser sees all."""
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(pk__in=coordinated_program_ids(user))


def choices_for(model: type, user: User) -> QuerySet | None:
    """The rows of `model` a coordinator may pick in any admin form (a select, a raw-id
    or autocomplete widget, an add page's parameter): those of their own programs. None
    for a model with no such limit. A superuser picks from all.

    The one place this is decided: every scoped admin form field goes through it.
    """
    from matching.models import Match
    from mentorship.models import User as UserModel

    if user.is_superuser:
        return None
    programs = coordinated_program_ids(user)
    if model is Program:
        return Program.objects.filter(pk__in=programs)
    if model is Cohort:
        return Cohort.objects.filter(program__in=programs).select_related("program")
    if model is Participant:
        return Participant.objects.filter(cohort__program__in=programs).select_related(
            "user", "cohort"
        )
    if model is Match:
        return Match.objects.filter(cohort__program__in=programs)
    if model is Organisation:
        return organisations_of(programs)
    if model is UserModel:
        # People of their programs: participants, applicants, contacts, coordinators.
        return UserModel.objects.filter(
            Q(participations__cohort__program__in=programs)
            | Q(applications__cohort__program__in=programs)
            | Q(organisation_contacts__program__in=programs)
            | Q(coordinated_programs__in=programs)
        ).distinct()
    return None


def organisations_of(program_ids) -> QuerySet[Organisation]:
    """The organisations that belong to these programs: listed by their coordinators,
    the organiser, their contacts' agencies, their participants' and nominees'
    organisations. What an applicant merely typed is not among them until they are
    accepted, so nobody adds names to a program's list by applying."""
    # One small IN-subquery per way in, not one query joining all five tables: the joined
    # form took PostgreSQL 12 ms to plan on every application form.
    return Organisation.objects.filter(
        Q(
            pk__in=Organisation.programs.through.objects.filter(program_id__in=program_ids).values(
                "organisation_id"
            )
        )
        | Q(pk__in=Program.objects.filter(pk__in=program_ids).values("organiser_id"))
        | Q(
            pk__in=OrganisationContact.objects.filter(program_id__in=program_ids).values(
                "organisation_id"
            )
        )
        | Q(
            pk__in=Participant.objects.filter(cohort__program_id__in=program_ids).values(
                "organisation_id"
            )
        )
        | Q(
            pk__in=Nomination.objects.filter(cohort__program_id__in=program_ids).values(
                "organisation_id"
            )
        )
    )


def programs_using(organisation: Organisation) -> set[int]:
    """Every program that uses an organisation in any way, applicants' profiles too:
    who else a rename, a merge or a deletion would touch."""
    used = set(organisation.programs.values_list("pk", flat=True))
    used |= set(organisation.organised_programs.values_list("pk", flat=True))
    used |= set(organisation.contacts.values_list("program_id", flat=True))
    used |= set(organisation.participants.values_list("cohort__program_id", flat=True))
    used |= set(organisation.nominations.values_list("cohort__program_id", flat=True))
    used |= set(
        Application.objects.filter(user__profile__organisation=organisation).values_list(
            "cohort__program_id", flat=True
        )
    )
    return used


def public_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(state__in=PUBLIC_COHORT_STATES).order_by("starts_on")


def public_programs() -> QuerySet[Program]:
    """Published programs with their public cohorts and organiser: two queries in all."""
    return (
        Program.objects.filter(is_published=True)
        .select_related("organiser")
        .prefetch_related(
            Prefetch(
                "cohorts",
                queryset=public_cohorts().select_related("program"),
                to_attr="public_cohorts",
            )
        )
        .order_by("name_sv")
    )


def participations_for(user: User) -> list[Participant]:
    """A person's participations with their cohorts, organisations and diplomas; the
    dashboard attaches the programs (`programs_attach`) once for all its lists."""
    participations = list(
        Participant.objects.filter(user=user)
        .select_related("cohort", "organisation", "diploma")
        .order_by("-cohort__starts_on")
    )
    for participant in participations:
        try:
            participant.the_diploma = participant.diploma
        except Participant.diploma.RelatedObjectDoesNotExist:
            participant.the_diploma = None
    return participations


def applications_for(user: User) -> list[Application]:
    """A person's applications with their cohorts (programs attached by the caller, as
    for `participations_for`, before `application_editable` reads them), each with its
    waitlist place: one query whatever their number, and one more for the places when
    any of them waits (most people's do not, and counting the queue costs a join)."""
    applications = list(
        Application.objects.filter(user=user).select_related("cohort").order_by("-submitted_at")
    )
    places = waitlist_positions(applications)
    for application in applications:
        application.waitlist_position = places.get(application.pk)
    return applications


def nomination_cohorts_for(user: User) -> QuerySet[Cohort]:
    """Recruiting cohorts that take nominations from an organisation this person speaks for."""
    programs = set(
        OrganisationContact.objects.filter(user=user).values_list("program_id", flat=True)
    )
    if not programs:  # most people speak for no organisation: one query, not two
        return Cohort.objects.none()
    cohorts = Cohort.objects.filter(state=CohortState.RECRUITING).filter(
        Q(mentor_intake=IntakeChannel.NOMINATION) | Q(mentee_intake=IntakeChannel.NOMINATION)
    )
    if None not in programs:  # a contact without a program speaks in every program
        cohorts = cohorts.filter(program__in=programs)
    return cohorts.select_related("program").order_by("starts_on")


@dataclass
class OrganisationNominations:
    """One organisation's nominations to a cohort: those standing in rank order, the
    withdrawn, and the count against the cohort's wanted minimum."""

    organisation: Organisation
    standing: list[Nomination]
    withdrawn: list[Nomination]
    minimum: int | None

    @property
    def count(self) -> int:
        return len(self.standing)

    @property
    def short_by(self) -> int:
        return max((self.minimum or 0) - self.count, 0)


def nominations_by_organisation(
    cohort: Cohort, organisations: list[Organisation] | None = None
) -> list[OrganisationNominations]:
    """Nominations of a cohort grouped by organisation, each group in rank order (every
    organisation asked, also one with none yet, when the contact's organisations are
    given). One query."""
    nominations = (
        Nomination.objects.filter(cohort=cohort)
        .select_related("organisation", "application")
        .order_by("organisation__name", "role", "rank", "pk")
    )
    if organisations is not None:
        nominations = nominations.filter(organisation__in=organisations)
    groups: dict[int, OrganisationNominations] = {
        o.pk: OrganisationNominations(o, [], [], cohort.nominations_minimum)
        for o in organisations or []
    }
    for nomination in nominations:
        group = groups.setdefault(
            nomination.organisation_id,
            OrganisationNominations(nomination.organisation, [], [], cohort.nominations_minimum),
        )
        (group.withdrawn if nomination.withdrawn_at else group.standing).append(nomination)
    return sorted(groups.values(), key=lambda g: g.organisation.name)


def uses_seat_queue(cohort: Cohort, role: str) -> bool:
    return cohort.seat_rule == SeatRule.FIRST_COME and cohort.seats_for(role) is not None


def seats_at_registration(cohort: Cohort, role: str) -> bool:
    """Whether the organisations' registrations, not the nominees' applications, take the
    first-come seats of this role (002: "20 platser, först till kvarn")."""
    return (
        cohort.nomination_seat == NominationSeat.REGISTRATION
        and cohort.intake_for(role) == IntakeChannel.NOMINATION
        and uses_seat_queue(cohort, role)
    )


def waitlist_positions(applications: list[Application]) -> dict[int, int]:
    """The place in the queue of each waitlisted one of these applications, by id: one
    behind every application of the same cohort and role waiting with a lower queue
    number. One query for them all, none when none waits."""
    waiting = [a.pk for a in applications if a.state == ApplicationState.WAITLISTED]
    if not waiting:
        return {}
    return {
        pk: ahead + 1
        for pk, ahead in Application.objects.filter(pk__in=waiting)
        .annotate(
            ahead=Count(
                "cohort__applications",
                filter=Q(
                    cohort__applications__role=F("role"),
                    cohort__applications__state=ApplicationState.WAITLISTED,
                    cohort__applications__queue_number__lt=F("queue_number"),
                ),
            )
        )
        .values_list("pk", "ahead")
    }


def waitlist_position(application: Application) -> int | None:
    return waitlist_positions([application]).get(application.pk)


def questions_for(cohort: Cohort, role: str) -> list[Question]:
    return [
        q
        for q in cohort.program.questions.prefetch_related("choices").order_by("order", "pk")
        if q.asked_of(role)
    ]


def application_editable(application: Application, now: datetime | None = None) -> bool:
    """The applicant may change it while it is being decided and the window is open."""
    if application.state not in OPEN_APPLICATION_STATES:
        return False
    closes = application.cohort.application_closes_at
    return (
        application.cohort.program.is_rolling or closes is None or (now or timezone.now()) <= closes
    )


def contact_organisations(user: User, cohort: Cohort) -> list[Organisation]:
    """The organisations this person may nominate for in the cohort's program."""
    if not user.is_authenticated:
        return []
    contacts = OrganisationContact.objects.filter(user=user).filter(
        Q(program_id=cohort.program_id) | Q(program__isnull=True)
    )
    return [contact.organisation for contact in contacts.select_related("organisation")]


def nominations_open(cohort: Cohort, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if cohort.nomination_deadline is not None:
        return now <= cohort.nomination_deadline
    return cohort.accepts_applications(now)


def _earning(cohort: Cohort, match_states: tuple[str, ...]) -> QuerySet[Participant]:
    """The cohort's people without a diploma who have a match in one of these states,
    or a meeting held."""
    held = SessionState.HELD
    return (
        Participant.objects.filter(
            cohort=cohort,
            state__in=(ParticipantState.ACTIVE, ParticipantState.COMPLETED),
            diploma__isnull=True,
        )
        .filter(
            Q(mentor_matches__state__in=match_states)
            | Q(mentee_matches__state__in=match_states)
            | Q(mentor_matches__sessions__state=held)
            | Q(mentee_matches__sessions__state=held)
        )
        .distinct()
    )


def diploma_earners(cohort: Cohort) -> QuerySet[Participant]:
    """Who has earned a diploma in the cohort (and has none yet): a completed match, or
    a meeting held. Someone who never had a mentor (0 meetings, 0 hours) has not; they
    are thanked instead. The one definition, for the close page and every issue."""
    return _earning(cohort, (MatchState.COMPLETED,))


def diploma_candidates(cohort: Cohort) -> QuerySet[Participant]:
    """Before closing: who will have earned a diploma once the active matches are
    completed (closing completes them)."""
    return (
        _earning(cohort, (MatchState.ACTIVE, MatchState.COMPLETED))
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )


VAT_RATE = Decimal("0.25")


@dataclass
class FeeReport:
    rows: list[Participant]
    due: Decimal
    paid: Decimal
    outstanding: Decimal
    excludes_vat: bool

    @property
    def due_excl_vat(self) -> Decimal:
        return fee_net(self.due, self.excludes_vat)

    @property
    def due_incl_vat(self) -> Decimal:
        return self.due + vat_on(self.due) if self.excludes_vat else self.due

    @property
    def vat(self) -> Decimal:
        return self.due_incl_vat - self.due_excl_vat


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def fee_net(amount: Decimal, excludes_vat: bool) -> Decimal:
    """A fee excluding VAT: as it is where the program's fees exclude VAT, else less 25 %."""
    return amount if excludes_vat else _round(amount / (1 + VAT_RATE))


def vat_on(net: Decimal) -> Decimal:
    """The VAT on an amount excluding it, worked out once on the total (never per line)."""
    return _round(net * VAT_RATE)


def fee_report(cohort: Cohort) -> FeeReport:
    """The cohort's fees: each participant who owes one, and the totals, excluding and
    including VAT (25 %). Two queries."""
    rows = list(
        Participant.objects.filter(cohort=cohort, fee_amount__gt=0)
        .select_related("user", "paying_organisation")
        .order_by("paying_organisation__name", "user__last_name")
    )
    totals = Participant.objects.filter(cohort=cohort).aggregate(
        due=Sum("fee_amount", default=Decimal(0)),
        paid=Sum("fee_amount", filter=Q(paid_on__isnull=False), default=Decimal(0)),
    )
    return FeeReport(
        rows=rows,
        due=totals["due"],
        paid=totals["paid"],
        outstanding=totals["due"] - totals["paid"],
        excludes_vat=cohort.program.fee_excludes_vat,
    )


def coordinators_of(user: User) -> list[User]:
    """The coordinators of every program the person applied to or takes part in."""
    return list(
        User.objects.filter(
            Q(coordinated_programs__cohorts__applications__user=user)
            | Q(coordinated_programs__cohorts__participants__user=user),
            is_active=True,
        ).distinct()
    )


# --- What needs doing: the definitions the coordinator's home counts and its lists filter
# by, so a number and the list behind it agree ------------------------------------------


def fee_unpaid(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Participants with a fee to pay and no payment recorded (withdrawn ones owe none)."""
    return participants.filter(fee_amount__gt=0, paid_on__isnull=True).exclude(
        state=ParticipantState.WITHDRAWN
    )


def nominations_waiting(nominations: QuerySet[Nomination], now: datetime) -> QuerySet[Nomination]:
    """Nominations not yet turned into an application while the nominee can still apply."""
    return nominations.filter(application__isnull=True, withdrawn_at__isnull=True).filter(
        Q(cohort__application_closes_at__isnull=True) | Q(cohort__application_closes_at__gt=now)
    )


def erasure_requests_visible(user: User) -> QuerySet[ErasureRequest]:
    """Erasure requests from people in the programs this user coordinates (all, for a
    superuser)."""
    requests = ErasureRequest.objects.all()
    if user.is_superuser:
        return requests
    programs = coordinated_program_ids(user)
    return requests.filter(
        Q(user__applications__cohort__program__in=programs)
        | Q(user__participations__cohort__program__in=programs)
    ).distinct()


def intake_notes(cohort: Cohort) -> dict[int, str]:
    """The notes of each accepted person's held interviews and intake calls (the needs
    they told the coordinator), by participant, the latest last: one query."""
    notes: dict[int, list[str]] = {}
    for participant_id, text in (
        Interview.objects.filter(
            application__cohort=cohort, application__participant__isnull=False, held=True
        )
        .exclude(notes="")
        .order_by("starts_at", "pk")
        .values_list("application__participant_id", "notes")
    ):
        notes.setdefault(participant_id, []).append(text)
    return {pk: "\n\n".join(texts) for pk, texts in notes.items()}


def programs_copyable(user: User) -> QuerySet[Program]:
    """The programs a coordinator may set a new one up like: their own and every
    published one (the reference programs among them)."""
    programs = Program.objects.order_by("name_sv")
    if user.is_superuser:
        return programs
    return programs.filter(Q(pk__in=coordinated_program_ids(user)) | Q(is_published=True))


def api_token_program_ids(token) -> frozenset[int]:
    """The programs an API token reaches now: those it was made for that its maker still
    coordinates (every one of them for a superuser). Read once per request."""
    cached = getattr(token, "_program_ids", None)
    if cached is None:
        chosen = set(token.programs.values_list("pk", flat=True))
        if not token.user.is_superuser:
            chosen &= coordinated_program_ids(token.user)
        cached = token._program_ids = frozenset(chosen)
    return cached
