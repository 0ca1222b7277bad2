"""Issue 13, part 7: after erasing a mentee of the demo 004 cohort who had a full year
of activity, no text or JSON column of any table holds her name, email, phone or bio:
not her own rows, nor emails sent to other people (the mentor's introduction with her
bio, reminders, the coordinators' digest and their stored context), nor notes, nor the
admin's history."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import models
from django.utils import timezone

from events.models import ContactLog, Session
from events.services.reminders import reminders_sweep
from events.services.sessions import session_log, session_plan
from matching.models import Goal
from matching.services.agreements import (
    agreement_sign,
    agreement_start,
    agreement_update,
    goal_progress,
)
from matching.services.matching import match_create
from mentorship.models import User
from programs.models import Participant
from programs.services.privacy import erasure_confirm, erasure_request
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "070-555 12 34"
BIO = "Driver ett café i Angered sedan 2019 och vill växa med en andra lokal."


def columns_holding(text: str) -> list[str]:
    """Every text and JSON column of every table that holds `text`."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.GeneratedField):
                continue
            if isinstance(field, (models.CharField, models.TextField)):
                lookup = {f"{field.name}__contains": text}
            elif isinstance(field, models.JSONField):
                hits = [
                    pk
                    for pk, value in model._default_manager.values_list("pk", field.name)
                    if text in str(value)
                ]
                if hits:
                    found.append(f"{model._meta.label}.{field.name}")
                continue
            else:
                continue
            if model._default_manager.filter(**lookup).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_erasure_reaches_every_text_and_json_column_after_a_year(db):
    seed_demo()
    mentee = Participant.objects.select_related("user__profile", "cohort").get(
        user__email="adept@entreprenorer.example.se"
    )
    person = mentee.user
    name, email = person.get_full_name(), person.email
    profile = person.profile
    profile.phone, profile.bio = PHONE, BIO
    profile.save()
    cohort = mentee.cohort
    coordinator = cohort.program.coordinators.first()
    mentor = Participant.objects.filter(cohort=cohort, role="mentor").exclude(
        mentor_matches__state="active"
    )[0]
    # A year together: introduction, meetings with notes, goals, reminders, the digest,
    # a follow-up and the admin's history, all naming her.
    match = match_create(
        mentee=mentee, mentor=mentor, by=coordinator, override_reason="Testet vill ha paret"
    )
    match.started_at = timezone.now() - timedelta(days=360)
    match.save()
    # 004 logs meetings once both have signed its moral contract.
    agreement = agreement_update(
        agreement=agreement_start(match=match),
        by=person,
        fields={"focus_areas": f"{name} vill bygga ett bageri"},
        goals=[],
    )
    agreement_sign(agreement=agreement, by=person)
    agreement_sign(agreement=agreement, by=mentor.user)
    for month in range(1, 12):
        session = session_plan(
            match=match,
            by=mentor.user,
            starts_at=timezone.now() + timedelta(days=1),
            duration_minutes=120,
            location="Caféet",
        )
        Session.objects.filter(pk=session.pk).update(
            starts_at=timezone.now() - timedelta(days=30 * month)
        )
        session.refresh_from_db()
        session_log(
            session=session,
            by=mentor.user,
            held=True,
            actual_minutes=120,
            topics=f"{name} berättade om kassaflödet",
            shared_notes=f"Ring {name} på {PHONE} om lokalen",
        )
    agreement_start(match=match)
    goal = Goal.objects.create(match=match, title="Andra lokalen")
    goal_progress(goal=goal, by=person, status="in_progress", text=f"{name} har hittat en lokal")
    ContactLog.objects.create(
        cohort=cohort,
        participant=mentee,
        kind="phone",
        happened_on=timezone.localdate(),
        note=f"Pratade med {name} ({email}, {PHONE})",
        coordinator=coordinator,
    )
    LogEntry.objects.log_actions(
        user_id=coordinator.pk,
        queryset=[mentee],
        action_flag=CHANGE,
        change_message=f"Bytte telefon till {PHONE}",
        single_object=True,
    )
    reminders_sweep(digest=True)
    for text in (name, email, PHONE, BIO):
        assert columns_holding(text), f"the year of activity should mention {text!r}"

    erasure_confirm(request=erasure_request(user=person), by=coordinator)

    leaks = {text: columns_holding(text) for text in (name, email, PHONE, BIO)}
    assert leaks == {name: [], email: [], PHONE: [], BIO: []}
    # What the program's figures count is kept.
    assert Session.objects.filter(match=match, state="held").count() == 11
    assert User.objects.filter(pk=person.pk).exists()
