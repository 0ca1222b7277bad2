"""Every write to programs, cohorts, profiles and participants goes through here."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship.errors import Refusal
from mentorship.models import User
from mentorship.services import state_change_record, state_changes_record
from programs.enums import ParticipantState, Role
from programs.models import Cohort, Organisation, Participant, Program
from programs.selectors import organisations_of


class FeeError(Refusal):
    pass


COORDINATOR_GROUP = "Coordinators"
# Model permissions every coordinator has; which rows they reach is decided per program.
COORDINATOR_PERMISSIONS = {
    "programs": [
        "program",
        "cohort",
        "participant",
        "organisation",
        "organisationcontact",
        "question",
        "questionchoice",
        "nomination",
        "interview",
        "apitoken",
        "webhookendpoint",
    ],
}
COORDINATOR_PERMISSIONS["matching"] = ["matchingpolicy"]
COORDINATOR_PERMISSIONS["events"] = [
    "meetup",
    "meetupitem",
    "contactlog",
    "questionnaire",
    "questionnaireitem",
    "checkinschedule",
    "programgoal",
]
# Applications and matches change only through their services (screening, the
# matching board), never by hand.
COORDINATOR_VIEW_ONLY = {
    "mentorship": ["outgoingemail"],
    "programs": ["profile", "application", "answer", "erasurerequest", "webhookdelivery"],
    "matching": ["match", "matchingrun", "pairrule", "agreement", "goal", "goalnote"],
    "events": ["session", "rsvp", "checkin", "checkinanswer", "announcement"],
}


def coordinator_group() -> Group:
    """The group that carries coordinators' model permissions, created when first needed."""
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    codenames = [
        f"{action}_{model}"
        for models in COORDINATOR_PERMISSIONS.values()
        for model in models
        for action in ("add", "change", "delete", "view")
    ] + [f"view_{model}" for models in COORDINATOR_VIEW_ONLY.values() for model in models]
    codenames.append("change_application")  # the coordinator's note
    # Beat's schedules (reminders, digest, retention) run for every program at once:
    # they are the superuser's, not a coordinator's.
    codenames.append("change_agreement")  # who facilitates the first meeting
    permissions = Permission.objects.filter(
        content_type__app_label__in=[
            *COORDINATOR_PERMISSIONS,
            *COORDINATOR_VIEW_ONLY,
        ],
        codename__in=codenames,
    )
    if group.permissions.count() != len(codenames):
        group.permissions.set(permissions)
    return group


def person_account(*, email: str, first_name: str, last_name: str) -> tuple[User, bool]:
    """The account for this email address, and whether it is new. A new one has no
    password (the person logs in with an emailed code, or chooses one from a link) and an
    unverified address; an existing one is left as it is."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user, True


@transaction.atomic
def coordinator_add(*, program: Program, user: User) -> None:
    """Make `user` a coordinator of `program`: admin access, limited to their programs."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(coordinator_group())
    program.coordinators.add(user)
    # The programs they coordinate are kept on the user for the request: now one more.
    # (delattr, not the instance dict: request.user is a lazy wrapper around the user).
    if hasattr(user, "_coordinated_program_ids"):
        del user._coordinated_program_ids


@transaction.atomic
def participant_add(
    *,
    cohort: Cohort,
    user: User,
    role: Role | str,
    organisation: Organisation | None = None,
    capacity: int = 1,
) -> Participant:
    """Add a person to a cohort in a role; adding them again returns the same participant."""
    program = cohort.program
    fee = program.fee_per_mentor if role == Role.MENTOR else program.fee_per_mentee
    organisation = organisation or user.profile.organisation
    participant, _ = Participant.objects.get_or_create(
        cohort=cohort,
        user=user,
        role=role,
        defaults={
            "organisation": organisation,
            "capacity": capacity if role == Role.MENTOR else 1,
            "state": ParticipantState.ACTIVE,
            # The program's fee for the role (the lower end of a range); the coordinator
            # adjusts it, and who pays, in the fee report.
            "fee_amount": fee or None,
            "paying_organisation": organisation if fee else None,
        },
    )
    return participant


FEE_FIELDS = ("fee_amount", "paying_organisation", "invoice_reference", "paid_on")


def participant_fee_set(*, participant: Participant, by: User, **fields) -> Participant:
    """Change what a participant's place costs, who pays, the invoice reference or when it
    was paid (the fee report's columns). The payer must be an organisation of the
    program's people; a fee is never negative (the database checks it too)."""
    unknown = set(fields) - set(FEE_FIELDS)
    if unknown:
        raise ValueError(f"not a fee field: {sorted(unknown)}")
    amount = fields.get("fee_amount", participant.fee_amount)
    if amount is not None and amount < 0:
        raise FeeError(_("A fee cannot be negative."), field="fee_amount")
    payer = fields.get("paying_organisation", participant.paying_organisation)
    known = organisations_of([participant.cohort.program_id])
    if (
        payer is not None
        and payer.pk != participant.organisation_id
        and not known.filter(pk=payer.pk).exists()
    ):
        raise FeeError(
            _("The payer must be an organisation of this program's people."),
            field="paying_organisation",
        )
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.save(update_fields=[*fields, "updated_at"])
    return participant


def participant_withdraw(*, participant: Participant, by: User | None, reason: str = "") -> None:
    """A participant leaves the cohort (their application withdrawn, their data erased):
    the one way to it, with its audit entry."""
    if participant.state == ParticipantState.WITHDRAWN:
        return
    state_change_record(
        obj=participant,
        from_state=participant.state,
        to_state=ParticipantState.WITHDRAWN,
        by=by,
        reason=reason,
    )
    participant.state = ParticipantState.WITHDRAWN
    participant.save(update_fields=["state", "updated_at"])


def participants_mark_completed(*, participants: list[Participant], by: User | None) -> None:
    """Active participants have completed the program (their last match ended well, or
    their cohort closed): the one way to it, with an audit entry each."""
    active = [p for p in participants if p.state == ParticipantState.ACTIVE]
    if not active:
        return
    state_changes_record(
        objects=active,
        from_states=[p.state for p in active],
        to_state=ParticipantState.COMPLETED,
        by=by,
    )
    Participant.objects.filter(pk__in=[p.pk for p in active]).update(
        state=ParticipantState.COMPLETED, updated_at=timezone.now()
    )


def nudges_set(*, user: User, on: bool) -> None:
    """Turn the person's reminders on or off; notices that change their program (a match,
    a meetup's change, a diploma) still come."""
    profile = user.profile
    if profile.nudges != on:
        profile.nudges = on
        profile.save(update_fields=["nudges", "updated_at"])


def directory_join(*, participant: Participant, joined: bool) -> None:
    """The participant joins (or leaves) their cohort's network directory: only those
    who joined see it, and are seen."""
    if participant.in_directory != joined:
        participant.in_directory = joined
        participant.save(update_fields=["in_directory", "updated_at"])
