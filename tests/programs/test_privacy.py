import csv
import io
import json
from datetime import timedelta

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone

from events.models import Session
from events.selectors.health import cohort_health
from events.services.sessions import session_plan
from matching.services.matching import match_create
from mentorship.models import OutgoingEmail
from programs.models import (
    Answer,
    Application,
    DataExport,
    ErasureRequest,
    Question,
    SensitiveAccess,
)
from programs.selectors import fee_report
from programs.services.completion import cohort_close, diplomas_issue
from programs.services.privacy import applications_retention_sweep, erasure_confirm
from programs.services.screening import application_accept, application_reject
from tests.factories import CohortFactory, ParticipantFactory, submit

pytestmark = pytest.mark.django_db(transaction=True)

NAME, EMAIL = "Zelda Unikdottir", "zelda.unik@example.org"


def questions(program):
    health = Question.objects.create(
        program=program, kind="text", text_sv="Funktionsnedsättning", sensitive=True
    )
    goal = Question.objects.create(program=program, kind="text", text_sv="Vad vill du uppnå?")
    return health, goal


def zelda_in(cohort, coordinator):
    """Zelda applies (with a sensitive answer), is accepted, matched, meets her mentor
    twice and gets a diploma: her name is in pages, exports and emails."""
    health, goal = questions(cohort.program)
    application = submit(
        cohort,
        email=EMAIL,
        answers={health.pk: "Synnedsättning", goal.pk: "Bli ordförande"},
    )
    application.user.first_name, application.user.last_name = NAME.split()
    application.user.save()
    participant = application_accept(application=application).participant
    mentor = ParticipantFactory(cohort=cohort, role="mentor", user__first_name="Maja")
    match = match_create(mentee=participant, mentor=mentor, by=coordinator)
    for days in (40, 10):
        Session.objects.create(
            match=match,
            starts_at=timezone.now() - timedelta(days=days),
            duration_minutes=120,
            state="held",
            actual_minutes=120,
            shared_notes=f"{NAME} berättade om sin kommun.",
        )
    session_plan(
        match=match,
        by=mentor.user,
        starts_at=timezone.now() + timedelta(days=7),
        duration_minutes=60,
        location="Stadshuset",
    )
    participant.fee_amount = 5000
    participant.save()
    return application, match


@pytest.fixture
def running(program):
    return CohortFactory(
        program=program,
        state="recruiting",
        starts_on=timezone.localdate() - timedelta(days=100),
        ends_on=timezone.localdate() + timedelta(days=200),
    )


def export(client, model, query="", **data):
    response = client.post(f"/admin/{model}/export/{query}", {"format": "0", **data})
    assert response["Content-Type"].startswith("text/csv"), response.content[:300]
    return response.content.decode("utf-8-sig")


def test_export_leaves_out_sensitive_answers_unless_ticked_and_logs_it(
    client, running, coordinator
):
    zelda_in(running, coordinator)
    submit(running, email="no-answers@example.org")
    client.force_login(coordinator)

    plain = export(client, "programs/application")
    header = next(csv.reader(io.StringIO(plain)))
    assert "Vad vill du uppnå?" in header and "Funktionsnedsättning" not in header
    assert "Synnedsättning" not in plain and "Bli ordförande" in plain
    logged = DataExport.objects.get()
    assert (logged.user, logged.sensitive, logged.rows) == (coordinator, False, 2)
    assert not SensitiveAccess.objects.exists()

    ticked = export(client, "programs/application", include_sensitive="on")
    assert "Funktionsnedsättning" in next(csv.reader(io.StringIO(ticked)))
    assert "Synnedsättning" in ticked
    assert DataExport.objects.filter(sensitive=True, user=coordinator).count() == 1
    access = SensitiveAccess.objects.get()  # only the application with a sensitive answer
    assert (access.user, access.what) == (coordinator, "export")


def test_export_follows_the_admin_lists_filter_and_the_coordinators_programs(
    client, running, coordinator, other_coordinator
):
    zelda_in(running, coordinator)
    rejected = submit(running, email="rejected@example.org")
    application_reject(application=rejected)
    client.force_login(coordinator)

    accepted_only = export(client, "programs/application", "?state__exact=accepted")
    assert EMAIL in accepted_only and "rejected@example.org" not in accepted_only
    assert DataExport.objects.get().filters == "state__exact=accepted"

    client.force_login(other_coordinator)
    assert EMAIL not in export(client, "programs/application")
    assert EMAIL not in export(client, "programs/participant")
    for model in ("matching/match", "events/session", "events/rsvp", "events/checkinanswer"):
        assert "Zelda" not in export(client, model)
    assert "Zelda" not in client.get("/admin/events/session/").content.decode()


def test_matches_sessions_attendance_and_check_ins_export_as_csv_and_xlsx(
    client, running, coordinator
):
    _application, _match = zelda_in(running, coordinator)
    client.force_login(coordinator)

    matches = list(csv.DictReader(io.StringIO(export(client, "matching/match"))))
    assert len(matches) == 1
    assert (matches[0]["adept"], matches[0]["genomförda möten"]) == (NAME, "2")
    assert matches[0]["timmar"] == "4.0"
    sessions = export(client, "events/session")
    assert sessions.count(NAME) == 3  # two held, one planned
    export(client, "events/rsvp")
    export(client, "events/checkinanswer")

    response = client.post("/admin/matching/match/export/", {"format": "1"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][3] == NAME
    assert DataExport.objects.filter(what="matchningar", file_format="xlsx").exists()


def test_export_page_is_refused_to_participants_and_anonymous_visitors(client, running, mentee):
    assert client.get("/admin/programs/application/export/").url.startswith("/admin/login/")
    client.force_login(mentee.user)
    assert client.get("/admin/programs/application/export/").url.startswith("/admin/login/")
    assert not DataExport.objects.exists()


def test_person_downloads_all_their_data_as_json(client, running, coordinator):
    application, match = zelda_in(running, coordinator)
    client.force_login(application.user)

    response = client.get("/dashboard/my-data.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert data["account"]["email"] == EMAIL
    answers = {a["question"]: a["answer"] for a in data["applications"][0]["answers"]}
    assert answers["Funktionsnedsättning"] == "Synnedsättning"  # their own answer
    assert data["matches"][0]["mentor"] == match.mentor.user.get_full_name()
    assert len(data["meetings"]) == 3
    assert data["participations"][0]["fee"] == "5000.00"

    client.logout()
    assert client.get("/dashboard/my-data.json").url.startswith("/accounts/login/")
    assert client.post("/dashboard/erase/", {"confirm": "on"}).url.startswith("/accounts/")
    assert not ErasureRequest.objects.exists()


def test_erasure_is_asked_for_once_and_confirmed_only_by_the_programs_coordinator(
    client, running, coordinator, other_coordinator
):
    application, match = zelda_in(running, coordinator)
    client.force_login(application.user)
    mail.outbox.clear()

    page = client.post("/dashboard/erase/", {"message": "Tack för allt"}).content.decode()
    assert "Detta fält måste fyllas i." in page and "Tack för allt" in page
    assert not ErasureRequest.objects.exists()
    for _ in range(2):  # a double submit
        client.post("/dashboard/erase/", {"message": "Tack för allt", "confirm": "on"})
    request = ErasureRequest.objects.get()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    client.force_login(other_coordinator)
    url = f"/admin/programs/erasurerequest/{request.pk}/"
    assert client.post(f"{url}decide/erase/").status_code == 404
    assert ErasureRequest.objects.get().state == "requested"

    client.force_login(coordinator)
    assert "Radera uppgifterna nu" in client.get(f"{url}change/").content.decode()
    client.post(f"{url}decide/erase/")
    request.refresh_from_db()
    assert (request.state, request.decided_by) == ("erased", coordinator)
    application.user.refresh_from_db()
    assert not application.user.is_active and EMAIL not in application.user.email
    # Her live match ended; her mentor is told, without her name.
    match.refresh_from_db()
    assert match.state == "ended" and match.ended_by == coordinator
    to_mentor = [m for m in mail.outbox if m.to == [match.mentor.user.email]][-1]
    assert "avslutats i förtid" in to_mentor.body and "Zelda" not in to_mentor.body


def test_after_erasure_no_page_export_or_email_names_the_person_and_totals_stay(
    client, running, coordinator
):
    application, match = zelda_in(running, coordinator)
    running.state = "running"
    running.save()
    cohort_close(cohort=running, by=coordinator)
    diplomas = diplomas_issue(cohort=running)
    before = cohort_health(running)
    fees_before = fee_report(running).due
    request = ErasureRequest.objects.create(user=application.user)
    assert OutgoingEmail.objects.filter(body_text__contains=NAME).exists()

    erasure_confirm(request=request, by=coordinator)

    after = cohort_health(running)
    assert (after["total_held"], after["total_hours"]) == (before["total_held"], 4.0)
    assert after["by_state"] == before["by_state"]
    assert fee_report(running).due == fees_before
    assert Application.objects.filter(cohort=running).count() == 1
    assert not Answer.objects.filter(application=application).exists()

    client.force_login(coordinator)
    pages = [
        "/admin/programs/application/",
        f"/admin/programs/application/{application.pk}/change/",
        "/admin/programs/participant/",
        "/admin/matching/match/",
        f"/admin/matching/match/{match.pk}/change/",
        "/admin/events/session/",
        "/admin/mentorship/outgoingemail/",
        f"/admin/programs/cohort/{running.pk}/health/",
        f"/admin/programs/cohort/{running.pk}/fees/",
        f"/admin/programs/cohort/{running.pk}/close/",
        f"/diplomas/verify/{diplomas[0].code}/",
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert NAME not in page and EMAIL not in page and "Zelda" not in page, url
    for model in ("programs/application", "programs/participant", "matching/match"):
        assert "Zelda" not in export(client, model, include_sensitive="on")
    assert "Zelda" not in export(client, "events/session")
    client.force_login(match.mentor.user)
    assert "Zelda" not in client.get("/dashboard/").content.decode()
    for email in OutgoingEmail.objects.all():
        text = f"{email.to} {email.subject} {email.body_text} {email.body_html} {email.attachments}"
        assert "Zelda" not in text and EMAIL not in text


def test_retention_erases_applications_never_accepted_after_the_period(
    running, coordinator, program
):
    program.retention_months = 12
    program.save()
    old = CohortFactory(
        program=program,
        state="recruiting",
        starts_on=timezone.localdate() - timedelta(days=800),
        ends_on=timezone.localdate() - timedelta(days=400),
    )
    _health, goal = questions(program)
    rejected = submit(old, email="gammal@example.org", answers={goal.pk: "Något"})
    application_reject(application=rejected)
    accepted = application_accept(application=submit(old, answers={goal.pk: "Kvar"}))
    recent = submit(running, email="ny@example.org", answers={goal.pk: "Nytt"})

    assert applications_retention_sweep() == 1
    assert applications_retention_sweep() == 0  # run again, nothing more

    rejected.refresh_from_db()
    assert rejected.erased_at is not None and not rejected.answers.exists()
    assert rejected.user.email.endswith("@erased.invalid")  # nothing else kept them
    assert accepted.answers.exists() and recent.answers.exists()
    assert Application.objects.filter(cohort=old).count() == 2  # the figures stay


def test_beat_runs_the_retention_sweep_nightly(settings):
    from mentorship.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["applications-retention"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {3}
