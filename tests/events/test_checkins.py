from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import CheckIn
from events.selectors.checkins import self_assessment_change
from events.services.checkins import checkin_answer
from events.services.reminders import reminders_sweep
from mentorship.errors import Refusal
from mentorship.models import OutgoingEmail, User
from programs.models import Cohort
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


def at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


@pytest.fixture
def women_in_politics(db) -> Cohort:
    seed_demo()
    return Cohort.objects.get(program__slug="mentorskap-for-kvinnor")


def answer_all(cohort, trigger, values):
    check_ins = (
        CheckIn.objects.filter(participant__cohort=cohort, schedule__trigger=trigger)
        .select_related("participant__user")
        .prefetch_related("schedule__questionnaire__items")
    )
    for check_in, value in zip(check_ins.order_by("participant_id"), values, strict=False):
        items = check_in.schedule.questionnaire.items.all()
        checkin_answer(
            check_in=check_in,
            by=check_in.participant.user,
            answers={item.pk: value for item in items},
        )


def test_000_self_assessment_at_start_and_end_shows_the_change_in_confidence(women_in_politics):
    cohort = women_in_politics
    reminders_sweep(now=at(cohort.starts_on))
    assert (
        CheckIn.objects.filter(participant__cohort=cohort, schedule__trigger="at_start").count()
        == 22
    )
    assert CheckIn.objects.filter(participant__role="mentor").count() == 0  # mentees only
    answer_all(cohort, "at_start", [2, 3, 2, 3])

    reminders_sweep(now=at(cohort.ends_on))
    answer_all(cohort, "at_end", [4, 4, 3, 5])

    result = self_assessment_change(cohort)
    assert result["answered_both"] == 4
    assert (result["start"], result["end"], result["change"]) == (2.5, 4, 1.5)


def test_check_ins_go_out_once_and_a_low_answer_reaches_the_coordinators_digest(women_in_politics):
    cohort = women_in_politics
    reminders_sweep(now=at(cohort.starts_on))
    reminders_sweep(now=at(cohort.starts_on))

    invites = OutgoingEmail.objects.filter(template="checkin_invite")
    assert invites.count() == 22
    # Each person's bell rings once for it too, however often the sweep runs.
    from mentorship.models import Notification

    assert Notification.objects.filter(kind="check_in").count() == 22
    answer_all(cohort, "at_start", [1])
    reminders_sweep(digest=True)
    digest = OutgoingEmail.objects.get(
        template="coordinator_digest", to="samordnare-kvinnor@example.org"
    )
    from mentorship.services import email_deliver

    email_deliver(email_id=digest.pk)
    assert "Ett lågt svar i en färsk avstämning" in mail.outbox[-1].body


def test_only_the_person_asked_answers_a_check_in(women_in_politics, client):
    cohort = women_in_politics
    reminders_sweep(now=at(cohort.starts_on))
    check_in = CheckIn.objects.select_related("participant__user").first()
    someone_else = User.objects.get(email="mentor@kvinnor.example.se")

    with pytest.raises(Refusal):
        checkin_answer(check_in=check_in, by=someone_else, answers={})
    client.force_login(someone_else)
    assert client.post(f"/check-ins/{check_in.pk}/", {}).status_code == 404


def test_self_assessment_page_is_for_the_programs_coordinators(women_in_politics, client):
    cohort = women_in_politics
    url = f"/admin/events/self-assessment/{cohort.pk}/"

    client.force_login(User.objects.get(email="samordnare-nyanlanda@example.org"))
    assert client.get(url).status_code == 404
    client.force_login(User.objects.get(email="samordnare-kvinnor@example.org"))
    assert "Ingen har svarat" in client.get(url).content.decode()


def test_overdue_check_in_reminds_once_a_week_later(women_in_politics):
    cohort = women_in_politics
    reminders_sweep(now=at(cohort.starts_on))
    reminders_sweep(now=at(cohort.starts_on + timedelta(days=8)))
    reminders_sweep(now=at(cohort.starts_on + timedelta(days=9)))

    assert OutgoingEmail.objects.filter(template="checkin_overdue").count() == 22


@pytest.fixture
def monthly(db):
    """A pair that started on a Monday, asked every 30 days from day 30 until it ends."""
    from events.models import CheckInSchedule, Questionnaire, QuestionnaireItem
    from matching.enums import MatchState
    from matching.models import Match
    from tests.factories import CohortFactory, ParticipantFactory

    start = timezone.localdate() - timedelta(days=200)
    cohort = CohortFactory(starts_on=start, ends_on=start + timedelta(days=150), state="running")
    match = Match.objects.create(
        cohort=cohort,
        mentor=ParticipantFactory(cohort=cohort, role="mentor", state="active"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee", state="active"),
        state=MatchState.ACTIVE,
        started_at=at(start),
    )
    questionnaire = Questionnaire.objects.create(
        program=cohort.program, kind="check_in", title_sv="Månadsavstämning"
    )
    QuestionnaireItem.objects.create(
        questionnaire=questionnaire,
        kind="yes_no",
        text_sv="Har ni träffats minst två timmar den här månaden?",
        flag_on_no=True,
    )
    CheckInSchedule.objects.create(
        questionnaire=questionnaire, trigger="after_match", days=30, repeat_every=30
    )
    return match


def test_a_monthly_check_in_is_one_schedule_that_goes_out_every_30_days_until_the_end(monthly):
    start = timezone.localdate(monthly.started_at)
    invites = OutgoingEmail.objects.filter(template="checkin_invite")

    reminders_sweep(now=at(start + timedelta(days=29)))
    assert not CheckIn.objects.exists()
    reminders_sweep(now=at(start + timedelta(days=30)))
    reminders_sweep(now=at(start + timedelta(days=31)))  # the same round: nothing new
    assert invites.count() == 2  # mentor and mentee
    reminders_sweep(now=at(start + timedelta(days=60)))
    reminders_sweep(now=at(start + timedelta(days=75)))

    rounds = CheckIn.objects.filter(participant=monthly.mentee).order_by("occurrence")
    assert [(c.occurrence, (c.due_on - start).days) for c in rounds] == [(1, 30), (2, 60)]
    assert invites.count() == 4
    # The cohort ends on day 150: the round of day 150 is the last, none on day 180.
    reminders_sweep(now=at(start + timedelta(days=150)))
    reminders_sweep(now=at(start + timedelta(days=170)))
    reminders_sweep(now=at(start + timedelta(days=185)))
    assert list(rounds.values_list("occurrence", flat=True)) == [1, 2, 5]


def test_a_repeat_is_only_counted_from_a_match_and_at_most_weekly(monthly):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from events.models import CheckInSchedule

    schedule = CheckInSchedule.objects.get()
    schedule.repeat_every = 3
    with pytest.raises(ValidationError) as error:
        schedule.full_clean()
    assert "en gång i veckan" in str(error.value.message_dict["repeat_every"])
    schedule.trigger, schedule.repeat_every = "at_start", 30
    with pytest.raises(ValidationError) as error:
        schedule.full_clean()
    assert "matchningens start" in str(error.value.message_dict["repeat_every"])
    with pytest.raises(IntegrityError), transaction.atomic():
        schedule.save()
