import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from matching.enums import MatchState, PairRuleKind, RunState
from matching.models import Match, MatchingPolicy, MatchingRun
from matching.selectors import cohort_matching_input
from matching.services.matching import (
    MatchingError,
    match_accept,
    match_create,
    match_decline,
    match_request,
    pair_rule_set,
    proposal_swap,
    run_execute,
    run_publish,
)
from tests.factories import UserFactory
from tests.matching.conftest import person

pytestmark = pytest.mark.django_db(transaction=True)


def run(cohort, coordinator=None):
    return run_execute(run=MatchingRun.objects.create(cohort=cohort, created_by=coordinator))


def pairs(matching_run):
    return {
        (p.mentee.user.first_name, p.mentor.user.first_name if p.mentor else None)
        for p in matching_run.proposals.select_related("mentee__user", "mentor__user")
    }


def test_run_matches_everyone_it_can_and_never_within_an_organisation(matching_cohort):
    result = run(matching_cohort)

    assert result.state == RunState.DONE and result.progress == 100
    assert pairs(result) == {("Anna", "Mia"), ("Bo", "Mia"), ("Cleo", "Nils")}
    assert (result.matched, result.unmatched) == (3, 0)


def test_every_proposal_explains_its_score_exactly(matching_cohort):
    result = run(matching_cohort)

    for proposal in result.proposals.all():
        assert sum(points for _, points, _ in proposal.explanation) == proposal.score
    anna = result.proposals.get(mentee=matching_cohort.people["anna"])
    assert ["area", 20, ["ledarskap"]] in anna.explanation
    assert ["language", 30, ["sv"]] in anna.explanation


def test_locked_pair_is_kept_and_forbidden_pair_never_proposed_on_a_rerun(matching_cohort):
    people = matching_cohort.people
    by = UserFactory()
    pair_rule_set(
        cohort=matching_cohort,
        mentee=people["cleo"],
        mentor=people["nils"],
        kind=PairRuleKind.FORBID,
        by=by,
    )
    pair_rule_set(
        cohort=matching_cohort,
        mentee=people["bo"],
        mentor=people["mia"],
        kind=PairRuleKind.LOCK,
        by=by,
    )

    result = run(matching_cohort)

    assert ("Cleo", "Nils") not in pairs(result)
    assert ("Bo", "Mia") in pairs(result)
    assert result.proposals.get(mentee=people["bo"]).locked
    cleo = result.proposals.get(mentee=people["cleo"])
    if cleo.mentor is None:
        assert (
            "forbidden" in cleo.unmatched_reason or cleo.unmatched_reason == "allowed_mentors_full"
        )


def test_mentee_with_no_allowed_mentor_is_listed_with_the_reason(matching_cohort, agencies):
    lonely = person(matching_cohort, "mentee", agencies[0], languages=["fi"], name="Lone")

    result = run(matching_cohort)

    proposal = result.proposals.get(mentee=lonely)
    assert proposal.mentor is None
    assert proposal.unmatched_reason.startswith("no_allowed_mentor")
    assert "no_shared_language" in proposal.unmatched_reason


def test_swap_exchanges_mentors_with_fresh_explanations(matching_cohort):
    result = run(matching_cohort)
    people = matching_cohort.people

    with pytest.raises(MatchingError):  # Anna and Nils are from the same agency
        proposal_swap(
            run=result, first_mentee_id=people["anna"].pk, second_mentee_id=people["cleo"].pk
        )
    proposal_swap(run=result, first_mentee_id=people["anna"].pk, second_mentee_id=people["bo"].pk)

    assert pairs(result) == {("Anna", "Mia"), ("Bo", "Mia"), ("Cleo", "Nils")}


def test_publish_makes_matches_and_introduces_both_people_in_their_language(matching_cohort):
    people = matching_cohort.people
    people["nils"].user.profile.preferred_language = "en"
    people["nils"].user.profile.save()
    result = run(matching_cohort)

    matches = run_publish(run=result, by=UserFactory())

    assert len(matches) == 3 and {m.state for m in matches} == {MatchState.ACTIVE}
    to_nils = next(m for m in mail.outbox if m.to == [people["nils"].user.email])
    assert to_nils.subject.startswith("Meet your mentee")
    assert people["cleo"].user.email in to_nils.body
    to_cleo = next(m for m in mail.outbox if m.to == [people["cleo"].user.email])
    assert to_cleo.subject.startswith("Möt din mentor")
    assert people["nils"].user.email in to_cleo.body
    with pytest.raises(MatchingError):
        run_publish(run=result, by=UserFactory())
    assert Match.objects.count() == 3


def test_database_refuses_a_mentor_beyond_capacity_and_a_mentee_with_two_mentors(
    matching_cohort,
):
    people = matching_cohort.people
    Match.objects.create(
        cohort=matching_cohort,
        mentor=people["nils"],
        mentee=people["anna"],
        state=MatchState.ACTIVE,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(cohort=matching_cohort, mentor=people["nils"], mentee=people["bo"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(cohort=matching_cohort, mentor=people["mia"], mentee=people["anna"])
    # An ended match frees both.
    Match.objects.filter(mentee=people["anna"]).update(state=MatchState.ENDED, end_reason="x")
    Match.objects.create(cohort=matching_cohort, mentor=people["nils"], mentee=people["bo"])


def test_mentee_chooses_asks_the_mentor_who_accepts(matching_cohort):
    people = matching_cohort.people
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(mode="mentee_chooses")

    match = match_request(mentee=people["cleo"], mentor=people["nils"], by=people["cleo"].user)
    assert match.state == MatchState.PROPOSED
    assert mail.outbox[-1].to == [people["nils"].user.email]
    with pytest.raises(MatchingError):  # only the asked mentor answers
        match_accept(match=match, by=people["mia"].user)
    match_accept(match=match, by=people["nils"].user)

    match.refresh_from_db()
    assert match.state == MatchState.ACTIVE
    with pytest.raises(MatchingError):  # Nils has one place, now taken
        match_request(mentee=people["bo"], mentor=people["nils"], by=people["bo"].user)


def test_declined_request_lets_the_mentee_ask_again(matching_cohort):
    people = matching_cohort.people
    match = match_request(mentee=people["anna"], mentor=people["mia"], by=people["anna"].user)

    match_decline(match=match, by=people["mia"].user)

    assert mail.outbox[-1].to == [people["anna"].user.email]
    again = match_request(mentee=people["anna"], mentor=people["mia"], by=people["anna"].user)
    assert again.state == MatchState.PROPOSED


def test_request_across_organisations_only(matching_cohort):
    people = matching_cohort.people

    with pytest.raises(MatchingError):
        match_request(mentee=people["anna"], mentor=people["nils"], by=people["anna"].user)


def test_rolling_pairs_one_mentee_directly(matching_cohort):
    people = matching_cohort.people

    match = match_create(mentee=people["cleo"], mentor=people["nils"], by=UserFactory())

    assert match.state == MatchState.ACTIVE and match.score > 0
    assert {m.to[0] for m in mail.outbox} == {people["cleo"].user.email, people["nils"].user.email}


def test_loading_a_cohort_runs_the_same_queries_whatever_its_size(matching_cohort, agencies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from programs.models import Cohort

    with CaptureQueriesContext(connection) as small_queries:
        small = cohort_matching_input(Cohort.objects.get(pk=matching_cohort.pk))
    for n in range(12):
        person(matching_cohort, "mentee" if n % 2 else "mentor", agencies[n % 2], name=f"P{n}")
    with CaptureQueriesContext(connection) as large_queries:
        large = cohort_matching_input(Cohort.objects.get(pk=matching_cohort.pk))

    assert len(large.mentees.participants) == len(small.mentees.participants) + 6
    assert len(large_queries) == len(small_queries) <= 9


@pytest.mark.integration
def test_a_real_worker_runs_the_matching_job_and_reports_progress(matching_cohort, celery_worker):
    import time

    from matching.services.matching import run_start

    with transaction.atomic():
        started = run_start(cohort=matching_cohort, by=UserFactory())

    for _ in range(150):
        started.refresh_from_db()
        if started.state == RunState.DONE:
            break
        time.sleep(0.1)
    assert (started.state, started.progress, started.matched) == (RunState.DONE, 100, 3)


def test_match_completes_or_ends_early_with_a_reason_and_frees_the_place(matching_cohort):
    from matching.services.matching import match_complete, match_end

    people = matching_cohort.people
    coordinator = UserFactory()
    match = match_create(mentee=people["cleo"], mentor=people["nils"], by=coordinator)

    with pytest.raises(MatchingError):
        match_end(match=match, by=coordinator, reason="  ")
    match_end(match=match, by=coordinator, reason="Flyttade utomlands")
    match.refresh_from_db()
    assert (match.state, match.end_reason, match.ended_by) == (
        "ended",
        "Flyttade utomlands",
        coordinator,
    )
    with pytest.raises(MatchingError):
        match_complete(match=match, by=coordinator)

    again = match_create(mentee=people["anna"], mentor=people["mia"], by=coordinator)
    match_complete(match=again, by=coordinator)
    assert again.__class__.objects.get(pk=again.pk).state == "completed"
