"""Fee invoices of a cohort: one per paying organisation, Peppol BIS Billing 3 UBL that
validates against the UBL 2.1 schema (the official OASIS XSDs), with 25 % VAT."""

from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from peppol.rules import check_rules
from peppol.xsd import validate_xsd

from mentorship.models import User
from programs.einvoice import CAC, CBC
from programs.models import Cohort, FeeInvoice, Participant
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agencies(db) -> Cohort:
    """003: the agencies pay a fee per mentee."""
    seed_demo()
    return Cohort.objects.get(program__slug="mentorskap-for-medarbetare")


def fees_url(cohort):
    return f"/admin/programs/cohort/{cohort.pk}/fees/"


def test_003_invoices_validate_against_ubl_2_1_and_peppol_with_25_percent_vat(agencies, client):
    client.force_login(User.objects.get(email="samordnare-myndigheter@example.org"))
    paying = set(
        Participant.objects.filter(
            cohort=agencies, fee_amount__gt=0, invoice_reference="", paid_on=None
        ).values_list("paying_organisation", flat=True)
    )

    client.post(fees_url(agencies))
    client.post(fees_url(agencies))  # again: none more

    invoices = list(FeeInvoice.objects.filter(cohort=agencies))
    assert len(invoices) == len(paying) > 1
    for invoice in invoices:
        xml = client.get(f"/admin/programs/invoices/{invoice.pk}/xml/").content
        valid, errors = validate_xsd(xml)
        assert valid, errors
        assert [f for f in check_rules(xml) if f.severity == "fatal"] == []
        root = ET.fromstring(xml)
        percent = root.find(f"{{{CAC}}}TaxTotal/{{{CAC}}}TaxSubtotal/{{{CAC}}}TaxCategory")
        assert percent.find(f"{{{CBC}}}Percent").text == "25"
        assert invoice.vat == (invoice.amount_excl_vat * Decimal("0.25")).quantize(Decimal("0.01"))
        assert root.find(f"{{{CBC}}}BuyerReference").text
        lines = root.findall(f"{{{CAC}}}InvoiceLine")
        invoiced = Participant.objects.filter(cohort=agencies, invoice_reference=invoice.number)
        assert len(lines) == invoiced.count() > 0
        assert set(invoiced.values_list("paying_organisation", flat=True)) == {
            invoice.organisation_id
        }
        net = sum(p.fee_amount for p in invoiced)  # 003's fees exclude VAT
        assert invoice.amount_excl_vat == net
    pdf = client.get(f"/admin/programs/invoices/{invoices[0].pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")
    page = client.get(fees_url(agencies)).content.decode()
    assert invoices[0].number in page and "E-faktura" in page


def test_an_invoice_is_marked_sent_once(agencies, client):
    client.force_login(User.objects.get(email="samordnare-myndigheter@example.org"))
    client.post(fees_url(agencies))
    invoice = FeeInvoice.objects.filter(cohort=agencies).first()

    client.post(f"/admin/programs/invoices/{invoice.pk}/sent/")
    invoice.refresh_from_db()
    first = invoice.sent_at
    client.post(f"/admin/programs/invoices/{invoice.pk}/sent/")
    invoice.refresh_from_db()
    assert first is not None and invoice.sent_at == first


def test_without_the_organisers_number_nothing_is_issued(agencies, client):
    organiser = agencies.program.organiser
    organiser.org_number = ""
    organiser.save(update_fields=["org_number"])
    client.force_login(User.objects.get(email="samordnare-myndigheter@example.org"))

    response = client.post(fees_url(agencies), follow=True)

    assert "organisationsnummer" in response.content.decode()
    assert not FeeInvoice.objects.exists()


@pytest.mark.parametrize(
    "who", ["samordnare-nyanlanda@example.org", "adept@myndigheter.example.se", None]
)
def test_another_programs_coordinator_a_participant_and_a_visitor_get_no_invoice(
    agencies, client, who
):
    client.force_login(User.objects.get(email="samordnare-myndigheter@example.org"))
    client.post(fees_url(agencies))
    invoice = FeeInvoice.objects.filter(cohort=agencies).first()
    issued = FeeInvoice.objects.filter(cohort=agencies).count()
    client.logout()
    if who:
        client.force_login(User.objects.get(email=who))

    for kind in ("xml", "pdf"):
        response = client.get(f"/admin/programs/invoices/{invoice.pk}/{kind}/")
        assert response.status_code in (302, 403, 404)
    assert client.post(fees_url(agencies)).status_code in (302, 403, 404)
    assert FeeInvoice.objects.filter(cohort=agencies).count() == issued
    assert FeeInvoice.objects.get(pk=invoice.pk).sent_at is None
    assert client.post(f"/admin/programs/invoices/{invoice.pk}/sent/").status_code in (
        302,
        403,
        404,
    )
    assert FeeInvoice.objects.get(pk=invoice.pk).sent_at is None
