"""Why someone is left unmatched, and the one change that would match them."""

import numpy as np
import pytest

from matching.engine import Scores, assign, remedies
from matching.models import Match, MatchingPolicy, MatchingRun, Proposal
from matching.services.matching import run_execute
from mentorship.models import StateChange
from programs.services.core import coordinator_add


def hand_scores(total, allowed, same_organisation):
    total = np.array(total, dtype=np.int32)
    return Scores(
        total=total,
        parts={"area": total},
        allowed=np.array(allowed, bool),
        blocked={"same_organisation": np.array(same_organisation, bool)},
    )


def test_one_more_place_or_one_rule_relaxed_matches_the_one_left_and_each_is_verified():
    # Both mentees may only have mentor 0 (mentor 1 is of their agency); the second
    # scores higher with mentor 0, so the first is left.
    result = hand_scores([[50, 40], [60, 40]], [[1, 0], [1, 0]], [[0, 1], [0, 1]])
    capacity = np.array([1, 1])
    assignment = assign(result.total, result.allowed, capacity)

    assert assignment.tolist() == [-1, 0]
    assert remedies(result, capacity, assignment, 0) == [
        ("seat", 0),
        ("rule", 1, "same_organisation"),
    ]


def test_a_lower_minimum_is_suggested_at_the_pairs_own_score_and_nothing_unverified():
    result = hand_scores([[50, 40], [30, 40]], [[1, 0], [1, 0]], [[0, 1], [0, 1]])
    capacity = np.array([2, 1])
    assignment = assign(result.total, result.allowed, capacity, min_score=45)

    assert assignment.tolist() == [0, -1]
    assert remedies(result, capacity, assignment, 1, min_score=45) == [("min_score", 30)]


@pytest.mark.django_db
def test_the_board_names_the_mentor_whose_extra_place_matches_her_and_one_click_does_it(
    client, matching_cohort, coordinator
):
    coordinator_add(program=matching_cohort.program, user=coordinator)
    people = matching_cohort.people
    people["mia"].capacity = 1
    people["mia"].save()
    run = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))
    left = Proposal.objects.get(run=run, mentor__isnull=True)
    assert left.mentee_id in (people["anna"].pk, people["bo"].pk)
    assert {"kind": "seat", "mentor": people["mia"].pk} in left.remedies

    client.force_login(coordinator)
    board = f"/admin/matching/board/{matching_cohort.pk}/"
    page = client.get(board).content.decode()
    assert f"Ge {people['mia'].user.get_full_name()} en plats till" in page
    index = left.remedies.index({"kind": "seat", "mentor": people["mia"].pk}) + 1
    client.post(f"{board}proposals/{left.pk}/remedy/", {"remedy": index})

    people["mia"].refresh_from_db()
    assert people["mia"].capacity == 2
    assert StateChange.objects.filter(object_id=people["mia"].pk, to_state="2").exists()
    again = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))
    assert not again.proposals.filter(mentor__isnull=True).exists()


@pytest.mark.django_db
def test_a_relaxed_rule_pairs_them_with_the_reason_kept_and_others_are_refused(
    client, matching_cohort, coordinator, other_coordinator
):
    coordinator_add(program=matching_cohort.program, user=coordinator)
    people = matching_cohort.people
    people["mia"].capacity = 1
    people["mia"].save()
    people["nils"].capacity = 2  # free, but of the same agency as Anna and Bo
    people["nils"].save()
    run = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))
    left = Proposal.objects.get(run=run, mentor__isnull=True)
    board = f"/admin/matching/board/{matching_cohort.pk}/"
    url = f"{board}proposals/{left.pk}/remedy/"

    client.force_login(other_coordinator)
    assert client.post(url, {"remedy": 1}).status_code == 404
    client.force_login(coordinator)
    assert client.post(url, {"remedy": 99}).status_code == 404

    rule = {"kind": "rule", "mentor": people["nils"].pk, "rule": "same_organisation"}
    client.post(url, {"remedy": left.remedies.index(rule) + 1})
    match = Match.objects.get(mentee_id=left.mentee_id)
    assert match.rules_overridden == ["same_organisation"]
    assert "släppt för det här paret" in match.override_reason


@pytest.mark.django_db
def test_a_mentor_left_with_free_places_is_listed_with_the_reason(
    matching_cohort, client, coordinator
):
    coordinator_add(program=matching_cohort.program, user=coordinator)
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(
        different_organisation=True
    )
    people = matching_cohort.people
    people["nils"].capacity = 3
    people["nils"].save()
    run = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))

    assert {
        "mentor": people["nils"].pk,
        "free": 2,
        "reason": "allowed_mentees_matched",
    } in run.idle_mentors
    client.force_login(coordinator)
    page = client.get(f"/admin/matching/board/{matching_cohort.pk}/").content.decode()
    assert "Mentorer med lediga platser efter körningen" in page


@pytest.mark.django_db
def test_each_higher_minimum_is_an_exact_run_and_fairness_is_per_agency(
    client, matching_cohort, coordinator
):
    from matching.engine import assign as solve
    from matching.selectors import cohort_matching_input

    coordinator_add(program=matching_cohort.program, user=coordinator)
    run = run_execute(run=MatchingRun.objects.create(cohort=matching_cohort))

    rows = run.tradeoffs
    assert rows[0]["min_score"] is None and rows[0]["matched"] == run.matched == 3
    assert len(rows) >= 2
    data = cohort_matching_input(matching_cohort)
    for row in rows[1:]:
        exact = solve(
            data.scores.total, data.scores.allowed, data.capacity, min_score=row["min_score"]
        )
        assert row["matched"] == int((exact >= 0).sum())
    lowest = [r["lowest"] for r in rows if r["matched"]]
    assert lowest == sorted(lowest)
    assert rows[-1]["matched"] < rows[0]["matched"]  # a setting that costs someone is shown
    by_agency = {r["group"]: (r["people"], r["matched"]) for r in run.fairness["organisation"]}
    assert by_agency == {"Verket A": (2, 2), "Verket B": (1, 1)}

    client.force_login(coordinator)
    page = client.get(f"/admin/matching/board/{matching_cohort.pk}/").content.decode()
    assert "Rättvisa i den här körningen" in page and "Per organisation (adepter)" in page
    assert "ingen (programmets inställning)" in page


@pytest.mark.django_db
def test_explanations_name_an_option_by_its_label_in_the_readers_language(matching_cohort):
    from django.utils import translation

    from matching.selectors import cohort_matching_input, explanation_details
    from matching.templatetags.matching_tags import explanation
    from programs.models import Question, QuestionChoice

    question = Question.objects.create(
        program=matching_cohort.program,
        text_sv="Områden",
        kind="multiple_choice",
        matching_criterion="competence_areas",
    )
    QuestionChoice.objects.create(
        question=question, value="forhandling", label_sv="Förhandling", label_en="Negotiation"
    )
    people = matching_cohort.people
    for name in ("cleo", "nils"):
        people[name].user.profile.competence_areas = ["forhandling"]
        people[name].user.profile.save()
    data = cohort_matching_input(matching_cohort)
    rows = explanation_details(data, data.row(people["cleo"].pk), data.column(people["nils"].pk))

    with translation.override("en"):
        assert any(line.endswith("shared areas: Negotiation") for line in explanation(rows))
    with translation.override("sv"):
        assert any("Förhandling" in line for line in explanation(rows))
        assert not any("forhandling" in line for line in explanation(rows))
