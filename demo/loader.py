"""Builds the reference programs (one module each in this app) through the product's own
services, idempotently: a second run brings them up to date and adds nothing twice.

Dates of the originals (2017 to 2019) are moved forward by whole years to the first year
in which their application deadline has not yet passed, so that every demo cohort can
still be applied to. People are invented: plausible Swedish names on example domains.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from demo import cross_agency, entrepreneurs, newly_arrived, top_politicians, women_in_politics
from demo.dates import at
from demo.people import (
    FEMALE,
    FOREIGN_FEMALE,
    FOREIGN_MALE,
    FOREIGN_SURNAMES,
    MALE,
    SURNAMES,
    ascii_name,
)
from demo.spec import ProgramSpec, RoleSpec
from events.models import (
    CheckInSchedule,
    Meetup,
    MeetupItem,
    ProgramGoal,
    Questionnaire,
    QuestionnaireItem,
)
from matching.models import MatchingPolicy
from mentorship.models import User
from programs.enums import ApplicationState, CohortState, Region, Role
from programs.models import (
    Application,
    Cohort,
    Organisation,
    OrganisationContact,
    Program,
    Question,
    QuestionChoice,
)
from programs.services.core import coordinator_add, participant_add
from programs.services.organisations import organisation_find

PEOPLE_PER_ROLE = 22
REFERENCE_PROGRAMS = (
    women_in_politics,
    top_politicians,
    newly_arrived,
    cross_agency,
    entrepreneurs,
)


def program_specs(today: date) -> list[ProgramSpec]:
    """The five programs, with their dates moved forward from `today`."""
    return [module.spec(today) for module in REFERENCE_PROGRAMS]


PROGRAM_OFFICE = ("kansli@example.org", "Programkansliet", "")
SUPERUSER = ("admin@example.org", "Admin", "")


@dataclass
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    title: str = ""
    organisation: Organisation | None = None
    profile: dict = field(default_factory=dict)


class DemoLoader:
    def __init__(self, today: date) -> None:
        self.today = today
        self.password = make_password(settings.DEMO_PASSWORD)  # one hash for every demo user
        self.organisations: dict[str, Organisation] = {}
        self.logins: list[tuple[str, str]] = []

    def user(self, person: DemoPerson, *, staff: bool = False, superuser: bool = False) -> User:
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create(
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                password=self.password,
                is_staff=staff or superuser,
                is_superuser=superuser,
            )
            EmailAddress.objects.get_or_create(
                user=user, email=person.email, defaults={"verified": True, "primary": True}
            )
            profile = user.profile
            profile.organisation = person.organisation
            profile.title = person.title
            for key, value in person.profile.items():
                setattr(profile, key, value)
            profile.save()
        return user

    def organisation(self, name: str, kind: str, city: str, org_number: str = "") -> Organisation:
        if name not in self.organisations:
            # The same agency under another spelling (typed by an applicant) is reused.
            organisation = organisation_find(name) or Organisation(name=name)
            organisation.kind, organisation.city = kind, city
            organisation.org_number = org_number or organisation.org_number
            organisation.save()
            self.organisations[name] = organisation
        return self.organisations[name]

    def people(
        self, spec: ProgramSpec, role: str, role_spec: RoleSpec, count: int
    ) -> list[DemoPerson]:
        rng = random.Random(f"{spec.key}-{role}")
        people: list[DemoPerson] = []
        seen: set[str] = set()
        label = "adept" if role == Role.MENTEE else "mentor"
        while len(people) < count:
            female = rng.random() < role_spec.female_share
            foreign = rng.random() < role_spec.foreign_share
            if foreign:
                first = rng.choice(FOREIGN_FEMALE if female else FOREIGN_MALE)
                last = rng.choice(FOREIGN_SURNAMES)
            else:
                first = rng.choice(FEMALE if female else MALE)
                last = rng.choice(SURNAMES)
            local = f"{ascii_name(first)}.{ascii_name(last)}"
            if local in seen:
                continue
            seen.add(local)
            # The first of each role gets an easy login, printed by `make run`.
            email = f"{label}@{spec.domain}" if not people else f"{local}@{spec.domain}"
            organisation = self.organisations[rng.choice(role_spec.organisations)]
            areas = rng.sample(role_spec.areas, k=min(3, len(role_spec.areas)))
            people.append(
                DemoPerson(
                    email=email,
                    first_name=first,
                    last_name=last,
                    title=rng.choice(role_spec.title_pool),
                    organisation=organisation,
                    profile={
                        "phone": f"07{rng.randint(0, 9)}-{rng.randint(100, 999)} "
                        f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                        "profession": rng.choice(role_spec.professions),
                        "languages": rng.choice(role_spec.languages),
                        "competence_areas": areas,
                        "region": rng.choice([r for r in Region.values if r != Region.REMOTE]),
                        "bio": role_spec.bio,
                        "preferred_language": "en"
                        if rng.random() < role_spec.english_share
                        else "sv",
                    },
                )
            )
        return people

    def program(self, spec: ProgramSpec, office: User) -> Program:
        for name, kind, city, *number in spec.organisations:  # (…, organisation number)
            self.organisation(name, kind, city, *number)
        organiser = self.organisations[spec.organisations[0][0]]
        program, _ = Program.objects.update_or_create(
            slug=spec.program["slug"],
            defaults={**spec.program, "organiser": organiser, "is_published": True},
        )
        email, first, last = spec.coordinator
        coordinator = self.user(
            DemoPerson(email, first, last, title="Programansvarig", organisation=organiser),
            staff=True,
        )
        # The program's own list on its application form.
        program.listed_organisations.add(
            *(self.organisations[name] for name, *_rest in spec.organisations)
        )
        coordinator_add(program=program, user=coordinator)
        coordinator_add(program=program, user=office)
        self.logins.append((email, f"coordinator of «{program.name_sv}»"))

        cohort_spec = dict(spec.cohort)
        deadline: date | None = cohort_spec.pop("deadline")
        nomination: date | None = cohort_spec.pop("nomination_deadline", None)
        if partner := cohort_spec.pop("mentee_partner", None):  # an organisation's name
            cohort_spec["mentee_partner"] = self.organisations[partner]
        state = cohort_spec.pop("state", CohortState.RECRUITING)
        starts_on: date = cohort_spec["starts_on"]
        years = {"y": starts_on.year, "y1": (cohort_spec["ends_on"] or starts_on).year}
        cohort_spec["name_sv"] = cohort_spec["name_sv"].format(**years)
        cohort_spec["name_en"] = cohort_spec["name_en"].format(**years)
        cohort = Cohort.objects.filter(program=program).order_by("pk").first() or Cohort(
            program=program
        )
        for key, value in cohort_spec.items():
            setattr(cohort, key, value)
        cohort.state = state
        cohort.application_opens_at = at(deadline - timedelta(days=300), 8, 0) if deadline else None
        cohort.application_closes_at = at(deadline) if deadline else None
        cohort.nomination_deadline = at(nomination) if nomination else None
        for key, value in spec.intake.items():
            setattr(cohort, key, value)
        cohort.save()
        self.questions(program, spec.questions)
        MatchingPolicy.objects.update_or_create(program=program, defaults=spec.matching)
        self.meetups(cohort, spec.meetups(cohort))
        self.questionnaires(program, spec.questionnaires)
        self.goals(program, spec.goals)

        for contact_email, first, last, organisation_name in spec.contacts:
            organisation = self.organisations[organisation_name]
            user = self.user(
                DemoPerson(contact_email, first, last, "Medlemsföreträdare", organisation)
            )
            OrganisationContact.objects.get_or_create(
                organisation=organisation,
                user=user,
                program=program,
                defaults={"title": "Medlemsföreträdare"},
            )
            self.logins.append((contact_email, f"organisation contact, {organisation_name}"))

        for role, role_spec in ((Role.MENTEE, spec.mentees), (Role.MENTOR, spec.mentors)):
            seats = cohort.seats_for(role)
            count = PEOPLE_PER_ROLE if seats is None else min(PEOPLE_PER_ROLE, seats)
            for index, person in enumerate(self.people(spec, role, role_spec, count)):
                user = self.user(person)
                # The program's fee rule, as for anyone the coordinator accepts.
                participant = participant_add(
                    cohort=cohort,
                    user=user,
                    role=role,
                    organisation=person.organisation,
                    capacity=role_spec.capacity,
                )
                if participant.fee_amount and index % 2 == 0 and not participant.paid_on:
                    # Every other fee already paid, with an invoice reference.
                    participant.invoice_reference = f"F-{program.pk:03d}-{index + 1:04d}"
                    participant.paid_on = timezone.localdate()
                    participant.save(update_fields=["invoice_reference", "paid_on", "updated_at"])
                # Everyone came in through an application that was accepted, holding a
                # seat where seats are limited.
                Application.objects.get_or_create(
                    cohort=cohort,
                    role=role,
                    user=user,
                    defaults={
                        "state": ApplicationState.ACCEPTED,
                        "queue_number": index + 1,
                        "seat_number": index + 1 if seats is not None else None,
                        "participant": participant,
                        "consent_text": str(program.privacy_notice),
                        "consent_given_at": timezone.now(),
                        "decided_at": timezone.now(),
                        "submission_token": uuid.uuid4(),
                    },
                )
                if index == 0:
                    self.logins.append((person.email, f"{role} in «{program.name_sv}»"))
        if spec.pairs is not None:
            spec.pairs(cohort)
        return program

    def questions(self, program: Program, questions: list[dict]) -> None:
        """The program's application questions, matched on their Swedish text."""
        for order, spec in enumerate(questions, start=1):
            spec = dict(spec)
            choices = spec.pop("choices", [])
            question, _ = Question.objects.update_or_create(
                program=program, text_sv=spec.pop("text_sv"), defaults={**spec, "order": order}
            )
            for choice_order, (value, label_sv, label_en) in enumerate(choices, start=1):
                QuestionChoice.objects.update_or_create(
                    question=question,
                    value=value,
                    defaults={"label_sv": label_sv, "label_en": label_en, "order": choice_order},
                )

    @transaction.atomic
    def load(self) -> list[Program]:
        admin = self.user(DemoPerson(*SUPERUSER), superuser=True)
        office = self.user(DemoPerson(*PROGRAM_OFFICE), staff=True)
        self.logins += [
            (admin.email, "superuser"),
            (office.email, "program office: coordinator of all five programs"),
        ]
        return [self.program(spec, office) for spec in program_specs(self.today)]

    def meetups(self, cohort: Cohort, meetups: list[dict]) -> None:
        """The cohort's meetups and their schedules, matched on their Swedish title."""
        for spec in meetups:
            spec = dict(spec)
            items = spec.pop("items", [])
            meetup, _ = Meetup.objects.update_or_create(
                cohort=cohort, title_sv=spec.pop("title_sv"), defaults=spec
            )
            meetup.items.all().delete()
            MeetupItem.objects.bulk_create(
                MeetupItem(meetup=meetup, starts_at=moment, title_sv=sv, title_en=en)
                for moment, sv, en in items
            )

    def questionnaires(self, program: Program, questionnaires: list[dict]) -> None:
        """The program's check-in questionnaires with their schedules, made once: answers
        may hang on their questions, so one already there is left as it is."""
        for spec in questionnaires:
            questionnaire, created = Questionnaire.objects.get_or_create(
                program=program,
                title_sv=spec["title_sv"],
                defaults={"kind": spec["kind"], "title_en": spec["title_en"]},
            )
            if not created:
                continue
            QuestionnaireItem.objects.bulk_create(
                QuestionnaireItem(
                    questionnaire=questionnaire,
                    order=n,
                    kind=kind,
                    text_sv=sv,
                    text_en=en,
                    low_at_most=2 if kind == "scale" else None,
                    flag_on_no=kind == "yes_no" and not flag_off,
                )
                # (kind, Swedish, English), and "no flag" for a no that is no alarm
                for n, (kind, sv, en, *flag_off) in enumerate(spec["items"], start=1)
            )
            CheckInSchedule.objects.bulk_create(
                CheckInSchedule(
                    questionnaire=questionnaire,
                    trigger=trigger,
                    days=days,
                    audience=to,
                    repeat_every=repeat[0] if repeat else None,  # (trigger, days, to, every)
                )
                for trigger, days, to, *repeat in spec["schedules"]
            )

    def goals(self, program: Program, goals: list[tuple[str, str, str | None]]) -> None:
        """The program's goals, each tied to the check-in question that measures it."""
        for order, (sv, en, measured_by) in enumerate(goals, start=1):
            item = (
                QuestionnaireItem.objects.filter(
                    questionnaire__program=program, text_sv=measured_by
                ).first()
                if measured_by
                else None
            )
            ProgramGoal.objects.update_or_create(
                program=program, text_sv=sv, defaults={"text_en": en, "item": item, "order": order}
            )


def demo_load(today: date | None = None) -> DemoLoader:
    """Create or bring up to date the five reference programs; safe to run again."""
    loader = DemoLoader(today or timezone.localdate())
    loader.load()
    return loader
