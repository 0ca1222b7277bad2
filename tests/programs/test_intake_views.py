import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programs.enums import IntakeChannel, QuestionKind
from programs.models import Answer, Application, Question
from tests.factories import CohortFactory, UserFactory, pdf_bytes, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sensitive(cohort):
    return Question.objects.create(
        program=cohort.program,
        kind=QuestionKind.LONG_TEXT,
        text_sv="Behöver du anpassningar?",
        sensitive=True,
    )


def form_url(cohort, role="mentee"):
    return f"/programs/{cohort.program.slug}/apply/{cohort.pk}/{role}/"


def valid_post(**overrides):
    data = {
        "first_name": "Fatima",
        "last_name": "Haddad",
        "email": "fatima@example.org",
        "preferred_language": "sv",
        "languages": ["sv", "ar"],
        "competence_areas": "att tala inför andra, media",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_apply_stores_the_application_with_consent_and_sends_a_confirmation(client, cohort):
    response = client.post(form_url(cohort), valid_post())

    application = Application.objects.get()
    assert response["Location"] == f"/apply/thanks/{application.submission_token}/"
    assert application.user.email == "fatima@example.org"
    assert application.user.profile.languages == ["sv", "ar"]
    assert application.user.profile.competence_areas == ["att tala inför andra", "media"]
    assert application.consent_text.startswith("Vi sparar svaren")
    assert abs(application.consent_given_at - timezone.now()) < timedelta(minutes=1)
    assert mail.outbox[0].to == ["fatima@example.org"]
    page = client.get(response["Location"]).content.decode()
    assert "Tack för din ansökan" in page


def test_apply_with_bad_input_shows_errors_by_the_fields_and_keeps_the_answers(client, cohort):
    response = client.post(
        form_url(cohort), valid_post(email="inte-en-adress", consent="", first_name="Fatima")
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="error_1_id_email"' in page  # the error sits by the email field
    assert 'id="error_1_id_consent"' in page
    assert 'value="Fatima"' in page and 'value="inte-en-adress"' in page
    assert Application.objects.count() == 0


def test_apply_with_a_bad_file_names_the_problem(client, cohort):
    cv = Question.objects.create(program=cohort.program, kind=QuestionKind.FILE, text_sv="CV")

    response = client.post(
        form_url(cohort),
        {**valid_post(), f"q_{cv.pk}": SimpleUploadedFile("cv.pdf", b"not a pdf")},
    )

    assert "Ladda upp en PDF-fil." in response.content.decode()
    assert Application.objects.count() == 0


def test_apply_with_a_pdf_keeps_it_for_the_applicant_and_coordinators_only(
    client, cohort, coordinator, other_coordinator, stranger
):
    cv = Question.objects.create(program=cohort.program, kind=QuestionKind.FILE, text_sv="CV")
    client.post(
        form_url(cohort),
        {**valid_post(), f"q_{cv.pk}": SimpleUploadedFile("cv.pdf", pdf_bytes())},
    )
    answer = Answer.objects.get(question=cv)
    url = f"/answers/{answer.pk}/file/"

    client.force_login(coordinator)
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF")
    for outsider in (other_coordinator, stranger):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_double_submit_of_the_same_form_stores_one_application(client, cohort):
    data = valid_post()

    first = client.post(form_url(cohort), data)
    second = client.post(form_url(cohort), data)

    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1


def test_second_application_for_the_same_cohort_and_role_is_refused_clearly_to_its_owner(
    client, cohort
):
    client.post(form_url(cohort), valid_post())
    client.force_login(Application.objects.get().user)

    response = client.post(form_url(cohort), valid_post())

    assert "redan ansökt till den här omgången som adept" in response.content.decode()
    assert Application.objects.count() == 1


def test_honeypot_filled_in_stores_nothing(client, cohort):
    response = client.post(form_url(cohort), valid_post(website="http://spam.example"))

    assert response.status_code == 302
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_address_refuses_with_a_message(client, cohort, settings):
    # django-ratelimit counts in fixed windows: a day's window is not crossed between
    # the three posts, where a minute's was now and then on a loaded machine.
    settings.APPLICATION_RATE_LIMIT = "2/d"
    for n in range(2):
        client.post(form_url(cohort), valid_post(email=f"a{n}@example.org"))

    response = client.post(form_url(cohort), valid_post(email="a3@example.org"))

    assert response.status_code == 429
    assert "För många ansökningar" in response.content.decode()
    assert Application.objects.count() == 2


def test_form_outside_the_window_says_when_it_opens_or_that_it_closed(client, program):
    later = CohortFactory(
        program=program,
        application_opens_at=timezone.now() + timedelta(days=3),
        application_closes_at=timezone.now() + timedelta(days=30),
    )
    closed = CohortFactory(
        program=program,
        application_opens_at=timezone.now() - timedelta(days=30),
        application_closes_at=timezone.now() - timedelta(days=3),
    )

    assert "Ansökan öppnar" in client.get(form_url(later)).content.decode()
    assert "Ansökan stängde" in client.get(form_url(closed)).content.decode()
    client.post(form_url(closed), valid_post())
    assert Application.objects.count() == 0


def test_public_form_for_a_nomination_only_role_is_refused(client, program):
    cohort = CohortFactory(program=program, mentor_intake=IntakeChannel.NOMINATION)

    response = client.post(form_url(cohort, "mentor"), valid_post())

    assert response.status_code == 403
    assert "kontaktpersoner" in response.content.decode()
    assert Application.objects.count() == 0


def test_applicant_edits_and_withdraws_from_the_dashboard(client, cohort):
    application = submit(cohort, email="own@example.org")
    client.force_login(application.user)

    dashboard = client.get("/dashboard/").content.decode()
    assert "Mina ansökningar" in dashboard and "Ändra" in dashboard
    client.post(
        f"/applications/{application.pk}/edit/",
        {"first_name": "Ändrad", "last_name": "Namn", "preferred_language": "en"},
    )
    application.user.refresh_from_db()
    assert application.user.first_name == "Ändrad"
    client.post(f"/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.state == "withdrawn"


def test_another_person_cannot_see_change_or_withdraw_an_application(client, cohort, mentor):
    application = submit(cohort, email="own@example.org")
    client.force_login(mentor.user)

    assert client.get(f"/applications/{application.pk}/edit/").status_code == 404
    assert client.post(f"/applications/{application.pk}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.state == "submitted"
    client.logout()
    assert client.get(f"/applications/{application.pk}/edit/").status_code == 302


def test_sensitive_answers_are_shown_to_the_programs_coordinators_only(
    client, cohort, sensitive, coordinator, other_coordinator, mentor
):
    client.post(form_url(cohort), valid_post(**{f"q_{sensitive.pk}": "Rullstolsanpassat"}))
    application = Application.objects.get()
    admin_url = f"/admin/programs/application/{application.pk}/change/"

    client.force_login(coordinator)
    assert "Rullstolsanpassat" in client.get(admin_url).content.decode()

    client.force_login(other_coordinator)
    response = client.get(admin_url, follow=True)
    assert "Rullstolsanpassat" not in response.content.decode()
    assert "Rullstolsanpassat" not in client.get("/admin/programs/application/").content.decode()

    for person in (mentor.user, application.user):
        client.force_login(person)
        for page in ("/dashboard/", f"/apply/thanks/{application.submission_token}/", "/"):
            assert "Rullstolsanpassat" not in client.get(page).content.decode()

    client.logout()
    assert client.get(admin_url).status_code == 302


def test_coordinator_screens_an_application_to_acceptance_in_the_admin(client, cohort, coordinator):
    application = submit(cohort)
    client.force_login(coordinator)
    base = f"/admin/programs/application/{application.pk}"

    client.post(
        f"{base}/interview/",
        {
            "starts_at_0": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "starts_at_1": "10:00",
            "duration_minutes": "30",
            "mode": "phone",
            "location": "070-111 22 33",
            "interviewer": coordinator.pk,
        },
    )
    client.post(f"{base}/screen/interviewed/", {"notes": "Tydliga mål, passar bra."})
    client.post(f"{base}/screen/accept/")

    application.refresh_from_db()
    assert application.state == "accepted"
    assert application.participant.cohort == cohort
    interview = application.interviews.get()
    assert interview.held and interview.notes == "Tydliga mål, passar bra."
    assert "Tydliga mål, passar bra." in client.get(f"{base}/change/").content.decode()


def test_other_programs_coordinator_cannot_screen(client, cohort, other_coordinator):
    application = submit(cohort)
    client.force_login(other_coordinator)

    response = client.post(f"/admin/programs/application/{application.pk}/screen/accept/")

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == "submitted"


def test_organisation_contact_nominates_and_the_nominee_applies_by_the_link(client, program):
    from programs.models import Nomination, OrganisationContact
    from tests.factories import OrganisationFactory

    cohort = CohortFactory(
        program=program,
        mentor_intake=IntakeChannel.NOMINATION,
        nomination_deadline=timezone.now() + timedelta(days=5),
    )
    agency = OrganisationFactory(name="Trafikverket")
    contact = UserFactory()
    OrganisationContact.objects.create(organisation=agency, user=contact, program=program)
    client.force_login(contact)

    client.post(
        f"/programs/{program.slug}/cohorts/{cohort.pk}/nominate/",
        {
            "organisation": agency.pk,
            "role": "mentor",
            "first_name": "Nils",
            "last_name": "Nominerad",
            "email": "nils@example.org",
            "rank": "1",
        },
    )
    nomination = Nomination.objects.get()
    client.logout()
    link = f"/apply/nomination/{nomination.token}/"
    assert 'value="nils@example.org"' in client.get(link).content.decode()
    client.post(link, valid_post(email="nils@example.org", first_name="Nils"))

    application = Application.objects.get()
    assert (application.nomination, application.role) == (nomination, "mentor")


def test_nominate_page_refuses_someone_who_is_no_contact(client, cohort, stranger):
    client.force_login(stranger)

    response = client.get(f"/programs/{cohort.program.slug}/cohorts/{cohort.pk}/nominate/")

    assert response.status_code == 403


def test_coordinator_builds_the_form_and_applicants_see_the_question(client, coordinator, cohort):
    client.force_login(coordinator)
    add = client.get(f"/admin/programs/question/add/?program__id__exact={cohort.program_id}")
    assert add.status_code == 302  # questions are made in the builder
    client.post(
        add["Location"],
        {
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-asked_of": "both",
            "questions-0-kind": "yes_no",
            "questions-0-required": "on",
            "questions-0-text_sv": "Har du minst fem års erfarenhet som chef?",
            "questions-0-text_en": "At least five years as a manager?",
            "questions-0-eligible": "yes",
        },
    )
    client.logout()

    page = client.get(form_url(cohort)).content.decode()

    assert "Har du minst fem års erfarenhet som chef?" in page


def test_anonymous_applicant_logs_in_later_by_code_and_finds_the_application(client, cohort):
    import re

    client.post(form_url(cohort), valid_post(email="senare@example.org"))
    mail.outbox.clear()

    client.post("/accounts/login/code/", {"email": "senare@example.org"})
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[0].body, re.M).group(1)
    client.post("/accounts/login/code/confirm/", {"code": code})
    page = client.get("/dashboard/").content.decode()

    assert "Mina ansökningar" in page
    assert cohort.program.name_sv in page and "Inskickad" in page


def test_every_view_of_sensitive_answers_is_logged(client, cohort, sensitive, coordinator):
    from programs.models import SensitiveAccess

    client.post(form_url(cohort), valid_post(**{f"q_{sensitive.pk}": "Hörselslinga"}))
    plain = submit(cohort, email="plain@example.org")  # no sensitive answer
    application = Application.objects.exclude(pk=plain.pk).get()
    client.force_login(coordinator)

    client.get(f"/admin/programs/application/{application.pk}/change/")
    client.get(f"/admin/programs/application/{application.pk}/change/")
    client.get(f"/admin/programs/application/{plain.pk}/change/")

    accesses = SensitiveAccess.objects.all()
    assert [(a.user, a.application) for a in accesses] == [(coordinator, application)] * 2
