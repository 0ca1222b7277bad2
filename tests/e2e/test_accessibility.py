import pytest
from playwright.sync_api import expect

from tests.demo_data import seed_demo
from tests.e2e.accessibility import wcag_violations
from tests.factories import PASSWORD, CohortFactory, ParticipantFactory

PUBLIC_PAGES = [
    "/",
    "/programs/{slug}/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/login/code/",
]


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["Svenska", "English"])
def test_public_and_account_pages_meet_wcag_21_aa(page, language):
    cohort = CohortFactory(program__slug="tillganglig", program__fee_per_mentee=8000)
    page.goto("/")
    if language == "English":
        page.get_by_role("button", name="English").click()

    for path in PUBLIC_PAGES:
        page.goto(path.format(slug=cohort.program.slug))
        assert wcag_violations(page) == [], path


@pytest.mark.e2e
def test_dashboard_meets_wcag_21_aa_and_works_with_the_keyboard(page):
    participant = ParticipantFactory(user__email="tangent@example.org")

    page.goto("/accounts/login/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent.trim()") == "Hoppa till innehållet"
    page.locator("#id_login").focus()
    page.keyboard.type("tangent@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/dashboard/")
    assert participant.cohort.program.name_sv in page.content()
    assert wcag_violations(page) == []


def tab_to(page, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element has the focus: proof it is reachable by keyboard."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


@pytest.mark.e2e
def test_application_form_is_filled_and_sent_with_the_keyboard_alone(page):
    from programs.enums import QuestionKind
    from programs.models import Application, Question, QuestionChoice

    cohort = CohortFactory(mentor_intake="closed")
    idea = Question.objects.create(
        program=cohort.program, kind=QuestionKind.LONG_TEXT, text_sv="Affärsidé", required=True
    )
    stage = Question.objects.create(
        program=cohort.program, kind=QuestionKind.SINGLE_CHOICE, text_sv="Fas", required=True
    )
    QuestionChoice.objects.create(question=stage, value="ide", label_sv="Idé", order=1)
    QuestionChoice.objects.create(question=stage, value="start", label_sv="Start", order=2)

    page.goto(f"/programs/{cohort.program.slug}/apply/")  # one choice: straight to the form
    assert wcag_violations(page) == []
    for field, text in (
        ("id_first_name", "Tilda"),
        ("id_last_name", "Tangent"),
        ("id_email", "tilda@example.org"),
    ):
        tab_to(page, field)
        page.keyboard.type(text)
    tab_to(page, f"id_q_{idea.pk}")
    page.keyboard.type("Tangentbord för alla")
    tab_to(page, f"id_q_{stage.pk}_0")
    page.keyboard.press("ArrowDown")  # moves to and selects the second choice
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Skicka ansökan").focus()
    page.keyboard.press("Enter")

    page.wait_for_url("**/apply/thanks/**")
    application = Application.objects.get(user__email="tilda@example.org")
    assert {a.question_id: a.value for a in application.answers.all()} == {
        idea.pk: "Tangentbord för alla",
        stage.pk: "start",
    }


@pytest.mark.e2e
def test_application_form_with_an_error_keeps_the_answers_and_meets_wcag(page):
    cohort = CohortFactory(mentor_intake="closed")
    page.goto(f"/programs/{cohort.program.slug}/apply/")
    page.locator("#id_first_name").fill("Bo")
    page.locator("#id_email").fill("inte en adress")
    page.get_by_role("button", name="Skicka ansökan").click()

    expect(page.locator("#error_1_id_email")).to_be_visible()
    expect(page.locator("#id_first_name")).to_have_value("Bo")
    assert wcag_violations(page) == []


@pytest.mark.e2e
def test_the_coordinators_admin_pages_meet_wcag_21_aa_and_fit_1366_px(page, db):

    from events.models import Meetup, Questionnaire
    from programs.models import Cohort, Participant, Program
    from tests.e2e.helpers import log_in

    seed_demo()
    program = Program.objects.get(slug="mentorskap-for-medarbetare")
    cohort = Cohort.objects.filter(program=program).first()
    pages = [
        "/admin/",
        f"/admin/programs/cohort/{cohort.pk}/hub/",
        f"/admin/programs/program/{program.pk}/change/",
        "/admin/programs/program/add/",
        f"/admin/programs/cohort/{cohort.pk}/change/",
        "/admin/programs/organisation/add/",
        f"/admin/programs/participant/?cohort__id__exact={cohort.pk}",
        f"/admin/programs/participant/{Participant.objects.filter(cohort=cohort).first().pk}/change/",
        *[f"/admin/events/meetup/{m.pk}/change/" for m in Meetup.objects.filter(cohort=cohort)[:1]],
        "/admin/events/meetup/add/",
        "/admin/events/questionnaire/add/",
        *[
            f"/admin/events/questionnaire/{q.pk}/change/"
            for q in Questionnaire.objects.filter(program=program)[:1]
        ],
        "/admin/events/contactlog/add/",
        "/admin/programs/organisationcontact/add/",
        "/admin/programs/nomination/add/",
        f"/admin/programs/program/{program.pk}/questions/mentee/",
        "/admin/programs/interview/week/",
        f"/admin/matching/board/{cohort.pk}/",
    ]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "samordnare-myndigheter@example.org")
    for path in pages:
        page.goto(path)
        assert wcag_violations(page) == [], path
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), path
