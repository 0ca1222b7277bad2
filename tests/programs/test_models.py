from datetime import date

import pytest
from django.db import IntegrityError

from mentorship.models import User
from programs.models import Participant
from tests.factories import CohortFactory, ParticipantFactory, ProgramFactory, UserFactory


@pytest.mark.django_db
def test_participant_twice_in_the_same_cohort_and_role_is_refused_by_the_database(cohort):
    person = UserFactory()
    ParticipantFactory(cohort=cohort, user=person, role="mentee")

    with pytest.raises(IntegrityError):
        Participant.objects.create(cohort=cohort, user=person, role="mentee")


@pytest.mark.django_db
def test_participant_may_be_mentor_and_mentee_in_different_roles(cohort):
    person = UserFactory()
    ParticipantFactory(cohort=cohort, user=person, role="mentee")
    ParticipantFactory(cohort=cohort, user=person, role="mentor")

    assert person.participations.count() == 2


@pytest.mark.django_db
def test_cohort_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        CohortFactory(starts_on=date(2027, 6, 1), ends_on=date(2027, 1, 1))


@pytest.mark.django_db
def test_cohort_with_negative_seats_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        CohortFactory(mentor_seats=-1)


@pytest.mark.django_db
def test_program_with_negative_fee_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        ProgramFactory(fee_per_mentee=-100)


@pytest.mark.django_db
def test_user_email_is_unique_whatever_its_case():
    UserFactory(email="anna@example.org")

    with pytest.raises(IntegrityError):
        User.objects.create(email="Anna@Example.org")


@pytest.mark.django_db
def test_every_new_user_has_a_profile_in_swedish():
    user = User.objects.create_user("ny@example.org", "a-password-123")

    assert user.profile.preferred_language == "sv"
