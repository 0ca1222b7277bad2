import pytest

from programs.models import Program
from tests.factories import CohortFactory, ParticipantFactory, ProgramFactory


@pytest.mark.django_db
def test_coordinator_sees_only_their_own_programs_in_the_admin(client, coordinator, program):
    ProgramFactory(name_sv="Någon annans program")
    client.force_login(coordinator)

    page = client.get("/admin/programs/program/").content.decode()

    assert program.name_sv in page
    assert "Någon annans program" not in page


@pytest.mark.django_db
def test_coordinator_cannot_open_another_programs_page_in_the_admin(
    client, coordinator, other_coordinator
):
    theirs = Program.objects.get(coordinators=other_coordinator)
    client.force_login(coordinator)

    response = client.get(f"/admin/programs/program/{theirs.pk}/change/", follow=True)

    assert theirs.name_sv not in response.content.decode()
    assert (
        "finns inte" in response.content.decode()
    )  # "... does not exist. Perhaps it was deleted?"


@pytest.mark.django_db
def test_coordinator_sees_participants_and_cohorts_of_their_program_only(
    client, coordinator, cohort
):
    mine = ParticipantFactory(cohort=cohort, user__last_name="Minsdotter")
    theirs = ParticipantFactory(cohort=CohortFactory(), user__last_name="Andrasson")
    client.force_login(coordinator)

    participants = client.get("/admin/programs/participant/").content.decode()
    cohorts = client.get("/admin/programs/cohort/").content.decode()

    assert mine.user.last_name in participants
    assert theirs.user.last_name not in participants
    assert cohort.name_sv in cohorts
    assert theirs.cohort.name_sv not in cohorts


@pytest.mark.django_db
def test_coordinator_editing_a_cohort_can_only_choose_their_own_programs(
    client, coordinator, program
):
    other = ProgramFactory(name_sv="Främmande program")
    client.force_login(coordinator)

    page = client.get("/admin/programs/cohort/add/").content.decode()

    assert program.name_sv in page
    assert other.name_sv not in page


@pytest.mark.django_db
def test_coordinator_changes_their_cohort_seats_in_the_admin(client, coordinator, cohort):
    client.force_login(coordinator)
    url = f"/admin/programs/cohort/{cohort.pk}/change/"
    form = {
        "program": cohort.program_id,
        "name_sv": cohort.name_sv,
        "name_en": "",
        "state": cohort.state,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "application_opens_at_0": "",
        "application_opens_at_1": "",
        "application_closes_at_0": "",
        "application_closes_at_1": "",
        "nomination_deadline_0": "",
        "nomination_deadline_1": "",
        "seat_rule": "first_come",
        "nomination_seat": "application",
        "mentor_seats": "20",
        "mentee_seats": "20",
        "mentor_intake": "public",
        "mentee_intake": "nomination",
    }

    response = client.post(url, form)

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert (cohort.mentor_seats, cohort.seat_rule) == (20, "first_come")
    assert cohort.public_roles() == ["mentor"]  # mentees come by nomination only


@pytest.mark.django_db
def test_participant_and_anonymous_visitor_are_kept_out_of_the_admin(client, mentee):
    assert client.get("/admin/programs/program/").status_code == 302  # to the admin login

    client.force_login(mentee.user)
    response = client.get("/admin/programs/program/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changelist",
    ["participant", "cohort", "application", "nomination", "question", "organisationcontact"],
)
def test_changelists_and_their_filters_never_name_another_programs_cohorts(
    client, coordinator, cohort, changelist
):
    ParticipantFactory(cohort=cohort)
    other = CohortFactory(name_sv="Främmande omgång", program__name_sv="Främmande program")
    ParticipantFactory(cohort=other)
    client.force_login(coordinator)

    page = client.get(f"/admin/programs/{changelist}/").content.decode()

    assert "Främmande" not in page
