"""The pair's meetings, and the personal calendar feed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events.enums import AnnouncementAudience, SessionState
from events.forms import (
    AnnouncementForm,
    SessionForm,
    SessionLogForm,
    SessionRecordForm,
    SessionSeriesForm,
    rsvp_form,
)
from events.models import CalendarFeed, CheckIn, Meetup, PrivateNote, Rsvp, Session
from events.pace import cadence_days, next_meeting_suggestion
from events.rules import is_asked, is_invitee, may_run_meetup
from events.selectors.calendar import feed_calendar
from events.selectors.checkins import goal_outcomes, self_assessment_change
from events.selectors.health import cohort_health
from events.selectors.meetups import meetup_figures, meetup_logistics
from events.selectors.pair import pair_page
from events.selectors.workspace import cohort_desks, workspace
from events.services import EventError
from events.services.announcements import announcement_recipients, announcement_send
from events.services.checkins import checkin_answer
from events.services.feeds import feed_for, feed_revoke
from events.services.meetups import (
    attendance_mark,
    attendance_open,
    logistics_workbook,
    rsvp_answer,
)
from events.services.reports import report_send
from events.services.sessions import (
    private_note_save,
    session_cancel,
    session_change,
    session_log,
    session_plan,
    session_record,
    session_series_plan,
)
from matching.forms import MessageForm
from matching.models import Agreement, Match, Message
from matching.rules import is_match_member
from matching.selectors import match_of_member, thread_for
from matching.services.messages import message_send, messages_read
from mentorship.coordinator import coordinated_cohort, coordinator_page
from mentorship.errors import Refusal
from mentorship.http import int_or_none
from mentorship.services import render_text


def member_match(request: HttpRequest, match_id: int) -> Match:
    match = match_of_member(request.user, match_id)
    if match is None:
        raise Http404  # another pair's meetings are not there for you
    return match


def member_session(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(
        Session.objects.select_related(
            "match__cohort__program", "match__mentor__user__profile", "match__mentee__user__profile"
        ),
        pk=session_id,
    )
    if not is_match_member(request.user, session.match):
        raise Http404
    return session


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_plan_view(request: HttpRequest, match_id: int) -> HttpResponse:
    match = member_match(request, match_id)
    last = match.sessions.filter(state=SessionState.HELD).order_by("-starts_at").first()
    # The pair's cadence (their agreement's, else the program's): events.pace.
    suggested = next_meeting_suggestion(last.starts_at if last else None, cadence_days(match))
    agreement = Agreement.objects.filter(match=match).first()
    initial = {
        "starts_at": suggested,
        "duration_minutes": agreement.meeting_minutes if agreement else 60,
        "location": agreement.meeting_place if agreement else "",
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session_plan(match=match, by=request.user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is planned; you both get a calendar invite."))
            return redirect("dashboard")
    return render(
        request,
        "events/session_form.html",
        {"form": form, "match": match, "title": _("Plan a meeting")},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_series_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """Plan a series of meetings in one form (monthly on the first Tuesday, 12 times)."""
    match = member_match(request, match_id)
    agreement = Agreement.objects.filter(match=match).first()
    initial = {
        "starts_at": next_meeting_suggestion(None, cadence_days(match)),
        "duration_minutes": agreement.meeting_minutes if agreement else 60,
        "location": agreement.meeting_place if agreement else "",
    }
    form = SessionSeriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            sessions = session_series_plan(match=match, by=request.user, **data)
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s meeting is planned; you both get the calendar invites.",
                    "%(n)s meetings are planned; you both get the calendar invites.",
                    len(sessions),
                )
                % {"n": len(sessions)},
            )
            return redirect("match_page", match_id=match.pk)
    return render(
        request,
        "events/session_form.html",
        {"form": form, "match": match, "title": _("Plan a series of meetings")},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_record_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """Log a meeting that already took place, without planning it first."""
    match = member_match(request, match_id)
    form = SessionRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session_record(match=match, by=request.user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("match_page", match_id=match.pk)
    return render(
        request,
        "events/session_form.html",
        {
            "form": form,
            "match": match,
            "title": _("Log a past meeting"),
            "submit": _("Log the meeting"),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = member_session(request, session_id)
    initial = {
        name: getattr(session, name)
        for name in ("starts_at", "duration_minutes", "location", "video_link", "agenda")
    }
    initial["starts_at"] = timezone.localtime(session.starts_at)
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session_change(session=session, by=request.user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is changed; you both get the new invite."))
            return redirect("dashboard")
    return render(
        request,
        "events/session_form.html",
        {
            "form": form,
            "match": session.match,
            "session": session,
            "title": _("Change the meeting"),
        },
    )


@login_required
@require_POST
def session_cancel_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = member_session(request, session_id)
    try:
        session_cancel(session=session, by=request.user)
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is cancelled; calendars are told."))
    return redirect("dashboard")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_log_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = member_session(request, session_id)
    own_note = PrivateNote.objects.filter(session=session, author=request.user).first()
    initial = {
        "held": "1" if session.state != SessionState.MISSED else "0",
        "actual_minutes": session.actual_minutes or session.duration_minutes,
        "topics": session.topics,
        "shared_notes": session.shared_notes,
        "private_note": own_note.text if own_note else "",
    }
    form = SessionLogForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session_log(
                session=session,
                by=request.user,
                held=data["held"],
                actual_minutes=data.get("actual_minutes"),
                topics=data["topics"],
                shared_notes=data["shared_notes"],
            )
            private_note_save(session=session, by=request.user, text=data["private_note"])
        except Refusal as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("dashboard")
    return render(request, "events/session_log.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        feed_revoke(user=request.user)
        messages.success(request, _("Your calendar address is new; the old one no longer works."))
        return redirect("calendar_settings")
    feed = feed_for(request.user)
    url = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    return render(request, "events/calendar.html", {"feed_url": url})


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("user__profile").filter(token=token).first()
    if feed is None:
        raise Http404
    response = HttpResponse(feed_calendar(feed), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def rsvp_view(request: HttpRequest, rsvp_id: int) -> HttpResponse:
    """The answer to an invitation: sent from the dashboard; on its own page (the invite's
    link) with the meetup's practical details, and with a bad answer shown beside its field,
    the rest kept."""
    rsvp = get_object_or_404(
        Rsvp.objects.select_related("participant", "meetup__cohort__program").prefetch_related(
            "meetup__items"
        ),
        pk=rsvp_id,
    )
    if not is_invitee(request.user, rsvp):
        raise Http404  # another person's invitation is not there for you
    form = rsvp_form(rsvp, request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            rsvp_answer(rsvp=rsvp, by=request.user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Thank you: your answer is saved."))
            return redirect(f"{reverse('dashboard')}#meetup-{rsvp.meetup_id}")
    return render(
        request,
        "events/rsvp.html",
        {"rsvp": rsvp, "form": form, "meetup": rsvp.meetup},
        status=400 if form.is_bound else 200,
    )


LOGISTICS_LISTS = ("lodging", "travel")


def logistics_view(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """A residential meetup's lodging list per night and travel list, each to download as
    a spreadsheet (logged as an export with sensitive data: diets and needs)."""
    meetup = get_object_or_404(Meetup.objects.select_related("cohort__program"), pk=meetup_id)
    if not may_run_meetup(request.user, meetup.cohort):
        raise Http404
    lists = meetup_logistics(meetup)
    wanted = request.GET.get("download")
    if wanted in LOGISTICS_LISTS:
        name, content = logistics_workbook(meetup, lists, wanted, by=request.user)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return coordinator_page(
        request,
        "events/logistics.html",
        {
            "title": _("Lodging and travel: %(meetup)s") % {"meetup": meetup.title},
            "meetup": meetup,
            "lists": lists,
        },
    )


def attendance_view(request: HttpRequest, meetup_id: int) -> HttpResponse:
    """The coordinator's list of invitees: answers, needs, and who came."""
    meetup = get_object_or_404(Meetup.objects.select_related("cohort__program"), pk=meetup_id)
    if not may_run_meetup(request.user, meetup.cohort):
        raise Http404
    if request.method == "POST":
        present = {pk for value in request.POST.getlist("present") if (pk := int_or_none(value))}
        try:
            attendance_mark(meetup=meetup, present=present)
        except EventError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Attendance is saved."))
        return redirect("meetup_attendance", meetup_id=meetup.pk)
    rsvps = meetup.rsvps.select_related("participant__user").order_by(
        "participant__role", "participant__user__last_name"
    )
    return coordinator_page(
        request,
        "events/attendance.html",
        {
            "title": _("Attendance: %(meetup)s") % {"meetup": meetup.title},
            "meetup": meetup,
            "rsvps": rsvps,
            "figures": meetup_figures(meetup),
            "attendance_open": attendance_open(meetup),
        },
    )


@login_required
@require_POST
def check_in_answer_view(request: HttpRequest, check_in_id: int) -> HttpResponse:
    check_in = get_object_or_404(CheckIn.objects.select_related("participant"), pk=check_in_id)
    if not is_asked(request.user, check_in):
        raise Http404
    answers = {
        item_id: value
        for name, value in request.POST.items()
        if name.startswith("item_")
        and value != ""
        and (item_id := int_or_none(name.removeprefix("item_")))
    }
    try:
        checkin_answer(check_in=check_in, by=request.user, answers=answers)
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you for your answers."))
    return redirect("dashboard")


@require_safe
def coordinator_home(request: HttpRequest) -> HttpResponse:
    """What `/admin/` shows a coordinator: each program and cohort, where it stands and
    what needs doing, every number a link to the people behind it."""
    return coordinator_page(
        request,
        "admin/coordinator_home.html",
        {"title": _("What needs doing"), "workspace": workspace(request.user)},
    )


@require_safe
def cohort_hub(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """One cohort's page: where it stands, what needs doing, and every page about it."""
    cohort = coordinated_cohort(request, cohort_id)
    return coordinator_page(
        request,
        "admin/cohort_hub.html",
        {
            "title": str(cohort),
            "cohort": cohort,
            "desk": cohort_desks([cohort])[0],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def announcement_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Write an announcement, preview it as a recipient reads it with the number of
    people it reaches, then send it (once, however often the button is pressed)."""
    cohort = coordinated_cohort(request, cohort_id)
    initial = {}
    if meetup_id := int_or_none(request.GET.get("meetup")):
        initial = {"audience": AnnouncementAudience.MEETUP, "meetup": meetup_id}
    form = AnnouncementForm(request.POST or None, cohort=cohort, initial=initial)
    preview = recipients = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if "send" in request.POST:
                announcement = announcement_send(
                    cohort=cohort,
                    audience=data["audience"],
                    meetup=data["meetup"],
                    subject=data["subject"],
                    body=data["body"],
                    by=request.user,
                    submission_token=data["submission_token"],
                )
                messages.success(
                    request,
                    ngettext(
                        "The announcement is on its way to %(n)s person.",
                        "The announcement is on its way to %(n)s people.",
                        announcement.recipients,
                    )
                    % {"n": announcement.recipients},
                )
                return redirect("cohort_hub", cohort_id=cohort.pk)
            recipients = announcement_recipients(
                cohort=cohort, audience=data["audience"], meetup=data["meetup"]
            )
            if not recipients:
                raise EventError(_("Nobody would get this announcement."), field="audience")
            preview = render_text(
                "emails/announcement.txt",
                {
                    "person": recipients[0].user,
                    "body": data["body"],
                    "sender": request.user.get_full_name() or request.user.email,
                    "program": cohort.program,
                },
            )
        except Refusal as error:
            form.add_error(error.field, str(error))
    return coordinator_page(
        request,
        "events/announcement.html",
        {
            "title": _("Announcement to %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "form": form,
            "preview": preview,
            "recipients": recipients,
        },
    )


def cohort_health_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The coordinator's cohort health page: pairs at risk first, with why, and charts."""
    cohort = coordinated_cohort(request, cohort_id)
    return coordinator_page(
        request,
        "events/cohort_health.html",
        {
            "title": _("Cohort health: %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "health": cohort_health(cohort),
            "now": timezone.now(),
        },
    )


def self_assessment_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The coordinator's view of how the cohort's self-assessments changed."""
    cohort = coordinated_cohort(request, cohort_id)
    return coordinator_page(
        request,
        "events/self_assessment.html",
        {
            "title": _("Self-assessment: %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "result": self_assessment_change(cohort),
            "outcomes": goal_outcomes(cohort),
        },
    )


# --- The match page and the pair's messages ---------------------------------------


def _message_form(data=None, files=None) -> MessageForm:
    return MessageForm(data, files, initial={"client_token": uuid.uuid4()})


def _render_match_page(
    request: HttpRequest, page, form: MessageForm, status: int = 200, **extra
) -> HttpResponse:
    return render(
        request,
        "events/match_page.html",
        {
            "page": page,
            "match": page.match,
            "form": form,
            "last_id": _last_id(page.thread),
            **extra,
        },
        status=status,
    )


def _last_id(thread: list[Message]) -> int:
    return thread[-1].pk if thread else 0


@login_required
@require_safe
def match_page_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """The pair's home: agreement, meetings, goals, meetups, check-ins and messages."""
    page = pair_page(request.user, match_id)
    if page is None:
        raise Http404  # another pair's page is not there for you
    if page.thread:
        messages_read(match=page.match, by=request.user, up_to=page.thread[-1].pk)
    return _render_match_page(request, page, _message_form())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def messages_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """GET `?after=<id>`: the messages since (what the page's poll appends), now read.
    POST: send one; HTMX gets the emptied form and the new message, others the page."""
    match = member_match(request, match_id)
    if request.method != "POST":
        after = int_or_none(request.GET.get("after")) or 0
        thread = thread_for(match, after=after)
        if thread:
            messages_read(match=match, by=request.user, up_to=thread[-1].pk)
        return render(
            request,
            "events/partials/thread_append.html",
            {"match": match, "thread": thread, "last_id": _last_id(thread) or after},
        )
    form = MessageForm(request.POST, request.FILES)
    sent = None
    if form.is_valid():
        try:
            sent = message_send(
                match=match,
                by=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
                client_token=form.cleaned_data["client_token"],
            )
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
    if not request.htmx:
        if sent is not None:
            return redirect(f"{reverse('match_page', args=[match.pk])}#messages")
        page = pair_page(request.user, match.pk)
        return _render_match_page(request, page, form, status=422)
    after = int_or_none(request.POST.get("after")) or 0
    thread = thread_for(match, after=after) if sent is not None else []
    return render(
        request,
        "events/partials/message_form.html",
        {
            "match": match,
            "form": _message_form() if sent is not None else form,
            "thread": thread,
            "last_id": _last_id(thread) or after,
            "sent": sent is not None,
            "oob": True,
        },
        # 200 with the refusal beside the field: htmx swaps no 4xx answer by default.
    )


@login_required
@require_safe
def message_file(request: HttpRequest, message_id: int) -> HttpResponse:
    """A file sent in a pair's thread: for the pair only, always as a download."""
    message = get_object_or_404(
        Message.objects.select_related("match__mentor", "match__mentee"), pk=message_id
    )
    if not is_match_member(request.user, message.match) or not message.attachment:
        raise Http404
    response = FileResponse(
        message.attachment.open("rb"),
        as_attachment=True,
        filename=message.attachment_name or "file",
        content_type=message.attachment_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def report_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """A member tells the coordinator how it goes (from the match page)."""
    match = member_match(request, match_id)
    try:
        report_send(
            match=match,
            by=request.user,
            went_well=request.POST.get("went_well", ""),
            needs_help=request.POST.get("needs_help", ""),
        )
    except Refusal as error:
        page = pair_page(request.user, match.pk)
        return _render_match_page(
            request,
            page,
            _message_form(),
            status=422,
            report_error=str(error),
            report=request.POST,
        )
    messages.success(request, _("Your report is sent to the coordinator."))
    return redirect(f"{reverse('match_page', args=[match.pk])}#report")
