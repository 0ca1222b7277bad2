"""Party mentorship for women (seed 000): a year with a personal mentor, two
training weekends with lodging, a before/after self-assessment of confidence.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.dates import at, first_saturday, shift, years_forward
from demo.spec import ProgramSpec, RoleSpec
from events.enums import Audience, MeetupKind
from programs.enums import (
    Cadence,
    IntakeChannel,
    IntakeMode,
    MatchingCriterion,
    OrganisationKind,
    Profession,
    QuestionKind,
    QuestionRole,
    SeatRule,
)
from programs.models import Cohort

K = QuestionKind
M = MatchingCriterion
R = QuestionRole

# How each role applies.
INTAKE = {"mentor_intake": IntakeChannel.INVITATION, "mentee_intake": IntakeChannel.PUBLIC}

# How the program matches.
MATCHING = {"mode": "coordinator"}

# The application questions beyond the profile fields.
QUESTIONS = [
    {
        "role": R.MENTEE,
        "kind": K.MULTIPLE_CHOICE,
        "text_sv": "Vilken eller vilka av programmets målgrupper tillhör du?",
        "text_en": "Which of the program's target groups do you belong to?",
        "help_sv": "Programmet vänder sig till underrepresenterade grupper.",
        "help_en": "The program is for under-represented groups.",
        "required": True,
        "sensitive": True,
        "eligible_answers": [
            "utlandsk-bakgrund",
            "funktionsnedsattning",
            "under-30",
            "over-65",
        ],
        "choices": [
            ("utlandsk-bakgrund", "Utländsk bakgrund", "Foreign background"),
            ("funktionsnedsattning", "Funktionsnedsättning", "Disability"),
            ("under-30", "Under 30 år", "Under 30"),
            ("over-65", "Över 65 år", "Over 65"),
            ("ingen", "Ingen av dessa", "None of these"),
        ],
    },
    {
        "role": R.MENTEE,
        "kind": K.YES_NO,
        "text_sv": "Har du eller vill du ha ett förtroendeuppdrag?",
        "text_en": "Do you hold, or want to hold, elected office?",
        "required": True,
        "eligible_answers": ["yes"],
    },
    {
        "role": R.MENTEE,
        "kind": K.LONG_TEXT,
        "text_sv": (
            "Behöver du anpassningar för att delta, till exempel tillgänglighet eller kost?"
        ),
        "text_en": "Do you need adjustments to take part, such as accessibility or diet?",
        "sensitive": True,
    },
    {
        "role": R.MENTEE,
        "kind": K.LONG_TEXT,
        "text_sv": "Vad vill du utvecklas inom under året?",
        "text_en": "What do you want to develop during the year?",
        "required": True,
        "matching_criterion": M.GOALS,
    },
]

# Check-in questionnaires and their schedules.
QUESTIONNAIRES = [
    {
        "kind": "self_assessment",
        "title_sv": "Självskattning: trygghet i rollen",
        "title_en": "Self-assessment: confidence in the role",
        "items": [
            (
                "scale",
                "Hur trygg känner du dig i rollen som förtroendevald?",
                "How confident do you feel in your elected role?",
            ),
            (
                "scale",
                "Hur väl känner du till det politiska hantverket?",
                "How well do you know the political craft?",
            ),
            (
                "scale",
                "Hur trygg är du att tala inför andra?",
                "How confident are you speaking in public?",
            ),
            (
                "yes_no",
                "Står du på en lista till valet 2018?",
                "Are you on a list for the 2018 election?",
                "no flag",  # a no at the start is where the program begins, not an alarm
            ),
        ],
        "schedules": [("at_start", None, "mentees"), ("at_end", None, "mentees")],
    }
]

# "Målsättningar med mentorskapsprogrammet", as the text states them.
GOALS = [
    (
        "Adepterna uttrycker större trygghet i rollen som förtroendevald efter programmet",
        "Mentees express more confidence in their elected role after the program",
        "Hur trygg känner du dig i rollen som förtroendevald?",
    ),
    (
        "Att identifiera och synliggöra hinder för att kunna bemöta och behärska dessa",
        "To identify and make visible the obstacles, so as to meet and master them",
        None,
    ),
    (
        "Att utöka adeptens nätverk",
        "To widen the mentee's network",
        None,
    ),
    (
        "Fler kvinnor från underrepresenterade grupper på listorna till valet 2018",
        "More women from under-represented groups on the lists for the 2018 election",
        "Står du på en lista till valet 2018?",
    ),
]


def meetups(cohort: Cohort) -> list[dict]:
    """The meetups on the dates the text gives."""
    start = cohort.starts_on
    y = start.year
    weekends = [first_saturday(y, 10), first_saturday(y + 1, 2)]
    return [
        {
            "kind": MeetupKind.TRAINING,
            "title_sv": f"Utbildningshelg {n}",
            "title_en": f"Training weekend {n}",
            "description_sv": "Samtal med förebilder, workshops och föreläsningar om "
            "självledarskap, att tala inför andra, förhandlingsteknik och media. Resor, mat "
            "och logi betalas av kommittén.",
            "description_en": "Role models, workshops and talks on self-leadership, public "
            "speaking, negotiation and the media. Travel, food and lodging are paid.",
            "starts_at": at(day, 10),
            "ends_at": at(day + timedelta(days=1), 15),
            "audience": Audience.MENTEES,
            "meals": True,
            "lodging": True,
            "travel_paid": True,
            "practical_sv": "Boende på kursgården i dubbelrum; säg till om du vill dela rum "
            "med någon särskild eller behöver ett eget rum. Boka resan själv, billigaste "
            "färdsätt, och spara kvittona: kommittén ersätter dem efter helgen.",
            "practical_en": "Lodging at the course centre in double rooms; say whom you would "
            "like to share with, or that you need a room of your own. Book your own journey, "
            "the cheapest way, and keep the receipts: the committee reimburses them after "
            "the weekend.",
            "items": [
                (at(day, 10), "Samling och kaffe", "Gathering and coffee"),
                (at(day, 19), "Middag", "Dinner"),
                (at(day + timedelta(days=1), 9), "Workshops", "Workshops"),
            ],
        }
        for n, day in enumerate(weekends, start=1)
    ]


def spec(today: date) -> ProgramSpec:
    """The program, with its dates moved forward from `today`."""
    y000 = years_forward(date(2017, 9, 15), today)
    return ProgramSpec(
        key="000",
        domain="kvinnor.example.se",
        program={
            "slug": "mentorskap-for-kvinnor",
            "name_sv": "Mentorskapsprogram för kvinnor i politiken",
            "name_en": "Mentorship program for women in politics",
            "summary_sv": (
                "Ett år med egen mentor, utbildning under två helger och ett nätverk av "
                "50 kvinnor som har eller vill ha förtroendeuppdrag."
            ),
            "summary_en": (
                "A year with a personal mentor, training on two weekends and a network of "
                "50 women who hold or want to hold elected office."
            ),
            "description_sv": (
                "Jämställdhets- och mångfaldskommittén driver ett ettårigt "
                "mentorskapsprogram för kvinnor inom partiet. Målgruppen är kvinnor från "
                "underrepresenterade grupper (med utländsk bakgrund, funktionsnedsättning, "
                "och/eller under 30 år eller över 65 år) som har eller vill ha "
                "förtroendeuppdrag. Definitionen av kvinna är att du själv upplever dig som "
                "kvinna. Även du med ickebinär könsidentitet är välkommen.\n\n"
                "Syftet är att skapa stödstrukturer åt kvinnliga förtroendevalda och "
                "medlemmar och rusta dem inför valrörelsen.\n\n"
                "Alla deltagare får:\n"
                "- En egen mentor som under ett år finns där för dig och hjälper dig att "
                "utvecklas.\n"
                "- Ett utbildningsprogram fördelat på två helger, en träff i oktober och en i "
                "februari: samtal med förebilder, workshops och föreläsningar om "
                "självledarskap, styrkor och svagheter, att tala inför andra, att möta "
                "motstånd, det politiska hantverket, att påverka beslut, förhandlingsteknik "
                "och att få ut budskap i media.\n"
                "- Ett nätverk av sammanlagt 50 kvinnor att utbyta erfarenheter med.\n\n"
                "Resor, mat och logi bekostas av kommittén.\n\n"
                "Målsättningar: att adepterna uttrycker större trygghet i rollen som "
                "förtroendevald efter programmet; att identifiera och synliggöra hinder; "
                "dialog och reflektion; vägledning i praktiska frågor; ett större nätverk; "
                "fler kvinnor från underrepresenterade grupper på valsedlarna."
            ),
            "description_en": (
                "The equality and diversity committee runs a one-year mentorship program for "
                "women in the party. It is for women from under-represented groups (foreign "
                "background, disability, under 30 or over 65) who hold or want to hold "
                "elected office. You are a woman if you see yourself as one; non-binary "
                "people are welcome too.\n\n"
                "Every participant gets a personal mentor for a year; a training program on "
                "two weekends, in October and February (role models, workshops and talks on "
                "self-leadership, public speaking, meeting resistance, the political craft, "
                "influencing decisions, negotiation and the media); and a network of 50 "
                "women. Travel, food and lodging are paid by the committee.\n\n"
                "Goals: mentees feel more confident in their elected role after the program; "
                "obstacles are named and handled; more women from under-represented groups "
                "on the election lists."
            ),
            "intake_mode": IntakeMode.COHORT,
            "duration_months": 12,
            "cadence": Cadence.MONTHLY,
            "fee_per_mentee": Decimal("0"),
            "fee_per_mentor": Decimal("0"),
            "fee_note_sv": "Kostnadsfritt. Resor, mat och logi betalas av programmet.",
            "fee_note_en": "Free of charge. Travel, food and lodging are paid by the program.",
            "mentee_requirements_sv": (
                "Kvinnor (självidentifierade; ickebinära välkomna) med utländsk bakgrund, "
                "funktionsnedsättning, under 30 eller över 65 år, som har eller vill ha "
                "förtroendeuppdrag."
            ),
            "mentee_requirements_en": (
                "Women (self-identified; non-binary people welcome) with a foreign "
                "background, a disability, under 30 or over 65, who hold or want to hold "
                "elected office."
            ),
            "mentor_requirements_sv": "Erfarna förtroendevalda i partiet.",
            "mentor_requirements_en": "Experienced elected representatives of the party.",
            "contact_name": "Jämställdhets- och mångfaldskommittén",
            "contact_email": "jmk@kvinnor.example.se",
        },
        cohort={
            "name_sv": "Omgång {y}/{y1}",
            "name_en": "Cohort {y}/{y1}",
            "starts_on": shift(date(2017, 10, 1), y000),
            "ends_on": shift(date(2018, 9, 30), y000),
            "deadline": shift(date(2017, 9, 15), y000),
            "mentor_seats": 25,
            "mentee_seats": 25,
            "seat_rule": SeatRule.SELECTION,
        },
        coordinator=("samordnare-kvinnor@example.org", "Sanna", "Ek"),
        organisations=[
            ("Jämställdhets- och mångfaldskommittén", OrganisationKind.PARTY, "Stockholm"),
            ("Partiet i Stockholms län", OrganisationKind.PARTY, "Stockholm"),
            ("Partiet i Västra Götaland", OrganisationKind.PARTY, "Göteborg"),
            ("Partiet i Skåne", OrganisationKind.PARTY, "Malmö"),
            ("Partiet i Uppsala län", OrganisationKind.PARTY, "Uppsala"),
            ("Partiet i Norrbotten", OrganisationKind.PARTY, "Luleå"),
        ],
        mentees=RoleSpec(
            title_pool=[
                "Ledamot i kommunfullmäktige",
                "Ersättare i regionfullmäktige",
                "Medlem, vill bli förtroendevald",
                "Ledamot i socialnämnden",
                "Styrelseledamot i lokalavdelning",
            ],
            professions=[
                Profession.POLITICIAN,
                Profession.EDUCATOR,
                Profession.HEALTHCARE,
                Profession.SPECIALIST,
                Profession.OTHER,
            ],
            areas=[
                "självledarskap",
                "att tala inför andra",
                "förhandlingsteknik",
                "media och budskap",
                "att påverka beslut",
                "det politiska hantverket",
                "att möta motstånd",
                "nätverkande",
            ],
            organisations=[
                "Partiet i Stockholms län",
                "Partiet i Västra Götaland",
                "Partiet i Skåne",
                "Partiet i Uppsala län",
                "Partiet i Norrbotten",
            ],
            languages=[
                ["sv"],
                ["sv", "en"],
                ["sv", "ar"],
                ["sv", "fa"],
                ["sv", "sgn"],
                ["sv", "so"],
                ["sv", "fi"],
            ],
            female_share=1.0,
            foreign_share=0.4,
            bio="Vill växa i rollen som förtroendevald och stå på valsedeln nästa val.",
        ),
        mentors=RoleSpec(
            title_pool=[
                "Kommunalråd",
                "Riksdagsledamot",
                "Regionråd",
                "Gruppledare",
                "Tidigare ordförande i kommunfullmäktige",
            ],
            professions=[Profession.POLITICIAN],
            areas=[
                "självledarskap",
                "att tala inför andra",
                "förhandlingsteknik",
                "media och budskap",
                "att påverka beslut",
                "det politiska hantverket",
                "att möta motstånd",
                "nätverkande",
            ],
            organisations=[
                "Partiet i Stockholms län",
                "Partiet i Västra Götaland",
                "Partiet i Skåne",
                "Partiet i Uppsala län",
                "Partiet i Norrbotten",
            ],
            languages=[["sv"], ["sv", "en"], ["sv", "en", "de"]],
            female_share=0.85,
            bio="Förtroendevald i många år; delar gärna med mig av det politiska hantverket.",
        ),
        intake=INTAKE,
        matching=MATCHING,
        questions=QUESTIONS,
        meetups=meetups,
        questionnaires=QUESTIONNAIRES,
        goals=GOALS,
    )
