"""A program's goals, each measured by a check-in question: before and after per cohort,
means for a scale, shares for yes/no and choices."""

from datetime import datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import CheckIn, ProgramGoal, Questionnaire, QuestionnaireItem
from events.selectors.checkins import goal_outcomes
from events.services.checkins import checkin_answer
from events.services.reminders import reminders_sweep
from mentorship.models import User
from programs.models import Cohort
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)

CONFIDENT = "Hur trygg känner du dig i rollen som förtroendevald?"
ON_A_LIST = "Står du på en lista till valet 2018?"


def at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


@pytest.fixture
def women_in_politics(db) -> Cohort:
    seed_demo()
    return Cohort.objects.get(program__slug="mentorskap-for-kvinnor")


def answer(cohort, trigger, people: list[tuple[int, bool]]) -> None:
    """The first len(people) mentees answer: confidence (1 to 5) and on a list or not."""
    check_ins = (
        CheckIn.objects.filter(participant__cohort=cohort, schedule__trigger=trigger)
        .select_related("participant__user")
        .order_by("participant_id")
    )
    for check_in, (confidence, listed) in zip(check_ins, people, strict=False):
        items = {i.text_sv: i for i in check_in.schedule.questionnaire.items.all()}
        answers = {item.pk: 3 for item in items.values() if item.kind == "scale"}
        answers[items[CONFIDENT].pk] = confidence
        answers[items[ON_A_LIST].pk] = "yes" if listed else "no"
        checkin_answer(check_in=check_in, by=check_in.participant.user, answers=answers)


def test_000_goals_show_confidence_and_places_on_the_lists_before_and_after(
    women_in_politics, client, settings
):
    cohort = women_in_politics
    reminders_sweep(now=at(cohort.starts_on))
    answer(cohort, "at_start", [(2, False), (3, False), (2, True), (3, False)])
    reminders_sweep(now=at(cohort.ends_on))
    answer(cohort, "at_end", [(4, True), (4, False), (3, True), (5, True)])

    outcomes = {o["goal"].text_sv[:20]: o for o in goal_outcomes(cohort)}
    confident = outcomes["Adepterna uttrycker "]
    assert confident["people"] == 4
    assert [confident["rows"][0][k] for k in ("before", "after", "change")] == [2.5, 4, 1.5]
    listed = outcomes["Fler kvinnor från un"]
    assert (listed["rows"][0]["before"], listed["rows"][0]["after"]) == (25, 75)
    assert outcomes["Att utöka adeptens n"]["item"] is None  # stated, not measured

    client.force_login(User.objects.get(email="samordnare-kvinnor@example.org"))
    page = client.get(f"/admin/events/self-assessment/{cohort.pk}/").content.decode()
    assert "Fler kvinnor från underrepresenterade grupper på listorna" in page
    assert "+50 procentenheter" in page and "2,5" in page and "+1,5" in page
    assert "Skriv ut rapporten" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/admin/events/self-assessment/{cohort.pk}/").content.decode()
    assert "More women from under-represented groups on the lists" in english
    assert "+50 points" in english and "+1.5" in english
    assert "procentenheter" not in english


def test_a_goal_is_measured_only_by_a_countable_question_of_its_own_program(
    women_in_politics,
):
    program = women_in_politics.program
    other = Questionnaire.objects.exclude(program=program).first() or Questionnaire.objects.create(
        program=Cohort.objects.exclude(program=program).first().program,
        kind="check_in",
        title_sv="Annan",
    )
    foreign = QuestionnaireItem.objects.create(questionnaire=other, kind="scale", text_sv="X")
    text = QuestionnaireItem.objects.create(
        questionnaire=program.questionnaires.first(), kind="text", text_sv="Något mer?"
    )

    for item, words in ((foreign, "det här programmets"), (text, "fritextsvar")):
        goal = ProgramGoal(program=program, text_sv="Mål", item=item)
        with pytest.raises(ValidationError) as error:
            goal.full_clean()
        assert words in str(error.value.message_dict["item"])


def test_the_goal_page_offers_only_the_coordinators_own_questions(women_in_politics, client):
    coordinator = User.objects.get(email="samordnare-kvinnor@example.org")
    client.force_login(coordinator)
    own = QuestionnaireItem.objects.get(text_sv=CONFIDENT)

    page = client.get("/admin/events/programgoal/add/").content.decode()

    assert CONFIDENT in page
    assert "Hur väl fungerar samtalen?" not in page  # 002's monthly check-in
    response = client.post(
        "/admin/events/programgoal/add/",
        {
            "program": women_in_politics.program_id,
            "text_sv": "Fler talar inför publik",
            "text_en": "",
            "item": QuestionnaireItem.objects.get(text_sv="Hur väl fungerar samtalen?").pk,
            "order": 5,
        },
    )
    assert response.status_code == 200  # refused beside the field
    assert not ProgramGoal.objects.filter(text_sv="Fler talar inför publik").exists()
    client.post(
        "/admin/events/programgoal/add/",
        {
            "program": women_in_politics.program_id,
            "text_sv": "Fler talar inför publik",
            "item": own.pk,
            "order": 5,
        },
    )
    assert ProgramGoal.objects.get(text_sv="Fler talar inför publik").item == own
    client.force_login(User.objects.get(email="samordnare-nyanlanda@example.org"))
    goal = ProgramGoal.objects.get(text_sv="Fler talar inför publik")
    assert client.get(f"/admin/events/programgoal/{goal.pk}/change/").status_code in (302, 403, 404)


def _monthly_choice_goal():
    """Two pairs asked every 30 days how often they meet; their mentees answer three
    rounds: one in English the first time."""
    from datetime import timedelta

    from events.models import CheckInSchedule
    from matching.models import Match
    from tests.factories import CohortFactory, ParticipantFactory

    start = timezone.localdate() - timedelta(days=100)
    cohort = CohortFactory(starts_on=start, ends_on=start + timedelta(days=200), state="running")
    questionnaire = Questionnaire.objects.create(
        program=cohort.program, kind="check_in", title_sv="Månadsavstämning"
    )
    item = QuestionnaireItem.objects.create(
        questionnaire=questionnaire,
        kind="choice",
        text_sv="Hur ofta träffas ni?",
        options_sv="Varje vecka\nVarje månad\nMer sällan",
        options_en="Every week\nEvery month\nLess often",
    )
    CheckInSchedule.objects.create(
        questionnaire=questionnaire, trigger="after_match", days=30, repeat_every=30
    )
    goal = ProgramGoal.objects.create(program=cohort.program, text_sv="Täta möten", item=item)
    for _ in range(2):
        Match.objects.create(
            cohort=cohort,
            mentor=ParticipantFactory(cohort=cohort, role="mentor", state="active"),
            mentee=ParticipantFactory(cohort=cohort, role="mentee", state="active"),
            state="active",
            started_at=at(start),
        )
    rounds = [("Mer sällan", "Every month"), ("Varje månad", "Every week")]  # sv, en answers
    for day, answers in ((30, rounds[0]), (60, rounds[1]), (90, rounds[1])):
        reminders_sweep(now=at(start + timedelta(days=day)))
        fresh = CheckIn.objects.filter(answered_at__isnull=True, participant__role="mentee")
        for check_in, value in zip(fresh.order_by("participant_id"), answers, strict=True):
            checkin_answer(
                check_in=check_in, by=check_in.participant.user, answers={item.pk: value}
            )
    return cohort, item, goal


def test_a_choice_goal_counts_each_option_first_round_against_latest(db):
    cohort, _item, goal = _monthly_choice_goal()

    (outcome,) = goal_outcomes(cohort)
    assert outcome["goal"] == goal and outcome["people"] == 2  # the mentors never answered
    shares = {row["label"]: (row["before"], row["after"]) for row in outcome["rows"]}
    # First round: one "less often", one "every month" (answered in English); the latest
    # (the third round): "every month" and "every week".
    assert shares == {"Varje vecka": (0, 50), "Varje månad": (50, 50), "Mer sällan": (50, 0)}


def test_an_answer_no_longer_among_the_options_counts_for_none(db):
    cohort, item, _goal = _monthly_choice_goal()
    item.options_sv, item.options_en = "Varje vecka\nVarje månad\nSällan", ""
    item.save(update_fields=["options_sv", "options_en"])

    (outcome,) = goal_outcomes(cohort)

    # The first round's "Mer sällan" and (in English) "Every month" match no option now.
    shares = {row["label"]: row["before"] for row in outcome["rows"]}
    assert shares == {"Varje vecka": 0, "Varje månad": 0, "Sällan": 0}


def test_the_same_goal_sent_twice_is_added_once(women_in_politics, client):
    client.force_login(User.objects.get(email="samordnare-kvinnor@example.org"))
    data = {"program": women_in_politics.program_id, "text_sv": "Fler talar inför publik"}

    client.post("/admin/events/programgoal/add/", {**data, "order": 5})
    again = client.post("/admin/events/programgoal/add/", {**data, "order": 5})

    assert again.status_code == 200  # the page says it exists, with the answers kept
    assert ProgramGoal.objects.filter(text_sv="Fler talar inför publik").count() == 1


def test_the_report_runs_the_same_queries_for_four_goals_or_seven(women_in_politics, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(User.objects.get(email="samordnare-kvinnor@example.org"))
    url = f"/admin/events/self-assessment/{women_in_politics.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    item = QuestionnaireItem.objects.get(text_sv=CONFIDENT)
    for n in range(2):
        other = Questionnaire.objects.create(
            program=women_in_politics.program, kind="check_in", title_sv=f"Extra {n}"
        )
        ProgramGoal.objects.create(
            program=women_in_politics.program,
            text_sv=f"Mål {n}",
            item=QuestionnaireItem.objects.create(questionnaire=other, kind="scale", text_sv="X"),
        )
    ProgramGoal.objects.create(program=women_in_politics.program, text_sv="Mål igen", item=item)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
