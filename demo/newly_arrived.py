"""State employees mentoring newly arrived academics (seed 002): 20 mentor seats,
first come, first served, registered by the agencies by 11 January; a two-day
residential training and three half-day meetups.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.dates import at, shift, years_forward
from demo.spec import ProgramSpec, RoleSpec
from events.enums import Audience, MeetupKind
from programs.enums import (
    Cadence,
    IntakeChannel,
    IntakeMode,
    MatchingCriterion,
    NominationSeat,
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

CLARION = ("Hotell Clarion Sign", "Östra Järnvägsgatan 35, Stockholm")

# How each role applies.
# The agencies nominate the mentors; Korta vägen, the partner course, puts forward the
# mentees ("adepterna kommer från Korta vägen").
INTAKE = {"mentor_intake": IntakeChannel.NOMINATION, "mentee_intake": IntakeChannel.NOMINATION}

# How the program matches.
MATCHING = {"mode": "coordinator"}

# The application questions beyond the profile fields.
QUESTIONS = [
    {
        "role": R.MENTOR,
        "kind": K.SINGLE_CHOICE,
        "text_sv": "Vilken är din yrkesroll?",
        "text_en": "What is your profession?",
        "required": True,
        "matching_criterion": M.PROFESSION,
        "eligible_answers": ["economist", "lawyer", "engineer", "social_scientist", "educator"],
        "choices": [
            ("economist", "Ekonom", "Economist"),
            ("lawyer", "Jurist", "Lawyer"),
            ("engineer", "Ingenjör", "Engineer"),
            ("social_scientist", "Samhällsvetare", "Social scientist"),
            ("educator", "Pedagog", "Educator"),
            ("other", "Annan", "Other"),
        ],
    },
    {
        "role": R.BOTH,
        "kind": K.MULTIPLE_CHOICE,
        "text_sv": "Vilka dagar passar för träffar?",
        "text_en": "Which days suit you for meetings?",
        "matching_criterion": M.AVAILABILITY,
        "choices": [
            ("mon", "Måndag", "Monday"),
            ("tue", "Tisdag", "Tuesday"),
            ("wed", "Onsdag", "Wednesday"),
            ("thu", "Torsdag", "Thursday"),
            ("fri", "Fredag", "Friday"),
        ],
    },
    {
        "role": R.MENTOR,
        "kind": K.FILE,
        "text_sv": "Ditt CV (PDF)",
        "text_en": "Your CV (PDF)",
    },
]

# Check-in questionnaires and their schedules: "träffa sin adept minst en gång i
# månaden under två timmar", asked of both every 30 days from the pair's start.
QUESTIONNAIRES = [
    {
        "kind": "check_in",
        "title_sv": "Månadsavstämning",
        "title_en": "Monthly check-in",
        "items": [
            (
                "yes_no",
                "Har ni träffats minst två timmar den senaste månaden?",
                "Have you met for at least two hours in the past month?",
            ),
            (
                "scale",
                "Hur väl fungerar samtalen?",
                "How well do your conversations work?",
            ),
        ],
        "schedules": [("after_match", 30, "everyone", 30)],
    }
]


def meetups(cohort: Cohort) -> list[dict]:
    """The meetups on the dates the text gives."""
    start = cohort.starts_on
    y = start.year
    training_day = date(y, 1, 23)
    meetups = [
        {
            "kind": MeetupKind.TRAINING,
            "title_sv": "Mentorutbildning, tvådagarsinternat",
            "title_en": "Mentor training, two-day residential",
            "description_sv": "Coachande förhållningssätt och interkulturell kompetens. "
            "Logi och kost står programmet för.",
            "description_en": "Coaching and intercultural skills. Lodging and meals are "
            "paid by the program.",
            "starts_at": at(training_day, 10),
            "ends_at": at(training_day + timedelta(days=1), 12, 30),
            "audience": Audience.MENTORS,
            "mandatory": True,
            "meals": True,
            "lodging": True,
            "practical_sv": "Internatet hålls på en kursgård utanför Stockholm med enkelrum. "
            "Resan dit ordnar och betalar din myndighet.",
            "practical_en": "The residential training is held at a course centre outside "
            "Stockholm, in single rooms. Your agency arranges and pays the journey.",
            "items": [
                (at(training_day, 9, 30), "Macka och kaffe", "Sandwich and coffee"),
                (at(training_day, 10), "Utbildningen startar", "Training starts"),
                (at(training_day, 17), "Ledig tid", "Free time"),
                (at(training_day, 19), "Middag", "Dinner"),
                (at(training_day + timedelta(days=1), 8), "Dag 2 startar", "Day 2 starts"),
                (at(training_day + timedelta(days=1), 12, 30), "Gemensam lunch", "Lunch"),
            ],
        }
    ]
    for n, day in enumerate((date(y, 1, 31), date(y, 3, 28), date(y, 6, 18)), start=1):
        meetups.append(
            {
                "kind": MeetupKind.HALF_DAY,
                "title_sv": f"Halvdagsträff {n}",
                "title_en": f"Half-day meetup {n}",
                "description_sv": "Erfarenhetsutbyte, inspiration och kunskapsuppbyggnad.",
                "description_en": "Sharing experience, inspiration and learning.",
                "starts_at": at(day, 8, 30),
                "ends_at": at(day, 12),
                "audience": Audience.EVERYONE,
                "mandatory": True,
                "meals": True,
                "items": [
                    (at(day, 8, 30), "Frukostmacka", "Breakfast"),
                    (at(day, 12), "Gemensam lunch", "Lunch"),
                ],
            }
        )
    return [{**m, "venue": CLARION[0], "address": CLARION[1]} for m in meetups]


def spec(today: date) -> ProgramSpec:
    """The program, with its dates moved forward from `today`."""
    y002 = years_forward(date(2019, 1, 11), today)
    return ProgramSpec(
        key="002",
        domain="nyanlanda.example.se",
        program={
            "slug": "mentorprogrammet-stockholm",
            "name_sv": "Mentorprogrammet i Stockholm",
            "name_en": "The mentor program in Stockholm",
            "summary_sv": (
                "Statligt anställda är mentorer för nyanlända akademiker under ett halvår. "
                "20 platser, först till kvarn."
            ),
            "summary_en": (
                "State employees mentor newly arrived academics for six months. "
                "20 seats, first come, first served."
            ),
            "description_sv": (
                "I Mentorprogrammet får statligt anställda möjlighet att utvecklas samtidigt "
                "som de bidrar till att öka nyanlända akademikers kunskap om statlig "
                "verksamhet och den svenska arbetsmarknaden. Syftet är inte att skapa jobb "
                "eller praktikplats utan att öka kunskap och stödja utveckling.\n\n"
                "Det finns 20 platser och det är först till kvarn som gäller. Mentorerna "
                "anmäls, rangordnas och kvalitetssäkras av medlemsföreträdaren på varje "
                "myndighet; minst två mentorer per myndighet rekommenderas. Anmälda mentorer "
                "får sedan en utförligare ansökningsblankett som används i matchningen.\n\n"
                "I uppdraget ingår en tvådagars utbildning i internatform (23–24 januari, "
                "hotell Clarion Sign, Östra Järnvägsgatan 35), tre halvdagsträffar (31 "
                "januari, 28 mars och 18 juni, 08.30–12.00) och att träffa sin adept minst en "
                "gång i månaden under två timmar. Utbildningen och träffarna är obligatoriska "
                "och sker på arbetstid. Logi och kost står programmet för; varje myndighet "
                "står för resor.\n\n"
                "Adepterna kommer från Korta vägen, en arbetsmarknadsutbildning för "
                "akademiker med utländsk bakgrund."
            ),
            "description_en": (
                "State employees develop themselves while helping newly arrived academics "
                "learn about government work and the Swedish labour market. The aim is "
                "knowledge and development, not a job or an internship.\n\n"
                "There are 20 seats, first come, first served. Each agency's contact "
                "registers, ranks and vouches for its mentors; at least two mentors per "
                "agency are recommended. Registered mentors then fill in a fuller "
                "application used for matching.\n\n"
                "Mentors attend a two-day residential training (23 to 24 January, hotel "
                "Clarion Sign, Östra Järnvägsgatan 35), three half-day meetups (31 January, "
                "28 March and 18 June, 08:30 to 12:00), and meet their mentee at least once a "
                "month for two hours. Training and meetups are mandatory and in working "
                "time.\n\nMentees come from Korta vägen, a labour-market course for academics "
                "with a foreign background."
            ),
            "intake_mode": IntakeMode.COHORT,
            "duration_months": 6,
            "cadence": Cadence.MONTHLY,
            "min_meetings": 6,
            "hours_per_meeting": Decimal("2"),
            "total_hours_target": Decimal("12"),
            "fee_per_mentee": Decimal("0"),
            "fee_per_mentor": Decimal("0"),
            "fee_note_sv": (
                "Programmet betalar mat, hotell och utbildning; myndigheten betalar resor."
            ),
            "fee_note_en": ("The program pays food, hotel and training; the agency pays travel."),
            "mentor_requirements_sv": (
                "Yrkesroll som ekonom, jurist, ingenjör, samhällsvetare eller pedagog.\n"
                "Talar minst svenska och engelska.\n"
                "Drivande och engagerad; god självkännedom; en god lyssnare; god förståelse "
                "för den statliga tjänstemannarollen; intresserad av att möta nya människor."
            ),
            "mentor_requirements_en": (
                "A profession as economist, lawyer, engineer, social scientist or educator.\n"
                "Speaks at least Swedish and English.\n"
                "Driven and committed; self-aware; a good listener; understands the role of "
                "a civil servant; interested in meeting new people."
            ),
            # "Som mentor behöver man tala minst svenska och engelska": both, checked on
            # the profile's languages (one question, not a second one on the form).
            "mentor_languages": ["sv", "en"],
            "mentee_requirements_sv": "Deltagare i Korta vägen, nyanlända akademiker.",
            "mentee_requirements_en": "Newly arrived academics taking part in Korta vägen.",
            "contact_name": "Elisabeth Sandin",
            "contact_email": "mentorprogrammet@nyanlanda.example.se",
        },
        cohort={
            "name_sv": "Våren {y1}",
            "name_en": "Spring {y1}",
            "starts_on": shift(date(2019, 1, 1), y002),
            "ends_on": shift(date(2019, 6, 30), y002),
            "deadline": shift(date(2019, 1, 11), y002),
            "nomination_deadline": shift(date(2019, 1, 11), y002),
            "mentor_seats": 20,
            "mentee_seats": 20,
            "seat_rule": SeatRule.FIRST_COME,
            # "20 platser, först till kvarn" for the agencies' registrations by 11 January.
            "nomination_seat": NominationSeat.REGISTRATION,
            "nominations_minimum": 2,
            "mentee_partner": "Korta vägen",
        },
        coordinator=("samordnare-nyanlanda@example.org", "Elsa", "Sandén"),
        organisations=[
            ("Arbetsgivarverket (demo)", OrganisationKind.AGENCY, "Stockholm"),
            ("Korta vägen", OrganisationKind.EDUCATION, "Stockholm"),
            ("Skatteverket", OrganisationKind.AGENCY, "Stockholm"),
            ("Försäkringskassan", OrganisationKind.AGENCY, "Stockholm"),
            ("Migrationsverket", OrganisationKind.AGENCY, "Norrköping"),
            ("Kammarkollegiet", OrganisationKind.AGENCY, "Stockholm"),
            ("Statistiska centralbyrån", OrganisationKind.AGENCY, "Solna"),
            ("Naturvårdsverket", OrganisationKind.AGENCY, "Stockholm"),
            ("Trafikverket", OrganisationKind.AGENCY, "Solna"),
            ("Boverket", OrganisationKind.AGENCY, "Karlskrona"),
            ("Kriminalvården", OrganisationKind.AGENCY, "Norrköping"),
            ("Riksrevisionen", OrganisationKind.AGENCY, "Stockholm"),
        ],
        contacts=[
            ("kontakt.skatteverket@nyanlanda.example.se", "Karin", "Holm", "Skatteverket"),
            ("kontakt.trafikverket@nyanlanda.example.se", "Per", "Wallin", "Trafikverket"),
            ("kontakt.kortavagen@nyanlanda.example.se", "Lina", "Ekström", "Korta vägen"),
        ],
        mentors=RoleSpec(
            title_pool=[
                "Utredare",
                "Verksjurist",
                "Controller",
                "Handläggare",
                "Projektledare",
                "Sektionschef",
            ],
            professions=[
                Profession.ECONOMIST,
                Profession.LAWYER,
                Profession.ENGINEER,
                Profession.SOCIAL_SCIENTIST,
                Profession.EDUCATOR,
            ],
            areas=[
                "ekonomi",
                "juridik",
                "teknik",
                "samhällsvetenskap",
                "pedagogik",
                "statlig förvaltning",
                "svensk arbetsmarknad",
                "ansökningar och CV",
            ],
            organisations=[
                "Skatteverket",
                "Försäkringskassan",
                "Migrationsverket",
                "Kammarkollegiet",
                "Statistiska centralbyrån",
                "Naturvårdsverket",
                "Trafikverket",
                "Boverket",
                "Kriminalvården",
                "Riksrevisionen",
            ],
            languages=[
                ["sv", "en"],
                ["sv", "en", "de"],
                ["sv", "en", "fr"],
                ["sv", "en", "ar"],
                ["sv", "en", "es"],
            ],
            female_share=0.55,
            bio="Statligt anställd som gärna delar med mig av hur förvaltningen fungerar.",
        ),
        mentees=RoleSpec(
            title_pool=["Ekonom", "Jurist", "Civilingenjör", "Samhällsvetare", "Lärare"],
            professions=[
                Profession.ECONOMIST,
                Profession.LAWYER,
                Profession.ENGINEER,
                Profession.SOCIAL_SCIENTIST,
                Profession.EDUCATOR,
            ],
            areas=[
                "ekonomi",
                "juridik",
                "teknik",
                "samhällsvetenskap",
                "pedagogik",
                "statlig förvaltning",
                "svensk arbetsmarknad",
                "ansökningar och CV",
            ],
            organisations=["Korta vägen"],
            languages=[
                ["en", "ar"],
                ["sv", "en", "ar"],
                ["en", "fa"],
                ["sv", "en", "ti"],
                ["en", "so"],
                ["sv", "en", "tr"],
                ["en", "ru"],
                ["sv", "en", "ku"],
            ],
            female_share=0.5,
            foreign_share=1.0,
            english_share=0.4,
            bio="Akademiker med utländsk examen som vill lära känna statlig verksamhet.",
        ),
        intake=INTAKE,
        matching=MATCHING,
        questions=QUESTIONS,
        meetups=meetups,
        questionnaires=QUESTIONNAIRES,
    )
