"""Importing a cohort's people from a spreadsheet: a preview line by line, then all or
nothing; the same file again changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from programs.models import Organisation, Participant
from programs.services.core import coordinator_add
from programs.services.imports import participants_import, spreadsheet_rows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/programs/cohort/{}/import/"


def csv_file(rows: int, bad_line: int | None = None, delimiter: str = ";") -> bytes:
    lines = [delimiter.join(["E-post", "Förnamn", "Efternamn", "Roll", "Organisation", "Telefon"])]
    for n in range(rows):
        role = "mentor" if n % 2 else "adept"
        email = f"person{n:03}@example.se" if n + 2 != bad_line else "inte-en-adress"
        lines.append(
            delimiter.join([email, f"Förnamn{n}", f"Efternamn{n}", role, f"Myndighet {n % 7}", ""])
        )
    return ("\ufeff" + "\n".join(lines)).encode()


@pytest.fixture
def importer(client, cohort):
    coordinator = UserFactory(email="samordnare@example.org")
    coordinator_add(program=cohort.program, user=coordinator)
    client.force_login(coordinator)
    return coordinator


def upload(client, cohort, content: bytes, name="people.csv"):
    return client.post(URL.format(cohort.pk), {"file": SimpleUploadedFile(name, content)})


def confirm(client, cohort, response):
    return client.post(URL.format(cohort.pk), {"confirm": response.context["report"].token})


def test_500_people_preview_then_import_and_the_same_file_again_changes_nothing(
    client, cohort, importer
):
    preview = upload(client, cohort, csv_file(500))
    assert "people.csv" in preview.content.decode()  # the file the preview is of
    report = preview.context["report"]
    assert (report.count("create"), report.count("refused")) == (500, 0)
    assert not Participant.objects.exists()  # a preview saves nothing

    done = confirm(client, cohort, preview)
    assert done.status_code == 302
    assert Participant.objects.filter(cohort=cohort).count() == 500
    assert Organisation.objects.filter(name__startswith="Myndighet").count() == 7
    before = sorted(Participant.objects.values_list("pk", "updated_at"))

    again = upload(client, cohort, csv_file(500))
    assert again.context["report"].count("same") == 500
    confirm(client, cohort, again)
    assert sorted(Participant.objects.values_list("pk", "updated_at")) == before
    # A double submit of the confirm: the preview is gone, nothing is imported twice.
    assert client.post(URL.format(cohort.pk), {"confirm": "x"}).status_code == 302
    assert Participant.objects.count() == 500


def test_a_bad_line_is_named_and_nothing_is_half_saved(client, cohort, importer):
    preview = upload(client, cohort, csv_file(10, bad_line=7))

    page = preview.content.decode()
    (refused,) = preview.context["report"].refused
    assert refused.line == 7 and "inte-en-adress" in refused.reasons[0]
    assert "Ingenting importeras så länge en rad vägras" in page
    assert 'name="confirm"' not in page
    rows = spreadsheet_rows(csv_file(10, bad_line=7), "people.csv")
    report = participants_import(cohort=cohort, rows=rows, by=importer, apply=True)
    assert not report.applied and not Participant.objects.exists()


def test_an_excel_file_with_english_headings_and_a_changed_phone(client, cohort, importer):
    book = Workbook()
    sheet = book.active
    sheet.append(["email", "first name", "last name", "role", "phone", "mentees"])
    sheet.append(["ada@example.se", "Ada", "Berg", "mentor", "070-111", 2])
    content = io.BytesIO()
    book.save(content)
    confirm(client, cohort, upload(client, cohort, content.getvalue(), "people.xlsx"))
    ada = Participant.objects.get(user__email="ada@example.se")
    assert (ada.role, ada.capacity, ada.user.profile.phone) == ("mentor", 2, "070-111")

    sheet["E2"] = "070-222"
    content = io.BytesIO()
    book.save(content)
    preview = upload(client, cohort, content.getvalue(), "people.xlsx")
    (line,) = preview.context["report"].lines
    assert line.outcome == "change" and "070-111 → 070-222" in line.changes[0]
    confirm(client, cohort, preview)
    ada.user.profile.refresh_from_db()
    assert ada.user.profile.phone == "070-222"


def test_a_file_without_the_needed_columns_is_refused_beside_the_field(client, cohort, importer):
    response = upload(client, cohort, b"namn;telefon\nAda;070\n")

    assert "e-post" in response.context["form"].errors["file"][0]
    assert not Participant.objects.exists()


@pytest.mark.parametrize("who", ["other_coordinator", "mentor", "anonymous"])
def test_only_the_programs_coordinators_import(client, cohort, who, request):
    person = request.getfixturevalue(who)
    if who != "anonymous":
        client.force_login(person.user if who == "mentor" else person)

    response = upload(client, cohort, csv_file(3))

    assert response.status_code in (302, 403, 404)
    assert Participant.objects.filter(user__email__startswith="person").count() == 0


def test_the_preview_runs_the_same_queries_for_20_lines_or_200(client, cohort, importer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    upload(client, cohort, csv_file(20))  # the session and the like, once
    with CaptureQueriesContext(connection) as few:
        upload(client, cohort, csv_file(20))
    with CaptureQueriesContext(connection) as many:
        upload(client, cohort, csv_file(200))

    assert len(many) == len(few)  # seven organisations in both files
