"""Mentors for top politicians (seed 001): rolling intake that starts with a phone
meeting about the mentee's needs; pairs meet about monthly for a year; a fee of
8,000 SEK excl. VAT per mentee.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from demo.spec import ProgramSpec, RoleSpec
from events.enums import SessionState
from events.models import Session
from matching.enums import MatchSource, MatchState
from matching.models import Agreement, Match
from programs.enums import (
    Cadence,
    CohortState,
    IntakeChannel,
    IntakeMode,
    MatchingCriterion,
    OrganisationKind,
    Profession,
    QuestionKind,
    QuestionRole,
    Role,
    SeatRule,
)
from programs.models import Cohort

K = QuestionKind
M = MatchingCriterion
R = QuestionRole
PAIRS = 12

# How each role applies.
INTAKE = {"mentor_intake": IntakeChannel.INVITATION, "mentee_intake": IntakeChannel.PUBLIC}

# How the program matches.
MATCHING = {"mode": "rolling"}

# The application questions beyond the profile fields.
QUESTIONS = [
    {
        "role": R.MENTEE,
        "kind": K.SINGLE_CHOICE,
        "text_sv": "Vilket uppdrag har du?",
        "text_en": "Which office do you hold?",
        "required": True,
        "eligible_answers": ["kso", "rso", "oppositionsrad"],
        "choices": [
            ("kso", "Kommunstyrelsens ordförande", "Chair of a municipal board"),
            ("rso", "Regionstyrelsens ordförande", "Chair of a regional board"),
            ("oppositionsrad", "Oppositionsråd", "Opposition leader"),
            ("annat", "Annat uppdrag", "Another office"),
        ],
    },
    {
        "role": R.MENTEE,
        "kind": K.LONG_TEXT,
        "text_sv": "Vad behöver du stöd i? Det tar vi upp i telefonmötet.",
        "text_en": "What do you need support with? We talk about it in the phone meeting.",
        "required": True,
        "matching_criterion": M.GOALS,
    },
    {
        "role": R.MENTEE,
        "kind": K.SHORT_TEXT,
        "text_sv": "När passar det att vi ringer dig?",
        "text_en": "When is a good time to call you?",
    },
]

# Check-in questionnaires and their schedules.
QUESTIONNAIRES = []


def meetups(cohort: Cohort) -> list[dict]:
    """The meetups on the dates the text gives."""
    return []


def spec(today: date) -> ProgramSpec:
    """The program, with its dates moved forward from `today`."""
    return ProgramSpec(
        key="001",
        domain="toppolitiker.example.se",
        program={
            "slug": "mentor-for-toppolitiker",
            "name_sv": "Mentor för toppolitiker",
            "name_en": "Mentors for top politicians",
            "summary_sv": (
                "Erfarna ledande förtroendevalda är mentorer för kommunstyrelsens och "
                "regionstyrelsens ordförande och oppositionsråd under ett år."
            ),
            "summary_en": (
                "Experienced senior politicians mentor chairs of municipal and regional "
                "boards and opposition leaders for a year."
            ),
            "description_sv": (
                "Vi hjälper dig som ledande politiker med en mentor under ett år. Erfarna "
                "ledande förtroendevalda är mentorer som vet vad uppdraget innebär och kan "
                "bli ett bra bollplank. Programmet bygger på att ni träffas cirka en gång per "
                "månad.\n\n"
                "Vi matchar dig med en mentor efter dina behov. Vi börjar med ett "
                "telefonmöte för att ta reda på just dina behov. Därefter medverkar "
                "projektledaren på det första mötet med din mentor, för att ge stöd och "
                "formulera en överenskommelse: vad ni ska arbeta med under året, vad du vill "
                "uppnå, bli bättre på och lyckas med, och när ni ska ha möten. En avstämning "
                "sker i slutet av året.\n\n"
                "Mentorprogrammet pågår kontinuerligt och det tillkommer hela tiden nya "
                "toppolitiker som vill ha en mentor."
            ),
            "description_en": (
                "We help you as a leading politician with a mentor for a year. Experienced "
                "senior politicians are mentors who know what the office means. Pairs meet "
                "about once a month.\n\n"
                "We match you with a mentor by your needs, starting with a phone meeting. "
                "The project leader then joins your first meeting with your mentor to help "
                "write an agreement: what you will work on, what you want to achieve and "
                "when you will meet. A follow-up takes place near the end of the year.\n\n"
                "The program runs continuously: new top politicians join all the time."
            ),
            "intake_mode": IntakeMode.ROLLING,
            "duration_months": 12,
            "cadence": Cadence.MONTHLY,
            "min_meetings": 10,
            # "Lena Lindgren medverkar på det första mötet ... för att formulera en
            # överenskommelse".
            "coordinator_at_first_meeting": True,
            "fee_per_mentee": Decimal("8000"),
            "fee_per_mentor": Decimal("0"),
            "fee_excludes_vat": True,
            "fee_note_sv": "8 000 kr exklusive moms per adept.",
            "fee_note_en": "8,000 SEK excluding VAT per mentee.",
            "mentee_requirements_sv": (
                "Kommunstyrelsens ordförande, regionstyrelsens ordförande eller oppositionsråd."
            ),
            "mentee_requirements_en": (
                "Chairs of municipal or regional executive boards, or opposition leaders."
            ),
            "mentor_requirements_sv": (
                "Erfarna politiker som har haft sitt uppdrag minst en mandatperiod."
            ),
            "mentor_requirements_en": (
                "Experienced politicians who have held office for at least one term."
            ),
            "contact_name": "Lena Lindgren",
            "contact_email": "mentor@toppolitiker.example.se",
        },
        cohort={
            "name_sv": "Löpande intag",
            "name_en": "Rolling intake",
            "starts_on": date(today.year, 1, 1),
            "ends_on": None,
            "deadline": None,
            "mentor_seats": None,
            "mentee_seats": None,
            "seat_rule": SeatRule.SELECTION,
            "state": CohortState.RUNNING,
        },
        coordinator=("samordnare-toppolitiker@example.org", "Lena", "Lindström"),
        organisations=[
            (
                "Sveriges kommuner och regioner (demo)",
                OrganisationKind.ASSOCIATION,
                "Stockholm",
            ),
            ("Norrköpings kommun", OrganisationKind.MUNICIPALITY, "Norrköping"),
            ("Region Norrbotten", OrganisationKind.MUNICIPALITY, "Luleå"),
            ("Helsingborgs stad", OrganisationKind.MUNICIPALITY, "Helsingborg"),
            ("Umeå kommun", OrganisationKind.MUNICIPALITY, "Umeå"),
            ("Region Skåne", OrganisationKind.MUNICIPALITY, "Malmö"),
            ("Västerås stad", OrganisationKind.MUNICIPALITY, "Västerås"),
            ("Region Gotland", OrganisationKind.MUNICIPALITY, "Visby"),
            ("Falu kommun", OrganisationKind.MUNICIPALITY, "Falun"),
            ("Växjö kommun", OrganisationKind.MUNICIPALITY, "Växjö"),
        ],
        mentees=RoleSpec(
            title_pool=[
                "Kommunstyrelsens ordförande",
                "Regionstyrelsens ordförande",
                "Oppositionsråd",
            ],
            professions=[Profession.POLITICIAN],
            areas=[
                "ledarskap i politiken",
                "opposition",
                "budgetarbete",
                "mediehantering",
                "samverkan",
                "krishantering",
                "styrning av förvaltningen",
                "balans mellan uppdrag och privatliv",
            ],
            organisations=[
                "Norrköpings kommun",
                "Region Norrbotten",
                "Helsingborgs stad",
                "Umeå kommun",
                "Region Skåne",
                "Västerås stad",
                "Region Gotland",
                "Falu kommun",
                "Växjö kommun",
            ],
            languages=[["sv"], ["sv", "en"]],
            female_share=0.5,
            bio="Nyvald i ett ledande uppdrag och vill ha ett bollplank.",
        ),
        mentors=RoleSpec(
            title_pool=[
                "Tidigare kommunstyrelsens ordförande",
                "Tidigare regionstyrelsens ordförande",
                "Kommunalråd sedan tre mandatperioder",
            ],
            professions=[Profession.POLITICIAN],
            areas=[
                "ledarskap i politiken",
                "opposition",
                "budgetarbete",
                "mediehantering",
                "samverkan",
                "krishantering",
                "styrning av förvaltningen",
                "balans mellan uppdrag och privatliv",
            ],
            organisations=[
                "Norrköpings kommun",
                "Region Norrbotten",
                "Helsingborgs stad",
                "Umeå kommun",
                "Region Skåne",
                "Västerås stad",
                "Region Gotland",
                "Falu kommun",
                "Växjö kommun",
            ],
            languages=[["sv"], ["sv", "en"]],
            female_share=0.5,
            capacity=2,
            bio="Har lett en kommun i flera mandatperioder.",
        ),
        intake=INTAKE,
        matching=MATCHING,
        questions=QUESTIONS,
        meetups=meetups,
        questionnaires=QUESTIONNAIRES,
        pairs=pairs,
    )


def pairs(cohort: Cohort) -> None:
    """Twelve pairs matched over the last year, meeting about monthly; every fourth has
    gone quiet without signing its agreement. The demo logins stay unmatched. Done once:
    a cohort that already has matches is left as it is."""
    if Match.objects.filter(cohort=cohort).exists():
        return
    people = cohort.participants.select_related("user").order_by("pk")
    mentees = [p for p in people if p.role == Role.MENTEE][1 : PAIRS + 1]
    mentors = [p for p in people if p.role == Role.MENTOR][1 : PAIRS + 1]
    now = timezone.now()
    sessions, agreements = [], []
    for n, (mentee, mentor) in enumerate(zip(mentees, mentors, strict=False)):
        months = 2 + n % 10  # matched 2 to 11 months ago
        match = Match.objects.create(
            cohort=cohort,
            mentee=mentee,
            mentor=mentor,
            state=MatchState.ACTIVE,
            source=MatchSource.ROLLING,
            started_at=now - timedelta(days=30 * months),
        )
        quiet = n % 4 == 0
        held = range(3, months) if quiet else range(months)
        sessions += [
            Session(
                match=match,
                starts_at=now - timedelta(days=30 * month + 6, hours=n),
                duration_minutes=90,
                location="Kommunhuset",
                state=SessionState.HELD,
                actual_minutes=90,
            )
            for month in held
        ]
        if not quiet:
            signed = match.started_at + timedelta(days=10)
            agreements.append(
                Agreement(
                    match=match,
                    focus_areas="Ledarskap i en politisk organisation",
                    mentor_signed_at=signed,
                    mentee_signed_at=signed,
                )
            )
    Session.objects.bulk_create(sessions)
    Agreement.objects.bulk_create(agreements)
