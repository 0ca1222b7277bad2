"""Issue 13, part 1: in a program with "different organisations" (003), no path makes a
same-organisation pair; each refusal names the rule; only an explicit, logged override
with a reason gets past it."""

import pytest

from matching.enums import MatchState, PairRuleKind, RunState
from matching.models import Match, MatchingRun, PairRule, Proposal
from matching.services.matching import (
    MatchingError,
    match_create,
    match_request,
    pair_rule_set,
    proposal_swap,
    run_execute,
    run_publish,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RULE = r"Different organisations|Olika organisationer"


def test_same_organisation_pair_by_the_board_is_refused_naming_the_rule(client, matching_cohort):
    people = matching_cohort.people
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(coordinator)

    response = client.post(
        f"/admin/matching/board/{matching_cohort.pk}/pair/",
        {"mentee": people["bo"].pk, "mentor": people["nils"].pk},
        follow=True,
    )

    assert not Match.objects.exists()
    assert "Olika organisationer" in response.content.decode()


def test_same_organisation_pair_by_the_service_is_refused(matching_cohort):
    people = matching_cohort.people

    with pytest.raises(MatchingError, match=RULE):
        match_create(mentee=people["bo"], mentor=people["nils"], by=UserFactory())
    assert not Match.objects.exists()


def test_override_needs_a_reason_and_is_kept_with_the_match(client, matching_cohort):
    people = matching_cohort.people
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/matching/board/{matching_cohort.pk}/pair/"

    client.post(url, {"mentee": people["bo"].pk, "mentor": people["nils"].pk, "override": "1"})
    assert not Match.objects.exists()  # no reason, no override
    client.post(
        url,
        {
            "mentee": people["bo"].pk,
            "mentor": people["nils"].pk,
            "override": "1",
            "override_reason": "Olika avdelningar i praktiken",
        },
    )

    match = Match.objects.get()
    assert match.rules_overridden == ["same_organisation"]
    assert match.override_reason == "Olika avdelningar i praktiken"


def test_lock_of_a_same_organisation_pair_is_refused(matching_cohort):
    people = matching_cohort.people

    with pytest.raises(MatchingError, match=RULE):
        pair_rule_set(
            cohort=matching_cohort,
            mentee=people["bo"],
            mentor=people["nils"],
            kind=PairRuleKind.LOCK,
            by=UserFactory(),
        )
    assert not PairRule.objects.exists()


def test_whole_cohort_run_never_proposes_a_same_organisation_pair(matching_cohort):
    run = MatchingRun.objects.create(cohort=matching_cohort)

    run_execute(run=run)

    for proposal in Proposal.objects.filter(run=run, mentor__isnull=False).select_related(
        "mentee", "mentor"
    ):
        assert proposal.mentee.organisation_id != proposal.mentor.organisation_id


def test_swap_into_a_same_organisation_pair_is_refused(matching_cohort):
    people = matching_cohort.people
    run = MatchingRun.objects.create(cohort=matching_cohort)
    run_execute(run=run)
    run.refresh_from_db()
    assert run.state == RunState.DONE
    with_mentor = {
        p.mentee_id: p.mentor_id for p in Proposal.objects.filter(run=run, mentor__isnull=False)
    }
    # Bo (agency A) would get the mentor of someone matched with Nils (agency A).
    nils_mentee = next(
        (m for m, mentor in with_mentor.items() if mentor == people["nils"].pk), None
    )
    if nils_mentee is None or people["bo"].pk not in with_mentor:
        pytest.skip("the run did not give both a mentor")

    with pytest.raises(MatchingError):
        proposal_swap(run=run, first_mentee_id=people["bo"].pk, second_mentee_id=nils_mentee)


def test_publish_rechecks_pairs_whose_people_changed_since_the_run(matching_cohort):
    people = matching_cohort.people
    run = MatchingRun.objects.create(cohort=matching_cohort)
    run_execute(run=run)
    proposal = Proposal.objects.filter(run=run, mentor__isnull=False).select_related("mentor")[0]
    # The mentee moved to the mentor's agency after the run.
    proposal.mentee.organisation = proposal.mentor.organisation
    proposal.mentee.save()

    with pytest.raises(MatchingError, match=RULE):
        run_publish(run=run, by=UserFactory())
    assert not Match.objects.filter(state=MatchState.ACTIVE).exists()
    del people


def test_mentee_request_to_a_same_organisation_mentor_is_refused(matching_cohort):
    people = matching_cohort.people

    with pytest.raises(MatchingError, match=RULE):
        match_request(mentee=people["bo"], mentor=people["nils"], by=people["bo"].user)
    assert not Match.objects.exists()


def test_a_pair_alone_scores_and_breaks_rules_as_in_the_whole_cohort(matching_cohort):
    """Pairing one couple loads and scores only them (issue 14: 0.93 s at 2,000 before);
    the result is the same as in the whole cohort."""
    from matching.selectors import cohort_matching_input, explanation_details
    from matching.services.matching import pair_rules_broken

    whole = cohort_matching_input(matching_cohort, only_unmatched=False)
    for mentee in whole.mentees.participants:
        for mentor in whole.mentors.participants:
            alone = cohort_matching_input(
                matching_cohort, only_unmatched=False, only=(mentee.pk, mentor.pk)
            )
            i, j = whole.row(mentee.pk), whole.column(mentor.pk)
            assert alone.scores.total[0, 0] == whole.scores.total[i, j]
            assert explanation_details(alone, 0, 0) == explanation_details(whole, i, j)
            assert pair_rules_broken(alone, mentee, mentor) == pair_rules_broken(
                whole, mentee, mentor
            )


def test_pair_by_hand_offers_the_mentees_still_waiting_and_each_mentors_free_places(
    client, matching_cohort
):
    people = matching_cohort.people
    coordinator = UserFactory()
    from programs.services.core import coordinator_add

    coordinator_add(program=matching_cohort.program, user=coordinator)
    client.force_login(coordinator)
    board = f"/admin/matching/board/{matching_cohort.pk}/"
    client.post(f"{board}pair/", {"mentee": people["anna"].pk, "mentor": people["nils"].pk})
    assert not Match.objects.exists()  # same organisation: the rule holds here too
    client.post(f"{board}pair/", {"mentee": people["cleo"].pk, "mentor": people["nils"].pk})

    page = client.get(board).content.decode()
    form = page.split('id="pair-by-hand"', 1)[1].split("</form>", 1)[0]
    assert "Adept (2 utan mentor)" in form
    assert f'value="{people["cleo"].pk}"' not in form  # paired now
    assert "Nils" in form and "– full" in form
    assert "Mia" in form and "2 lediga platser" in form

    response = client.post(
        f"{board}pair/", {"mentee": people["bo"].pk, "mentor": people["nils"].pk}, follow=True
    )
    assert Match.objects.filter(mentee=people["bo"]).count() == 0
    notice = response.content.decode().split('class="messagelist"', 1)[1].split("</ul>", 1)[0]
    assert "Olika organisationer" in notice
