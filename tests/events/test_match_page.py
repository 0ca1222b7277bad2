"""The match page and the pair's messages: who sees what, unread counts, files, double
submits, and the email that batches new messages."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from events.models import Session
from events.services.sessions import session_log, session_plan
from matching.enums import MatchState
from matching.models import Goal, Match, Message
from matching.services.agreements import goal_progress
from matching.services.messages import message_notices_due, message_notices_send, message_send
from mentorship.errors import Refusal
from mentorship.models import OutgoingEmail
from programs.models import Profile
from programs.personal_data import personal_data
from programs.services.core import coordinator_add
from tests.factories import ParticipantFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def english_profiles(english):
    Profile.objects.update(preferred_language="en")


def notices(user) -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.filter(user=user, template="messages_new"))


@pytest.fixture
def other_pair(pair):
    mentor = ParticipantFactory(cohort=pair.cohort, role="mentor")
    mentee = ParticipantFactory(cohort=pair.cohort, role="mentee")
    return Match.objects.create(
        cohort=pair.cohort, mentor=mentor, mentee=mentee, state=MatchState.ACTIVE
    )


def test_match_page_shows_the_pairs_work_and_the_dashboard_links_to_it(client, pair):
    session_plan(
        match=pair,
        by=pair.mentor.user,
        starts_at=timezone.now() - timedelta(days=3),
        duration_minutes=120,
    )
    held = Session.objects.get(match=pair)
    session_log(session=held, by=pair.mentee.user, held=True, actual_minutes=120, topics="Budget")
    goal = Goal.objects.create(match=pair, title="Lead a meeting")
    goal_progress(goal=goal, by=pair.mentee.user, status="in_progress", text="First try")
    client.force_login(pair.mentee.user)
    dashboard = client.get("/dashboard/").content.decode()
    assert f'href="/matches/{pair.pk}/"' in dashboard
    page = client.get(f"/matches/{pair.pk}/").content.decode()
    assert "Maja" in page and "Budget" in page and "Lead a meeting" in page
    assert "First try" in page and 'class="done"' in page  # the first meeting is held
    assert "Write the agreement together" in page and 'class="todo"' in page


@pytest.mark.parametrize("who", ["other_pair", "coordinator", "stranger", "anonymous"])
def test_match_page_messages_and_files_refuse_everyone_but_the_pair(client, pair, other_pair, who):
    message = message_send(
        match=pair,
        by=pair.mentor.user,
        body="Just between us",
        attachment=SimpleUploadedFile("plan.pdf", pdf_bytes()),
    )
    if who == "other_pair":
        client.force_login(other_pair.mentee.user)
    elif who == "coordinator":
        user = UserFactory(is_staff=True)
        coordinator_add(program=pair.cohort.program, user=user)
        client.force_login(user)
    elif who == "stranger":
        client.force_login(UserFactory())
    for url in (
        f"/matches/{pair.pk}/",
        f"/matches/{pair.pk}/messages/?after=0",
        f"/messages/{message.pk}/file/",
    ):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 404
            assert b"Just between us" not in response.content
    response = client.post(f"/matches/{pair.pk}/messages/", {"body": "Let me in"})
    assert response.status_code in (302, 404)
    assert not Message.objects.filter(body="Let me in").exists()


def test_mentee_sees_unread_count_until_she_reads_the_thread(client, pair):
    for text in ("Hello", "Are you free on Tuesday?"):
        message_send(match=pair, by=pair.mentor.user, body=text)
    client.force_login(pair.mentee.user)
    assert "2 new" in client.get("/dashboard/").content.decode()
    page = client.get(f"/matches/{pair.pk}/").content.decode()
    assert "Are you free on Tuesday?" in page
    assert "2 new" not in client.get("/dashboard/").content.decode()
    # The mentor's own messages are never unread for her.
    client.force_login(pair.mentor.user)
    assert "unread-count" not in client.get("/dashboard/").content.decode()


def test_message_sent_through_htmx_returns_an_empty_form_and_the_message(client, pair):
    client.force_login(pair.mentee.user)
    token = str(uuid.uuid4())
    data = {"body": "See you at ten", "client_token": token, "after": "0"}
    first = client.post(f"/matches/{pair.pk}/messages/", data, HTTP_HX_REQUEST="true")
    again = client.post(f"/matches/{pair.pk}/messages/", data, HTTP_HX_REQUEST="true")
    assert Message.objects.filter(match=pair).count() == 1  # the double submit sent one
    html = first.content.decode()
    assert "See you at ten" in html and "Message sent." in html
    assert (
        '<textarea name="body" id="id_body" rows="3" maxlength="5000" class="form-control">' in html
    )
    assert again.status_code == 200


def test_poll_returns_only_the_new_messages(client, pair):
    old = message_send(match=pair, by=pair.mentor.user, body="Old news")
    message_send(match=pair, by=pair.mentor.user, body="Fresh news")
    client.force_login(pair.mentee.user)
    html = client.get(f"/matches/{pair.pk}/messages/?after={old.pk}").content.decode()
    assert "Fresh news" in html and "Old news" not in html


def test_file_that_is_not_a_pdf_or_image_is_refused_beside_the_field_and_text_kept(client, pair):
    client.force_login(pair.mentee.user)
    fake = SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(
        f"/matches/{pair.pk}/messages/", {"body": "My CV attached", "attachment": fake}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Attach a PDF or an image" in html and 'id="id_attachment_error"' in html
    assert "My CV attached</textarea>" in html
    assert not Message.objects.exists()


def test_file_larger_than_5_mb_is_refused(pair):
    big = SimpleUploadedFile("huge.png", png_bytes() + b"0" * (5 * 1024 * 1024))
    with pytest.raises(Refusal, match="at most 5 MB"):
        message_send(match=pair, by=pair.mentee.user, body="", attachment=big)


def test_image_sent_is_downloaded_by_the_other_member(client, pair):
    message = message_send(
        match=pair,
        by=pair.mentee.user,
        body="",
        attachment=SimpleUploadedFile("whiteboard.png", png_bytes()),
    )
    client.force_login(pair.mentor.user)
    response = client.get(f"/messages/{message.pk}/file/")
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == png_bytes()


def test_empty_or_too_long_message_and_an_ended_pair_are_refused(pair):
    with pytest.raises(Refusal, match="Write a message"):
        message_send(match=pair, by=pair.mentee.user, body="   ")
    with pytest.raises(Refusal, match="at most 5000"):
        message_send(match=pair, by=pair.mentee.user, body="x" * 5001)
    Match.objects.filter(pk=pair.pk).update(state=MatchState.ENDED, end_reason="Moved")
    pair.refresh_from_db()
    with pytest.raises(Refusal, match="once the match is active"):
        message_send(match=pair, by=pair.mentee.user, body="Still there?")


def test_three_quick_messages_make_one_email_and_the_next_waits_an_hour(pair):
    mentee = pair.mentee.user
    for text in ("One", "Two", "Three"):
        message_send(match=pair, by=pair.mentor.user, body=text)
    assert len(notices(mentee)) == 1
    assert "Maja" in notices(mentee)[0].body_text
    message_send(match=pair, by=pair.mentor.user, body="Four")
    assert len(notices(mentee)) == 1  # within the hour: nothing more
    later = timezone.now() + timedelta(minutes=61)
    assert mentee.pk in message_notices_due(later)
    message_notices_send(user=mentee, now=later)
    assert len(notices(mentee)) == 2
    message_notices_send(user=mentee, now=later + timedelta(hours=2))
    assert len(notices(mentee)) == 2  # nothing new since: no email


def test_no_email_about_messages_already_read_or_for_reminders_turned_off(client, pair):
    Profile.objects.filter(user=pair.mentee.user).update(nudges=False)
    message_send(match=pair, by=pair.mentor.user, body="Hello")
    assert notices(pair.mentee.user) == []
    # The mentor has reminders on, but reads the reply before any email goes out.
    message = Message.objects.create(match=pair, author=pair.mentee.user, body="Hi back")
    client.force_login(pair.mentor.user)
    client.get(f"/matches/{pair.pk}/")
    message_notices_send(user=pair.mentor.user, now=message.created_at + timedelta(hours=2))
    assert notices(pair.mentor.user) == []


def test_messages_are_in_the_export_and_gone_after_erasure(pair):
    from programs.services.privacy import person_anonymise

    message_send(match=pair, by=pair.mentee.user, body="My private worry")
    exported = personal_data(pair.mentee.user)
    assert exported["messages"][0]["text"] == "My private worry"
    person_anonymise(user=pair.mentee.user)
    assert not Message.objects.filter(body__contains="worry").exists()


def test_match_page_and_dashboard_query_counts_do_not_grow_with_meetings_or_messages(client, pair):
    def add(meetings: int, messages: int) -> None:
        start = timezone.now() - timedelta(days=400)
        Session.objects.bulk_create(
            Session(
                match=pair, starts_at=start + timedelta(days=7 * n), state="held", actual_minutes=60
            )
            for n in range(meetings)
        )
        Message.objects.bulk_create(
            Message(match=pair, author=pair.mentor.user, body=f"Message {n}")
            for n in range(messages)
        )

    def counts() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            client.get(f"/matches/{pair.pk}/")
        with CaptureQueriesContext(connection) as dashboard:
            client.get("/dashboard/")
        return len(page), len(dashboard)

    Goal.objects.create(match=pair, title="A goal")
    client.force_login(pair.mentee.user)
    add(1, 1)
    client.get(f"/matches/{pair.pk}/")  # her first visit starts her read mark
    add(0, 1)  # one unread message
    few = counts()
    add(29, 49)  # and now 50 unread
    assert counts() == few


def test_coordinator_sees_how_often_the_pair_writes_but_not_what(client, pair):
    message_send(match=pair, by=pair.mentor.user, body="A secret plan")
    message_send(match=pair, by=pair.mentee.user, body="Agreed")
    coordinator = UserFactory(is_staff=True)
    coordinator_add(program=pair.cohort.program, user=coordinator)
    client.force_login(coordinator)
    html = client.get(f"/admin/matching/match/{pair.pk}/change/").content.decode()
    assert "2 messages, the last on" in html
    assert "A secret plan" not in html and "Agreed" not in html
