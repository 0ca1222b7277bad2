import pytest

from tests.factories import CohortFactory, ParticipantFactory


@pytest.fixture
def cohort_people(cohort):
    return [
        ParticipantFactory(cohort=cohort, role=role, user__last_name=name)
        for role, name in (("mentee", "Ahl"), ("mentor", "Berg"), ("mentee", "Cederlund"))
    ]


@pytest.mark.django_db
def test_only_those_who_joined_see_the_directory_and_are_seen(client, cohort, cohort_people):
    ahl, berg, _not_joined = cohort_people
    url = f"/cohorts/{cohort.pk}/network/"

    client.force_login(ahl.user)
    page = client.get(url).content.decode()
    assert "Gå med i katalogen" in page and "Berg" not in page  # nothing before joining
    client.post(url, {"join": "yes"})
    client.force_login(berg.user)
    client.post(url, {"join": "yes"})

    page = client.get(url).content.decode()
    assert "Ahl" in page and ahl.user.email in page
    assert "Cederlund" not in page  # has not joined: not shown


@pytest.mark.django_db
def test_directory_is_refused_outside_the_cohort(client, cohort, cohort_people, stranger):
    other = ParticipantFactory(cohort=CohortFactory(), role="mentee")
    url = f"/cohorts/{cohort.pk}/network/"

    for person in (stranger, other.user):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
