"""Organisations: one per agency, found by name whatever its case and punctuation,
listed per program, merged when two turn out to be one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorship.errors import Refusal
from mentorship.models import User
from mentorship.services import email_queue, password_choose_path
from programs.models import (
    Nomination,
    Organisation,
    OrganisationContact,
    Participant,
    Profile,
    Program,
)
from programs.models.core import normalised_name
from programs.rules import may_coordinate
from programs.services.core import person_account


class OrganisationError(Refusal):
    """A refusal to show the coordinator, already translated."""


def org_number_valid(number: str) -> bool:
    """A Swedish organisation (or personal) number: ten digits, or twelve with the
    century, whose last digit is the Luhn check digit of the nine before it."""
    digits = [int(ch) for ch in number if ch.isdigit()]
    if len(digits) not in (10, 12) or any(ch not in "0123456789- " for ch in number):
        return False
    digits = digits[-10:]
    total = 0
    for position, digit in enumerate(digits[:9]):
        product = digit * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10 == digits[9]


def organisation_find(name: str) -> Organisation | None:
    """The organisation this name means (case, spacing and punctuation aside)."""
    return (
        Organisation.objects.annotate(key=normalised_name(Value(name)))
        .filter(name_key=F("key"))
        .first()
    )


def organisation_named(name: str) -> Organisation:
    """The organisation of this name, created when new. Two people typing the same new
    name at once get the same row: the database's unique key decides."""
    name = " ".join(name.split())
    existing = organisation_find(name)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name)
    except IntegrityError:
        found = organisation_find(name)
        if found is None:
            raise
        return found


@transaction.atomic
def organisation_merge(*, keep: Organisation, merge: Organisation, by: User) -> Organisation:
    """Fold `merge` into `keep`: every program, contact, profile, participant, fee and
    nomination that named `merge` names `keep`; then `merge` is deleted. Logged in the
    admin's history of `keep`."""
    if keep.pk == merge.pk:
        raise OrganisationError(_("An organisation cannot be merged into itself."))
    Program.objects.filter(organiser=merge).update(organiser=keep)
    for contact in OrganisationContact.objects.filter(organisation=merge):
        twin = OrganisationContact.objects.filter(
            organisation=keep, user_id=contact.user_id, program_id=contact.program_id
        )
        if twin.exists():
            contact.delete()
        else:
            OrganisationContact.objects.filter(pk=contact.pk).update(organisation=keep)
    Profile.objects.filter(organisation=merge).update(organisation=keep)
    Participant.objects.filter(organisation=merge).update(organisation=keep)
    Participant.objects.filter(paying_organisation=merge).update(paying_organisation=keep)
    Nomination.objects.filter(organisation=merge).update(organisation=keep)
    keep.programs.add(*merge.programs.all())
    merged_name = merge.name
    merge.delete()
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[keep],
        action_flag=CHANGE,
        change_message=f"Merged “{merged_name}” into this organisation.",
        single_object=True,
    )
    return keep


def contact_invite(
    *,
    program: Program,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    email: str,
    by: User,
    title: str = "",
) -> OrganisationContact:
    """Make this person a contact for the organisation in the program, creating their
    account when new, and email them an invitation: who invited them, a link to choose a
    password (or to log in, for an account that has one) and their dashboard, where the
    program's nomination forms are. Inviting the same person again for the same
    organisation and program keeps one contact and sends nothing more."""
    if not may_coordinate(by, program):
        raise OrganisationError(_("You do not coordinate this program."))
    with transaction.atomic():
        user, _new = person_account(email=email, first_name=first_name, last_name=last_name)
        organisation.programs.add(program)  # on the program's list from now on
        contact, created = OrganisationContact.objects.get_or_create(
            organisation=organisation, user=user, program=program, defaults={"title": title}
        )
        if created:
            email_queue(
                to=user.email,
                user=user,
                subject=gettext_lazy("You are invited as a contact person in %(program)s"),
                template="contact_invitation",
                context={
                    "name": user.first_name,
                    "organisation": organisation.name,
                    "program": program,
                    "inviter": by.get_full_name() or by.email,
                    "password_url": ""
                    if user.has_usable_password()
                    else password_choose_path(user),
                    "login_url": reverse("account_login"),
                    "dashboard_url": reverse("dashboard"),
                },
                idempotency_key=f"contact_invite:{contact.pk}",
            )
    return contact


@dataclass(frozen=True)
class ContactLine:
    first_name: str
    last_name: str
    email: str
    organisation: str
    title: str = ""


def contact_lines_parse(text: str) -> tuple[list[ContactLine], list[str]]:
    """The contact persons typed one per line, "First Last, email, Organisation[, title]"
    (commas, semicolons or tabs, as pasted from a spreadsheet); returns the people and,
    for each line that is not right, what is wrong with it."""
    people, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in re.split(r"[,;\t]", line)]
        if len(parts) < 3:
            errors.append(
                _("Line %(n)s: write name, email and organisation, separated by commas.")
                % {"n": number}
            )
            continue
        name, email, organisation, title = parts[0], parts[1], parts[2], ", ".join(parts[3:])
        first, _space, last = " ".join(name.split()).partition(" ")
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("Line %(n)s: “%(email)s” is not an email address.")
                % {"n": number, "email": email}
            )
            continue
        if not first or not last:
            errors.append(_("Line %(n)s: give both first and last name.") % {"n": number})
            continue
        if not organisation:
            errors.append(_("Line %(n)s: name the organisation.") % {"n": number})
            continue
        key = (email.lower(), " ".join(organisation.lower().split()))
        if key in seen:
            continue  # the same person for the same organisation, pasted twice
        seen.add(key)
        people.append(ContactLine(first, last, email, organisation[:200], title[:200]))
    return people, errors


def contacts_invite(*, program: Program, people: list[ContactLine], by: User) -> tuple[int, int]:
    """Invite many contact persons at once (003's agencies, pasted from a list), each
    through `contact_invite`, all or none; returns (invited now, already contacts)."""
    if not may_coordinate(by, program):
        raise OrganisationError(_("You do not coordinate this program."))
    invited = already = 0
    with transaction.atomic():
        for person in people:
            organisation = organisation_named(person.organisation)
            known = OrganisationContact.objects.filter(
                organisation=organisation, program=program, user__email__iexact=person.email
            ).exists()
            contact_invite(
                program=program,
                organisation=organisation,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                title=person.title,
                by=by,
            )
            already += known
            invited += not known
    return invited, already
