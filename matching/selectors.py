"""Reads for matching: a cohort as engine arrays, the board, suggestions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import override

from matching.engine import People, Rules, Scores, Weights, explain, score, score_block
from matching.enums import (
    LIVE_MATCH_STATES,
    MatchingMode,
    MatchState,
    PairRuleKind,
)
from matching.models import (
    STANDARD_CONFIDENTIALITY,
    Agreement,
    Match,
    MatchingPolicy,
    MatchingRun,
    MentorDecline,
    MentorWish,
    Message,
    MessageRead,
    PairRule,
    PreferenceWindow,
)
from matching.rules import is_match_member
from mentorship.models import User
from mentorship.selectors import language_for
from programs.enums import ParticipantState, Region, Role, TimeSlot
from programs.models import Answer, Cohort, Participant, Program, QuestionChoice

# The times of a week one can meet at, in the engine's bit order.
SLOTS = list(TimeSlot.values)
REMOTE = -2


def policy_for(cohort: Cohort) -> MatchingPolicy:
    policy = getattr(cohort.program, "_policy", None)
    if policy is None:
        policy = MatchingPolicy.objects.filter(program_id=cohort.program_id).first()
        policy = policy or MatchingPolicy(program_id=cohort.program_id)
        cohort.program._policy = policy
    return policy


def programs_attach(cohorts: Iterable[Cohort]) -> None:
    """Load these cohorts' programs with their matching policies in one query (for
    `policy_for` to find): a page listing the cohorts of several lists asks no query per
    cohort or program, and builds each program once."""
    cohorts = list(cohorts)
    programs = Program.objects.select_related("matching_policy").in_bulk(
        {cohort.program_id for cohort in cohorts}
    )
    for program in programs.values():
        try:
            program._policy = program.matching_policy
        except Program.matching_policy.RelatedObjectDoesNotExist:
            program._policy = MatchingPolicy(program_id=program.pk)
    for cohort in cohorts:
        cohort.program = programs[cohort.program_id]


def weights_of(policy: MatchingPolicy) -> Weights:
    return Weights(
        language=policy.weight_language,
        area=policy.weight_area,
        area_cap=policy.area_cap,
        profession=policy.weight_profession,
        region=policy.weight_region,
        availability=policy.weight_availability,
        experience=policy.weight_experience,
        experience_gap=policy.experience_gap,
        preference=policy.weight_preference,
        same_organisation=policy.weight_same_organisation,
    )


@dataclass
class Side:
    participants: list[Participant]
    languages: list[set[str]] = field(default_factory=list)
    areas: list[set[str]] = field(default_factory=list)
    profession: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    times: list[set[str]] = field(default_factory=list)  # when they can meet (TimeSlot)
    experience: list[float] = field(default_factory=list)


@dataclass
class CohortInput:
    """A cohort ready for the engine, with what explanations need to name things."""

    cohort: Cohort
    policy: MatchingPolicy
    mentees: Side
    mentors: Side
    capacity: np.ndarray  # free places per mentor
    locked: list[tuple[int, int]]  # (mentee index, mentor index)
    forbidden: list[tuple[int, int]]
    declined: list[tuple[int, int]]  # the mentor said "not a fit"
    wishes: dict[tuple[int, int], int]  # (mentee index, mentor index): the mentee's rank
    languages: list[str]
    areas: list[str]
    scores: Scores | None = None  # the whole cohort's (None: too large, see score_rows)
    # An option's value (as areas hold it) to its labels, for explanations in words.
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # What scoring needs, for scoring some of the cohort at a time.
    mentee_people: People | None = None
    mentor_people: People | None = None
    rules: Rules | None = None
    weights: Weights | None = None

    def mentee_row(self, mentee: int) -> tuple[Scores, int]:
        """One mentee against every mentor, and the row to read it at: the whole
        cohort's scores when they were made, else just that row."""
        if self.scores is not None:
            return self.scores, mentee
        return self.score_rows(np.array([mentee])), 0

    def pair(self, mentee: int, mentor: int) -> tuple[Scores, tuple[int, int]]:
        """One pair's scores and where to read them (as `mentee_row`)."""
        if self.scores is not None:
            return self.scores, (mentee, mentor)
        return self.score_rows(np.array([mentee]), np.array([mentor])), (0, 0)

    def score_rows(self, rows: np.ndarray, cols: np.ndarray | None = None) -> Scores:
        """Some mentees (rows) against some mentors (default all): the cells of the whole
        cohort's scores, without the memory of the whole matrix."""
        assert self.mentee_people is not None and self.mentor_people is not None
        assert self.rules is not None and self.weights is not None
        rows = np.asarray(rows, dtype=np.int64)
        n_mentors = len(self.mentors.participants)
        cols = np.arange(n_mentors) if cols is None else np.asarray(cols, dtype=np.int64)
        preferences = None
        if self.wishes:
            row_at = {int(i): a for a, i in enumerate(rows)}
            col_at = {int(j): b for b, j in enumerate(cols)}
            block = {
                (row_at[i], col_at[j]): rank
                for (i, j), rank in self.wishes.items()
                if i in row_at and j in col_at
            }
            preferences = wish_strengths(block, (rows.size, cols.size), self.policy.wishes)
            if preferences is None:  # no wish in this block: no points, as in the whole
                preferences = np.zeros((rows.size, cols.size), dtype=bool)
        return score_block(
            self.mentee_people,
            self.mentor_people,
            self.weights,
            self.rules,
            rows,
            cols,
            preferences=preferences,
        )

    @cached_property
    def _mentee_rows(self) -> dict[int, int]:
        return {p.pk: i for i, p in enumerate(self.mentees.participants)}

    @cached_property
    def _mentor_columns(self) -> dict[int, int]:
        return {p.pk: i for i, p in enumerate(self.mentors.participants)}

    def row(self, mentee_id: int) -> int | None:
        """The mentee's row in the arrays (None: not in them, e.g. already matched)."""
        return self._mentee_rows.get(mentee_id)

    def column(self, mentor_id: int) -> int | None:
        return self._mentor_columns.get(mentor_id)


def _matching_answers(cohort: Cohort, users: list[int]) -> dict[int, dict[str, list]]:
    """Per user, their answers to questions used for matching, by criterion."""
    answers = (
        Answer.objects.filter(
            application__cohort=cohort,
            application__user_id__in=users,
        )
        .exclude(question__matching_criterion="")
        .values_list(
            "application__user_id", "application__role", "question__matching_criterion", "value"
        )
    )
    found: dict[tuple[int, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for user_id, role, criterion, value in answers:
        values = value if isinstance(value, list) else [value]
        found[(user_id, role)][criterion].extend(v for v in values if v not in (None, ""))
    return found


def _side(participants: list[Participant], answers: dict, role: str) -> Side:
    side = Side(participants=participants)
    for participant in participants:
        profile = participant.user.profile
        given = answers.get((participant.user_id, role), {})
        side.languages.append(set(profile.languages) | set(given.get("languages", [])))
        areas = set(profile.competence_areas) | set(given.get("competence_areas", []))
        areas |= {v for v in given.get("goals", []) if isinstance(v, str) and len(v) <= 60}
        side.areas.append({a.strip().lower() for a in areas if a and a.strip()})
        side.profession.append((given.get("profession") or [profile.profession])[0] or "")
        side.region.append((given.get("region") or [profile.region])[0] or "")
        # Times from the profile; a day answered on a form counts as all of that day.
        slots = {slot for slot in profile.availability if slot in SLOTS}
        for day in given.get("availability", []):
            slots |= {slot for slot in SLOTS if slot.startswith(f"{day}_")}
        side.times.append(slots)
        years = [float(v) for v in given.get("experience", []) if isinstance(v, int | float)]
        side.experience.append(max(years) if years else 0.0)
    return side


def _people(side: Side, languages: list[str], areas: list[str], professions: list[str]) -> People:
    n = len(side.participants)
    language_index = {code: i for i, code in enumerate(languages)}
    area_index = {area: i for i, area in enumerate(areas)}
    profession_index = {p: i for i, p in enumerate(professions)}
    region_index = {r: i for i, r in enumerate(Region.values)}
    language_matrix = np.zeros((n, max(len(languages), 1)), dtype=bool)
    area_matrix = np.zeros((n, max(len(areas), 1)), dtype=bool)
    for row in range(n):
        language_matrix[row, [language_index[c] for c in side.languages[row]]] = True
        area_matrix[row, [area_index[a] for a in side.areas[row]]] = True
    region = np.array(
        [REMOTE if r == Region.REMOTE else region_index.get(r, -1) for r in side.region],
        dtype=np.int64,
    )
    return People(
        languages=language_matrix,
        areas=area_matrix,
        profession=np.array([profession_index.get(p, -1) for p in side.profession], dtype=np.int64),
        region=region,
        availability=np.array(
            [sum(1 << SLOTS.index(slot) for slot in slots) for slots in side.times],
            dtype=np.int64,
        ),
        experience=np.array(side.experience, dtype=np.int64),
        organisation=np.array([p.organisation_id or -1 for p in side.participants], dtype=np.int64),
    )


def cohort_matching_input(
    cohort: Cohort,
    *,
    only_unmatched: bool = True,
    only: tuple[int, ...] | None = None,
    dense_max: int | None = None,
) -> CohortInput:
    """The cohort's active participants, profiles, matching answers, free places and the
    coordinator's pair rules, the mentees' ranked wishes and the mentors' declines, as
    engine arrays, and the labels of the options they answered: nine queries whatever
    the cohort's size.

    `only` limits it to some participants (one pair, to check or explain it): a pair's
    score and hard rules depend on the two people alone, so that is exact and does not
    load and score the whole cohort. Above `dense_max` possible pairs the whole cohort is
    not scored at once (`scores` stays None; `score_rows` scores part of it)."""
    policy = policy_for(cohort)
    people = Participant.objects.filter(cohort=cohort, state=ParticipantState.ACTIVE)
    if only is not None:
        people = people.filter(pk__in=only)
    participants = list(
        people.select_related("user__profile", "organisation")
        .annotate(
            live=mentor_live_pairs(),
            has_mentor=Count(
                "mentee_matches", filter=Q(mentee_matches__state__in=LIVE_MATCH_STATES)
            ),
        )
        .order_by("pk")
    )
    mentees = [
        p for p in participants if p.role == Role.MENTEE and not (only_unmatched and p.has_mentor)
    ]
    mentors = [p for p in participants if p.role == Role.MENTOR]
    answers = _matching_answers(cohort, [p.user_id for p in participants])
    mentee_side = _side(mentees, answers, Role.MENTEE)
    mentor_side = _side(mentors, answers, Role.MENTOR)
    languages = sorted(set().union(*mentee_side.languages, *mentor_side.languages))
    areas = sorted(set().union(*mentee_side.areas, *mentor_side.areas))
    professions = sorted({p for p in mentee_side.profession + mentor_side.profession if p})
    mentee_index = {p.pk: i for i, p in enumerate(mentees)}
    mentor_index = {p.pk: i for i, p in enumerate(mentors)}
    locked, forbidden = [], []
    for rule in PairRule.objects.filter(cohort=cohort).values("mentee_id", "mentor_id", "kind"):
        pair = (mentee_index.get(rule["mentee_id"]), mentor_index.get(rule["mentor_id"]))
        if None in pair:
            continue
        (locked if rule["kind"] == PairRuleKind.LOCK else forbidden).append(pair)
    wishes: dict[tuple[int, int], int] = {}
    for mentee_id, mentor_id, rank in MentorWish.objects.filter(
        mentee__cohort=cohort, mentee_id__in=mentee_index, mentor_id__in=mentor_index
    ).values_list("mentee_id", "mentor_id", "rank"):
        wishes[(mentee_index[mentee_id], mentor_index[mentor_id])] = rank
    declined = [
        (mentee_index[mentee_id], mentor_index[mentor_id])
        for mentor_id, mentee_id in MentorDecline.objects.filter(
            mentor__cohort=cohort, mentee_id__in=mentee_index, mentor_id__in=mentor_index
        ).values_list("mentor_id", "mentee_id")
    ]
    data = CohortInput(
        cohort=cohort,
        policy=policy,
        mentees=mentee_side,
        mentors=mentor_side,
        capacity=np.array([max(p.capacity - p.live, 0) for p in mentors], dtype=np.int64),
        locked=locked,
        forbidden=forbidden,
        declined=declined,
        wishes=wishes,
        labels={
            value.strip().lower(): {"sv": label_sv, "en": label_en or label_sv}
            for value, label_sv, label_en in QuestionChoice.objects.filter(
                question__program_id=cohort.program_id
            )
            .exclude(question__matching_criterion="")
            .values_list("value", "label_sv", "label_en")
        },
        languages=languages,
        areas=areas,
    )
    mentee_people = _people(mentee_side, languages, areas, professions)
    mentor_people = _people(mentor_side, languages, areas, professions)
    rules = Rules(
        different_organisation=policy.different_organisation,
        shared_language=policy.shared_language_required,
        common_time=policy.common_time_required,
        forbidden=forbidden,
        declined=declined,
        remote=REMOTE,
    )
    data.mentee_people, data.mentor_people = mentee_people, mentor_people
    data.rules, data.weights = rules, weights_of(policy)
    if dense_max is not None and len(mentees) * len(mentors) > dense_max:
        return data
    data.scores = score(
        mentee_people,
        mentor_people,
        data.weights,
        rules,
        preferences=wish_strengths(wishes, (len(mentees), len(mentors)), policy.wishes),
    )
    return data


def wish_strengths(
    wishes: dict[tuple[int, int], int], shape: tuple[int, int], ranks: int
) -> np.ndarray | None:
    """How strongly each mentee wished for each mentor, 0 to 1: a first choice 1, each
    later one a step of 1/`ranks` less (of three: 1, 2/3, 1/3). None without wishes."""
    if not wishes:
        return None
    ranks = max(ranks, 1)
    strengths = np.zeros(shape, dtype=np.float64)
    for (mentee, mentor), rank in wishes.items():
        strengths[mentee, mentor] = max(ranks + 1 - rank, 1) / ranks
    return strengths


def explanation_details(
    data: CohortInput,
    mentee: int,
    mentor: int,
    *,
    scores: Scores | None = None,
    at: tuple[int, int] | None = None,
) -> list[list]:
    """[[criterion, points, details], ...] for a pair; the points add up to its score.

    `scores` is a block of the cohort's (from `score_rows`) with the pair at `at`; by
    default the whole cohort's, at (mentee, mentor)."""
    scores = scores if scores is not None else data.scores
    assert scores is not None
    a, b = data.mentees, data.mentors
    detail: dict[str, list] = {
        "language": sorted(a.languages[mentee] & b.languages[mentor]),
        "area": [data.labels.get(area, area) for area in sorted(a.areas[mentee] & b.areas[mentor])],
        "profession": [b.profession[mentor]],
        "region": [b.region[mentor] if a.region[mentee] != Region.REMOTE else Region.REMOTE],
        "availability": [slot for slot in SLOTS if slot in a.times[mentee] & b.times[mentor]],
        "experience": [int(b.experience[mentor]), int(a.experience[mentee])],
        "organisation": [
            b.participants[mentor].organisation.name if b.participants[mentor].organisation else ""
        ],
        "preference": [data.wishes[(mentee, mentor)]] if (mentee, mentor) in data.wishes else [],
    }
    # The points are the engine's one explanation (engine.explain); this adds the words.
    return [
        [name, points, detail.get(name, [])]
        for name, points in explain(scores, *(at or (mentee, mentor)))
    ]


def latest_runs(cohort: Cohort, count: int = 2) -> list[MatchingRun]:
    return list(MatchingRun.objects.filter(cohort=cohort).order_by("-created_at")[:count])


def live_matches(cohort: Cohort) -> QuerySet[Match]:
    return (
        Match.objects.filter(cohort=cohort, state__in=LIVE_MATCH_STATES)
        .select_related(
            "mentor__user", "mentee__user", "mentor__organisation", "mentee__organisation"
        )
        .order_by("mentee__user__last_name")
    )


def requests_for_mentor(user: User) -> QuerySet[Match]:
    return Match.objects.filter(mentor__user=user, state=MatchState.PROPOSED).select_related(
        "mentee__user__profile", "mentee__organisation", "cohort__program"
    )


def mentor_suggestions(data: CohortInput, mentee: int, count: int) -> list[dict]:
    """The best allowed mentors with a free place for one mentee, explained."""
    scores, row = data.mentee_row(mentee)
    usable = scores.allowed[row] & (data.capacity > 0)
    # Best first; the unusable sort last (no negated sentinel, which would overflow).
    ranked = np.argsort(
        np.where(usable, -scores.total[row].astype(np.int64), np.iinfo(np.int64).max)
    )
    best = scores.best_in_row(row)
    found = []
    for j in ranked[:count]:
        if not usable[j]:
            break
        value = int(scores.total[row, j])
        found.append(
            {
                "mentor": data.mentors.participants[j],
                "score": value,
                "percent": round(100 * value / best) if best > 0 else 100,
                "explanation": explanation_details(
                    data, mentee, int(j), scores=scores, at=(row, int(j))
                ),
            }
        )
    return found


def suggestions_for(participant: Participant) -> list[dict]:
    """A mentee's suggested mentors, when their program lets mentees choose and they have
    no mentor or open request yet."""
    policy = policy_for(participant.cohort)
    if policy.mode != MatchingMode.MENTEE_CHOOSES or participant.role != Role.MENTEE:
        return []
    # One mentee's row is all it needs: the whole cohort is not scored.
    data = cohort_matching_input(participant.cohort, dense_max=0)
    row = data.row(participant.pk)
    if row is None:
        return []
    return mentor_suggestions(data, row, policy.suggestions)


def wish_candidates(mentee: Participant) -> list[dict]:
    """The mentors a mentee may rank in the preference window: the best allowed mentors
    with a free place (as many as the program suggests, at least as many as it lets
    them rank), each with their explanation."""
    policy = policy_for(mentee.cohort)
    data = cohort_matching_input(mentee.cohort, dense_max=0)
    row = data.row(mentee.pk)
    if row is None:
        return []
    return mentor_suggestions(data, row, max(policy.suggestions, policy.wishes))


def decline_candidates(mentor: Participant) -> list[dict]:
    """The mentees a mentor may mark "not a fit": those to whom the mentor is suggested,
    those who ranked the mentor, and those already declined (with the reason), best
    score first."""
    policy = policy_for(mentor.cohort)
    data = cohort_matching_input(mentor.cohort)
    column = data.column(mentor.pk)
    if column is None or data.scores is None or not data.mentees.participants:
        return []
    scores = data.scores
    usable = scores.allowed & (data.capacity > 0)[None, :]
    count = max(policy.suggestions, policy.wishes)
    ranked = np.where(usable, scores.total.astype(np.float64), -np.inf)
    kth = -np.sort(-ranked, axis=1)[:, min(count, ranked.shape[1]) - 1]
    suggested = usable[:, column] & (ranked[:, column] >= kth)
    wished = {mentee for (mentee, mentor), _rank in data.wishes.items() if mentor == column}
    reasons = dict(MentorDecline.objects.filter(mentor=mentor).values_list("mentee_id", "reason"))
    found = []
    for row, mentee in enumerate(data.mentees.participants):
        if not (suggested[row] or row in wished or mentee.pk in reasons):
            continue
        found.append(
            {
                "mentee": mentee,
                "score": int(scores.total[row, column]),
                "explanation": explanation_details(data, row, column),
                "rank": data.wishes.get((row, column)),
                "declined": mentee.pk in reasons,
                "reason": reasons.get(mentee.pk, ""),
            }
        )
    return sorted(found, key=lambda item: -item["score"])


def open_preference_windows(cohort_ids: Iterable[int]) -> dict[int, PreferenceWindow]:
    """The open preference windows of these cohorts, by cohort: one query, none for no
    cohorts."""
    cohort_ids = list(cohort_ids)
    if not cohort_ids:
        return {}
    now = timezone.now()
    return {
        window.cohort_id: window
        for window in PreferenceWindow.objects.filter(
            cohort_id__in=cohort_ids, opens_at__lte=now, closes_at__gt=now
        )
    }


def agreement_draft(match: Match) -> Agreement:
    """The match's agreement as it stands, or, before either member has saved one, an
    unsaved draft started from the program's meeting expectations (nothing is written:
    a page that only shows it creates no row)."""
    agreement = Agreement.objects.filter(match=match).first()
    if agreement is not None:
        return agreement
    program = match.cohort.program
    hours = program.hours_per_meeting
    with override(language_for(match.mentee.user)):
        confidentiality = str(STANDARD_CONFIDENTIALITY)
        terms = program.agreement_terms
    return Agreement(
        match=match,
        cadence=program.cadence,
        meeting_minutes=int(hours * 60) if hours else 120,
        confidentiality=confidentiality,
        program_terms=terms,
        facilitator=first_meeting_coordinator(match),
    )


def first_meeting_coordinator(match: Match) -> User | None:
    """The coordinator who attends the pair's first meeting, in a program that says one
    does: the one who made the match, else the program's first coordinator."""
    program = match.cohort.program
    if not program.coordinator_at_first_meeting:
        return None
    coordinators = program.coordinators.order_by("pk")
    if match.created_by_id:
        made_by = coordinators.filter(pk=match.created_by_id).first()
        if made_by is not None:
            return made_by
    return coordinators.first()


def agreement_facilitator(match: Match) -> User | None:
    """The coordinator named on the pair's agreement (saved, or the draft's default)."""
    agreement = Agreement.objects.filter(match=match).select_related("facilitator").first()
    if agreement is not None:
        return agreement.facilitator
    return first_meeting_coordinator(match)


def signatures_lacking(program: Program, agreement: Agreement | None) -> bool:
    """The program wants both signatures before a meeting is logged, and this agreement
    (None: not written) does not have them both."""
    if not program.signatures_before_logging:
        return False
    return not (agreement and agreement.mentor_signed_at and agreement.mentee_signed_at)


def signatures_missing(match: Match) -> bool:
    return signatures_lacking(match.cohort.program, Agreement.objects.filter(match=match).first())


def match_for_agreement(user: User, match_id: int | None) -> Match | None:
    """The match when `user` may work on its agreement: its mentor or mentee, or the
    coordinator named on it to attend the first meeting (who writes it with them)."""
    match = (
        Match.objects.select_related(
            "cohort__program", "mentor__user__profile", "mentee__user__profile"
        )
        .filter(pk=match_id or 0)
        .first()
    )
    if match is None or not user.is_authenticated:
        return None
    if is_match_member(user, match):
        return match
    facilitator = agreement_facilitator(match)
    return match if facilitator is not None and facilitator.pk == user.pk else None


def match_of_member(user: User, match_id: int | None) -> Match | None:
    """The match, with what the pair's pages show of it, when `user` is its mentor or
    mentee; None for anyone else (their page answers 404: another pair's match is not
    there for them)."""
    match = (
        Match.objects.select_related(
            "cohort__program", "mentor__user__profile", "mentee__user__profile"
        )
        .filter(pk=match_id or 0)
        .first()
    )
    return match if is_match_member(user, match) else None


# --- What needs doing (the coordinator's home counts and its lists filter by these) -----


def mentor_live_pairs() -> Count:
    """How many proposed or active pairs a mentor has (what their capacity is used by)."""
    return Count("mentor_matches", filter=Q(mentor_matches__state__in=LIVE_MATCH_STATES))


def live_match_exists(participant_ref: str = "pk") -> Exists:
    """Whether the participant (an outer reference) has a proposed or active match."""
    return Exists(
        Match.objects.filter(
            Q(mentor=OuterRef(participant_ref)) | Q(mentee=OuterRef(participant_ref)),
            state__in=LIVE_MATCH_STATES,
        )
    )


def without_live_match(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Active participants with no proposed or active match: accepted, still waiting."""
    return participants.filter(~live_match_exists(), state=ParticipantState.ACTIVE)


def agreement_unsigned(matches: QuerySet[Match]) -> QuerySet[Match]:
    """Active pairs whose agreement is not signed by both (or not yet started)."""
    return matches.filter(state=MatchState.ACTIVE).exclude(
        agreement__mentor_signed_at__isnull=False, agreement__mentee_signed_at__isnull=False
    )


def hand_pairing_choices(cohort: Cohort) -> tuple[list[Participant], list[Participant]]:
    """Whom the board's "pair by hand" offers: the mentees still without a mentor, and
    every active mentor with `free_places` (capacity less proposed and active pairs), by
    name. The hard rules are checked when the pair is made, not here."""
    people = Participant.objects.filter(cohort=cohort, state=ParticipantState.ACTIVE)
    mentees = list(
        without_live_match(people.filter(role=Role.MENTEE))
        .select_related("user", "organisation")
        .order_by("user__first_name", "user__last_name")
    )
    mentors = list(
        people.filter(role=Role.MENTOR)
        .annotate(live=mentor_live_pairs())
        .select_related("user", "organisation")
        .order_by("user__first_name", "user__last_name")
    )
    for mentor in mentors:
        mentor.free_places = max(mentor.capacity - mentor.live, 0)
    return mentees, mentors


def board_waiting(cohort: Cohort) -> dict[str, int]:
    """Who waits before a run: active mentees without a mentor, active mentors, and the
    places mentors still have free (capacity less their proposed and active pairs); one
    query."""
    rows = (
        Participant.objects.filter(cohort=cohort, state=ParticipantState.ACTIVE)
        .annotate(
            live=mentor_live_pairs(),
            paired=live_match_exists(),
        )
        .values_list("role", "capacity", "live", "paired")
    )
    waiting = {"mentees": 0, "mentors": 0, "free_places": 0}
    for role, capacity, live, paired in rows:
        if role == Role.MENTEE:
            waiting["mentees"] += not paired
        else:
            waiting["mentors"] += 1
            waiting["free_places"] += max(capacity - live, 0)
    return waiting


# --- Messages --------------------------------------------------------------------------


def unread_count(user: User) -> Coalesce:
    """Per match (an annotation of a match queryset), the messages from the other member
    past what `user` has read; in the match's own query, not one query more."""
    read_to = MessageRead.objects.filter(match=OuterRef("match"), user=user).values("last_read_id")
    return Coalesce(
        Subquery(
            Message.objects.filter(match=OuterRef("pk"))
            .exclude(author=user)
            .filter(pk__gt=Coalesce(Subquery(read_to), 0))
            .order_by()
            .values("match")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


THREAD_LENGTH = 100


def thread_for(match: Match, after: int = 0) -> list[Message]:
    """The pair's messages, oldest first: the last THREAD_LENGTH, or those after
    message `after` (what a poll adds). One query."""
    messages = Message.objects.filter(match=match).select_related("author")
    if after:
        return list(messages.filter(pk__gt=after).order_by("pk")[:THREAD_LENGTH])
    return list(reversed(messages.order_by("-pk")[:THREAD_LENGTH]))


def message_activity(match_ids: list[int]) -> dict[int, tuple[int, object]]:
    """What a coordinator sees of the pairs' messages: how many, and when the last was
    sent; never what they say."""
    return {
        row["match_id"]: (row["n"], row["last"])
        for row in Message.objects.filter(match__in=match_ids)
        .values("match_id")
        .annotate(n=Count("pk"), last=Max("created_at"))
    }
