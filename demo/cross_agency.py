"""Cross-agency mentoring for employees (seed 003): mentor and mentee from
different agencies, both nominated by their agencies; a kick-off and two
inspiration lectures.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from demo.dates import at, shift, years_forward
from demo.spec import ProgramSpec, RoleSpec
from events.enums import MeetupKind
from programs.enums import (
    Booker,
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
INTAKE = {"mentor_intake": IntakeChannel.NOMINATION, "mentee_intake": IntakeChannel.NOMINATION}

# How the program matches.
MATCHING = {"mode": "coordinator", "different_organisation": True}

# The application questions beyond the profile fields.
QUESTIONS = [
    {
        "role": R.MENTOR,
        "kind": K.NUMBER,
        "text_sv": "Hur många år har du varit chef med personalansvar?",
        "text_en": "How many years have you been a manager with staff responsibility?",
        "required": True,
        "eligible_minimum": 5,
        "matching_criterion": M.EXPERIENCE,
    },
    {
        "role": R.MENTEE,
        "kind": K.NUMBER,
        "text_sv": "Hur många år har du arbetat i ett kvalificerat sammanhang?",
        "text_en": "How many years of qualified work do you have?",
        "required": True,
        "eligible_minimum": 5,
        "matching_criterion": M.EXPERIENCE,
    },
    {
        "role": R.BOTH,
        "kind": K.NUMBER,
        "text_sv": "Hur många av dem i statsförvaltningen?",
        "text_en": "How many of them in government?",
        "required": True,
        "eligible_minimum": 2,
    },
    {
        "role": R.MENTEE,
        "kind": K.LONG_TEXT,
        "text_sv": "Vad vill du arbeta med under programmet?",
        "text_en": "What do you want to work on during the program?",
        "required": True,
        "matching_criterion": M.GOALS,
    },
]

# Check-in questionnaires and their schedules.
QUESTIONNAIRES = []


def meetups(cohort: Cohort) -> list[dict]:
    """The meetups on the dates the text gives."""
    start = cohort.starts_on
    y = start.year
    return [
        {
            "kind": MeetupKind.KICK_OFF,
            "title_sv": "Uppstart",
            "title_en": "Kick-off",
            "starts_at": at(start, 13),
            "ends_at": at(start, 16),
            "mandatory": True,
        },
        {
            "kind": MeetupKind.LECTURE,
            "title_sv": "Inspirationsföreläsning: att leda förändring",
            "title_en": "Inspiration lecture: leading change",
            "starts_at": at(date(y, 11, 12), 14),
            "ends_at": at(date(y, 11, 12), 16),
        },
        {
            "kind": MeetupKind.LECTURE,
            "title_sv": "Inspirationsföreläsning: karriär i staten",
            "title_en": "Inspiration lecture: careers in government",
            "starts_at": at(date(y + 1, 3, 10), 14),
            "ends_at": at(date(y + 1, 3, 10), 16),
        },
    ]


def spec(today: date) -> ProgramSpec:
    """The program, with its dates moved forward from `today`."""
    y003 = years_forward(date(2018, 5, 17), today)
    return ProgramSpec(
        key="003",
        domain="myndigheter.example.se",
        program={
            "slug": "mentorskap-for-medarbetare",
            "name_sv": "Mentorskap för medarbetare i staten",
            "name_en": "Cross-agency mentoring for government employees",
            "summary_sv": (
                "Tio månader av dialog och reflektion mellan mentorer och adepter från "
                "olika myndigheter, cirka 40 timmar, med uppstart och "
                "inspirationsföreläsningar."
            ),
            "summary_en": (
                "Ten months of dialogue and reflection between mentors and mentees from "
                "different agencies, about 40 hours, with a kick-off and inspiration "
                "lectures."
            ),
            "description_sv": (
                "Syftet är att stärka yrkesrollen genom personlig och professionell "
                "utveckling, skapa nätverk samt tillvarata och sprida erfarenheter mellan "
                "myndigheter.\n\n"
                "Mentor och adept träffas regelbundet under tio månader, vanligtvis "
                "september till juni, för dialog och reflektion inom medarbetarutveckling. "
                "Alla träffas vid uppstart och vid ett par gemensamma "
                "inspirationsföreläsningar. Adepterna driver programmet: de ser till att "
                "träffarna blir av och styr innehållet. Mentorn stöder och följer, leder och "
                "råder. Mentor och adept kommer från olika myndigheter.\n\n"
                "Mentorer och adepter bör kunna avsätta cirka 40 timmar under perioden.\n\n"
                "Respektive myndighet föreslår själv såväl mentorer som adepter."
            ),
            "description_en": (
                "The aim is to strengthen the professional role through personal and "
                "professional development, to build networks and to share experience "
                "between agencies.\n\n"
                "Mentor and mentee meet regularly for ten months, usually September to "
                "June. Everyone meets at the kick-off and a couple of inspiration lectures. "
                "Mentees drive the program: they make the meetings happen and set their "
                "content. Mentor and mentee come from different agencies. Plan for about "
                "40 hours.\n\nEach agency nominates both its mentors and its mentees."
            ),
            "intake_mode": IntakeMode.COHORT,
            "duration_months": 10,
            "cadence": Cadence.BIWEEKLY,
            # "Adepterna driver programmet genom att se till att de individuella
            # träffarna sker".
            "meetings_booked_by": Booker.MENTEE,
            "total_hours_target": Decimal("40"),
            "fee_per_mentee": Decimal("5000"),
            "fee_per_mentee_max": Decimal("8000"),
            "fee_per_mentor": Decimal("0"),
            "fee_note_sv": (
                "Självkostnadspris, ca 5 000–8 000 kr per adept beroende på antal. "
                "Kostnadsfritt för mentorer. Var och en står för egna resekostnader."
            ),
            "fee_note_en": (
                "At cost, about 5,000 to 8,000 SEK per mentee depending on numbers. Free for "
                "mentors. Everyone pays their own travel."
            ),
            "mentee_requirements_sv": (
                "Mer seniora medarbetare med specialist-, generalist-, samordnings- eller "
                "projektroll, med minst fem års erfarenhet av arbetslivet i ett kvalificerat "
                "sammanhang, varav minst två år i statsförvaltningen."
            ),
            "mentee_requirements_en": (
                "Senior specialists, generalists, coordinators or project staff with at "
                "least five years of qualified work, at least two of them in government."
            ),
            "mentor_requirements_sv": (
                "Minst fem års erfarenhet som chef med personalansvar eller som ledare i "
                "annat sammanhang med stor erfarenhet av att coacha och utveckla "
                "medarbetare, varav minst 2–5 års erfarenhet inom statsförvaltningen."
            ),
            "mentor_requirements_en": (
                "At least five years as a manager with staff responsibility, or as a leader "
                "with long experience of coaching staff, of which 2 to 5 years in "
                "government."
            ),
            "contact_name": "Rörlighet i staten",
            "contact_email": "rorlighet@myndigheter.example.se",
        },
        cohort={
            "name_sv": "Hösten {y}–våren {y1}",
            "name_en": "Autumn {y} to spring {y1}",
            "starts_on": shift(date(2018, 9, 3), y003),
            "ends_on": shift(date(2019, 6, 14), y003),
            "deadline": shift(date(2018, 5, 17), y003),
            "nomination_deadline": shift(date(2018, 5, 17), y003),
            "mentor_seats": 24,
            "mentee_seats": 24,
            "seat_rule": SeatRule.SELECTION,
        },
        coordinator=("samordnare-myndigheter@example.org", "Johan", "Bergqvist"),
        organisations=[
            # With demo organisation numbers (valid in form, not the agencies' own):
            # the fee invoices are Peppol e-invoices addressed by them.
            ("Rörlighet i staten (demo)", OrganisationKind.AGENCY, "Stockholm", "202100-0019"),
            ("Ekonomistyrningsverket", OrganisationKind.AGENCY, "Stockholm", "202100-0027"),
            ("Statskontoret", OrganisationKind.AGENCY, "Stockholm", "202100-0035"),
            ("Tillväxtverket", OrganisationKind.AGENCY, "Stockholm", "202100-0043"),
            ("Energimyndigheten", OrganisationKind.AGENCY, "Eskilstuna", "202100-0050"),
            ("Lantmäteriet", OrganisationKind.AGENCY, "Gävle", "202100-0068"),
            ("Bolagsverket", OrganisationKind.AGENCY, "Sundsvall", "202100-0076"),
            ("Vinnova", OrganisationKind.AGENCY, "Stockholm", "202100-0084"),
            ("Kammarkollegiet", OrganisationKind.AGENCY, "Stockholm", "202100-0092"),
        ],
        mentors=RoleSpec(
            title_pool=["Enhetschef", "Avdelningschef", "Sektionschef", "Gruppchef"],
            professions=[Profession.MANAGER],
            areas=[
                "medarbetarutveckling",
                "ledarskap",
                "förändringsledning",
                "projektledning",
                "coachning",
                "karriärutveckling",
                "samverkan mellan myndigheter",
                "verksamhetsutveckling",
            ],
            organisations=[
                "Ekonomistyrningsverket",
                "Statskontoret",
                "Tillväxtverket",
                "Energimyndigheten",
                "Lantmäteriet",
                "Bolagsverket",
                "Vinnova",
                "Kammarkollegiet",
            ],
            languages=[["sv", "en"], ["sv"], ["sv", "en", "fi"]],
            female_share=0.5,
            bio="Chef med personalansvar i många år; coachar gärna.",
        ),
        mentees=RoleSpec(
            title_pool=[
                "Senior utredare",
                "Projektledare",
                "Samordnare",
                "Specialist",
                "Verksamhetsutvecklare",
            ],
            professions=[
                Profession.SPECIALIST,
                Profession.ECONOMIST,
                Profession.LAWYER,
                Profession.SOCIAL_SCIENTIST,
                Profession.IT,
            ],
            areas=[
                "medarbetarutveckling",
                "ledarskap",
                "förändringsledning",
                "projektledning",
                "coachning",
                "karriärutveckling",
                "samverkan mellan myndigheter",
                "verksamhetsutveckling",
            ],
            organisations=[
                "Ekonomistyrningsverket",
                "Statskontoret",
                "Tillväxtverket",
                "Energimyndigheten",
                "Lantmäteriet",
                "Bolagsverket",
                "Vinnova",
                "Kammarkollegiet",
            ],
            languages=[["sv", "en"], ["sv"]],
            female_share=0.6,
            bio="Vill utvecklas i min yrkesroll och se hur andra myndigheter arbetar.",
        ),
        intake=INTAKE,
        matching=MATCHING,
        questions=QUESTIONS,
        meetups=meetups,
        questionnaires=QUESTIONNAIRES,
    )
