"""A fee invoice as a Peppol BIS Billing 3.0 document: UBL 2.1 Invoice XML, in the
element order the schema declares, with the totals worked out once per VAT category
(rounding per line would leave the totals a cent apart, which Peppol rejects)."""

from __future__ import annotations

import re
from decimal import Decimal
from xml.etree import ElementTree as ET

from programs.models import FeeInvoice, Organisation, Participant
from programs.selectors import VAT_RATE, fee_net

UBL = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SWEDISH_ORG_NUMBER = "0007"  # the Peppol electronic address scheme for a Swedish org number
EMAIL_ADDRESS = "EM"
STANDARD_RATE = "S"
INVOICE = "380"
ONE = "C62"  # the unit "one"

ET.register_namespace("", UBL)
ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)


def digits(org_number: str) -> str:
    return re.sub(r"\D", "", org_number or "")


def vat_number(organisation: Organisation) -> str:
    """A Swedish VAT number: SE, the ten digits of the organisation number, 01."""
    return f"SE{digits(organisation.org_number)}01"


def _add(parent: ET.Element, tag: str, text: object = None, **attributes: str) -> ET.Element:
    namespace, name = tag.split(":")
    element = ET.SubElement(parent, f"{{{CBC if namespace == 'cbc' else CAC}}}{name}", attributes)
    if text is not None:
        element.text = str(text)
    return element


def _money(parent: ET.Element, tag: str, amount: Decimal, currency: str) -> None:
    _add(parent, tag, f"{amount:.2f}", currencyID=currency)


def _vat_category(parent: ET.Element, tag: str) -> None:
    category = _add(parent, tag)
    _add(category, "cbc:ID", STANDARD_RATE)
    _add(category, "cbc:Percent", f"{VAT_RATE * 100:.0f}")
    _add(_add(category, "cac:TaxScheme"), "cbc:ID", "VAT")


def _party(parent: ET.Element, tag: str, organisation: Organisation, *, seller: bool) -> None:
    party = _add(_add(parent, tag), "cac:Party")
    number = digits(organisation.org_number)
    if number:
        _add(party, "cbc:EndpointID", number, schemeID=SWEDISH_ORG_NUMBER)
    else:
        _add(party, "cbc:EndpointID", organisation.email or "-", schemeID=EMAIL_ADDRESS)
    _add(_add(party, "cac:PartyName"), "cbc:Name", organisation.name)
    address = _add(party, "cac:PostalAddress")
    if organisation.street:
        _add(address, "cbc:StreetName", organisation.street)
    if organisation.city:
        _add(address, "cbc:CityName", organisation.city)
    if organisation.postcode:
        _add(address, "cbc:PostalZone", organisation.postcode)
    _add(_add(address, "cac:Country"), "cbc:IdentificationCode", "SE")
    if seller and number:
        tax = _add(party, "cac:PartyTaxScheme")
        _add(tax, "cbc:CompanyID", vat_number(organisation))
        _add(_add(tax, "cac:TaxScheme"), "cbc:ID", "VAT")
    legal = _add(party, "cac:PartyLegalEntity")
    _add(legal, "cbc:RegistrationName", organisation.name)
    if number:
        _add(legal, "cbc:CompanyID", number, schemeID=SWEDISH_ORG_NUMBER)


def invoice_lines(invoice: FeeInvoice) -> list[tuple[Participant, Decimal]]:
    """The participants the invoice is for, each with their fee excluding VAT."""
    excludes_vat = invoice.cohort.program.fee_excludes_vat
    return [
        (participant, fee_net(participant.fee_amount, excludes_vat))
        for participant in Participant.objects.filter(
            cohort_id=invoice.cohort_id,
            paying_organisation_id=invoice.organisation_id,
            invoice_reference=invoice.number,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    ]


def invoice_ubl(invoice: FeeInvoice) -> bytes:
    """The invoice as UBL 2.1 XML under Peppol BIS Billing 3.0."""
    program = invoice.cohort.program
    currency = invoice.currency
    root = ET.Element(f"{{{UBL}}}Invoice")
    _add(root, "cbc:CustomizationID", CUSTOMIZATION)
    _add(root, "cbc:ProfileID", PROFILE)
    _add(root, "cbc:ID", invoice.number)
    _add(root, "cbc:IssueDate", invoice.issued_on.isoformat())
    _add(root, "cbc:DueDate", invoice.due_on.isoformat())
    _add(root, "cbc:InvoiceTypeCode", INVOICE)
    _add(root, "cbc:Note", f"{program.name_sv}, {invoice.cohort.name_sv}")
    _add(root, "cbc:DocumentCurrencyCode", currency)
    _add(root, "cbc:BuyerReference", invoice.buyer_reference)
    _party(root, "cac:AccountingSupplierParty", program.organiser, seller=True)
    _party(root, "cac:AccountingCustomerParty", invoice.organisation, seller=False)
    terms = _add(root, "cac:PaymentTerms")
    days = (invoice.due_on - invoice.issued_on).days
    _add(terms, "cbc:Note", f"{days} dagar netto")
    tax = _add(root, "cac:TaxTotal")
    _money(tax, "cbc:TaxAmount", invoice.vat, currency)
    subtotal = _add(tax, "cac:TaxSubtotal")
    _money(subtotal, "cbc:TaxableAmount", invoice.amount_excl_vat, currency)
    _money(subtotal, "cbc:TaxAmount", invoice.vat, currency)
    _vat_category(subtotal, "cac:TaxCategory")
    totals = _add(root, "cac:LegalMonetaryTotal")
    _money(totals, "cbc:LineExtensionAmount", invoice.amount_excl_vat, currency)
    _money(totals, "cbc:TaxExclusiveAmount", invoice.amount_excl_vat, currency)
    _money(totals, "cbc:TaxInclusiveAmount", invoice.amount_incl_vat, currency)
    _money(totals, "cbc:PayableAmount", invoice.amount_incl_vat, currency)
    for number, (participant, net) in enumerate(invoice_lines(invoice), start=1):
        line = _add(root, "cac:InvoiceLine")
        _add(line, "cbc:ID", number)
        _add(line, "cbc:InvoicedQuantity", 1, unitCode=ONE)
        _money(line, "cbc:LineExtensionAmount", net, currency)
        item = _add(line, "cac:Item")
        _add(
            item,
            "cbc:Name",
            f"Deltagaravgift {participant.get_role_display()}: {participant.user.get_full_name()}"[
                :200
            ],
        )
        _vat_category(item, "cac:ClassifiedTaxCategory")
        _money(_add(line, "cac:Price"), "cbc:PriceAmount", net, currency)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def invoice_pdf(invoice: FeeInvoice) -> bytes:
    """A PDF copy of the invoice, for the buyer's records (the XML is the invoice)."""
    from django.template.loader import render_to_string
    from django.utils.translation import override
    from weasyprint import HTML

    program = invoice.cohort.program
    with override("sv"):  # the invoices of Swedish programs to Swedish buyers
        html = render_to_string(
            "programs/invoice_pdf.html",
            {
                "invoice": invoice,
                "program": program,
                "seller": program.organiser,
                "seller_vat": vat_number(program.organiser),
                "buyer": invoice.organisation,
                "lines": invoice_lines(invoice),
                "vat_percent": f"{VAT_RATE * 100:.0f}",
            },
        )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
