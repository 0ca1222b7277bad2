import pytest

from matching.models import MatchingPolicy
from tests.factories import CohortFactory, OrganisationFactory, ParticipantFactory


def person(cohort, role, organisation, *, languages=("sv",), areas=(), capacity=1, name=""):
    participant = ParticipantFactory(
        cohort=cohort,
        role=role,
        organisation=organisation,
        capacity=capacity,
        user__first_name=name or role,
    )
    profile = participant.user.profile
    profile.languages = list(languages)
    profile.competence_areas = list(areas)
    profile.organisation = organisation
    profile.save()
    return participant


@pytest.fixture
def agencies(db):
    return OrganisationFactory(name="Verket A"), OrganisationFactory(name="Verket B")


@pytest.fixture
def matching_cohort(agencies):
    """Three mentees, two mentors (one with two places), two agencies."""
    a, b = agencies
    cohort = CohortFactory()
    MatchingPolicy.objects.create(program=cohort.program, different_organisation=True)
    cohort.people = {
        "anna": person(cohort, "mentee", a, areas=["ledarskap"], name="Anna"),
        "bo": person(cohort, "mentee", a, areas=["budget"], name="Bo"),
        "cleo": person(cohort, "mentee", b, areas=["ledarskap"], name="Cleo"),
        "mia": person(cohort, "mentor", b, areas=["ledarskap", "budget"], capacity=2, name="Mia"),
        "nils": person(cohort, "mentor", a, areas=["ledarskap"], name="Nils"),
    }
    return cohort
