from datetime import timedelta

import pytest
from django.utils import timezone

from programs.enums import CohortState, IntakeMode
from tests.factories import CohortFactory, ProgramFactory


@pytest.mark.django_db
def test_home_lists_published_programs_with_their_open_cohorts(client):
    program = ProgramFactory(name_sv="Mentorskap för alla")
    CohortFactory(program=program, name_sv="Hösten")
    CohortFactory(program=program, name_sv="Utkastet", state=CohortState.DRAFT)
    ProgramFactory(name_sv="Hemligt program", is_published=False)

    page = client.get("/").content.decode()

    assert "Mentorskap för alla" in page
    assert "Hösten" in page and "Öppen för ansökningar" in page
    assert "Utkastet" not in page
    assert "Hemligt program" not in page


@pytest.mark.django_db
def test_home_runs_the_same_queries_for_one_or_three_programs(client, django_assert_num_queries):
    CohortFactory()
    with django_assert_num_queries(2):
        client.get("/")
    CohortFactory()
    CohortFactory()
    CohortFactory()
    with django_assert_num_queries(2):
        response = client.get("/")
    assert response.content.decode().count('class="card h-100 program-card"') == 4


@pytest.mark.django_db
def test_program_page_shows_requirements_fee_and_cohort_dates(client):
    program = ProgramFactory(
        slug="toppolitiker",
        name_sv="Mentor för toppolitiker",
        intake_mode=IntakeMode.ROLLING,
        fee_per_mentee=8000,
        mentee_requirements_sv="Kommunstyrelsens ordförande.",
    )
    CohortFactory(program=program, name_sv="Löpande intag", state=CohortState.RUNNING, ends_on=None)

    page = client.get("/programs/toppolitiker/").content.decode()

    assert "Mentor för toppolitiker" in page
    assert "Kommunstyrelsens ordförande." in page
    assert "8\xa0000 SEK exkl. moms" in page
    assert "Löpande intag: öppet hela året" in page


@pytest.mark.django_db
def test_program_page_in_english_after_switching_language(client):
    ProgramFactory(slug="p", name_sv="Svenskt namn", name_en="English name", fee_per_mentee=8000)

    client.post("/i18n/setlang/", {"language": "en", "next": "/programs/p/"})
    page = client.get("/programs/p/").content.decode()

    assert "English name" in page
    assert "8,000 SEK excl. VAT" in page
    assert 'lang="en"' in page


@pytest.mark.django_db
def test_cohort_whose_window_has_not_opened_says_when_it_opens(client):
    opens = timezone.now() + timedelta(days=20)
    CohortFactory(application_opens_at=opens, application_closes_at=opens + timedelta(days=30))

    page = client.get("/").content.decode()

    assert "Ansökan öppnar" in page


@pytest.mark.django_db
def test_unpublished_program_page_is_not_found(client):
    ProgramFactory(slug="hidden", is_published=False)

    assert client.get("/programs/hidden/").status_code == 404


@pytest.mark.django_db
def test_dashboard_sends_an_anonymous_visitor_to_log_in(anonymous):
    response = anonymous.get("/dashboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_dashboard_lists_only_my_own_participations(client, mentee, mentor):
    client.force_login(mentee.user)

    page = client.get("/dashboard/").content.decode()

    assert mentee.cohort.program.name_sv in page
    assert page.count("list-group-item") == 1
