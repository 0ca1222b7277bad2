"""The participants' say before a whole-cohort run: mentees rank suggested mentors and
mentors mark mentees who are not a fit, while the window the coordinator opened lasts.

A wish adds to the pair's score (the program's "points: the mentee's wish", a first
choice in full); a decline is a hard rule of the run (`HardRule.DECLINED`).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.enums import LIVE_MATCH_STATES
from matching.models import Match, MentorDecline, MentorWish, PreferenceWindow
from matching.selectors import policy_for, wish_candidates
from matching.services.matching import MatchingError
from mentorship.errors import NotAllowed
from mentorship.models import User
from programs.enums import ParticipantState, Role
from programs.models import Cohort, Participant


def preference_window_open(*, cohort: Cohort, closes_at: datetime, by: User) -> PreferenceWindow:
    """Open (or move the end of) the cohort's window, from now until `closes_at`."""
    now = timezone.now()
    if closes_at <= now:
        raise MatchingError(_("Choose a closing time in the future."), field="closes_at")
    window, _created = PreferenceWindow.objects.update_or_create(
        cohort=cohort,
        defaults={"opens_at": now, "closes_at": closes_at, "opened_by": by},
    )
    return window


def preference_window_close(*, cohort: Cohort) -> None:
    """Close the window now; the wishes and declines given stay for the run."""
    now = timezone.now()
    PreferenceWindow.objects.filter(cohort=cohort, opens_at__lte=now, closes_at__gt=now).update(
        closes_at=now, updated_at=now
    )


def _require_open_window(cohort: Cohort) -> None:
    window = PreferenceWindow.objects.filter(cohort=cohort).first()
    if window is None or not window.is_open(timezone.now()):
        raise MatchingError(_("The coordinator has not opened the choice of mentors now."))


def _require_own(participant: Participant, role: str, by: User) -> None:
    if participant.user_id != by.pk or participant.role != role:
        raise NotAllowed(_("Only the person themself can do that."))
    if participant.state != ParticipantState.ACTIVE:
        raise MatchingError(_("Only an active participant can do that."))


def mentor_wishes_set(*, mentee: Participant, mentor_ids: list[int], by: User) -> list[MentorWish]:
    """The mentee's wishes, first choice first, replacing the ones before. Each must be
    one of the mentors suggested to them (allowed by the program's rules, with a free
    place), at most the program's number, none twice."""
    _require_own(mentee, Role.MENTEE, by)
    _require_open_window(mentee.cohort)
    if Match.objects.filter(mentee=mentee, state__in=LIVE_MATCH_STATES).exists():
        raise MatchingError(_("You already have a mentor."))
    limit = policy_for(mentee.cohort).wishes
    if len(mentor_ids) > limit:
        raise MatchingError(_("Rank at most %(n)s mentors.") % {"n": limit}, field="wishes")
    if len(set(mentor_ids)) != len(mentor_ids):
        raise MatchingError(_("Each mentor can have one place only."), field="wishes")
    allowed = {suggestion["mentor"].pk for suggestion in wish_candidates(mentee)}
    if not set(mentor_ids) <= allowed:
        raise MatchingError(_("Choose among the mentors suggested to you."), field="wishes")
    with transaction.atomic():
        # The mentee's row first: two tabs saving at once take turns, not ranks.
        Participant.objects.select_for_update().filter(pk=mentee.pk).first()
        MentorWish.objects.filter(mentee=mentee).delete()
        return MentorWish.objects.bulk_create(
            MentorWish(mentee=mentee, mentor_id=mentor_id, rank=rank)
            for rank, mentor_id in enumerate(mentor_ids, start=1)
        )


def mentor_decline(
    *, mentor: Participant, mentee: Participant, reason: str, by: User
) -> MentorDecline:
    """The mentor says this mentee is not a fit: no run pairs them. The reason is for the
    coordinator; the mentee is not told."""
    _require_own(mentor, Role.MENTOR, by)
    _require_open_window(mentor.cohort)
    if mentee.cohort_id != mentor.cohort_id or mentee.role != Role.MENTEE:
        raise MatchingError(_("Choose a mentee of your cohort."))
    decline, _created = MentorDecline.objects.update_or_create(
        mentor=mentor, mentee=mentee, defaults={"reason": reason.strip()[:500]}
    )
    return decline


def mentor_decline_withdraw(*, mentor: Participant, mentee: Participant, by: User) -> None:
    _require_own(mentor, Role.MENTOR, by)
    _require_open_window(mentor.cohort)
    MentorDecline.objects.filter(mentor=mentor, mentee=mentee).delete()
