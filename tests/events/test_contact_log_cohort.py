"""Issue 13, part 6: a follow-up contact names only people and pairs of its own cohort,
in the form and in the database; the picker lists only that cohort's people, by name."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import ContactLog
from tests.factories import CohortFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cohorts(cohort, program):
    other = CohortFactory(program=program)  # the same coordinator's other cohort
    here = ParticipantFactory(cohort=cohort, user__first_name="Hanna", user__last_name="Här")
    there = ParticipantFactory(cohort=other, user__first_name="Dora", user__last_name="Där")
    return cohort, here, there


def test_contact_log_naming_a_participant_of_another_cohort_is_refused(
    client, coordinator, two_cohorts
):
    cohort, _here, there = two_cohorts
    client.force_login(coordinator)

    response = client.post(
        "/admin/events/contactlog/add/",
        {
            "cohort": cohort.pk,
            "participant": there.pk,
            "kind": "phone",
            "happened_on": timezone.localdate().isoformat(),
            "note": "Ringde om träffen",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Välj en deltagare i den här omgången." in page
    assert "Ringde om träffen" in page  # the note is kept
    assert not ContactLog.objects.exists()


def test_contact_log_of_another_cohorts_person_is_refused_by_the_database(two_cohorts):
    cohort, _here, there = two_cohorts

    with pytest.raises(IntegrityError), transaction.atomic():
        ContactLog.objects.create(
            cohort=cohort,
            participant=there,
            kind="phone",
            happened_on=timezone.localdate(),
            note="x",
        )


def test_contact_log_picker_lists_only_the_cohorts_people_by_name(client, coordinator, two_cohorts):
    cohort, _here, _there = two_cohorts
    client.force_login(coordinator)

    page = client.get(f"/admin/events/contactlog/add/?cohort={cohort.pk}").content.decode()

    assert "Hanna Här" in page
    assert "Dora Där" not in page
