"""A synthetic cohort in the database, for the benchmark of matching from real rows."""

from __future__ import annotations

import uuid

import numpy as np
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from matching.models import MatchingPolicy
from mentorship.models import User
from programs.enums import (
    ApplicationState,
    LanguageSpoken,
    MatchingCriterion,
    Profession,
    QuestionKind,
    Region,
    Role,
)
from programs.models import (
    Answer,
    Application,
    Cohort,
    Organisation,
    Participant,
    Profile,
    Program,
    Question,
)

AREAS = [f"område {n}" for n in range(30)]
DAYS = ["mon", "tue", "wed", "thu", "fri"]


def seed_cohort(participants: int, *, seed: int = 1) -> Cohort:
    """Half mentees, half mentors, with profiles, organisations and matching answers."""
    rng = np.random.default_rng(seed)
    tag = uuid.uuid4().hex[:8]
    program = Program.objects.create(
        slug=f"bench-{tag}", name_sv=f"Benchmark {tag}", summary_sv="-", description_sv="-"
    )
    MatchingPolicy.objects.create(program=program, different_organisation=True)
    cohort = Cohort.objects.create(
        program=program, name_sv="Benchmark", starts_on=timezone.localdate()
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Bench org {tag} {n}") for n in range(60)
    )
    days = Question.objects.create(
        program=program,
        kind=QuestionKind.MULTIPLE_CHOICE,
        text_sv="Dagar",
        matching_criterion=MatchingCriterion.AVAILABILITY,
    )
    years = Question.objects.create(
        program=program,
        kind=QuestionKind.NUMBER,
        text_sv="År",
        matching_criterion=MatchingCriterion.EXPERIENCE,
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"bench-{tag}-{n}@example.org",
            first_name="B",
            last_name=str(n),
            password=password,
        )
        for n in range(participants)
    )
    languages = list(LanguageSpoken.values)
    Profile.objects.bulk_create(
        Profile(
            user=user,
            languages=["sv", *rng.choice(languages, size=int(rng.integers(0, 3))).tolist()],
            competence_areas=rng.choice(
                AREAS, size=int(rng.integers(2, 6)), replace=False
            ).tolist(),
            profession=str(rng.choice(Profession.values)),
            region=str(rng.choice(Region.values)),
        )
        for user in users
    )
    roles = [Role.MENTEE if n % 2 == 0 else Role.MENTOR for n in range(participants)]
    people = Participant.objects.bulk_create(
        Participant(
            cohort=cohort,
            user=user,
            role=role,
            organisation=organisations[int(rng.integers(0, len(organisations)))],
            capacity=int(rng.integers(1, 4)) if role == Role.MENTOR else 1,
        )
        for user, role in zip(users, roles, strict=True)
    )
    now = timezone.now()
    applications = Application.objects.bulk_create(
        Application(
            cohort=cohort,
            role=person.role,
            user_id=person.user_id,
            state=ApplicationState.ACCEPTED,
            queue_number=n + 1,
            participant=person,
            consent_text="-",
            consent_given_at=now,
            submission_token=uuid.uuid4(),
        )
        for n, person in enumerate(people)
    )
    Answer.objects.bulk_create(
        answer
        for application in applications
        for answer in (
            Answer(
                application=application,
                question=days,
                value=rng.choice(DAYS, size=int(rng.integers(1, 4)), replace=False).tolist(),
            ),
            Answer(
                application=application,
                question=years,
                value=int(
                    rng.integers(0, 12) if application.role == Role.MENTEE else rng.integers(5, 30)
                ),
            ),
        )
    )
    return cohort
