"""Issue 12's persona crawl, as a test: the coordinator of one reference program walks
every admin page they can open, with every add-page parameter pointed at a person of
another program, and sees nobody from there; no page answers with a server error."""

import pytest
from django.contrib import admin
from django.db.models import ForeignKey
from django.urls import NoReverseMatch, reverse

from events.models import ContactLog, Session
from matching.models import Match
from mentorship.models import User
from programs.models import Participant, Program
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    seed_demo()


def outsiders_of(slug: str) -> tuple[dict[type, int], set[str]]:
    """Ids to put in add-page parameters, and the strings that must never show."""
    participants = list(
        Participant.objects.filter(cohort__program__slug=slug).select_related("user")
    )
    visible_names = {
        u.get_full_name() for u in User.objects.exclude(participations__cohort__program__slug=slug)
    }
    secrets = {p.user.email for p in participants} | {
        p.user.get_full_name() for p in participants
    } - visible_names
    ids = {
        Participant: participants[0].pk,
        User: participants[0].user_id,
        Program: Program.objects.get(slug=slug).pk,
    }
    match = Match.objects.filter(cohort__program__slug=slug).first()
    if match:
        ids[Match] = match.pk
    return ids, secrets


def test_persona_crawl_coordinator_of_000_sees_nobody_of_002(client, demo):
    coordinator = User.objects.get(email="samordnare-kvinnor@example.org")
    ids, secrets = outsiders_of("mentorprogrammet-stockholm")
    client.force_login(coordinator)
    visited, leaks, errors = 0, [], []

    for model in list(admin.site._registry):
        meta = model._meta
        try:
            changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        except NoReverseMatch:
            continue
        params = {
            field.name: ids[field.related_model]
            for field in meta.get_fields()
            if isinstance(field, ForeignKey) and field.related_model in ids
        }
        for url, query in ((changelist, {}), (add, params)):
            response = client.get(url, query)
            visited += 1
            if response.status_code >= 500:
                errors.append(url)
            page = response.content.decode(errors="replace")
            leaks += [(url, query, s) for s in secrets if s in page]

    assert visited > 40
    assert not errors
    assert not leaks, leaks[:5]


def test_persona_crawl_wrong_person_posts_on_another_programs_rows_are_refused(client, demo):
    coordinator = User.objects.get(email="samordnare-kvinnor@example.org")
    client.force_login(coordinator)
    outsider = Participant.objects.filter(cohort__program__slug="mentorprogrammet-stockholm")[0]
    own_cohort = Participant.objects.filter(cohort__program__slug="mentorskap-for-kvinnor")[
        0
    ].cohort
    before = (ContactLog.objects.count(), Session.objects.count())

    responses = [
        client.post(
            f"/admin/programs/participant/{outsider.pk}/change/",
            {"role": "mentor", "state": "active", "capacity": 1},
        ),
        client.post(f"/admin/programs/participant/{outsider.pk}/delete/", {"post": "yes"}),
        client.post(
            "/admin/events/contactlog/add/",
            {
                "cohort": own_cohort.pk,
                "participant": outsider.pk,
                "kind": "phone",
                "happened_on": "2026-01-01",
                "note": "x",
            },
        ),
        client.post(
            f"/admin/matching/board/{outsider.cohort_id}/pair/",
            {"mentee": outsider.pk, "mentor": outsider.pk},
        ),
    ]

    outsider.refresh_from_db()
    assert outsider.state == "active" and Participant.objects.filter(pk=outsider.pk).exists()
    assert (ContactLog.objects.count(), Session.objects.count()) == before
    assert all(r.status_code < 500 for r in responses)
