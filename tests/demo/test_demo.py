import io
from datetime import date

import pytest
from django.core.management import call_command

from demo.dates import years_forward
from matching.models import Match
from mentorship.models import User
from programs.enums import CohortState, IntakeMode, Role, SeatRule
from programs.models import Cohort, Participant, Program


@pytest.mark.django_db
def test_seed_demo_builds_the_five_reference_programs_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Program.objects.count(), User.objects.count(), Participant.objects.count())
    call_command("seed_demo", stdout=io.StringIO())

    assert counts == (Program.objects.count(), User.objects.count(), Participant.objects.count())
    assert counts[0] == 5
    for cohort in Cohort.objects.all():
        for role in Role.values:
            assert cohort.participants.filter(role=role).count() >= 20, (cohort, role)

    rolling = Program.objects.get(slug="mentor-for-toppolitiker")
    assert rolling.intake_mode == IntakeMode.ROLLING
    assert rolling.fee_per_mentee == 8000 and rolling.fee_excludes_vat
    assert rolling.cohorts.get().accepts_applications()

    stockholm = Cohort.objects.get(program__slug="mentorprogrammet-stockholm")
    assert (stockholm.mentor_seats, stockholm.seat_rule) == (20, SeatRule.FIRST_COME)
    assert stockholm.state == CohortState.RECRUITING
    assert (stockholm.nomination_deadline.month, stockholm.nomination_deadline.day) == (1, 11)

    agencies = Program.objects.get(slug="mentorskap-for-medarbetare")
    assert (agencies.fee_per_mentee, agencies.fee_per_mentee_max) == (5000, 8000)
    assert agencies.total_hours_target == 40

    entrepreneurs = Program.objects.get(slug="mentorprogram-entreprenorer")
    assert (entrepreneurs.min_meetings, entrepreneurs.hours_per_meeting) == (12, 4)

    office = User.objects.get(email="kansli@example.org")
    assert office.coordinated_programs.count() == 5
    assert not office.is_superuser


def test_dates_move_forward_to_the_first_year_whose_deadline_is_still_ahead():
    assert years_forward(date(2019, 1, 11), today=date(2026, 11, 22)) == 8
    assert years_forward(date(2019, 1, 11), today=date(2027, 1, 11)) == 8
    assert years_forward(date(2018, 5, 17), today=date(2026, 3, 1)) == 8


@pytest.mark.django_db
def test_demo_rolling_cohort_has_pairs_meeting_and_some_at_risk():
    from events.selectors.health import cohort_health

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # again: no more pairs
    cohort = Cohort.objects.get(program__slug="mentor-for-toppolitiker")

    health = cohort_health(cohort)

    assert health["by_state"]["active"] == 12
    assert health["at_risk"] >= 3 and health["pairs"][0].risks
    assert health["total_held"] > 50
    demo_mentee = User.objects.get(email="adept@toppolitiker.example.se")
    assert not Match.objects.filter(mentee__user=demo_mentee).exists()


@pytest.mark.django_db
def test_the_demo_copied_back_for_later_tests_is_the_seeded_one_and_history_still_records():
    """tests.demo_data: the copy a later test gets is the real seeding's, row for row,
    and afterwards the database records changes again (its triggers are back on)."""
    from django.apps import apps

    from tests import demo_data

    before = demo_data._row_counts(demo_data._tables())
    call_command("seed_demo", stdout=io.StringIO())
    seeded = demo_data._take(before)
    Program.objects.update(name_en="Changed")  # what a test might do with it
    Match.objects.all().delete()
    demo_data._restore(seeded)

    assert demo_data._take(before).tables == seeded.tables
    events = apps.get_model("programs", "ProgramEvent").objects
    count = events.count()
    program = Program.objects.get(slug="mentor-for-toppolitiker")
    program.contact_name = "Ny kontakt"
    program.save()
    assert events.count() == count + 1
    assert Program.objects.create(slug="ny", name_sv="Ny").pk > program.pk
