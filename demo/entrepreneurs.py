"""Entrepreneur mentoring (seed 004): the eight steps, from an expression of
interest and an interview with everyone to the closing with diplomas; a
follow-up after six months.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from demo.dates import at, shift
from demo.spec import ProgramSpec, RoleSpec
from events.enums import MeetupKind
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
INTAKE = {"mentor_intake": IntakeChannel.PUBLIC, "mentee_intake": IntakeChannel.PUBLIC}

# How the program matches.
MATCHING = {"mode": "coordinator"}

# The application questions beyond the profile fields.
QUESTIONS = [
    {
        "role": R.MENTEE,
        "kind": K.LONG_TEXT,
        "text_sv": "Beskriv din affärsidé",
        "text_en": "Describe your business idea",
        "required": True,
        "matching_criterion": M.GOALS,
    },
    {
        "role": R.MENTEE,
        "kind": K.SINGLE_CHOICE,
        "text_sv": "Hur långt har du kommit?",
        "text_en": "How far have you come?",
        "required": True,
        "choices": [
            ("ide", "Jag har en idé", "I have an idea"),
            ("nystartat", "Nystartat, under två år", "Started, under two years"),
            ("etablerat", "Etablerat företag", "An established business"),
        ],
    },
    {
        "role": R.BOTH,
        "kind": K.MULTIPLE_CHOICE,
        "text_sv": "Områden (för adepter: där du vill ha stöd; för mentorer: dina styrkor)",
        "text_en": "Areas (mentees: where you want support; mentors: your strengths)",
        "matching_criterion": M.COMPETENCE_AREAS,
        "choices": [
            ("affarsplan", "Affärsplan", "Business plan"),
            ("finansiering", "Finansiering", "Financing"),
            ("marknadsforing", "Marknadsföring", "Marketing"),
            ("forsaljning", "Försäljning", "Sales"),
            ("rekrytering", "Rekrytering", "Recruitment"),
            ("export", "Export", "Export"),
        ],
    },
    {
        "role": R.MENTOR,
        "kind": K.NUMBER,
        "text_sv": "Hur många år har du drivit företag?",
        "text_en": "How many years have you run a business?",
        "required": True,
        "matching_criterion": M.EXPERIENCE,
    },
]

# Check-in questionnaires and their schedules.
QUESTIONNAIRES = [
    {
        "kind": "check_in",
        "title_sv": "Uppföljning efter sex månader",
        "title_en": "Follow-up after six months",
        "items": [
            (
                "scale",
                "Hur väl fungerar samarbetet med din mentor eller adept?",
                "How well does the mentorship work?",
            ),
            ("yes_no", "Träffas ni som ni kommit överens om?", "Do you meet as you agreed?"),
            (
                "text",
                "Något du vill att programansvarig ska veta?",
                "Anything the coordinator should know?",
            ),
        ],
        "schedules": [("after_match", 180, "everyone")],
    }
]


def meetups(cohort: Cohort) -> list[dict]:
    """The meetups on the dates the text gives."""
    start = cohort.starts_on
    end = cohort.ends_on or start + timedelta(days=365)
    return [
        {
            "kind": MeetupKind.KICK_OFF,
            "title_sv": "Introduktion och gemensam kick off",
            "title_en": "Introduction and joint kick-off",
            "starts_at": at(start, 17),
            "ends_at": at(start, 20),
            "mandatory": True,
            "meals": True,
        },
        {
            "kind": MeetupKind.NETWORKING,
            "title_sv": "Nätverksträff",
            "title_en": "Networking meetup",
            "starts_at": at(start + timedelta(days=120), 17),
            "ends_at": at(start + timedelta(days=120), 19),
        },
        {
            "kind": MeetupKind.CLOSING,
            "title_sv": "Avslutning med diplom",
            "title_en": "Closing with diplomas",
            "starts_at": at(end - timedelta(days=7), 17),
            "ends_at": at(end - timedelta(days=7), 20),
            "meals": True,
        },
    ]


def spec(today: date) -> ProgramSpec:
    """The program, with its dates moved forward from `today`."""
    # No dates in the text: a year-long cohort whose applications close at the next
    # January end.
    d004 = date(today.year + (1 if today > date(today.year, 1, 31) else 0), 1, 31)
    return ProgramSpec(
        key="004",
        domain="entreprenorer.example.se",
        program={
            "slug": "mentorprogram-entreprenorer",
            "name_sv": "Mentorprogram för entreprenörer",
            "name_en": "Mentor program for entrepreneurs",
            "summary_sv": (
                "Ett år med en erfaren företagare som mentor: intresseanmälan, intervju, "
                "matchning, kick off, uppföljning och diplom."
            ),
            "summary_en": (
                "A year with an experienced business person as mentor: expression of "
                "interest, interview, matching, kick-off, follow-up and diploma."
            ),
            "description_sv": (
                "Processen från början till slut:\n"
                "1. Du fyller i en intresseanmälan med dina uppgifter, kompetenser och "
                "affärsidé.\n"
                "2. Vi intervjuar alla adepter och mentorer.\n"
                "3. Vi matchar alla deltagare med rätt mentor.\n"
                "4. Introduktion samt gemensam kick off, det första mötet mellan mentor och "
                "deltagare. Därefter träffas ni själva.\n"
                "5. Uppföljning efter ca 6 månader.\n"
                "6. Regelbunden uppföljning per telefon, besök eller e-post.\n"
                "7. Regelbundna informations- och nätverksträffar.\n"
                "8. Avslutning: deltagare och mentorer får diplom.\n\n"
                "Innan programmet inleds tecknas ett moraliskt kontrakt mellan adept och "
                "mentor. Adept och mentor rapporterar till programansvarig under året. "
                "Mötesplats bestäms mellan adept och mentor. Riktlinjen är minst 12 träffar "
                "om cirka 4 timmar per gång."
            ),
            "description_en": (
                "The process from start to finish: (1) an expression of interest with your "
                "details, skills and business idea; (2) we interview every mentee and "
                "mentor; (3) we match everyone with the right mentor; (4) introduction and a "
                "joint kick-off, the pair's first meeting; (5) a follow-up after about six "
                "months; (6) regular follow-up by phone, visit or email; (7) regular "
                "information and networking meetups; (8) closing, with diplomas for mentees "
                "and mentors.\n\nA moral contract (agreement) is signed by both before the "
                "start, and both report to the coordinator during the year. At least 12 "
                "meetings of about 4 hours each."
            ),
            "intake_mode": IntakeMode.COHORT,
            "duration_months": 12,
            "cadence": Cadence.MONTHLY,
            "min_meetings": 12,
            "hours_per_meeting": Decimal("4"),
            "total_hours_target": Decimal("48"),
            # "Ett moraliskt kontrakt tecknas innan programmet inleds": the pair signs
            # the program's terms before their meetings count.
            "agreement_terms_sv": (
                "Vi träffas minst tolv gånger under året, cirka fyra timmar per gång. "
                "Adepten förbereder varje möte och mentorn delar med sig av sin "
                "erfarenhet. Det vi säger stannar mellan oss. Vi rapporterar båda till "
                "programansvarig under året och meddelar i god tid om något ändras."
            ),
            "agreement_terms_en": (
                "We meet at least twelve times during the year, about four hours each "
                "time. The mentee prepares each meeting and the mentor shares their "
                "experience. What we say stays between us. We both report to the "
                "coordinator during the year and tell each other in good time if anything "
                "changes."
            ),
            "signatures_before_logging": True,
            "fee_per_mentee": Decimal("0"),
            "fee_per_mentor": Decimal("0"),
            "mentee_requirements_sv": (
                "Du har en idé, vision eller ett ganska specifikt mål, vill reflektera och "
                "bli stöttad, och kan avsätta tid och engagemang under ett år. Som adept är "
                "du drivande, behövande och reflekterande."
            ),
            "mentee_requirements_en": (
                "You have an idea, a vision or a fairly specific goal, want to reflect and "
                "be supported, and can give time and commitment for a year."
            ),
            "mentor_requirements_sv": (
                "Erfaren företagare eller ledare som respekterar sin adept, är ärlig och rak, "
                "tillgänglig efter överenskommelse och har ett lärande och coachande "
                "förhållningssätt."
            ),
            "mentor_requirements_en": (
                "An experienced business owner or leader who respects the mentee, is honest "
                "and direct, available as agreed, and coaches rather than directs."
            ),
            "contact_name": "Programansvarig",
            "contact_email": "program@entreprenorer.example.se",
        },
        cohort={
            "name_sv": "Omgång {y}",
            "name_en": "Cohort {y}",
            "starts_on": d004 + timedelta(days=15),
            "ends_on": shift(d004, 1),
            "deadline": d004,
            "mentor_seats": 25,
            "mentee_seats": 25,
            "seat_rule": SeatRule.SELECTION,
        },
        coordinator=("samordnare-entreprenorer@example.org", "Maria", "Falk"),
        organisations=[
            ("Företagarnätverket (demo)", OrganisationKind.ASSOCIATION, "Göteborg"),
            ("Nordisk Design AB", OrganisationKind.COMPANY, "Göteborg"),
            ("Grön Logistik AB", OrganisationKind.COMPANY, "Borås"),
            ("Kustbageriet HB", OrganisationKind.COMPANY, "Kungsbacka"),
            ("Techstart Väst AB", OrganisationKind.COMPANY, "Göteborg"),
            ("Fjällturism Ekonomisk förening", OrganisationKind.COMPANY, "Åre"),
        ],
        mentors=RoleSpec(
            title_pool=[
                "VD",
                "Grundare",
                "Styrelseordförande",
                "Tidigare VD",
                "Affärsutvecklare",
            ],
            professions=[Profession.ENTREPRENEUR, Profession.MANAGER, Profession.ECONOMIST],
            areas=[
                "affärsplan",
                "finansiering",
                "marknadsföring",
                "försäljning",
                "prissättning",
                "juridik för företag",
                "rekrytering",
                "digitalisering",
                "export",
            ],
            organisations=["Nordisk Design AB", "Grön Logistik AB", "Techstart Väst AB"],
            languages=[["sv", "en"], ["sv"], ["sv", "en", "de"]],
            female_share=0.45,
            bio="Har startat och drivit företag i över tjugo år.",
        ),
        mentees=RoleSpec(
            title_pool=["Grundare", "Blivande företagare", "Egenföretagare", "Delägare"],
            professions=[Profession.ENTREPRENEUR],
            areas=[
                "affärsplan",
                "finansiering",
                "marknadsföring",
                "försäljning",
                "prissättning",
                "juridik för företag",
                "rekrytering",
                "digitalisering",
                "export",
            ],
            organisations=["Kustbageriet HB", "Fjällturism Ekonomisk förening"],
            languages=[["sv"], ["sv", "en"], ["sv", "en", "ar"]],
            female_share=0.5,
            foreign_share=0.2,
            bio="Har en affärsidé och vill få den att bära.",
        ),
        intake=INTAKE,
        matching=MATCHING,
        questions=QUESTIONS,
        meetups=meetups,
        questionnaires=QUESTIONNAIRES,
    )
