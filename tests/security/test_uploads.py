"""Issue 12, defects 1 and 14: uploaded CVs are never public and are PDFs for real."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import clear_url_caches

from programs.enums import QuestionKind
from programs.models import Answer, Application, Question
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def apply_with(client, cohort, question, upload):
    return client.post(
        f"/programs/{cohort.program.slug}/apply/{cohort.pk}/mentee/",
        {
            "first_name": "Fatima",
            "last_name": "Haddad",
            "email": "fatima@example.org",
            "preferred_language": "sv",
            "consent": "on",
            "submission_token": str(uuid.uuid4()),
            f"q_{question.pk}": upload,
        },
    )


@pytest.fixture
def cv(cohort):
    return Question.objects.create(program=cohort.program, kind=QuestionKind.FILE, text_sv="CV")


def test_public_cvs_uploaded_cv_is_not_served_by_url_even_with_debug(client, cohort, cv):
    apply_with(client, cohort, cv, SimpleUploadedFile("Fatima Haddad CV.pdf", pdf_bytes()))
    stored = Answer.objects.get(question=cv).file.name

    with override_settings(DEBUG=True):
        clear_url_caches()
        import importlib

        import mentorship.urls

        importlib.reload(mentorship.urls)
        response = client.get(f"/media/{stored}")
    importlib.reload(mentorship.urls)
    clear_url_caches()

    assert response.status_code == 404
    assert "Fatima" not in stored and "Haddad" not in stored  # a random name, not hers
    assert stored.endswith(".pdf")


def test_public_cvs_only_the_checked_view_serves_it_as_a_download(client, cohort, cv, coordinator):
    apply_with(client, cohort, cv, SimpleUploadedFile("cv.pdf", pdf_bytes()))
    answer = Answer.objects.get(question=cv)

    client.force_login(coordinator)
    response = client.get(f"/answers/{answer.pk}/file/")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_cv_checked_by_first_bytes_html_starting_with_pdf_magic_is_refused(client, cohort, cv):
    html = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>"

    response = apply_with(client, cohort, cv, SimpleUploadedFile("cv.html", html))

    assert "Ladda upp en PDF-fil." in response.content.decode()
    assert 'value="Fatima"' in response.content.decode()  # the other answers are kept
    assert not Application.objects.exists()
