"""Before a whole-cohort run: mentees rank suggested mentors, mentors say "not a fit"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import MatchingPolicy, MatchingRun, MentorDecline, MentorWish
from matching.services.matching import MatchingError, run_execute
from matching.services.preferences import (
    mentor_decline,
    mentor_wishes_set,
    preference_window_close,
    preference_window_open,
)
from mentorship.errors import NotAllowed
from programs.services.core import coordinator_add
from tests.factories import CohortFactory, OrganisationFactory
from tests.matching.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(coordinator):
    """One mentee and three mentors who suit her equally well (one place each)."""
    cohort = CohortFactory()
    MatchingPolicy.objects.create(program=cohort.program, wishes=3, weight_preference=40)
    coordinator_add(program=cohort.program, user=coordinator)
    agency = OrganisationFactory(name="Verket")
    cohort.people = {
        name: person(cohort, role, agency, areas=["ledarskap"], name=name)
        for name, role in (
            ("Sara", "mentee"),
            ("Ali", "mentor"),
            ("Bea", "mentor"),
            ("Cai", "mentor"),
        )
    }
    preference_window_open(
        cohort=cohort, closes_at=timezone.now() + timedelta(days=7), by=coordinator
    )
    return cohort


def run(cohort, coordinator):
    return run_execute(run=MatchingRun.objects.create(cohort=cohort, created_by=coordinator))


def test_the_mentees_first_choice_is_her_match_and_the_explanation_says_so(cohort, coordinator):
    sara, cai, bea = (cohort.people[n] for n in ("Sara", "Cai", "Bea"))
    mentor_wishes_set(mentee=sara, mentor_ids=[cai.pk, bea.pk], by=sara.user)

    proposal = run(cohort, coordinator).proposals.get()

    assert proposal.mentor_id == cai.pk
    assert ["preference", 40, [1]] in proposal.explanation
    assert list(MentorWish.objects.values_list("mentor_id", "rank")) == [(cai.pk, 1), (bea.pk, 2)]


def test_a_mentors_decline_keeps_the_pair_apart_in_every_run(cohort, coordinator):
    sara, ali, bea, cai = (cohort.people[n] for n in ("Sara", "Ali", "Bea", "Cai"))
    mentor_wishes_set(mentee=sara, mentor_ids=[cai.pk], by=sara.user)
    mentor_decline(mentor=cai, mentee=sara, reason="We work together", by=cai.user)

    proposal = run(cohort, coordinator).proposals.get()

    assert proposal.mentor_id in (ali.pk, bea.pk)
    for mentor in (ali, bea):
        mentor_decline(mentor=mentor, mentee=sara, reason="", by=mentor.user)
    proposal = run(cohort, coordinator).proposals.get()
    assert proposal.mentor_id is None
    assert proposal.unmatched_reason == "no_allowed_mentor:declined"


def test_only_the_mentee_herself_ranks_within_the_window_and_the_programs_limit(
    cohort, coordinator
):
    sara, ali, bea, cai = (cohort.people[n] for n in ("Sara", "Ali", "Bea", "Cai"))
    with pytest.raises(NotAllowed):
        mentor_wishes_set(mentee=sara, mentor_ids=[ali.pk], by=ali.user)
    MatchingPolicy.objects.filter(program=cohort.program).update(wishes=2)
    with pytest.raises(MatchingError, match="högst 2"):
        mentor_wishes_set(mentee=sara, mentor_ids=[ali.pk, bea.pk, cai.pk], by=sara.user)
    with pytest.raises(MatchingError):
        mentor_wishes_set(mentee=sara, mentor_ids=[ali.pk, ali.pk], by=sara.user)
    elsewhere = person(CohortFactory(), "mentor", None, areas=["ledarskap"], name="Dan")
    with pytest.raises(MatchingError):
        mentor_wishes_set(mentee=sara, mentor_ids=[elsewhere.pk], by=sara.user)

    preference_window_close(cohort=cohort)
    with pytest.raises(MatchingError):
        mentor_wishes_set(mentee=sara, mentor_ids=[ali.pk], by=sara.user)
    with pytest.raises(MatchingError):
        mentor_decline(mentor=ali, mentee=sara, reason="", by=ali.user)
    assert not MentorWish.objects.exists() and not MentorDecline.objects.exists()


def test_the_mentee_ranks_on_her_page_and_a_rank_given_twice_is_shown_beside_the_field(
    client, cohort
):
    sara, ali, bea = (cohort.people[n] for n in ("Sara", "Ali", "Bea"))
    client.force_login(sara.user)
    url = f"/matching/wishes/{sara.pk}/"

    assert "Rangordna dina mentorer" in client.get("/dashboard/").content.decode()
    response = client.post(url, {f"rank_{ali.pk}": "1", f"rank_{bea.pk}": "1"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Val 1 är redan givet till Ali" in page
    assert '<option value="1" selected>1</option>' in page
    assert not MentorWish.objects.exists()
    client.post(url, {f"rank_{ali.pk}": "2", f"rank_{bea.pk}": "1"})
    assert list(MentorWish.objects.order_by("rank").values_list("mentor_id", flat=True)) == [
        bea.pk,
        ali.pk,
    ]


def test_the_pages_are_the_persons_own_and_the_reason_is_the_coordinators(
    client, cohort, coordinator, other_coordinator
):
    sara, ali = cohort.people["Sara"], cohort.people["Ali"]
    client.force_login(ali.user)
    assert client.get(f"/matching/wishes/{sara.pk}/").status_code == 404
    assert client.get(f"/matching/declines/{ali.pk}/").status_code == 200
    client.post(f"/matching/declines/{ali.pk}/", {"mentee": sara.pk, "reason": "Min chef"})
    assert MentorDecline.objects.get().reason == "Min chef"

    client.force_login(sara.user)
    assert client.get(f"/matching/declines/{ali.pk}/").status_code == 404
    assert "Min chef" not in client.get(f"/matching/wishes/{sara.pk}/").content.decode()
    client.logout()
    assert client.get(f"/matching/wishes/{sara.pk}/").status_code == 302

    board = f"/admin/matching/board/{cohort.pk}/"
    client.force_login(coordinator)
    assert "Min chef" in client.get(board).content.decode()
    client.force_login(other_coordinator)
    assert client.post(f"{board}preferences/", {"close": "1"}).status_code == 404
    assert client.get(board).status_code == 404


def test_the_coordinator_opens_and_closes_the_window_from_the_board(client, cohort, coordinator):
    client.force_login(coordinator)
    url = f"/admin/matching/board/{cohort.pk}/preferences/"
    client.post(url, {"close": "1"})
    assert "Rangordna dina mentorer" not in _dashboard(client, cohort.people["Sara"])

    client.force_login(coordinator)
    response = client.post(url, {"closes_at": "2001-01-01T10:00"}, follow=True)
    assert "framtiden" in response.content.decode()
    client.post(
        url, {"closes_at": (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")}
    )
    assert "Rangordna dina mentorer" in _dashboard(client, cohort.people["Sara"])


def _dashboard(client, participant) -> str:
    client.force_login(participant.user)
    return client.get("/dashboard/").content.decode()


def test_wishes_and_declines_are_in_the_persons_own_data_and_go_with_erasure(cohort):
    from programs.personal_data import personal_data
    from programs.services.privacy import person_anonymise

    sara, ali = cohort.people["Sara"], cohort.people["Ali"]
    mentor_wishes_set(mentee=sara, mentor_ids=[ali.pk], by=sara.user)
    mentor_decline(mentor=ali, mentee=sara, reason="Vi är grannar", by=ali.user)

    assert personal_data(sara.user)["mentors_wished_for"] == [
        {"mentor": ali.user.get_full_name(), "rank": 1}
    ]
    assert personal_data(ali.user)["mentees_declined"][0]["reason"] == "Vi är grannar"
    assert personal_data(sara.user)["mentees_declined"] == []  # she is not told

    person_anonymise(user=sara.user)
    assert not MentorWish.objects.exists() and not MentorDecline.objects.exists()
