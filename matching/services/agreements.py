"""The pair's agreement and goals: edited by either member, signed by both."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.enums import AgreementState, GoalStatus, MatchState
from matching.models import (
    Agreement,
    AgreementVersion,
    Goal,
    GoalNote,
    Match,
)
from matching.rules import may_edit_agreement, require_member
from matching.selectors import agreement_draft
from matching.services.matching import MatchingError
from mentorship.enums import NotificationKind
from mentorship.errors import NotAllowed
from mentorship.models import User
from mentorship.notifications import notifications_read, notify

AGREEMENT_FIELDS = Agreement.EDITABLE_FIELDS


def agreement_start(*, match: Match) -> Agreement:
    """The match's agreement, saved: the one the pair found, or a new one started from
    the program's meeting expectations (`agreement_draft`). Called when a member first
    saves or signs, never by a page that only shows it."""
    draft = agreement_draft(match)
    if draft.pk is not None:
        return draft
    agreement, _created = Agreement.objects.get_or_create(
        match=match,
        defaults={
            name: getattr(draft, name)
            for name in (
                "cadence",
                "meeting_minutes",
                "confidentiality",
                "program_terms",
                "facilitator",
            )
        },
    )
    return agreement


def _content(agreement: Agreement) -> dict[str, Any]:
    return {
        **{name: getattr(agreement, name) for name in AGREEMENT_FIELDS},
        "program_terms": agreement.program_terms,
        "goals": [
            {"title": goal.title, "success": goal.success}
            for goal in agreement.match.goals.order_by("order", "pk")
        ],
    }


def agreement_update(
    *, agreement: Agreement, by: User, fields: dict[str, Any], goals: list[dict[str, Any]]
) -> Agreement:
    """Change the agreement and its goals: the pair, or the coordinator named on it
    until both have signed. Any change voids the signatures: both sign again. A version
    both had signed is kept first, to be read later."""
    if agreement.match.state not in (MatchState.PROPOSED, MatchState.ACTIVE):
        raise MatchingError(_("The match has ended; its agreement can no longer change."))
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update().select_related("match").get(pk=agreement.pk)
        )
        # Checked on the locked row: a signature that just came in ends the
        # coordinator's say.
        if not may_edit_agreement(by, agreement):
            raise NotAllowed(
                _("Only the pair and the coordinator at their first meeting can do that.")
            )
        before = _content(agreement)
        for name in AGREEMENT_FIELDS:
            if name in fields:
                setattr(agreement, name, fields[name])
        kept_ids = []
        for order, data in enumerate(goals):
            if data.get("delete") or not (data.get("title") or "").strip():
                continue
            goal_id = data.get("id")
            goal = (
                Goal.objects.filter(match=agreement.match, pk=goal_id).first() if goal_id else None
            ) or Goal(match=agreement.match)
            goal.title, goal.success, goal.order = (
                data["title"].strip(),
                data.get("success", ""),
                order,
            )
            goal.save()
            kept_ids.append(goal.pk)
        agreement.match.goals.exclude(pk__in=kept_ids).delete()
        after = _content(agreement)
        if after == before:
            return agreement
        if agreement.state == AgreementState.SIGNED:
            AgreementVersion.objects.create(
                agreement=agreement,
                version=agreement.version,
                content=before,
                mentor_signed_at=agreement.mentor_signed_at,
                mentee_signed_at=agreement.mentee_signed_at,
            )
            agreement.version += 1
        agreement.mentor_signed_at = agreement.mentee_signed_at = None
        agreement.updated_by = by
        agreement.save()
        match = agreement.match
        for person in (match.mentor.user, match.mentee.user):
            if person.pk != by.pk:
                notify(
                    user=person,
                    kind=NotificationKind.AGREEMENT_TO_SIGN,
                    url=reverse("agreement", args=[match.pk]),
                    key=f"agreement:{agreement.pk}:{agreement.updated_at.timestamp()}",
                    params={"name": by.get_full_name()},
                    gather=f"agreement:{match.pk}",
                )
    return agreement


def agreement_sign(*, agreement: Agreement, by: User) -> Agreement:
    """The member signs the agreement as it stands; the time is kept."""
    require_member(agreement.match, by)
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update()
            .select_related("match__mentor", "match__mentee")
            .get(pk=agreement.pk)
        )
        if not agreement.match.goals.exists() and not agreement.focus_areas.strip():
            raise MatchingError(_("Write at least one goal or what you will work on first."))
        field = (
            "mentor_signed_at" if agreement.match.mentor.user_id == by.pk else "mentee_signed_at"
        )
        if getattr(agreement, field) is None:
            setattr(agreement, field, timezone.now())
            agreement.save(update_fields=[field, "updated_at"])
        notifications_read(user=by, gather=f"agreement:{agreement.match_id}")
    return agreement


def goal_progress(*, goal: Goal, by: User, status: str, text: str = "") -> Goal:
    """Record how a goal goes: its status now and a short note, kept over time."""
    require_member(goal.match, by)
    if status not in GoalStatus.values:
        raise MatchingError(_("Unknown status."))
    with transaction.atomic():
        goal.status = status
        goal.save(update_fields=["status", "updated_at"])
        GoalNote.objects.create(goal=goal, author=by, status=status, text=text.strip())
    return goal
