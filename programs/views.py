from __future__ import annotations

import uuid
from functools import partial
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms import formset_factory
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from events.forms import rsvp_form
from events.selectors.dashboard import dashboard_matches, meetups_for, open_check_ins
from matching.enums import LIVE_MATCH_STATES, MatchState
from matching.models import Match
from matching.selectors import (
    open_preference_windows,
    programs_attach,
    requests_for_mentor,
    suggestions_for,
)
from mentorship.coordinator import coordinated_cohort, coordinated_program, coordinator_page
from mentorship.errors import Refusal
from mentorship.http import int_or_none
from mentorship.models import User
from programs.einvoice import invoice_pdf, invoice_ubl
from programs.enums import ErasureState, IntakeChannel, ParticipantState, QuestionRole, Role
from programs.forms import (
    ApplicationForm,
    CohortCopyForm,
    ContactsInviteForm,
    ErasureRequestForm,
    NominationForm,
    OrganisationsImportForm,
    ParticipantsImportForm,
    PhoneApplicationForm,
    ProfileForm,
    ProgramCopyForm,
    QuestionBuilderForm,
    initial_from,
)
from programs.models import (
    Answer,
    Application,
    Cohort,
    Diploma,
    FeeInvoice,
    Nomination,
    Participant,
    Program,
)
from programs.rules import is_applicant, may_coordinate, may_see_photo, may_see_sensitive_answers
from programs.selectors import (
    application_editable,
    applications_for,
    contact_organisations,
    diploma_candidates,
    fee_report,
    nomination_cohorts_for,
    nominations_by_organisation,
    nominations_open,
    participations_for,
    programs_copyable,
    public_programs,
    questions_for,
    seats_at_registration,
    waitlist_position,
)
from programs.services.completion import cohort_close, diploma_pdf, diplomas_issue
from programs.services.core import directory_join, nudges_set
from programs.services.imports import (
    ORGANISATION_HEADINGS,
    organisations_import,
    participants_import,
    spreadsheet_rows,
)
from programs.services.intake import (
    IntakeError,
    application_confirm,
    application_for_confirm_token,
    application_register_by_phone,
    application_submit,
    application_update,
    application_withdraw,
    nomination_create,
    nomination_rank_set,
    nomination_withdraw,
)
from programs.services.invoices import fee_invoice_sent, fee_invoices_issue
from programs.services.organisations import contacts_invite
from programs.services.privacy import erasure_request
from programs.services.profiles import profile_update
from programs.services.questions import (
    QuestionDraft,
    eligible_labels,
    options_parse,
    options_text,
    questions_save,
    role_questions,
)
from programs.services.setup import cohort_copy, program_copy


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "programs/home.html", {"programs": public_programs(), "now": timezone.now()}
    )


@require_safe
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_object_or_404(public_programs(), slug=slug)
    open_cohorts = [c for c in program.public_cohorts if c.accepts_applications()]
    return render(
        request,
        "programs/program_detail.html",
        {
            "program": program,
            "can_apply": any(c.public_roles() for c in open_cohorts),
            "by_nomination": any(not c.public_roles() for c in open_cohorts),
        },
    )


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    participations = participations_for(request.user)
    applications = applications_for(request.user)
    meetups = meetups_for(participations)
    for rsvp in meetups:
        rsvp.form = rsvp_form(rsvp)
    programs_attach(
        [p.cohort for p in participations]
        + [a.cohort for a in applications]
        + [r.meetup.cohort for r in meetups]
    )
    for application in applications:
        application.editable = application_editable(application)
    matches = dashboard_matches(request.user, participations)
    with_mentor = {m.mentee_id for m in matches if m.state in LIVE_MATCH_STATES}
    # The choice before a whole-cohort run, while its window is open: a mentor's, and a
    # mentee's still without a mentor (a mentee who has one asks no query for it).
    choosing = [
        participant
        for participant in participations
        if participant.state == ParticipantState.ACTIVE and participant.pk not in with_mentor
    ]
    windows = open_preference_windows({p.cohort_id for p in choosing})
    return render(
        request,
        "programs/dashboard.html",
        {
            "participations": participations,
            "applications": applications,
            "nomination_cohorts": nomination_cohorts_for(request.user),
            "matches": matches,
            "preference_tasks": [
                (participant, windows[participant.cohort_id])
                for participant in choosing
                if participant.cohort_id in windows
            ],
            "requests": requests_for_mentor(request.user)
            if any(p.role == Role.MENTOR for p in participations)
            else [],
            "meetups": meetups,
            "check_ins": open_check_ins(participations),
            "erasure_requested": request.user.erasure_requests.filter(
                state=ErasureState.REQUESTED
            ).exists(),
            "suggestions": [
                (participant, suggestions)
                for participant in participations
                if (suggestions := suggestions_for(participant))
            ],
        },
    )


# --- Applying ----------------------------------------------------------------------


@require_safe
def apply_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose cohort and role; straight to the form when there is only one choice."""
    program = get_object_or_404(public_programs(), slug=slug)
    open_cohorts = [c for c in program.public_cohorts if c.accepts_applications()]
    options = [(cohort, role) for cohort in open_cohorts for role in cohort.public_roles()]
    if len(options) == 1:
        cohort, role = options[0]
        return redirect("apply_form", slug=slug, cohort_id=cohort.pk, role=role)
    upcoming = [c for c in program.public_cohorts if c.opens_later()]
    return render(
        request,
        "programs/apply_start.html",
        {
            "program": program,
            "options": options,
            "upcoming": upcoming,
            "nomination_only": [c for c in open_cohorts if not c.public_roles()],
        },
    )


def _render_form(request, *, program, cohort, role, form, nomination=None, status=200):
    return render(
        request,
        "programs/apply_form.html",
        {
            "program": program,
            "cohort": cohort,
            "role": role,
            "role_label": Role(role).label,
            "requirements": program.mentor_requirements
            if role == Role.MENTOR
            else program.mentee_requirements,
            "form": form,
            "organisation_names": form.organisation_names,
            "privacy_notice": program.privacy_notice,
            "nomination": nomination,
        },
        status=status,
    )


def _handle_application(
    request: HttpRequest,
    *,
    program: Program,
    cohort: Cohort,
    role: str,
    nomination: Nomination | None = None,
) -> HttpResponse:
    questions = questions_for(cohort, role)
    initial = {}
    if nomination is not None:
        initial = {
            "first_name": nomination.first_name,
            "last_name": nomination.last_name,
            "email": nomination.email,
            "organisation": nomination.organisation_id,
        }
    elif request.user.is_authenticated:
        initial = {
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "email": request.user.email,
        }
    if request.method != "POST":
        form = ApplicationForm(
            questions=questions,
            program=program,
            privacy_notice=program.privacy_notice,
            initial=initial,
        )
        return _render_form(
            request, program=program, cohort=cohort, role=role, form=form, nomination=nomination
        )

    form = ApplicationForm(
        request.POST,
        request.FILES,
        questions=questions,
        program=program,
        privacy_notice=program.privacy_notice,
    )
    limited = is_ratelimited(
        request,
        group="application",
        # The public form, per client address (abuse); a nominee's form, per emailed link:
        # an agency's mentors share one office address and all apply in the first minutes.
        key=(lambda _group, _request: f"nomination:{nomination.pk}") if nomination else "ip",
        rate=settings.APPLICATION_RATE_LIMIT,
        method="POST",
        increment=True,
    )
    if limited:
        form.add_error(None, _("Too many applications from here: wait a minute and try again."))
        return _render_form(
            request, program=program, cohort=cohort, role=role, form=form, status=429
        )
    if form.is_spam:
        # Tell a bot nothing: the same thanks a person gets, and nothing is stored.
        messages.success(request, _("Thank you: your application has been sent."))
        return redirect(program.get_absolute_url())
    if not form.is_valid():
        return _render_form(
            request, program=program, cohort=cohort, role=role, form=form, nomination=nomination
        )
    details = form.details()
    if nomination is not None and details.email.lower() != nomination.email.lower():
        form.add_error("email", _("Use the address you were nominated with."))
        return _render_form(
            request, program=program, cohort=cohort, role=role, form=form, nomination=nomination
        )
    try:
        application_submit(
            cohort=cohort,
            role=role,
            details=details,
            answers=form.answers(),
            files=form.files_by_question(),
            consent_text=program.privacy_notice,
            submission_token=form.cleaned_data["submission_token"],
            language=(get_language() or "sv")[:2],
            nomination=nomination,
            acting_user=request.user,
        )
    except Refusal as error:
        form.add_error(None, str(error))
        return _render_form(
            request, program=program, cohort=cohort, role=role, form=form, nomination=nomination
        )
    # The form's own token, not the application's: for an address that applied before,
    # the page is the same as for a first application (the owner is told by email).
    return redirect("apply_thanks", token=form.cleaned_data["submission_token"])


@require_http_methods(["GET", "HEAD", "POST"])
def apply_form(request: HttpRequest, slug: str, cohort_id: int, role: str) -> HttpResponse:
    # One query: the cohort with its program, which must be published.
    cohort = get_object_or_404(
        Cohort.objects.select_related("program"),
        pk=cohort_id,
        program__slug=slug,
        program__is_published=True,
    )
    program = cohort.program
    if role not in Role.values:
        raise Http404
    if cohort.intake_for(role) != IntakeChannel.PUBLIC or not cohort.accepts_applications():
        return render(
            request,
            "programs/apply_closed.html",
            {
                "program": program,
                "cohort": cohort,
                "role_label": Role(role).label,
                "intake": cohort.intake_for(role),
            },
            status=403 if cohort.intake_for(role) == IntakeChannel.NOMINATION else 200,
        )
    return _handle_application(request, program=program, cohort=cohort, role=role)


@require_http_methods(["GET", "HEAD", "POST"])
def nomination_apply(request: HttpRequest, token: str) -> HttpResponse:
    nomination = get_object_or_404(
        Nomination.objects.select_related("cohort__program", "organisation"), token=token
    )
    existing = Application.objects.filter(nomination=nomination).first()
    if existing is not None:
        return redirect("apply_thanks", token=existing.submission_token)
    cohort = nomination.cohort
    if nomination.withdrawn_at is not None or not cohort.accepts_applications():
        return render(
            request,
            "programs/apply_closed.html",
            {
                "program": cohort.program,
                "cohort": cohort,
                "role_label": nomination.get_role_display(),
                "withdrawn": nomination if nomination.withdrawn_at else None,
            },
        )
    return _handle_application(
        request, program=cohort.program, cohort=cohort, role=nomination.role, nomination=nomination
    )


IMPORT_SESSION_KEY = "participants-import"


def _import_flow(
    request: HttpRequest,
    *,
    scope: str,
    form_class: type[forms.Form],
    read: Any,
    run: Any,
    done_url: str,
    again_url: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A spreadsheet import page: the upload is checked and previewed line by line (its
    rows wait in the session under `scope`), then one confirm imports it (`run` with
    apply=True), or shows the lines again when something changed meanwhile."""
    form = form_class()
    report = None
    stored = request.session.get(IMPORT_SESSION_KEY) or {}
    if request.method == "POST" and request.POST.get("confirm"):
        if stored.get("scope") != scope or stored.get("token") != request.POST["confirm"]:
            messages.error(request, _("Upload the file again: its preview has expired."))
            return redirect(again_url)
        report = run(rows=stored["rows"], by=request.user, apply=True)
        if report.applied or not report.refused:
            request.session.pop(IMPORT_SESSION_KEY, None)
            messages.success(
                request,
                _("Imported: %(created)s added, %(changed)s changed, %(same)s unchanged.")
                % {
                    "created": report.count("create"),
                    "changed": report.count("change"),
                    "same": report.count("same"),
                },
            )
            return redirect(done_url)
    elif request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read(upload.read(), upload.name)
            except Refusal as error:
                form.add_error("file", str(error))
            else:
                report = run(rows=rows, by=request.user, apply=False)
                token = uuid.uuid4().hex
                request.session[IMPORT_SESSION_KEY] = {
                    "scope": scope,
                    "token": token,
                    "rows": rows,
                    "name": upload.name,
                }
                report.token = token
    return coordinator_page(
        request,
        template,
        {
            **context,
            "form": form,
            "report": report,
            "again_url": again_url,
            # The file just checked (what the session held before this upload is gone).
            "file_name": (request.session.get(IMPORT_SESSION_KEY) or {}).get("name", ""),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def participants_import_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The coordinator imports the cohort's people from a spreadsheet: a dry run shows
    line by line what would be created, changed or refused, then one confirm does it."""
    cohort = coordinated_cohort(request, cohort_id)
    return _import_flow(
        request,
        scope=f"cohort:{cohort.pk}",
        form_class=ParticipantsImportForm,
        read=spreadsheet_rows,
        run=partial(participants_import, cohort=cohort),
        done_url=f"{reverse('admin:programs_participant_changelist')}?cohort__id__exact={cohort.pk}",
        again_url=reverse("participants_import", args=[cohort.pk]),
        template="programs/participants_import.html",
        context={
            "title": _("Import people: %(cohort)s") % {"cohort": cohort.name},
            "cohort": cohort,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def organisations_import_view(request: HttpRequest, program_id: int) -> HttpResponse:
    """The coordinator imports the program's organisations (agencies, municipalities,
    companies, with their numbers and invoice details) the same way."""
    program = coordinated_program(request, program_id)
    return _import_flow(
        request,
        scope=f"program:{program.pk}",
        form_class=OrganisationsImportForm,
        read=partial(spreadsheet_rows, headings=ORGANISATION_HEADINGS, required=("name",)),
        run=partial(organisations_import, program=program),
        done_url=reverse("admin:programs_organisation_changelist"),
        again_url=reverse("organisations_import", args=[program.pk]),
        template="programs/organisations_import.html",
        context={
            "title": _("Import organisations: %(program)s") % {"program": program.name},
            "program": program,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def application_register_view(request: HttpRequest, cohort_id: int, role: str) -> HttpResponse:
    """The coordinator registers a person who phoned in: their application, on their
    behalf, with the consent they gave on the phone; then the normal screening."""
    cohort = coordinated_cohort(request, cohort_id)
    if role not in Role.values:
        raise Http404
    program = cohort.program
    form = PhoneApplicationForm(
        request.POST or None,
        questions=questions_for(cohort, role),
        program=program,
        privacy_notice=program.privacy_notice,
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = application_register_by_phone(
                cohort=cohort,
                role=role,
                details=form.details(),
                answers=form.answers(),
                submission_token=form.cleaned_data["submission_token"],
                language=form.cleaned_data["preferred_language"],
                by=request.user,
            )
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The application of %(name)s is registered; they get a confirmation by email.")
                % {"name": application.user.get_full_name()},
            )
            return redirect("admin:programs_application_change", application.pk)
    return coordinator_page(
        request,
        "programs/application_register.html",
        {
            "title": _("Register a %(role)s who phoned in") % {"role": Role(role).label.lower()},
            "cohort": cohort,
            "form": form,
            "privacy_notice": program.privacy_notice,
        },
    )


@require_safe
def apply_thanks(request: HttpRequest, token: str) -> HttpResponse:
    """The same page after every public application: whether the address applied before,
    has an account or got a seat is said only to its owner (by email, or here when they
    are logged in)."""
    application = (
        Application.objects.select_related("cohort__program", "user")
        .filter(submission_token=token)
        .first()
    )
    # A nominee came by the link emailed to them: the address is theirs.
    mine = application is not None and (
        application.user_id == request.user.pk or application.nomination_id is not None
    )
    return render(
        request,
        "programs/apply_thanks.html",
        {
            "application": application if mine else None,
            "position": waitlist_position(application) if mine else None,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def application_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The owner of an address confirms an application someone filed for it without
    logging in. A GET only asks (mail scanners follow links); the button confirms."""
    application = application_for_confirm_token(token)
    if application is None:
        return render(request, "programs/application_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        application = application_confirm(application=application)
        messages.success(request, _("Your application is confirmed."))
        return render(
            request, "programs/application_confirm.html", {"application": application, "done": True}
        )
    return render(request, "programs/application_confirm.html", {"application": application})


def _own_application(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("cohort__program", "user__profile"), pk=pk
    )
    if application.user_id != request.user.pk:
        raise Http404  # not "forbidden": another person's application is not there for you
    return application


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    program = application.cohort.program
    if not application_editable(application):
        messages.info(request, _("This application can no longer be changed."))
        return redirect("dashboard")
    questions = questions_for(application.cohort, application.role)
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        questions=questions,
        program=program,
        initial=initial_from(application),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            application_update(
                application=application,
                by=request.user,
                details=form.details(),
                answers=form.answers(),
                files=form.files_by_question(),
            )
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your application is updated."))
            return redirect("dashboard")
    return render(
        request,
        "programs/application_edit.html",
        {
            "application": application,
            "program": program,
            "form": form,
            "organisation_names": form.organisation_names,
        },
    )


@login_required
@require_POST
def application_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    try:
        application_withdraw(application=application, by=request.user)
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("dashboard")


# --- Nominations -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def nominate(request: HttpRequest, slug: str, cohort_id: int) -> HttpResponse:
    """An organisation contact's page: nominate and rank candidates before the deadline."""
    cohort = get_object_or_404(
        Cohort.objects.select_related("program"), pk=cohort_id, program__slug=slug
    )
    organisations = contact_organisations(request.user, cohort)
    if not organisations:
        raise PermissionDenied
    form = NominationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            nomination_create(cohort=cohort, by=request.user, **form.cleaned_data)
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is nominated and has been emailed a link to the application.")
                % {"name": form.cleaned_data["first_name"]},
            )
            return redirect("nominate", slug=slug, cohort_id=cohort.pk)
    return render(
        request,
        "programs/nominate.html",
        {
            "cohort": cohort,
            "program": cohort.program,
            "form": form,
            "open": nominations_open(cohort),
            "groups": nominations_by_organisation(cohort, organisations),
            "by_registration": any(seats_at_registration(cohort, role) for role in Role.values),
        },
    )


@login_required
@require_POST
def nomination_change(request: HttpRequest, nomination_id: int, action: str) -> HttpResponse:
    """A contact re-ranks or withdraws one of their organisation's nominations."""
    nomination = get_object_or_404(
        Nomination.objects.select_related("cohort__program", "organisation"), pk=nomination_id
    )
    cohort = nomination.cohort
    if nomination.organisation not in contact_organisations(request.user, cohort):
        raise Http404
    try:
        if action == "rank":
            rank = int_or_none(request.POST.get("rank"))
            if rank is None:
                raise IntakeError(_("Rank from 1, the first choice."))
            nomination_rank_set(nomination=nomination, rank=rank, by=request.user)
            messages.success(
                request,
                _("%(name)s is now number %(rank)s.")
                % {"name": nomination.first_name, "rank": rank},
            )
        elif action == "withdraw":
            nomination_withdraw(nomination=nomination, by=request.user)
            messages.success(
                request,
                _("The nomination of %(name)s is withdrawn.") % {"name": nomination.first_name},
            )
        else:
            raise Http404
    except Refusal as error:
        messages.error(request, str(error))
    return redirect(
        f"{reverse('nominate', args=[cohort.program.slug, cohort.pk])}#nomination-{nomination.pk}"
    )


@login_required
@require_safe
def answer_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded file (a CV): for its applicant and the program's coordinators only."""
    answer = get_object_or_404(
        Answer.objects.select_related("application__cohort", "application__user"), pk=pk
    )
    application = answer.application
    if not (
        is_applicant(request.user, application)
        or may_see_sensitive_answers(request.user, application)
    ):
        raise Http404
    if not answer.file:
        raise Http404
    # Only parsed PDFs are stored (programs.forms.is_pdf); the name is ours, not the
    # applicant's, and the browser is told to download, never to render.
    response = FileResponse(
        answer.file.open("rb"),
        as_attachment=True,
        filename=f"application-{application.pk}-{answer.question_id}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def nudges_toggle(request: HttpRequest) -> HttpResponse:
    """Turn reminders on or off; notices that change the person's program still come."""
    on = request.POST.get("nudges") == "on"
    nudges_set(user=request.user, on=on)
    messages.success(request, _("Reminders are on.") if on else _("Reminders are off."))
    return redirect("dashboard")


def fee_report_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The coordinator's fee report for a cohort: who pays what, what is paid, VAT, and
    the invoices (Peppol BIS Billing 3 and a PDF copy) to issue and mark sent."""
    cohort = coordinated_cohort(request, cohort_id)
    if request.method == "POST":
        try:
            issued = fee_invoices_issue(cohort=cohort, by=request.user)
        except Refusal as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext("%(n)s invoice issued.", "%(n)s invoices issued.", len(issued))
                % {"n": len(issued)},
            )
        return redirect("fee_report", cohort_id=cohort.pk)
    return coordinator_page(
        request,
        "programs/fee_report.html",
        {
            "title": _("Fees: %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "program": cohort.program,
            "report": fee_report(cohort),
            "invoices": cohort.invoices.select_related("organisation").order_by("number"),
        },
    )


def _coordinated_invoice(request: HttpRequest, invoice_id: int) -> FeeInvoice:
    invoice = get_object_or_404(
        FeeInvoice.objects.select_related("cohort__program__organiser", "organisation"),
        pk=invoice_id,
    )
    if not may_coordinate(request.user, invoice.cohort):
        raise Http404
    return invoice


@require_safe
def fee_invoice_file(request: HttpRequest, invoice_id: int, kind: str) -> HttpResponse:
    """An invoice as Peppol UBL XML, or its PDF copy."""
    invoice = _coordinated_invoice(request, invoice_id)
    if kind == "xml":
        response = HttpResponse(invoice_ubl(invoice), content_type="application/xml")
    elif kind == "pdf":
        response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="invoice-{invoice.number}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def fee_invoice_sent_view(request: HttpRequest, invoice_id: int) -> HttpResponse:
    invoice = _coordinated_invoice(request, invoice_id)
    fee_invoice_sent(invoice=invoice, by=request.user)
    messages.success(request, _("Invoice %(number)s is marked sent.") % {"number": invoice.number})
    return redirect("fee_report", cohort_id=invoice.cohort_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def network(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The cohort's network directory: only for its participants, and only those who
    joined it see it (and are seen)."""
    # The network outlives the cohort: those who completed it keep their directory.
    members = (ParticipantState.ACTIVE, ParticipantState.COMPLETED)
    me = (
        Participant.objects.filter(cohort_id=cohort_id, user=request.user, state__in=members)
        .select_related("cohort__program")
        .first()
    )
    if me is None:
        raise Http404
    if request.method == "POST":
        joined = request.POST.get("join") == "yes"
        directory_join(participant=me, joined=joined)
        messages.success(
            request,
            _("You are in the network directory.") if joined else _("You left the directory."),
        )
        return redirect("network", cohort_id=cohort_id)
    people = []
    if me.in_directory:
        people = (
            Participant.objects.filter(cohort_id=cohort_id, in_directory=True, state__in=members)
            .exclude(user=request.user)
            .select_related("user__profile", "organisation")
            .order_by("user__last_name", "user__first_name")
        )
    return render(
        request, "programs/network.html", {"me": me, "cohort": me.cohort, "people": people}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cohort_close_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The coordinator closes a cohort after seeing the matches it completes; then issues
    the diplomas."""
    cohort = coordinated_cohort(request, cohort_id)
    if request.method == "POST":
        if request.POST.get("action") == "close":
            completed = cohort_close(cohort=cohort, by=request.user)
            messages.success(
                request,
                _("The cohort is closed; %(n)s matches are completed.") % {"n": completed},
            )
        elif request.POST.get("action") == "diplomas":
            ticked = [pk for v in request.POST.getlist("diploma") if (pk := int_or_none(v))]
            issued = diplomas_issue(cohort=cohort, only=ticked)
            messages.success(request, _("%(n)s diplomas issued.") % {"n": len(issued)})
        return redirect("cohort_close", cohort_id=cohort.pk)
    return coordinator_page(
        request,
        "programs/cohort_close.html",
        {
            "title": _("Close the cohort: %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "active": Match.objects.filter(cohort=cohort, state=MatchState.ACTIVE).select_related(
                "mentor__user", "mentee__user"
            ),
            "diplomas": Diploma.objects.filter(participant__cohort=cohort).order_by("name"),
            # Who will get a diploma (ticked, the coordinator may untick), and who will
            # be thanked without one (never had a mentor, no meeting held).
            "candidates": diploma_candidates(cohort),
            "thanked": Participant.objects.filter(
                cohort=cohort, state=ParticipantState.ACTIVE, diploma__isnull=True
            )
            .exclude(pk__in=diploma_candidates(cohort).values("pk"))
            .select_related("user")
            .order_by("role", "user__last_name"),
        },
    )


@login_required
@require_safe
def diploma_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    diploma = get_object_or_404(Diploma.objects.select_related("participant__cohort"), pk=pk)
    participant = diploma.participant
    mine = participant is not None and participant.user_id == request.user.pk
    if not mine and not (participant and may_coordinate(request.user, participant)):
        raise Http404
    response = HttpResponse(
        diploma_pdf(diploma, (get_language() or "sv")[:2]), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="diploma-{diploma.code}.pdf"'
    return response


@require_safe
def diploma_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone holding a diploma's address can check that it is genuine."""
    diploma = get_object_or_404(Diploma, code=code)
    return render(request, "programs/diploma_verify.html", {"diploma": diploma})


# --- My personal data ---------------------------------------------------------------


@login_required
@require_safe
def my_data_download(request: HttpRequest) -> HttpResponse:
    """All the platform holds about the person, as a JSON file."""
    from programs.personal_data import personal_data

    response = JsonResponse(
        personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def erasure_request_view(request: HttpRequest) -> HttpResponse:
    """The person asks for their data to be erased; a coordinator confirms it."""
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure_request(user=request.user, message=form.cleaned_data["message"])
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your request is sent. A coordinator confirms it, and then your data is erased."),
            )
            return redirect("dashboard")
    pending = request.user.erasure_requests.filter(state=ErasureState.REQUESTED).first()
    return render(request, "programs/erasure_request.html", {"form": form, "pending": pending})


# --- Setting up from another program ---------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def program_copy_view(request: HttpRequest) -> HttpResponse:
    """New program like another: one form for the program, its set-up and a first
    cohort."""
    if not request.user.has_perm("programs.add_program"):
        raise PermissionDenied
    form = ProgramCopyForm(
        request.POST or None,
        sources=programs_copyable(request.user),
        initial={"source": int_or_none(request.GET.get("source"))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            program = program_copy(
                source=data["source"],
                name_sv=data["name_sv"],
                name_en=data["name_en"],
                slug=data["slug"],
                cohort_name=data["cohort_name"],
                starts_on=data["starts_on"],
                by=request.user,
                publish=data["publish"],
            )
        except Refusal as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request,
                (
                    _("%(program)s is set up like %(source)s, published and open.")
                    if data["publish"]
                    else _(
                        "%(program)s is set up like %(source)s: check the dates, then publish it."
                    )
                )
                % {"program": program.name, "source": data["source"].name},
            )
            cohort = program.cohorts.first()
            if cohort is None:
                return redirect("admin:programs_program_change", program.pk)
            return redirect("cohort_hub", cohort_id=cohort.pk)
    return coordinator_page(
        request,
        "programs/setup_form.html",
        {"title": _("New program like another"), "form": form, "submit": _("Create the program")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cohort_next_view(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The next cohort like this one, every date moved to its new start."""
    source = coordinated_cohort(request, cohort_id)
    form = CohortCopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = cohort_copy(
                source=source,
                name_sv=form.cleaned_data["name_sv"],
                starts_on=form.cleaned_data["starts_on"],
                by=request.user,
            )
        except Refusal as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(
                request,
                _("%(cohort)s is set up like %(source)s, as a draft: check it, then open it.")
                % {"cohort": cohort.name, "source": source.name},
            )
            return redirect("cohort_hub", cohort_id=cohort.pk)
    return coordinator_page(
        request,
        "programs/setup_form.html",
        {
            "title": _("Next cohort like %(cohort)s") % {"cohort": source},
            "cohort": source,
            "form": form,
            "submit": _("Create the cohort"),
        },
    )


def _question_initial(question) -> dict:
    return {
        "id": question.pk,
        "order": question.order,
        "text_sv": question.text_sv,
        "text_en": question.text_en,
        "help_sv": question.help_sv,
        "help_en": question.help_en,
        "kind": question.kind,
        "asked_of": question.role,
        "required": question.required,
        "matching_criterion": question.matching_criterion,
        "sensitive": question.sensitive,
        "options": options_text(question),
        "eligible": eligible_labels(question),
        "eligible_needs_all": question.eligible_needs_all,
        "eligible_minimum": question.eligible_minimum,
        "eligible_maximum": question.eligible_maximum,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def question_builder_view(request: HttpRequest, program_id: int, role: str) -> HttpResponse:
    """A role's application questions on one page: add, edit, reorder and remove them,
    options as labels, knock-outs picked from the options or as a number range."""
    program = coordinated_program(request, program_id)
    if role not in (Role.MENTOR, Role.MENTEE, "all"):
        raise Http404
    questions = role_questions(program, role)
    by_id = {question.pk: question for question in questions}
    # A new form gets three empty questions to fill in one go; then one at a time.
    builder = formset_factory(QuestionBuilderForm, extra=1 if questions else 3, can_delete=True)
    formset = builder(
        request.POST or None,
        initial=[_question_initial(question) for question in questions],
        form_kwargs={"role": role},
        prefix="questions",
    )
    if request.method == "POST" and formset.is_valid():
        drafts, forms_of = [], []
        for form in formset.forms:
            data = form.cleaned_data
            if not data or (not data.get("id") and not form.has_changed()):
                continue  # the blank question at the end, left blank
            question = by_id.get(data.get("id"))
            if data.get("id") and question is None:
                form.add_error(None, _("This question is no longer on the form; reload the page."))
                continue
            if question is None and data.get("DELETE"):
                continue
            drafts.append(
                QuestionDraft(
                    question=question,
                    text_sv=data["text_sv"],
                    text_en=data["text_en"],
                    help_sv=data["help_sv"],
                    help_en=data["help_en"],
                    kind=data["kind"],
                    role=data["asked_of"],
                    required=data["required"],
                    order=data["order"],
                    matching_criterion=data["matching_criterion"],
                    sensitive=data["sensitive"],
                    options=options_parse(data["options"]),
                    eligible=data["eligible"],
                    eligible_needs_all=data["eligible_needs_all"],
                    eligible_minimum=data["eligible_minimum"],
                    eligible_maximum=data["eligible_maximum"],
                    delete=data.get("DELETE", False),
                )
            )
            forms_of.append(form)
        if not any(form.errors for form in formset.forms):
            errors = questions_save(program=program, drafts=drafts, by=request.user)
            for index, error in errors.items():
                form = forms_of[index]
                form.add_error(error.field if error.field in form.fields else None, str(error))
            if not errors:
                messages.success(request, _("The application form is saved."))
                return redirect("question_builder", program_id=program.pk, role=role)
    answered = dict(
        Answer.objects.filter(question__in=questions)
        .values_list("question")
        .annotate(n=Count("pk"))
        .values_list("question", "n")
    )
    for form in formset.forms:
        form.answer_count = answered.get(int_or_none(str(form["id"].value())) or 0, 0)
    return coordinator_page(
        request,
        "programs/question_builder.html",
        {
            "title": _("Application questions: %(program)s") % {"program": program.name}
            if role == "all"
            else _("Application form for %(role)s: %(program)s")
            % {"role": QuestionRole(role).label.lower(), "program": program.name},
            "program": program,
            "role": role,
            "formset": formset,
            "cohort": program.cohorts.order_by("-starts_on").first(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def contacts_invite_view(request: HttpRequest, program_id: int) -> HttpResponse:
    """Invite the organisations' contact persons of a program from one pasted list; each
    gets an account, a link to choose a password, and the nomination forms."""
    program = coordinated_program(request, program_id)
    form = ContactsInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invited, already = contacts_invite(
                program=program, people=form.cleaned_data["people"], by=request.user
            )
        except Refusal as error:
            form.add_error("people", str(error))
        else:
            messages.success(
                request,
                ngettext("%(n)s contact person invited.", "%(n)s contact persons invited.", invited)
                % {"n": invited}
                + (
                    " "
                    + ngettext(
                        "%(n)s was a contact already and got nothing more.",
                        "%(n)s were contacts already and got nothing more.",
                        already,
                    )
                    % {"n": already}
                    if already
                    else ""
                ),
            )
            url = reverse("admin:programs_organisationcontact_changelist")
            return redirect(f"{url}?program__id__exact={program.pk}")
    return coordinator_page(
        request,
        "programs/contacts_invite.html",
        {
            "title": _("Invite contact persons: %(program)s") % {"program": program.name},
            "program": program,
            "form": form,
            "cohort": program.cohorts.order_by("-starts_on").first(),
        },
    )


# --- The person's own profile ------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_view(request: HttpRequest) -> HttpResponse:
    """The person keeps their profile up to date; matching uses it at the next run."""
    user = request.user
    form = ProfileForm(
        request.POST or None, request.FILES or None, initial=ProfileForm.initial_for(user)
    )
    if not user.profile.photo:
        del form.fields["remove_photo"]  # nothing to remove
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(
                user=user,
                by=user,
                photo=form.cleaned_data["photo"],
                remove_photo=form.cleaned_data.get("remove_photo", False),
                **form.profile_fields(),
            )
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("profile")
    return render(request, "programs/profile.html", {"form": form, "profile": user.profile})


@login_required
@require_safe
def photo_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """A person's photo, for those who may see it (programs.rules.may_see_photo)."""
    person = get_object_or_404(User.objects.select_related("profile"), pk=user_id)
    profile = getattr(person, "profile", None)
    if profile is None or not profile.photo or not may_see_photo(request.user, person):
        raise Http404
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
