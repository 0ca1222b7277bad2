"""Importing a program's organisations from a spreadsheet: found by number or by name,
filled in where the file says something, listed in the program; a bad line is named and
nothing is half-saved; the same file again changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programs.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/admin/programs/program/{}/organisations/import/"
HEADING = "Namn;Organisationsnummer;Typ;Fakturareferens;Ort\n"


def upload(client, program, text: str):
    content = ("\ufeff" + HEADING + text).encode()
    return client.post(URL.format(program.pk), {"file": SimpleUploadedFile("org.csv", content)})


def confirm(client, program, response):
    return client.post(URL.format(program.pk), {"confirm": response.context["report"].token})


def test_organisations_are_found_by_number_or_name_filled_in_and_listed(
    client, program, coordinator
):
    by_number = OrganisationFactory(name="Skatteverket", org_number="202100-5489")
    by_name = OrganisationFactory(name="Region Uppsala", city="Uppsala")
    client.force_login(coordinator)
    text = (
        "Skatteverket HK;2021005489;myndighet;REF-1;Solna\n"
        "REGION  uppsala;;Kommun eller region;;\n"
        "Lantmäteriet;202100-4888;Government agency;LM-9;Gävle\n"
        "Ny förening;802400-1235;förening eller organisation;;Lund\n"
    )
    preview = upload(client, program, text)
    report = preview.context["report"]
    assert [line.outcome for line in report.lines] == ["change", "change", "create", "create"]
    assert any("REF-1" in change for change in report.lines[0].changes)
    assert not program.listed_organisations.exists()  # a preview saves nothing

    confirm(client, program, preview)
    by_number.refresh_from_db()
    by_name.refresh_from_db()
    assert (by_number.name, by_number.invoice_reference, by_number.kind) == (
        "Skatteverket HK",
        "REF-1",
        "agency",
    )
    assert (by_name.city, by_name.kind) == ("Uppsala", "municipality")  # an empty cell keeps
    new = Organisation.objects.get(name="Lantmäteriet")
    assert (new.org_number, new.city) == ("202100-4888", "Gävle")
    association = Organisation.objects.get(name="Ny förening")
    assert association.kind == "association"
    assert set(program.listed_organisations.all()) == {by_number, by_name, new, association}

    again = upload(client, program, text).context["report"]
    assert [line.outcome for line in again.lines] == ["same"] * 4


def test_a_bad_line_is_named_with_its_reason_and_nothing_is_saved(client, program, coordinator):
    client.force_login(coordinator)
    preview = upload(
        client,
        program,
        "Lantmäteriet;202100-4888;myndighet;;\nFel AB;556016-0681;bolag;;\n;;;;\n;;okänd;;\n",
    )
    report = preview.context["report"]
    refused = {line.line: " ".join(line.reasons) for line in report.refused}
    assert (
        "556016-0681" in refused[3]
        and "organisationsnummer" in refused[3]
        and "bolag" in refused[3]
    )
    assert "namn" in refused[5]
    page = preview.content.decode()
    assert "Importera dem" not in page
    done = confirm(client, program, preview)
    assert done.status_code == 200
    assert not Organisation.objects.filter(name="Lantmäteriet").exists()


@pytest.mark.parametrize("who", ["other_coordinator", "mentee", "anonymous"])
def test_only_the_programs_coordinators_import_organisations(client, program, who, request):
    person = request.getfixturevalue(who)
    if who != "anonymous":
        client.force_login(person if who != "mentee" else person.user)
    response = upload(client, program, "Lantmäteriet;;;;\n")
    assert response.status_code in (302, 404)
    assert not Organisation.objects.filter(name="Lantmäteriet").exists()
