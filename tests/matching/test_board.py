import pytest
from django.core import mail

from matching.enums import MatchState, RunState
from matching.models import Match, MatchingPolicy, MatchingRun, PairRule
from programs.services.core import coordinator_add

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def board_url(matching_cohort):
    return f"/admin/matching/board/{matching_cohort.pk}/"


@pytest.fixture
def board_coordinator(matching_cohort, coordinator):
    coordinator_add(program=matching_cohort.program, user=coordinator)
    return coordinator


def test_coordinator_runs_matching_and_sees_explained_proposals(
    client, board_coordinator, board_url
):
    client.force_login(board_coordinator)

    client.post(f"{board_url}run/")
    page = client.get(board_url).content.decode()

    run = MatchingRun.objects.get()
    assert run.state == RunState.DONE
    assert "Föreslagna par" in page
    assert "+30 båda talar svenska" in page
    assert page.count('class="proposal"') == 3


def test_progress_asks_the_page_to_refresh_when_the_run_is_done(
    client, board_coordinator, board_url
):
    client.force_login(board_coordinator)
    client.post(f"{board_url}run/")
    run = MatchingRun.objects.get()

    response = client.get(f"{board_url}runs/{run.pk}/progress/")

    assert response["HX-Refresh"] == "true"


def test_lock_forbid_rerun_and_publish_from_the_board(
    client, board_coordinator, board_url, matching_cohort
):
    people = matching_cohort.people
    client.force_login(board_coordinator)
    client.post(
        f"{board_url}rule/",
        {"mentee": people["cleo"].pk, "mentor": people["nils"].pk, "kind": "forbid"},
    )
    client.post(
        f"{board_url}rule/",
        {"mentee": people["anna"].pk, "mentor": people["mia"].pk, "kind": "lock"},
    )
    client.post(f"{board_url}run/")
    run = MatchingRun.objects.get()

    client.post(f"{board_url}runs/{run.pk}/publish/")

    matches = {(m.mentee.user.first_name, m.mentor.user.first_name) for m in Match.objects.all()}
    assert ("Anna", "Mia") in matches and ("Cleo", "Nils") not in matches
    assert PairRule.objects.count() == 2
    introduced = {m.to[0] for m in mail.outbox}
    assert people["anna"].user.email in introduced and people["mia"].user.email in introduced


def test_the_board_counts_who_waits_before_a_run(client, board_coordinator, board_url):
    client.force_login(board_coordinator)

    page = client.get(board_url).content.decode()

    # Anna, Bo and Cleo wait; Mia takes two, Nils one.
    assert 'id="waiting-mentees">3<' in page and 'id="waiting-places">3<' in page


def test_lock_and_swap_answer_with_a_message_and_lead_to_the_row(
    client, board_coordinator, board_url, matching_cohort
):
    people = matching_cohort.people
    # Without the different-organisations rule, Bo and Cleo may swap.
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(
        different_organisation=False
    )
    client.force_login(board_coordinator)
    client.post(f"{board_url}run/")
    run = MatchingRun.objects.get()

    locked = client.post(
        f"{board_url}rule/",
        {"mentee": people["anna"].pk, "mentor": people["mia"].pk, "kind": "lock"},
        follow=True,
    )
    swapped = client.post(
        f"{board_url}runs/{run.pk}/swap/",
        {"first": people["bo"].pk, "second": people["cleo"].pk},
    )

    assert locked.redirect_chain[-1][0].endswith(f"#mentee-{people['anna'].pk}")
    assert "är låsta ihop: nästa körning behåller dem" in locked.content.decode()
    assert f'id="mentee-{people["anna"].pk}"' in locked.content.decode()
    assert swapped["Location"].endswith(f"#mentee-{people['bo'].pk}")
    assert "har bytt mentorer" in client.get(board_url).content.decode()


def test_publish_asks_first_naming_the_pairs_and_the_people_emailed(
    client, board_coordinator, board_url, other_coordinator
):
    client.force_login(board_coordinator)
    client.post(f"{board_url}run/")
    run = MatchingRun.objects.get()
    mail.outbox.clear()

    confirm = client.get(f"{board_url}runs/{run.pk}/publish/")

    page = confirm.content.decode()
    # Three pairs, five people: one mentor takes two mentees.
    assert "3 par publiceras" in page and "Publicera och mejla 5 personer" in page
    assert Match.objects.count() == 0 and mail.outbox == []
    client.force_login(other_coordinator)
    assert client.get(f"{board_url}runs/{run.pk}/publish/").status_code == 404
    assert client.post(f"{board_url}runs/{run.pk}/publish/").status_code == 404
    assert Match.objects.count() == 0


@pytest.mark.parametrize("who", ["other_coordinator", "mentee", "anonymous"])
def test_board_is_refused_to_anyone_but_the_programs_coordinators(
    client, request, who, board_url, matching_cohort
):
    if who != "anonymous":
        user = request.getfixturevalue(who)
        client.force_login(user if who == "other_coordinator" else user.user)

    page = client.get(board_url)
    run = client.post(f"{board_url}run/")

    assert page.status_code in (302, 404) and run.status_code in (302, 404)
    assert MatchingRun.objects.count() == 0
    if who == "other_coordinator":
        assert page.status_code == 404


def test_mentee_chooses_on_the_dashboard_and_the_mentor_accepts(client, matching_cohort):
    people = matching_cohort.people
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(mode="mentee_chooses")
    client.force_login(people["cleo"].user)

    page = client.get("/dashboard/").content.decode()
    assert "Välj din mentor" in page and "Fråga Nils" in page
    client.post(f"/matching/ask/{people['cleo'].pk}/{people['nils'].pk}/")

    match = Match.objects.get()
    client.force_login(people["mia"].user)  # not the asked mentor
    assert client.post(f"/matching/requests/{match.pk}/accept/").status_code == 404
    client.force_login(people["nils"].user)
    assert "Adepter som frågar efter dig" in client.get("/dashboard/").content.decode()
    client.post(f"/matching/requests/{match.pk}/accept/")

    match.refresh_from_db()
    assert match.state == MatchState.ACTIVE
    client.force_login(people["cleo"].user)
    assert "Din mentor" in client.get("/dashboard/").content.decode()


def test_asking_for_someone_elses_participation_is_refused(client, matching_cohort):
    people = matching_cohort.people
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(mode="mentee_chooses")
    client.force_login(people["anna"].user)

    response = client.post(f"/matching/ask/{people['cleo'].pk}/{people['nils'].pk}/")

    assert response.status_code == 404
    assert Match.objects.count() == 0


def test_rolling_board_suggests_free_mentors_and_pairs_one_mentee(
    client, board_coordinator, board_url, matching_cohort
):
    people = matching_cohort.people
    MatchingPolicy.objects.filter(program=matching_cohort.program).update(mode="rolling")
    client.force_login(board_coordinator)

    page = client.get(board_url).content.decode()
    assert "Nya adepter: de bästa lediga mentorerna" in page
    client.post(f"{board_url}pair/", {"mentee": people["cleo"].pk, "mentor": people["nils"].pk})

    assert Match.objects.get().state == MatchState.ACTIVE
