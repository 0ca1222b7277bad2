"""The reference programs' meetups (demo data), on the dates their texts give."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from events.enums import Audience, MeetupKind
from events.models import Meetup, MeetupItem
from programs.models import Cohort

CLARION = ("Hotell Clarion Sign", "Östra Järnvägsgatan 35, Stockholm")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _first_saturday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def _meetups(key: str, cohort: Cohort) -> list[dict]:
    start = cohort.starts_on
    y = start.year
    if key == "000":
        weekends = [_first_saturday(y, 10), _first_saturday(y + 1, 2)]
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
                "starts_at": _at(day, 10),
                "ends_at": _at(day + timedelta(days=1), 15),
                "audience": Audience.MENTEES,
                "meals": True,
                "lodging": True,
                "items": [
                    (_at(day, 10), "Samling och kaffe", "Gathering and coffee"),
                    (_at(day, 19), "Middag", "Dinner"),
                    (_at(day + timedelta(days=1), 9), "Workshops", "Workshops"),
                ],
            }
            for n, day in enumerate(weekends, start=1)
        ]
    if key == "002":
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
                "starts_at": _at(training_day, 10),
                "ends_at": _at(training_day + timedelta(days=1), 12, 30),
                "audience": Audience.MENTORS,
                "mandatory": True,
                "meals": True,
                "lodging": True,
                "items": [
                    (_at(training_day, 9, 30), "Macka och kaffe", "Sandwich and coffee"),
                    (_at(training_day, 10), "Utbildningen startar", "Training starts"),
                    (_at(training_day, 17), "Ledig tid", "Free time"),
                    (_at(training_day, 19), "Middag", "Dinner"),
                    (_at(training_day + timedelta(days=1), 8), "Dag 2 startar", "Day 2 starts"),
                    (_at(training_day + timedelta(days=1), 12, 30), "Gemensam lunch", "Lunch"),
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
                    "starts_at": _at(day, 8, 30),
                    "ends_at": _at(day, 12),
                    "audience": Audience.EVERYONE,
                    "mandatory": True,
                    "meals": True,
                    "items": [
                        (_at(day, 8, 30), "Frukostmacka", "Breakfast"),
                        (_at(day, 12), "Gemensam lunch", "Lunch"),
                    ],
                }
            )
        return [{**m, "venue": CLARION[0], "address": CLARION[1]} for m in meetups]
    if key == "003":
        return [
            {
                "kind": MeetupKind.KICK_OFF,
                "title_sv": "Uppstart",
                "title_en": "Kick-off",
                "starts_at": _at(start, 13),
                "ends_at": _at(start, 16),
                "mandatory": True,
            },
            {
                "kind": MeetupKind.LECTURE,
                "title_sv": "Inspirationsföreläsning: att leda förändring",
                "title_en": "Inspiration lecture: leading change",
                "starts_at": _at(date(y, 11, 12), 14),
                "ends_at": _at(date(y, 11, 12), 16),
            },
            {
                "kind": MeetupKind.LECTURE,
                "title_sv": "Inspirationsföreläsning: karriär i staten",
                "title_en": "Inspiration lecture: careers in government",
                "starts_at": _at(date(y + 1, 3, 10), 14),
                "ends_at": _at(date(y + 1, 3, 10), 16),
            },
        ]
    if key == "004":
        end = cohort.ends_on or start + timedelta(days=365)
        return [
            {
                "kind": MeetupKind.KICK_OFF,
                "title_sv": "Introduktion och gemensam kick off",
                "title_en": "Introduction and joint kick-off",
                "starts_at": _at(start, 17),
                "ends_at": _at(start, 20),
                "mandatory": True,
                "meals": True,
            },
            {
                "kind": MeetupKind.NETWORKING,
                "title_sv": "Nätverksträff",
                "title_en": "Networking meetup",
                "starts_at": _at(start + timedelta(days=120), 17),
                "ends_at": _at(start + timedelta(days=120), 19),
            },
            {
                "kind": MeetupKind.CLOSING,
                "title_sv": "Avslutning med diplom",
                "title_en": "Closing with diplomas",
                "starts_at": _at(end - timedelta(days=7), 17),
                "ends_at": _at(end - timedelta(days=7), 20),
                "meals": True,
            },
        ]
    return []


def demo_meetups(key: str, cohort: Cohort) -> None:
    for spec in _meetups(key, cohort):
        spec = dict(spec)
        items = spec.pop("items", [])
        meetup, _ = Meetup.objects.update_or_create(
            cohort=cohort, title_sv=spec.pop("title_sv"), defaults=spec
        )
        meetup.items.all().delete()
        MeetupItem.objects.bulk_create(
            MeetupItem(meetup=meetup, starts_at=at, title_sv=sv, title_en=en)
            for at, sv, en in items
        )


QUESTIONNAIRES = {
    "000": [
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
            ],
            "schedules": [("at_start", None, "mentees"), ("at_end", None, "mentees")],
        }
    ],
    "004": [
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
    ],
}


def demo_questionnaires(key: str, program) -> None:
    from events.models import CheckInSchedule, Questionnaire, QuestionnaireItem

    for spec in QUESTIONNAIRES.get(key, []):
        questionnaire, created = Questionnaire.objects.get_or_create(
            program=program,
            title_sv=spec["title_sv"],
            defaults={"kind": spec["kind"], "title_en": spec["title_en"]},
        )
        if not created:
            continue  # answers may hang on its questions: leave it as the coordinator has it
        QuestionnaireItem.objects.bulk_create(
            QuestionnaireItem(
                questionnaire=questionnaire,
                order=n,
                kind=kind,
                text_sv=sv,
                text_en=en,
                low_at_most=2 if kind == "scale" else None,
                flag_on_no=kind == "yes_no",
            )
            for n, (kind, sv, en) in enumerate(spec["items"], start=1)
        )
        CheckInSchedule.objects.bulk_create(
            CheckInSchedule(questionnaire=questionnaire, trigger=trigger, days=days, audience=to)
            for trigger, days, to in spec["schedules"]
        )
