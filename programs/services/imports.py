"""Participants from a spreadsheet: a cohort's people, with their accounts, profiles and
organisations, read from CSV or Excel. A dry run first says, line by line, what would be
created, changed or refused and why; the import then does it in one transaction, or
nothing at all while any line is refused. Importing the same file again changes nothing.

Every row goes through the services a person added by hand goes through
(`person_account`, `organisation_named`, `participant_add`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from mentorship.errors import Refusal
from mentorship.models import User
from programs.enums import OrganisationKind, Role
from programs.models import Cohort, Organisation, Participant, Profile, Program
from programs.rules import may_coordinate
from programs.services.core import participant_add, person_account
from programs.services.organisations import (
    org_number_valid,
    organisation_find,
    organisation_named,
)

IMPORT_ROWS_MAX = 5000
IMPORT_BYTES_MAX = 5 * 1024 * 1024
# A column heading, in either language, as the canonical name of the field.
HEADINGS = {
    "email": "email",
    "e-mail": "email",
    "e-post": "email",
    "epost": "email",
    "first name": "first_name",
    "förnamn": "first_name",
    "last name": "last_name",
    "efternamn": "last_name",
    "role": "role",
    "roll": "role",
    "organisation": "organisation",
    "organization": "organisation",
    "phone": "phone",
    "telefon": "phone",
    "title": "title",
    "titel": "title",
    "capacity": "capacity",
    "mentees": "capacity",
    "antal adepter": "capacity",
}
REQUIRED = ("email", "first_name", "last_name", "role")
ROLES = {"mentor": Role.MENTOR, "mentee": Role.MENTEE, "adept": Role.MENTEE}
PROFILE_COLUMNS = ("phone", "title")


class SpreadsheetError(Refusal):
    """The file cannot be read at all (not a spreadsheet, no heading row, too big)."""


@dataclass
class ImportLine:
    """One line of the file and what importing it does."""

    line: int
    email: str
    name: str
    role: str
    outcome: str = ""  # "create", "change", "same" or "refused"
    reasons: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportReport:
    lines: list[ImportLine]
    applied: bool = False
    token: str = ""  # the preview's, to confirm it

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    # For the page: the counts by outcome.
    count_create = property(lambda self: self.count("create"))
    count_change = property(lambda self: self.count("change"))
    count_same = property(lambda self: self.count("same"))
    count_refused = property(lambda self: self.count("refused"))

    @property
    def refused(self) -> list[ImportLine]:
        return [line for line in self.lines if line.outcome == "refused"]


def spreadsheet_rows(
    content: bytes,
    filename: str,
    *,
    headings: dict[str, str] = HEADINGS,
    required: tuple[str, ...] = REQUIRED,
) -> list[dict[str, str]]:
    """The rows of a CSV (comma, semicolon or tab; UTF-8 or Excel's UTF-8 with BOM) or an
    Excel file, keyed by canonical column name (`headings`: a heading in either language
    to its name); unknown columns are left out."""
    if len(content) > IMPORT_BYTES_MAX:
        raise SpreadsheetError(_("The file is larger than 5 MB."))
    if filename.lower().endswith((".xlsx", ".xlsm")):
        try:
            dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as error:  # any unreadable workbook, whatever openpyxl raises
            raise SpreadsheetError(_("The file could not be read as an Excel workbook.")) from error
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(_("Save the file as CSV in UTF-8, or as Excel.")) from error
        try:
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        table = [row for row in reader]
        if not table:
            raise SpreadsheetError(_("The file is empty."))
        dataset = tablib.Dataset(*table[1:], headers=table[0]) if len(table) > 1 else None
        if dataset is None:
            raise SpreadsheetError(_("The file has a heading row but no people."))
    headers = [headings.get(str(h or "").strip().lower()) for h in dataset.headers or []]
    missing = [name for name in required if name not in headers]
    if missing:
        raise SpreadsheetError(
            _("The heading row needs the columns %(columns)s.")
            % {"columns": ", ".join(_column_label(name) for name in missing)}
        )
    if len(dataset) > IMPORT_ROWS_MAX:
        raise SpreadsheetError(_("At most %(n)s people in one file.") % {"n": IMPORT_ROWS_MAX})
    rows = []
    for values in dataset:
        row = {
            name: ("" if value is None else str(value).strip())
            for name, value in zip(headers, values, strict=False)
            if name
        }
        if any(row.values()):
            rows.append(row)
        else:
            rows.append({})  # a blank line keeps its place in the line numbers
    return rows


def _column_label(name: str) -> str:
    return {
        "email": _("email"),
        "first_name": _("first name"),
        "last_name": _("last name"),
        "role": _("role"),
        "name": _("name"),
    }[name]


def _check(row: dict[str, str], number: int, seen: set) -> ImportLine:
    email = row.get("email", "").lower()
    line = ImportLine(
        line=number,
        email=email,
        name=f"{row.get('first_name', '')} {row.get('last_name', '')}".strip(),
        role=row.get("role", ""),
    )
    try:
        validate_email(email)
    except ValidationError:
        line.reasons.append(_("“%(email)s” is not an email address.") % {"email": email})
    if not row.get("first_name") or not row.get("last_name"):
        line.reasons.append(_("Give both first and last name."))
    role = ROLES.get(row.get("role", "").lower())
    if role is None:
        line.reasons.append(
            _("The role is “%(role)s”: write mentor or mentee.") % {"role": row.get("role", "")}
        )
    capacity = row.get("capacity") or ""
    if capacity and (not capacity.isdigit() or not 1 <= int(capacity) <= 20):
        line.reasons.append(_("Mentees per mentor is a whole number from 1 to 20."))
    if (email, role) in seen:
        line.reasons.append(_("The same person and role is on an earlier line."))
    seen.add((email, role))
    line.values = {
        "email": email,
        "first_name": row.get("first_name", "")[:150],
        "last_name": row.get("last_name", "")[:150],
        "role": role,
        "organisation": " ".join(row.get("organisation", "").split())[:200],
        "phone": row.get("phone", "")[:40],
        "title": row.get("title", "")[:200],
        "capacity": int(capacity) if capacity.isdigit() else 1,
    }
    return line


@dataclass
class _Known:
    """What is already there for the file's people: three queries, and one per
    organisation named, however many lines."""

    users: dict[str, User]
    participants: dict[tuple[int, str], Participant]
    organisations: dict[str, Any]

    @classmethod
    def of(cls, cohort: Cohort, lines: list[ImportLine]) -> _Known:
        emails = {line.values["email"] for line in lines if not line.reasons}
        users = {
            user.email_key: user
            for user in User.objects.annotate(email_key=Lower("email"))
            .filter(email_key__in=emails)
            .select_related("profile__organisation")
        }
        participants = {
            (p.user_id, p.role): p
            for p in Participant.objects.filter(
                cohort=cohort, user__in=[u.pk for u in users.values()]
            )
        }
        names = {line.values["organisation"] for line in lines if line.values.get("organisation")}
        return cls(users, participants, {name: organisation_find(name) for name in names})


def _plan(known: _Known, line: ImportLine) -> None:
    """What importing this line would do to the people already there."""
    values = line.values
    user = known.users.get(values["email"])
    participant = known.participants.get((user.pk, values["role"])) if user else None
    line.outcome = "same" if participant else "create"
    profile = getattr(user, "profile", None) if user else None
    if user is not None and profile is not None:
        for name in PROFILE_COLUMNS:
            if values[name] and getattr(profile, name) != values[name]:
                change = _change(name, profile, values)
                line.changes.append(_("%(field)s: %(old)s → %(new)s") % change)
        organisation = known.organisations.get(values["organisation"])
        if values["organisation"] and profile.organisation_id != getattr(organisation, "pk", -1):
            line.changes.append(
                _("organisation: %(old)s → %(new)s")
                % {
                    "old": profile.organisation.name if profile.organisation else "–",
                    "new": values["organisation"],
                }
            )
    if (
        participant is not None
        and values["role"] == Role.MENTOR
        and participant.capacity != values["capacity"]
    ):
        line.changes.append(
            _("mentees: %(old)s → %(new)s")
            % {"old": participant.capacity, "new": values["capacity"]}
        )
    if participant is not None and line.changes:
        line.outcome = "change"
    elif participant is None and user is not None:
        line.changes.append(_("an account already there joins the cohort"))


def _change(name: str, profile: Profile, values: dict) -> dict[str, str]:
    labels = {"phone": _("phone"), "title": _("title")}
    return {"field": labels[name], "old": getattr(profile, name) or "–", "new": values[name]}


def participants_import(
    *, cohort: Cohort, rows: list[dict[str, str]], by: User, apply: bool
) -> ImportReport:
    """Check every row, say what it would do, and with `apply` do it: all or nothing.
    The first line of people is line 2 (the heading row is line 1)."""
    if not may_coordinate(by, cohort):
        raise Refusal(_("You do not coordinate this program."))
    seen: set = set()
    lines = []
    for number, row in enumerate(rows, start=2):
        if row:
            lines.append(_check(row, number, seen))
    known = _Known.of(cohort, lines)
    for line in lines:
        if line.reasons:
            line.outcome = "refused"
        else:
            _plan(known, line)
    report = ImportReport(lines)
    if not apply or report.refused or not lines:
        return report
    with transaction.atomic():
        for line in lines:
            if line.outcome == "same":
                continue
            _apply(cohort, line.values)
    report.applied = True
    return report


def _apply(cohort: Cohort, values: dict[str, Any]) -> Participant:
    user, _new = person_account(
        email=values["email"], first_name=values["first_name"], last_name=values["last_name"]
    )
    profile = user.profile
    organisation = organisation_named(values["organisation"]) if values["organisation"] else None
    changed = []
    for name in PROFILE_COLUMNS:
        if values[name] and getattr(profile, name) != values[name]:
            setattr(profile, name, values[name])
            changed.append(name)
    if organisation is not None and profile.organisation_id != organisation.pk:
        profile.organisation = organisation
        changed.append("organisation")
    if changed:
        profile.save(update_fields=changed)
    participant = participant_add(
        cohort=cohort,
        user=user,
        role=values["role"],
        organisation=organisation,
        capacity=values["capacity"],
    )
    if values["role"] == Role.MENTOR and participant.capacity != values["capacity"]:
        participant.capacity = values["capacity"]
        participant.save(update_fields=["capacity", "updated_at"])
    return participant


# --- Organisations ------------------------------------------------------------------

ORGANISATION_HEADINGS = {
    "name": "name",
    "namn": "name",
    "organisation": "name",
    "organization": "name",
    "organisation number": "org_number",
    "organization number": "org_number",
    "org number": "org_number",
    "organisationsnummer": "org_number",
    "orgnr": "org_number",
    "kind": "kind",
    "typ": "kind",
    "invoice reference": "invoice_reference",
    "fakturareferens": "invoice_reference",
    "street": "street",
    "street address": "street",
    "gatuadress": "street",
    "adress": "street",
    "postcode": "postcode",
    "postnummer": "postcode",
    "city": "city",
    "ort": "city",
    "email": "email",
    "e-post": "email",
    "e-mail": "email",
    "phone": "phone",
    "telefon": "phone",
    "website": "website",
    "webbplats": "website",
}
ORGANISATION_COLUMNS = {
    "org_number": 20,
    "kind": 100,  # a name in either language, read as one of the kinds
    "invoice_reference": 100,
    "street": 200,
    "postcode": 20,
    "city": 100,
    "email": 254,
    "phone": 40,
    "website": 200,
}


def _kind(text: str) -> str | None:
    """A kind by its value or its name in either language ("Kommun eller region")."""
    from django.utils.translation import override

    wanted = text.strip().lower()
    for kind in OrganisationKind:
        names = {kind.value}
        for language in ("sv", "en"):
            with override(language):
                names.add(str(kind.label).lower())
        if wanted in names:
            return kind.value
    return None


def _check_organisation(row: dict[str, str], number: int, seen: set) -> ImportLine:
    name = " ".join(row.get("name", "").split())[:200]
    line = ImportLine(line=number, email=row.get("email", ""), name=name, role="")
    if not name:
        line.reasons.append(_("Give the organisation's name."))
    values = {"name": name}
    for column, length in ORGANISATION_COLUMNS.items():
        values[column] = row.get(column, "").strip()[:length]
    if values["org_number"] and not org_number_valid(values["org_number"]):
        line.reasons.append(
            _("“%(number)s” is not a Swedish organisation number (NNNNNN-NNNN).")
            % {"number": values["org_number"]}
        )
    if values["kind"]:
        kind = _kind(values["kind"])
        if kind is None:
            line.reasons.append(
                _("The kind “%(kind)s” is not one of %(kinds)s.")
                % {
                    "kind": values["kind"],
                    "kinds": ", ".join(str(k.label).lower() for k in OrganisationKind),
                }
            )
        values["kind"] = kind or ""
        line.role = str(OrganisationKind(kind).label) if kind else values["kind"]
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            line.reasons.append(
                _("“%(email)s” is not an email address.") % {"email": values["email"]}
            )
    if values["website"] and not values["website"].startswith(("http://", "https://")):
        values["website"] = f"https://{values['website']}"
    key = digits_of(values["org_number"]) or name.lower()
    if key in seen:
        line.reasons.append(_("The same organisation is on an earlier line."))
    seen.add(key)
    line.values = values
    return line


def digits_of(org_number: str) -> str:
    return "".join(ch for ch in org_number if ch.isdigit())[-10:]


def _organisation_for(line: ImportLine, by_number: dict[str, Organisation]) -> Organisation | None:
    """The organisation a line means: by its number when it has one, else by its name."""
    number = digits_of(line.values["org_number"])
    if number and number in by_number:
        return by_number[number]
    return organisation_find(line.values["name"])


def _plan_organisation(line: ImportLine, existing: Organisation | None, listed: set[int]) -> None:
    values = line.values
    if existing is None:
        line.outcome = "create"
        return
    labels = {
        "name": _("name"),
        "org_number": _("organisation number"),
        "kind": _("kind"),
        "invoice_reference": _("reference on invoices"),
        "street": _("street address"),
        "postcode": _("postcode"),
        "city": _("city"),
        "email": _("email"),
        "phone": _("phone"),
        "website": _("website"),
    }
    for column, label in labels.items():
        new, old = values.get(column, ""), getattr(existing, column)
        if new and new != old:  # an empty cell keeps what is there
            line.changes.append(
                _("%(field)s: %(old)s → %(new)s") % {"field": label, "old": old or "–", "new": new}
            )
    if values["name"] != existing.name:
        other = organisation_find(values["name"])
        if other is not None and other.pk != existing.pk:
            line.reasons.append(
                _("Its number is %(this)s's, its name %(other)s's.")
                % {"this": existing.name, "other": other.name}
            )
    if existing.pk not in listed:
        line.changes.append(_("added to the program's list"))
    line.outcome = "refused" if line.reasons else ("change" if line.changes else "same")


def organisations_import(
    *, program: Program, rows: list[dict[str, str]], by: User, apply: bool
) -> ImportReport:
    """The program's organisations from a spreadsheet: each line finds its organisation
    by number (or by name, case and punctuation aside), fills in what the file gives (an
    empty cell keeps what is there) and lists it in the program; new ones are created.
    A dry run says what each line would do; with `apply` it is done, all or nothing."""
    if not may_coordinate(by, program):
        raise Refusal(_("You do not coordinate this program."))
    seen: set = set()
    lines = [_check_organisation(row, n, seen) for n, row in enumerate(rows, start=2) if row]
    by_number = {digits_of(o.org_number): o for o in Organisation.objects.exclude(org_number="")}
    listed = set(program.listed_organisations.values_list("pk", flat=True))
    found: dict[int, Organisation | None] = {}
    for line in lines:
        if line.reasons:
            line.outcome = "refused"
            continue
        found[line.line] = _organisation_for(line, by_number)
        _plan_organisation(line, found[line.line], listed)
    report = ImportReport(lines)
    if not apply or report.refused or not lines:
        return report
    with transaction.atomic():
        for line in lines:
            if line.outcome != "same":
                _apply_organisation(program, line.values, found[line.line])
    report.applied = True
    return report


def _apply_organisation(
    program: Program, values: dict[str, str], organisation: Organisation | None
) -> Organisation:
    organisation = organisation or organisation_named(values["name"])
    changed = [
        column
        for column in ("name", *ORGANISATION_COLUMNS)
        if values.get(column) and values[column] != getattr(organisation, column)
    ]
    for column in changed:
        setattr(organisation, column, values[column])
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
    organisation.programs.add(program)
    return organisation
