"""Issue 12, defects 10 and 12: bad input gets a message by the field, never a server
error, and nothing out of range is stored."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import CheckIn, CheckInAnswer, CheckInSchedule, Questionnaire, Session
from matching.models import Goal
from programs.forms import NominationForm
from programs.models import Application, Organisation, Question
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 250 + "@example.org"  # 262 characters: valid in form, too long for us


def apply_url(cohort):
    return f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/"


def application(**overrides):
    return {
        "first_name": "Fatima",
        "last_name": "Haddad",
        "email": "fatima@example.org",
        "preferred_language": "sv",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
        **overrides,
    }


def test_server_errors_from_input_long_email_on_the_public_form(client, cohort):
    response = client.post(apply_url(cohort), application(email=LONG_EMAIL))

    assert response.status_code == 200
    assert 'id="error_1_id_email"' in response.content.decode()
    assert not Application.objects.exists()


def test_server_errors_from_input_long_email_on_the_nomination_form():
    organisation = OrganisationFactory()
    form = NominationForm(
        {
            "organisation": organisation.pk,
            "role": "mentor",
            "first_name": "Nora",
            "last_name": "N",
            "email": LONG_EMAIL,
            "rank": 1,
        },
        organisations=[organisation],
    )

    assert not form.is_valid() and "email" in form.errors


def test_dashboard_validation_negative_years_are_refused(client, cohort):
    years = Question.objects.create(program=cohort.program, kind="number", text_sv="År")

    response = client.post(apply_url(cohort), application(**{f"q_{years.pk}": "-3"}))

    assert f'id="error_1_id_q_{years.pk}"' in response.content.decode()
    assert not Application.objects.exists()


def plan(client, pair, when, **extra):
    local = timezone.localtime(when)
    return client.post(
        f"/matches/{pair.pk}/sessions/plan/",
        {
            "starts_at_0": local.date().isoformat(),
            "starts_at_1": local.strftime("%H:%M"),
            "duration_minutes": 60,
            "location": "Biblioteket",
            **extra,
        },
    )


def test_server_errors_from_input_meeting_at_9999_12_31_is_refused_by_the_field(client, pair):
    client.force_login(pair.mentee.user)

    response = client.post(
        f"/matches/{pair.pk}/sessions/plan/",
        {
            "starts_at_0": "9999-12-31",
            "starts_at_1": "23:30",
            "duration_minutes": 60,
            "location": "Biblioteket",
        },
    )

    assert response.status_code == 200
    assert "two years" in response.content.decode() or "två år" in response.content.decode()
    assert not Session.objects.exists()


def test_dashboard_validation_meeting_planned_in_the_past_is_refused(client, pair):
    client.force_login(pair.mentee.user)

    response = plan(client, pair, timezone.now() - timedelta(days=3))

    assert response.status_code == 200
    assert 'value="Biblioteket"' in response.content.decode()  # the rest is kept
    assert not Session.objects.exists()


def test_dashboard_validation_100_kb_agenda_is_refused(client, pair):
    client.force_login(pair.mentee.user)

    response = plan(client, pair, timezone.now() + timedelta(days=3), agenda="x" * 100_000)

    assert response.status_code == 200
    assert not Session.objects.exists()
    assert plan(client, pair, timezone.now() + timedelta(days=3), agenda="Mål").status_code == 302


def agreement_post(goals: int, **fields):
    data = {
        "focus_areas": "Ledarskap",
        "cadence": "monthly",
        "meeting_minutes": 90,
        "meeting_place": "Kafé",
        "confidentiality": "",
        "practical_terms": "",
        "goals-TOTAL_FORMS": str(goals),
        "goals-INITIAL_FORMS": "0",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "12",
        **fields,
    }
    for i in range(goals):
        data[f"goals-{i}-title"] = f"Mål {i}"
    return data


def test_dashboard_validation_200_goals_are_not_stored_past_the_maximum(client, pair):
    client.force_login(pair.mentee.user)

    client.post(f"/matches/{pair.pk}/agreement/", agreement_post(200))

    assert Goal.objects.filter(match=pair).count() <= 12


def test_dashboard_validation_100_kb_in_the_agreement_is_refused(client, pair):
    client.force_login(pair.mentee.user)

    response = client.post(
        f"/matches/{pair.pk}/agreement/", agreement_post(1, focus_areas="x" * 100_000)
    )

    assert response.status_code == 200
    pair.refresh_from_db()
    assert not hasattr(pair, "agreement") or len(pair.agreement.focus_areas) < 100_000


def test_dashboard_validation_invalid_goal_progress_says_why(client, pair):
    goal = Goal.objects.create(match=pair, title="Tala inför publik")
    client.force_login(pair.mentee.user)

    response = client.post(
        f"/goals/{goal.pk}/progress/", {"status": "bogus", "text": "Bra"}, HTTP_HX_REQUEST="true"
    )

    assert 'role="alert"' in response.content.decode()
    goal.refresh_from_db()
    assert goal.status != "bogus"


@pytest.fixture
def check_in(pair):
    questionnaire = Questionnaire.objects.create(program=pair.cohort.program, title_sv="Läget")
    item = questionnaire.items.create(kind="scale", text_sv="Hur går det?", low_at_most=2)
    schedule = CheckInSchedule.objects.create(questionnaire=questionnaire, trigger="at_start")
    check_in = CheckIn.objects.create(
        schedule=schedule, participant=pair.mentee, match=pair, due_on=timezone.localdate()
    )
    return check_in, item


@pytest.mark.parametrize("value", ["99", "-3", "abc", "0"])
def test_dashboard_validation_check_in_scale_out_of_range_is_refused(client, pair, check_in, value):
    check_in, item = check_in
    client.force_login(pair.mentee.user)

    response = client.post(f"/check-ins/{check_in.pk}/", {f"item_{item.pk}": value}, follow=True)

    page = response.content.decode()
    assert "1 to 5" in page or "1 till 5" in page
    assert "invalid literal" not in page
    assert not CheckInAnswer.objects.exists()
    check_in.refresh_from_db()
    assert check_in.answered_at is None


def test_server_errors_from_input_check_in_item_id_not_a_number(client, pair, check_in):
    check_in, item = check_in
    client.force_login(pair.mentee.user)

    response = client.post(
        f"/check-ins/{check_in.pk}/", {"item_abc": "3", f"item_{item.pk}": "4"}, follow=True
    )

    assert response.status_code == 200
    assert CheckInAnswer.objects.get().value == 4


def test_refused_application_still_creates_its_organisation_no_more(client, cohort, stranger):
    """The service refuses (logged in as someone else): nothing is stored, not even the
    organisation typed on the form."""
    client.force_login(stranger)

    response = client.post(
        apply_url(cohort),
        application(email="someone.else@example.org", organisation_other="Påhittade AB"),
    )

    assert response.status_code == 200
    assert not Application.objects.exists()
    assert not Organisation.objects.filter(name="Påhittade AB").exists()


def test_typed_organisation_finds_the_existing_one_whatever_its_case(client, cohort):
    existing = OrganisationFactory(name="Skatteverket")

    client.post(apply_url(cohort), application(organisation_other="  skatteverket "))

    assert Organisation.objects.filter(name__iexact="skatteverket").count() == 1
    assert Application.objects.get().user.profile.organisation == existing
