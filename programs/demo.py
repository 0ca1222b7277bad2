"""The five reference programs of DOMAIN.md as demo data, built idempotently.

Dates of the originals (2017 to 2019) are moved forward by whole years to the first year
in which their application deadline has not yet passed, so that every demo cohort can
still be applied to. People are invented: plausible Swedish names on example domains.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from matching.models import MatchingPolicy
from mentorship.models import User
from programs.demo_meetups import demo_meetups, demo_questionnaires
from programs.demo_pairs import demo_pairs
from programs.demo_questions import INTAKE, MATCHING, QUESTIONS
from programs.enums import (
    ApplicationState,
    Cadence,
    CohortState,
    IntakeMode,
    OrganisationKind,
    Profession,
    Region,
    Role,
    SeatRule,
)
from programs.models import (
    Application,
    Cohort,
    Organisation,
    OrganisationContact,
    Participant,
    Program,
    Question,
    QuestionChoice,
)
from programs.services.core import coordinator_add
from programs.services.organisations import organisation_find

PEOPLE_PER_ROLE = 22

FEMALE = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kristina",
    "Emma",
    "Ingrid",
    "Malin",
    "Sofia",
    "Linnea",
    "Elin",
    "Ida",
    "Johanna",
    "Helena",
    "Camilla",
    "Annika",
    "Therese",
    "Frida",
    "Hanna",
    "Maja",
    "Ebba",
    "Agneta",
    "Birgitta",
    "Ulla",
    "Margareta",
    "Astrid",
]
MALE = [
    "Erik",
    "Lars",
    "Karl",
    "Anders",
    "Johan",
    "Per",
    "Mikael",
    "Nils",
    "Jan",
    "Olof",
    "Magnus",
    "Fredrik",
    "Daniel",
    "Henrik",
    "Jonas",
    "Mattias",
    "Björn",
    "Stefan",
    "Gustav",
    "Oskar",
    "Viktor",
    "Axel",
    "Emil",
    "Håkan",
    "Göran",
    "Leif",
]
SURNAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Lindgren",
    "Berglund",
    "Sandberg",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundgren",
    "Holm",
    "Bergström",
    "Nyström",
    "Åberg",
    "Söderberg",
    "Hedlund",
    "Lundin",
    "Ekström",
    "Strand",
    "Björk",
]
# Newly arrived academics (002) and mentees of foreign background (000).
FOREIGN_FEMALE = [
    "Amina",
    "Fatima",
    "Leila",
    "Nadia",
    "Samira",
    "Yasmin",
    "Hiba",
    "Rana",
    "Mariam",
    "Shirin",
    "Zahra",
    "Hodan",
    "Selam",
    "Aster",
    "Olga",
    "Elena",
    "Ayse",
    "Maryam",
]
FOREIGN_MALE = [
    "Ahmad",
    "Omar",
    "Yusuf",
    "Karim",
    "Hassan",
    "Ali",
    "Reza",
    "Dawit",
    "Tesfay",
    "Mehmet",
    "Farid",
    "Samir",
    "Amir",
    "Bilal",
    "Abdi",
    "Ivan",
    "Khaled",
    "Tarek",
]
FOREIGN_SURNAMES = [
    "Hussein",
    "Mohammadi",
    "Haddad",
    "Rahimi",
    "Abdullahi",
    "Tesfaye",
    "Yilmaz",
    "Karimi",
    "Nasser",
    "Farah",
    "Hosseini",
    "Mansour",
    "Kebede",
    "Demir",
    "Petrova",
    "Saleh",
    "Osman",
]


@dataclass
class RoleSpec:
    title_pool: list[str]
    professions: list[str]
    areas: list[str]
    organisations: list[str]
    languages: list[list[str]]
    female_share: float = 0.5
    foreign_share: float = 0.0
    english_share: float = 0.0
    capacity: int = 1
    bio: str = ""


@dataclass
class ProgramSpec:
    key: str
    domain: str
    program: dict
    cohort: dict
    coordinator: tuple[str, str, str]
    organisations: list[tuple[str, str, str]]
    mentors: RoleSpec
    mentees: RoleSpec
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)
    deadline: date | None = None


def _ascii(text: str) -> str:
    normalized = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in normalized if c.isascii() and (c.isalnum() or c in ".-"))


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def years_forward(deadline: date, today: date) -> int:
    """Whole years to add so that the deadline is today or later."""
    years = max(0, today.year - deadline.year)
    while _shift(deadline, years) < today:
        years += 1
    return years


def _at(day: date, hour: int = 23, minute: int = 59) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def program_specs(today: date) -> list[ProgramSpec]:
    """The five programs, with their dates moved forward from `today`."""
    y000 = years_forward(date(2017, 9, 15), today)
    y002 = years_forward(date(2019, 1, 11), today)
    y003 = years_forward(date(2018, 5, 17), today)
    # 004 gives no dates: a year-long cohort whose applications close at the next January end.
    d004 = date(today.year + (1 if today > date(today.year, 1, 31) else 0), 1, 31)

    return [
        ProgramSpec(
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
                "starts_on": _shift(date(2017, 10, 1), y000),
                "ends_on": _shift(date(2018, 9, 30), y000),
                "deadline": _shift(date(2017, 9, 15), y000),
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
        ),
        ProgramSpec(
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
                "contact_name": "Projektledare för mentorprogrammet",
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
        ),
        ProgramSpec(
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
                "fee_note_en": (
                    "The program pays food, hotel and training; the agency pays travel."
                ),
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
                "mentee_requirements_sv": "Deltagare i Korta vägen, nyanlända akademiker.",
                "mentee_requirements_en": "Newly arrived academics taking part in Korta vägen.",
                "contact_name": "Projektledare, Mentorprogrammet",
                "contact_email": "mentorprogrammet@nyanlanda.example.se",
            },
            cohort={
                "name_sv": "Våren {y1}",
                "name_en": "Spring {y1}",
                "starts_on": _shift(date(2019, 1, 1), y002),
                "ends_on": _shift(date(2019, 6, 30), y002),
                "deadline": _shift(date(2019, 1, 11), y002),
                "nomination_deadline": _shift(date(2019, 1, 11), y002),
                "mentor_seats": 20,
                "mentee_seats": 20,
                "seat_rule": SeatRule.FIRST_COME,
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
        ),
        ProgramSpec(
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
                "starts_on": _shift(date(2018, 9, 3), y003),
                "ends_on": _shift(date(2019, 6, 14), y003),
                "deadline": _shift(date(2018, 5, 17), y003),
                "nomination_deadline": _shift(date(2018, 5, 17), y003),
                "mentor_seats": 24,
                "mentee_seats": 24,
                "seat_rule": SeatRule.SELECTION,
            },
            coordinator=("samordnare-myndigheter@example.org", "Johan", "Bergqvist"),
            organisations=[
                ("Rörlighet i staten (demo)", OrganisationKind.AGENCY, "Stockholm"),
                ("Ekonomistyrningsverket", OrganisationKind.AGENCY, "Stockholm"),
                ("Statskontoret", OrganisationKind.AGENCY, "Stockholm"),
                ("Tillväxtverket", OrganisationKind.AGENCY, "Stockholm"),
                ("Energimyndigheten", OrganisationKind.AGENCY, "Eskilstuna"),
                ("Lantmäteriet", OrganisationKind.AGENCY, "Gävle"),
                ("Bolagsverket", OrganisationKind.AGENCY, "Sundsvall"),
                ("Vinnova", OrganisationKind.AGENCY, "Stockholm"),
                ("Kammarkollegiet", OrganisationKind.AGENCY, "Stockholm"),
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
        ),
        ProgramSpec(
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
                "ends_on": _shift(d004, 1),
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
        ),
    ]


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


def _fee(program: Program, role: str, organisation: Organisation | None, index: int) -> dict:
    """The program's fee for the role, paid by the participant's organisation; every
    other one already paid, with an invoice reference."""
    fee = program.fee_per_mentor if role == Role.MENTOR else program.fee_per_mentee
    if not fee:
        return {}
    paid = index % 2 == 0
    return {
        "fee_amount": fee,
        "paying_organisation": organisation,
        "invoice_reference": f"F-{program.pk:03d}-{index + 1:04d}" if paid else "",
        "paid_on": timezone.localdate() if paid else None,
    }


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

    def organisation(self, name: str, kind: str, city: str) -> Organisation:
        if name not in self.organisations:
            # The same agency under another spelling (typed by an applicant) is reused.
            organisation = organisation_find(name) or Organisation(name=name)
            organisation.kind, organisation.city = kind, city
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
            local = f"{_ascii(first)}.{_ascii(last)}"
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
        for name, kind, city in spec.organisations:
            self.organisation(name, kind, city)
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
            *(self.organisations[name] for name, _kind, _city in spec.organisations)
        )
        coordinator_add(program=program, user=coordinator)
        coordinator_add(program=program, user=office)
        self.logins.append((email, f"coordinator of «{program.name_sv}»"))

        cohort_spec = dict(spec.cohort)
        deadline: date | None = cohort_spec.pop("deadline")
        nomination: date | None = cohort_spec.pop("nomination_deadline", None)
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
        cohort.application_opens_at = (
            _at(deadline - timedelta(days=300), 8, 0) if deadline else None
        )
        cohort.application_closes_at = _at(deadline) if deadline else None
        cohort.nomination_deadline = _at(nomination) if nomination else None
        for key, value in INTAKE[spec.key].items():
            setattr(cohort, key, value)
        cohort.save()
        self.questions(program, QUESTIONS[spec.key])
        MatchingPolicy.objects.update_or_create(program=program, defaults=MATCHING[spec.key])
        demo_meetups(spec.key, cohort)
        demo_questionnaires(spec.key, program)

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
                participant, _ = Participant.objects.get_or_create(
                    cohort=cohort,
                    user=user,
                    role=role,
                    defaults={
                        "organisation": person.organisation,
                        "capacity": role_spec.capacity,
                        **_fee(program, role, person.organisation, index),
                    },
                )
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
        if program.is_rolling:
            demo_pairs(cohort)
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


def demo_load(today: date | None = None) -> DemoLoader:
    """Create or bring up to date the five reference programs; safe to run again."""
    loader = DemoLoader(today or timezone.localdate())
    loader.load()
    return loader
