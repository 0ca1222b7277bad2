"""Issue 12, defects 3 and 15: a coordinator's admin pickers, add-page parameters and
saves reach only the people of their own programs."""

import re

import pytest
from django.utils import timezone

from events.models import ContactLog
from matching.enums import MatchState
from matching.models import Agreement, Match
from programs.models import Participant
from tests.factories import CohortFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def select_options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


@pytest.fixture
def outsider(other_coordinator):
    """A participant of the other coordinator's program (002, say)."""
    cohort = CohortFactory(program=other_coordinator.coordinated_programs.get())
    return ParticipantFactory(
        cohort=cohort,
        user__first_name="Hemlig",
        user__last_name="Utomstående",
        user__email="hemlig@example.org",
    )


def test_cross_program_reads_through_add_page_parameter_show_nobody(
    client, coordinator, cohort, outsider
):
    client.force_login(coordinator)

    page = client.get(f"/admin/events/contactlog/add/?participant={outsider.pk}")

    assert page.status_code == 200
    assert "Utomstående" not in page.content.decode()
    assert "hemlig@example.org" not in page.content.decode()


def test_cross_program_reads_through_the_user_picker_list_no_stranger(
    client, coordinator, cohort, outsider, stranger
):
    client.force_login(coordinator)

    page = client.get(f"/admin/programs/participant/add/?user={outsider.user.pk}")
    other = client.get(f"/admin/programs/participant/add/?user={stranger.pk}")

    assert "hemlig@example.org" not in page.content.decode()
    assert "stranger@example.org" not in other.content.decode()


def test_cross_program_link_of_another_programs_person_is_refused_on_save(
    client, coordinator, cohort, outsider
):
    client.force_login(coordinator)

    response = client.post(
        "/admin/events/contactlog/add/",
        {
            "cohort": cohort.pk,
            "participant": outsider.pk,
            "kind": "phone",
            "happened_on": timezone.localdate().isoformat(),
            "note": "Ringde",
        },
    )

    assert response.status_code == 200  # the form again, with the error
    assert not ContactLog.objects.exists()


def test_cross_program_participant_add_for_a_stranger_is_refused(
    client, coordinator, cohort, stranger
):
    client.force_login(coordinator)

    client.post(
        "/admin/programs/participant/add/",
        {
            "cohort": cohort.pk,
            "user": stranger.pk,
            "role": "mentee",
            "state": "active",
            "capacity": 1,
        },
    )

    assert not Participant.objects.filter(user=stranger).exists()


def test_staff_names_in_the_coordinators_widget_are_only_those_of_ones_programs(
    client, coordinator, program, other_coordinator
):
    client.force_login(coordinator)

    page = client.get(f"/admin/programs/program/{program.pk}/change/").content.decode()

    options = re.findall(r'name="coordinators" value="(\d+)"', page)  # tick boxes
    assert str(coordinator.pk) in options and str(other_coordinator.pk) not in options


def test_staff_names_in_the_facilitator_widget_are_only_those_of_ones_programs(
    client, coordinator, cohort, other_coordinator
):
    match = Match.objects.create(
        cohort=cohort,
        mentor=ParticipantFactory(cohort=cohort, role="mentor"),
        mentee=ParticipantFactory(cohort=cohort, role="mentee"),
        state=MatchState.ACTIVE,
    )
    agreement = Agreement.objects.create(match=match)
    UserFactory(email="plain.staff@example.org", is_staff=True)
    client.force_login(coordinator)

    page = client.get(f"/admin/matching/agreement/{agreement.pk}/change/").content.decode()

    options = select_options(page, "facilitator")
    assert str(coordinator.pk) in options and str(other_coordinator.pk) not in options
