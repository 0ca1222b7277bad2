"""The matching board for coordinators; suggestions and requests for participants."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from matching.enums import (
    AgreementState,
    HardRule,
    MatchingMode,
    MatchSource,
    MatchState,
    PairRuleKind,
    RunState,
)
from matching.forms import (
    AgreementForm,
    DeclineForm,
    GoalFormSet,
    GoalProgressForm,
    MatchEndForm,
    PreferenceWindowForm,
    WishesForm,
)
from matching.models import (
    Goal,
    Match,
    MatchingRun,
    MentorDecline,
    MentorWish,
    PairRule,
    PreferenceWindow,
    Proposal,
)
from matching.rules import is_match_member, may_edit_agreement
from matching.selectors import (
    agreement_draft,
    board_waiting,
    cohort_matching_input,
    decline_candidates,
    hand_pairing_choices,
    latest_runs,
    live_matches,
    match_for_agreement,
    match_of_member,
    mentor_suggestions,
    open_preference_windows,
    policy_for,
    wish_candidates,
)
from matching.services.agreements import (
    agreement_sign,
    agreement_start,
    agreement_update,
    goal_progress,
)
from matching.services.matching import (
    MatchingError,
    match_accept,
    match_create,
    match_decline,
    match_end,
    match_request,
    mentor_place_add,
    min_score_set,
    pair_rule_clear,
    pair_rule_set,
    proposal_swap,
    run_publish,
    run_start,
)
from matching.services.preferences import (
    mentor_decline,
    mentor_decline_withdraw,
    mentor_wishes_set,
    preference_window_close,
    preference_window_open,
)
from mentorship.coordinator import coordinated_cohort, coordinator_page
from mentorship.errors import Refusal
from mentorship.http import int_or_none, redirect_next
from programs.enums import CohortState, Role
from programs.models import Cohort, Participant
from programs.selectors import intake_notes, programs_visible_to


def board_index(request: HttpRequest) -> HttpResponse:
    cohorts = (
        Cohort.objects.filter(program__in=programs_visible_to(request.user))
        .exclude(state=CohortState.CLOSED)
        .select_related("program")
        .order_by("program__name_sv", "starts_on")
    )
    return coordinator_page(
        request,
        "matching/board_index.html",
        {"title": _("Matching board"), "cohorts": cohorts},
    )


def board(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = coordinated_cohort(request, cohort_id)
    policy = policy_for(cohort)
    runs = latest_runs(cohort)
    run = runs[0] if runs else None
    previous = runs[1] if len(runs) > 1 else None
    proposals = []
    if run is not None and run.state in (RunState.DONE, RunState.PUBLISHED):
        proposals = list(
            run.proposals.select_related(
                "mentee__user", "mentor__user", "mentee__organisation", "mentor__organisation"
            ).order_by("-score")
        )
    rolling = []
    if cohort.program.is_rolling or policy.mode == MatchingMode.ROLLING:
        data = cohort_matching_input(cohort)
        rolling = [
            {"mentee": mentee, "suggestions": mentor_suggestions(data, i, policy.suggestions)}
            for i, mentee in enumerate(data.mentees.participants)
        ]
    unmatched = [p for p in proposals if not p.mentor_id]
    window = PreferenceWindow.objects.filter(cohort=cohort).first()
    pair_scores = sorted(p.score for p in proposals if p.mentor_id)
    if pair_scores:
        median = pair_scores[len(pair_scores) // 2]
        for proposal in proposals:
            # "Far below": under half the median pair score (a weak pair to look at).
            proposal.far_below = (
                bool(proposal.mentor_id) and median > 0 and proposal.score * 2 < median
            )
    roles = {"mentee": _("Mentees"), "mentor": _("Mentors")}
    fairness = run.fairness if run is not None else {}
    fairness_tables = [
        (
            title,
            [
                {
                    **row,
                    "label": roles.get(row["group"], row["group"])
                    if key == "role"
                    else row["group"],
                }
                for row in fairness.get(key, [])
            ],
        )
        for key, title in (
            ("organisation", _("By organisation (mentees)")),
            ("region", _("By region (mentees)")),
            ("role", _("By role")),
        )
        if fairness.get(key)
    ]
    idle = run.idle_mentors if run is not None and proposals else []
    named = {
        p.pk: p.user.get_full_name()
        for p in Participant.objects.filter(
            pk__in={r["mentor"] for p in unmatched for r in p.remedies if "mentor" in r}
            | {row["mentor"] for row in idle}
        ).select_related("user")
    }
    for proposal in unmatched:
        proposal.remedy_rows = [
            {"index": index, "text": remedy_text(remedy, named)}
            for index, remedy in enumerate(proposal.remedies, start=1)
        ]
    idle_mentors = [{**row, "name": named.get(row["mentor"], "")} for row in idle]
    hand_mentees, hand_mentors = hand_pairing_choices(cohort)
    # What each mentee told in their intake call, beside their name.
    notes = intake_notes(cohort)
    for mentee in [p.mentee for p in proposals] + [row["mentee"] for row in rolling]:
        mentee.intake_notes = notes.get(mentee.pk, "")
    return coordinator_page(
        request,
        "matching/board.html",
        {
            "title": _("Matching board: %(cohort)s") % {"cohort": cohort},
            "cohort": cohort,
            "policy": policy,
            "run": run,
            "previous": previous,
            "proposals": proposals,
            "matched": [p for p in proposals if p.mentor_id],
            "unmatched": unmatched,
            "idle_mentors": idle_mentors,
            "fairness_tables": fairness_tables,
            "rules": PairRule.objects.filter(cohort=cohort).select_related(
                "mentee__user", "mentor__user"
            ),
            "matches": live_matches(cohort),
            "mentees": hand_mentees,
            "mentors": hand_mentors,
            "rolling": rolling,
            "waiting": board_waiting(cohort),
            "window": window,
            "window_open": window is not None and window.is_open(timezone.now()),
            "window_form": PreferenceWindowForm(
                initial={"closes_at": timezone.localtime() + timedelta(days=7)}
            ),
            "wishing_mentees": MentorWish.objects.filter(mentee__cohort=cohort)
            .values("mentee")
            .distinct()
            .count(),
            "declines": MentorDecline.objects.filter(mentor__cohort=cohort).select_related(
                "mentor__user", "mentee__user"
            ),
        },
    )


@require_POST
def board_run(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = coordinated_cohort(request, cohort_id)
    run_start(cohort=cohort, by=request.user)
    messages.info(request, _("Matching is running."))
    return redirect("matching_board", cohort_id=cohort.pk)


@require_safe
def board_progress(request: HttpRequest, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = coordinated_cohort(request, cohort_id)
    run = get_object_or_404(MatchingRun, pk=run_id, cohort=cohort)
    response = render(request, "matching/partials/progress.html", {"run": run, "cohort": cohort})
    if run.state not in (RunState.QUEUED, RunState.RUNNING):
        response["HX-Refresh"] = "true"  # show the finished run's proposals
    return response


def remedy_text(remedy: dict, names: dict[int, str]) -> str:
    """The button of one suggested change, in the coordinator's words."""
    if remedy["kind"] == "seat":
        return _("Give %(mentor)s one more place") % {"mentor": names.get(remedy["mentor"], "")}
    if remedy["kind"] == "rule":
        return _("Pair with %(mentor)s, relaxing “%(rule)s” for them") % {
            "mentor": names.get(remedy["mentor"], ""),
            "rule": HardRule(remedy["rule"]).label,
        }
    return _("Lower the lowest score to %(n)s") % {"n": remedy["value"]}


def _cohort_pair(request: HttpRequest, cohort) -> tuple[Participant, Participant]:
    """The mentee and mentor a board form names, both of this cohort; a refusal otherwise
    (a typed id, another cohort's person)."""
    people = {
        p.pk: p
        for p in Participant.objects.filter(
            cohort=cohort,
            pk__in=[
                int_or_none(request.POST.get("mentee")) or 0,
                int_or_none(request.POST.get("mentor")) or 0,
            ],
        ).select_related("user")
    }
    mentee = people.get(int_or_none(request.POST.get("mentee")) or 0)
    mentor = people.get(int_or_none(request.POST.get("mentor")) or 0)
    if mentee is None or mentor is None:
        raise MatchingError(_("Choose a mentee and a mentor of this cohort."))
    return mentee, mentor


@require_POST
def board_rule(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = coordinated_cohort(request, cohort_id)
    try:
        if request.POST.get("clear"):
            rule_id = int_or_none(request.POST["clear"])
            if rule_id is None:
                raise MatchingError(_("Unknown action."))
            pair_rule_clear(cohort=cohort, rule_id=rule_id)
        else:
            kind = request.POST.get("kind")
            if kind not in PairRuleKind.values:
                raise MatchingError(_("Unknown action."))
            mentee, mentor = _cohort_pair(request, cohort)
            pair_rule_set(cohort=cohort, mentee=mentee, mentor=mentor, kind=kind, by=request.user)
            names = {"mentee": mentee.user.get_full_name(), "mentor": mentor.user.get_full_name()}
            messages.success(
                request,
                (
                    _("%(mentee)s and %(mentor)s are locked together: the next run keeps them.")
                    if kind == PairRuleKind.LOCK
                    else _("%(mentee)s and %(mentor)s are kept apart: no run pairs them.")
                )
                % names,
            )
            return _board_at(cohort, mentee.pk)
        messages.success(request, _("The rule is removed."))
    except Refusal as error:
        messages.error(request, str(error))
    return redirect("matching_board", cohort_id=cohort.pk)


def _board_at(cohort: Cohort, mentee_id: int) -> HttpResponse:
    """Back to the board, at the mentee's row (highlighted as the page's target)."""
    return redirect(f"{reverse('matching_board', args=[cohort.pk])}#mentee-{mentee_id}")


@require_POST
def board_swap(request: HttpRequest, cohort_id: int, run_id: int) -> HttpResponse:
    cohort = coordinated_cohort(request, cohort_id)
    run = get_object_or_404(MatchingRun, pk=run_id, cohort=cohort)
    first, second = (int_or_none(request.POST.get(key)) or 0 for key in ("first", "second"))
    try:
        proposal_swap(run=run, first_mentee_id=first, second_mentee_id=second)
    except Refusal as error:
        messages.error(request, str(error))
    except run.proposals.model.DoesNotExist:
        messages.error(request, _("Choose two mentees of this run."))
    else:
        messages.success(request, _("The two mentees have swapped mentors."))
        return _board_at(cohort, first)
    return redirect("matching_board", cohort_id=cohort.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def board_publish(request: HttpRequest, cohort_id: int, run_id: int) -> HttpResponse:
    """Publishing emails everyone in the run's pairs: a GET asks first, naming how many
    pairs and people, and only the confirmation's POST publishes."""
    cohort = coordinated_cohort(request, cohort_id)
    run = get_object_or_404(MatchingRun, pk=run_id, cohort=cohort)
    if request.method != "POST":
        proposals = list(run.proposals.values_list("mentee_id", "mentor_id"))
        pairs = [(mentee, mentor) for mentee, mentor in proposals if mentor]
        return coordinator_page(
            request,
            "matching/board_publish.html",
            {
                "title": _("Publish the matches of %(cohort)s?") % {"cohort": cohort},
                "cohort": cohort,
                "run": run,
                "pairs": len(pairs),
                "people": len({person for pair in pairs for person in pair}),
                "unmatched": len(proposals) - len(pairs),
            },
        )
    try:
        matches = run_publish(run=run, by=request.user)
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(n)s matches published; both people in each pair get an introduction.")
            % {"n": len(matches)},
        )
    return redirect("matching_board", cohort_id=cohort.pk)


@require_POST
def board_pair(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Rolling intake: pair one new mentee with one of the suggested free mentors."""
    cohort = coordinated_cohort(request, cohort_id)
    # Overriding the program's hard rules takes a tick and a reason, both kept.
    override_reason = (
        request.POST.get("override_reason", "") if request.POST.get("override") else ""
    )
    try:
        mentee, mentor = _cohort_pair(request, cohort)
        if request.POST.get("override") and not override_reason.strip():
            raise MatchingError(_("Say why the program's rules are overridden for this pair."))
        match_create(mentee=mentee, mentor=mentor, by=request.user, override_reason=override_reason)
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The pair is matched and introduced."))
    return redirect("matching_board", cohort_id=cohort.pk)


# --- Participants: the mentee chooses and the mentor answers ---------------------------


@login_required
@require_POST
def mentor_ask(request: HttpRequest, participant_id: int, mentor_id: int) -> HttpResponse:
    mentee = get_object_or_404(
        Participant.objects.select_related("cohort__program"),
        pk=participant_id,
        user=request.user,
        role=Role.MENTEE,
    )
    mentor = get_object_or_404(Participant, pk=mentor_id, cohort=mentee.cohort, role=Role.MENTOR)
    try:
        match_request(mentee=mentee, mentor=mentor, by=request.user)
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your request is sent to %(name)s.") % {"name": mentor.user.get_full_name()},
        )
    return redirect("dashboard")


@login_required
@require_POST
def request_answer(request: HttpRequest, match_id: int, answer: str) -> HttpResponse:
    match = get_object_or_404(
        Match.objects.select_related("mentor__user", "mentee__user", "cohort__program"),
        pk=match_id,
        mentor__user=request.user,
    )
    try:
        if answer == "accept":
            match_accept(match=match, by=request.user)
            messages.success(
                request,
                _("You are now the mentor of %(name)s.")
                % {"name": match.mentee.user.get_full_name()},
            )
        else:
            match_decline(match=match, by=request.user)
            messages.info(request, _("The request is declined."))
    except Refusal as error:
        messages.error(request, str(error))
    return redirect("dashboard")


# --- The pair: agreement and goals ---------------------------------------------------------


def _member_match(request: HttpRequest, match_id: int) -> Match:
    match = match_of_member(request.user, match_id)
    if match is None:
        raise Http404
    return match


def _goal_rows(match: Match) -> list[dict]:
    return [
        {"id": goal.pk, "title": goal.title, "success": goal.success}
        for goal in match.goals.order_by("order", "pk")
    ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """The pair's agreement: read-only once both have signed, with "change" as a second
    step; the coordinator at the first meeting edits the draft with them."""
    match = match_for_agreement(request.user, match_id)
    if match is None:
        raise Http404
    agreement = agreement_draft(match)
    form = AgreementForm(request.POST or None, instance=agreement, prefix="agreement")
    goals = GoalFormSet(request.POST or None, initial=_goal_rows(match), prefix="goals")
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            agreement_update(
                agreement=agreement_start(match=match),
                by=request.user,
                fields=form.cleaned_data,
                goals=[g for g in goals.cleaned_data if g],
            )
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The agreement is saved. Both of you sign it again."))
            return redirect("agreement", match_id=match.pk)
    agreement = agreement_draft(match)
    return render(
        request,
        "matching/agreement.html",
        {
            "match": match,
            "agreement": agreement,
            "form": form,
            "goals_formset": goals,
            "goals": match.goals.order_by("order", "pk"),
            "versions": agreement.versions.all() if agreement.pk else [],
            "is_mentor": match.mentor.user_id == request.user.pk,
            "may_edit": may_edit_agreement(request.user, agreement),
            "editing": request.method == "POST"
            or request.GET.get("change") == "1"
            or agreement.state != AgreementState.SIGNED,
        },
    )


@login_required
@require_POST
def agreement_sign_view(request: HttpRequest, match_id: int) -> HttpResponse:
    match = _member_match(request, match_id)
    agreement = agreement_start(match=match)
    try:
        agreement = agreement_sign(agreement=agreement, by=request.user)
    except Refusal as error:
        messages.error(request, str(error))
    if request.htmx:
        return render(
            request,
            "matching/partials/agreement_state.html",
            {"match": match, "agreement": agreement},
        )
    return redirect_next(request, "dashboard")


@login_required
@require_safe
def agreement_print(
    request: HttpRequest, match_id: int, version: int | None = None
) -> HttpResponse:
    match = match_for_agreement(request.user, match_id)
    if match is None:
        raise Http404
    agreement = agreement_draft(match)
    content = None
    if version is not None:
        if agreement.pk is None:
            raise Http404
        content = get_object_or_404(agreement.versions, version=version)
    return render(
        request,
        "matching/agreement_print.html",
        {
            "match": match,
            "agreement": agreement,
            "goals": match.goals.order_by("order", "pk"),
            "old": content,
        },
    )


@login_required
@require_POST
def goal_progress_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = get_object_or_404(
        Goal.objects.select_related("match__mentor", "match__mentee"), pk=goal_id
    )
    if not is_match_member(request.user, goal.match):
        raise Http404
    form = GoalProgressForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            goal_progress(goal=goal, by=request.user, **form.cleaned_data)
        except Refusal as refusal:
            error = str(refusal)
    else:
        error = " ".join(message for errors in form.errors.values() for message in errors)
    if request.htmx:
        return render(
            request,
            "matching/partials/goal.html",
            {"goal": goal, "match": goal.match, "error": error, "text": request.POST.get("text")},
        )
    if error:
        messages.error(request, error)
    return redirect("dashboard")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def match_end_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """Either member ends the match early, saying why."""
    match = _member_match(request, match_id)
    if match.state not in (MatchState.PROPOSED, MatchState.ACTIVE):
        messages.info(request, _("This match has already ended."))
        return redirect("dashboard")
    form = MatchEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match_end(match=match, by=request.user, reason=form.cleaned_data["reason"])
        except Refusal as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, _("The match has ended. The coordinator is told."))
            return redirect("dashboard")
    other = match.mentee if match.mentor.user_id == request.user.pk else match.mentor
    return render(
        request, "matching/match_end.html", {"match": match, "other": other, "form": form}
    )


# --- The participants' say before a whole-cohort run ------------------------------------


def _own_participant(request: HttpRequest, participant_id: int, role: str) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("cohort__program", "user"),
        pk=participant_id,
        user=request.user,
        role=role,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def wishes_view(request: HttpRequest, participant_id: int) -> HttpResponse:
    """A mentee ranks the mentors suggested to them, while the window is open."""
    mentee = _own_participant(request, participant_id, Role.MENTEE)
    window = open_preference_windows([mentee.cohort_id]).get(mentee.cohort_id)
    candidates = wish_candidates(mentee) if window else []
    policy = policy_for(mentee.cohort)
    current = dict(MentorWish.objects.filter(mentee=mentee).values_list("mentor_id", "rank"))
    form = WishesForm(
        request.POST or None, candidates=candidates, ranks=policy.wishes, current=current
    )
    if request.method == "POST" and window and form.is_valid():
        try:
            mentor_wishes_set(mentee=mentee, mentor_ids=form.mentor_ids(), by=request.user)
        except Refusal as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your choices are saved. You can change them until the window closes.")
            )
            return redirect("dashboard")
    rows = [
        {**candidate, "field": form[f"rank_{candidate['mentor'].pk}"]} for candidate in candidates
    ]
    return render(
        request,
        "matching/wishes.html",
        {
            "mentee": mentee,
            "window": window,
            "form": form,
            "rows": rows,
            "ranks": policy.wishes,
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def declines_view(request: HttpRequest, participant_id: int) -> HttpResponse:
    """A mentor marks the mentees who are not a fit (or takes that back)."""
    mentor = _own_participant(request, participant_id, Role.MENTOR)
    window = open_preference_windows([mentor.cohort_id]).get(mentor.cohort_id)
    if request.method == "POST":
        mentee = get_object_or_404(
            Participant,
            pk=int_or_none(request.POST.get("mentee")) or 0,
            cohort=mentor.cohort,
            role=Role.MENTEE,
        )
        form = DeclineForm(request.POST)
        try:
            if request.POST.get("undo"):
                mentor_decline_withdraw(mentor=mentor, mentee=mentee, by=request.user)
                messages.success(
                    request,
                    _("%(name)s can be proposed to you again.")
                    % {"name": mentee.user.get_full_name()},
                )
            elif form.is_valid():
                mentor_decline(
                    mentor=mentor,
                    mentee=mentee,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("No run will pair you with %(name)s.")
                    % {"name": mentee.user.get_full_name()},
                )
            else:
                messages.error(request, form.errors["reason"][0])
        except Refusal as error:
            messages.error(request, str(error))
        return redirect(reverse("declines", args=[mentor.pk]) + f"#mentee-{mentee.pk}")
    return render(
        request,
        "matching/declines.html",
        {
            "mentor": mentor,
            "window": window,
            "rows": decline_candidates(mentor) if window else [],
            "form": DeclineForm(),
        },
    )


@require_POST
def board_preferences(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """The coordinator opens the preference window until a time, or closes it now."""
    cohort = coordinated_cohort(request, cohort_id)
    if request.POST.get("close"):
        preference_window_close(cohort=cohort)
        messages.success(request, _("The choice of mentors is closed."))
        return redirect(reverse("matching_board", args=[cohort.pk]) + "#preferences")
    form = PreferenceWindowForm(request.POST)
    try:
        if not form.is_valid():
            raise MatchingError(form.errors["closes_at"][0])
        window = preference_window_open(
            cohort=cohort, closes_at=form.cleaned_data["closes_at"], by=request.user
        )
    except Refusal as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Mentees rank mentors and mentors say who is not a fit until %(when)s.")
            % {"when": date_format(timezone.localtime(window.closes_at), "DATETIME_FORMAT")},
        )
    return redirect(reverse("matching_board", args=[cohort.pk]) + "#preferences")


@require_POST
def board_remedy(request: HttpRequest, cohort_id: int, proposal_id: int) -> HttpResponse:
    """Apply one of the changes the run found would match an unmatched mentee: one more
    place for a mentor, the pair with one program rule relaxed, or a lower minimum."""
    cohort = coordinated_cohort(request, cohort_id)
    proposal = get_object_or_404(
        Proposal.objects.select_related("mentee__user", "mentee__organisation"),
        pk=proposal_id,
        run__cohort=cohort,
        mentor__isnull=True,
    )
    # The remedy's place in the run's list, counted from 1 (as ids are).
    index = int_or_none(request.POST.get("remedy"))
    if index is None or index > len(proposal.remedies):
        raise Http404
    remedy = proposal.remedies[index - 1]
    name = proposal.mentee.user.get_full_name()
    try:
        if remedy["kind"] == "min_score":
            min_score_set(cohort=cohort, value=remedy["value"], by=request.user)
            messages.success(
                request,
                _("Pairs from %(n)s points are proposed now. Run again to match %(name)s.")
                % {"n": remedy["value"], "name": name},
            )
        else:
            mentor = get_object_or_404(
                Participant.objects.select_related("user"), pk=remedy["mentor"], cohort=cohort
            )
            if remedy["kind"] == "seat":
                mentor_place_add(mentor=mentor, by=request.user)
                messages.success(
                    request,
                    _("%(mentor)s has one more place. Run again to match %(name)s.")
                    % {"mentor": mentor.user.get_full_name(), "name": name},
                )
            else:
                rule = HardRule(remedy["rule"]).label
                match_create(
                    mentee=proposal.mentee,
                    mentor=mentor,
                    by=request.user,
                    source=MatchSource.BOARD,
                    override_reason=_(
                        "“%(rule)s” relaxed for this pair, as the matching board suggested"
                    )
                    % {"rule": rule},
                )
                messages.success(
                    request,
                    _("%(name)s and %(mentor)s are paired, with “%(rule)s” relaxed.")
                    % {"name": name, "mentor": mentor.user.get_full_name(), "rule": rule},
                )
    except Refusal as error:
        messages.error(request, str(error))
    return redirect(reverse("matching_board", args=[cohort.pk]) + "#unmatched")
