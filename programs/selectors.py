from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet

from mentorship.models import User
from programs.enums import (
    PUBLIC_COHORT_STATES,
    ApplicationState,
    CohortState,
    IntakeChannel,
)
from programs.models import (
    Application,
    Cohort,
    Nomination,
    Organisation,
    OrganisationContact,
    Participant,
    Program,
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
    return Organisation.objects.filter(
        Q(programs__in=program_ids)
        | Q(organised_programs__in=program_ids)
        | Q(contacts__program__in=program_ids)
        | Q(participants__cohort__program__in=program_ids)
        | Q(nominations__cohort__program__in=program_ids)
    ).distinct()


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
    participations = list(
        Participant.objects.filter(user=user)
        .select_related("cohort__program", "organisation", "diploma")
        .order_by("-cohort__starts_on")
    )
    for participant in participations:
        try:
            participant.the_diploma = participant.diploma
        except Participant.diploma.RelatedObjectDoesNotExist:
            participant.the_diploma = None
    return participations


def applications_for(user: User) -> list[Application]:
    """A person's applications, each with its waitlist place and whether it can still be
    changed: three queries whatever their number."""
    from programs.services.intake import application_editable

    applications = list(
        Application.objects.filter(user=user)
        .select_related("cohort__program")
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
        .order_by("-submitted_at")
    )
    for application in applications:
        application.waitlist_position = (
            application.ahead + 1 if application.state == ApplicationState.WAITLISTED else None
        )
        application.editable = application_editable(application)
    return applications


def nomination_cohorts_for(user: User) -> QuerySet[Cohort]:
    """Recruiting cohorts that take nominations from an organisation this person speaks for."""
    contacts = OrganisationContact.objects.filter(user=user)
    cohorts = Cohort.objects.filter(state=CohortState.RECRUITING).filter(
        Q(mentor_intake=IntakeChannel.NOMINATION) | Q(mentee_intake=IntakeChannel.NOMINATION)
    )
    if not contacts.filter(program__isnull=True).exists():  # a contact for every program
        cohorts = cohorts.filter(program__in=contacts.values("program"))
    return cohorts.select_related("program").order_by("starts_on")


def nominations_by_organisation(
    cohort: Cohort, organisations: list[Organisation] | None = None
) -> list[tuple[Organisation, list[Nomination]]]:
    """Nominations of a cohort grouped by organisation, each group in rank order."""
    nominations = (
        Nomination.objects.filter(cohort=cohort)
        .select_related("organisation", "application")
        .order_by("organisation__name", "role", "rank")
    )
    if organisations is not None:
        nominations = nominations.filter(organisation__in=organisations)
    groups: dict[int, tuple[Organisation, list[Nomination]]] = {}
    for nomination in nominations:
        groups.setdefault(nomination.organisation_id, (nomination.organisation, []))[1].append(
            nomination
        )
    return list(groups.values())
