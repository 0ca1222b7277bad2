"""Issue 12, defects 3 (organisations), 9 and 11; issue 13, part 2: one organisation per
agency, each program's own list, shared ones left to the superuser."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from programs.models import Nomination, Organisation, OrganisationContact, Participant
from programs.services.organisations import organisation_merge
from tests.factories import CohortFactory, OrganisationFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("variant", ["skatteverket", " SKATTEVERKET. ", "Skatteverket!"])
def test_one_organisation_per_agency_the_database_refuses_a_case_variant(variant):
    Organisation.objects.create(name="Skatteverket")

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name=variant)
    assert Organisation.objects.count() == 1


def apply(client, cohort, **data):
    return client.post(
        f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/",
        {
            "first_name": "Fatima",
            "last_name": "Haddad",
            "email": f"{uuid.uuid4().hex[:8]}@example.org",
            "preferred_language": "sv",
            "consent": "on",
            "submission_token": str(uuid.uuid4()),
            **data,
        },
    )


def test_anonymous_users_add_no_names_to_the_public_forms_organisation_list(client, cohort):
    ParticipantFactory(cohort=cohort, organisation=OrganisationFactory(name="Försäkringskassan"))
    other_program = CohortFactory()
    ParticipantFactory(cohort=other_program, organisation=OrganisationFactory(name="MP Göteborg"))

    apply(client, cohort, organisation_other="Påhittat Bolag AB")
    page = client.get(f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/")

    listed = page.content.decode()
    assert "Försäkringskassan" in listed  # its participants' agency
    assert "MP Göteborg" not in listed  # another program's
    assert "Påhittat Bolag AB" not in listed  # typed by an applicant, not accepted


@pytest.fixture
def shared(cohort, other_coordinator):
    """An organisation used by this program and by the other coordinator's program."""
    organisation = OrganisationFactory(name="Delad myndighet")
    ParticipantFactory(cohort=cohort, organisation=organisation)
    other = CohortFactory(program=other_coordinator.coordinated_programs.get())
    ParticipantFactory(cohort=other, organisation=organisation)
    return organisation


def test_coordinators_cannot_rename_or_delete_organisations_other_programs_use(
    client, coordinator, shared
):
    client.force_login(coordinator)

    rename = client.post(
        f"/admin/programs/organisation/{shared.pk}/change/",
        {"name": "Omdöpt", "kind": "other", "programs": []},
    )
    delete = client.post(f"/admin/programs/organisation/{shared.pk}/delete/", {"post": "yes"})

    assert rename.status_code == 403 and delete.status_code == 403
    shared.refresh_from_db()
    assert shared.name == "Delad myndighet"
    assert client.get(f"/admin/programs/organisation/{shared.pk}/change/").status_code == 200


def test_coordinator_renames_an_organisation_only_their_program_uses(
    client, coordinator, cohort, program
):
    own = OrganisationFactory(name="Egen förening")
    ParticipantFactory(cohort=cohort, organisation=own)
    client.force_login(coordinator)

    client.post(
        f"/admin/programs/organisation/{own.pk}/change/",
        {"name": "Egen förening Väst", "kind": "other", "programs": [program.pk]},
    )

    own.refresh_from_db()
    assert own.name == "Egen förening Väst"


def test_organisation_list_and_autocomplete_hide_other_programs_organisations(
    client, coordinator, cohort, other_coordinator
):
    other = CohortFactory(program=other_coordinator.coordinated_programs.get())
    ParticipantFactory(cohort=other, organisation=OrganisationFactory(name="Hemlig förening"))
    client.force_login(coordinator)

    listing = client.get("/admin/programs/organisation/").content.decode()
    search = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "programs",
            "model_name": "participant",
            "field_name": "organisation",
            "term": "Hemlig",
        },
    )

    assert "Hemlig förening" not in listing
    assert search.json()["results"] == []


def test_adding_an_existing_name_lists_the_existing_organisation_instead(
    client, coordinator, program
):
    existing = OrganisationFactory(name="Skatteverket")
    client.force_login(coordinator)

    response = client.post(
        "/admin/programs/organisation/add/",
        {"name": "skatteverket ", "kind": "agency", "programs": [program.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert Organisation.objects.count() == 1
    assert list(existing.programs.all()) == [program]


def test_merging_two_organisations_moves_people_contacts_nominations_and_fees(cohort, coordinator):
    keep = OrganisationFactory(name="Skatteverket")
    merge = OrganisationFactory(name="Skatteverket Region Väst")
    participant = ParticipantFactory(cohort=cohort, organisation=merge)
    Participant.objects.filter(pk=participant.pk).update(paying_organisation=merge)
    contact = OrganisationContact.objects.create(
        organisation=merge, user=UserFactory(), program=cohort.program
    )
    nomination = Nomination.objects.create(
        cohort=cohort,
        role="mentor",
        organisation=merge,
        nominated_by=contact.user,
        first_name="Sven",
        last_name="S",
        email="sven@example.org",
        rank=1,
    )
    profile = participant.user.profile
    profile.organisation = merge
    profile.save()

    organisation_merge(keep=keep, merge=merge, by=coordinator)

    participant.refresh_from_db()
    contact.refresh_from_db()
    nomination.refresh_from_db()
    profile.refresh_from_db()
    assert participant.organisation == keep and participant.paying_organisation == keep
    assert contact.organisation == keep and nomination.organisation == keep
    assert profile.organisation == keep
    assert not Organisation.objects.filter(pk=merge.pk).exists()
