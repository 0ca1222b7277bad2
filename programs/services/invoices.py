"""Fee invoices: issued for a cohort, one per paying organisation, and marked sent."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorship.errors import Refusal
from mentorship.models import User
from programs.models import Cohort, FeeInvoice, Participant
from programs.rules import may_coordinate
from programs.selectors import fee_net, vat_on

PAYMENT_DAYS = 30
# Invoice numbers run on across programs and cohorts: one lock while a number is taken.
NUMBER_LOCK = 7_000_001


class InvoiceError(Refusal):
    pass


def fee_invoices_issue(*, cohort: Cohort, by: User) -> list[FeeInvoice]:
    """Issue the cohort's invoices not yet issued: one per organisation with fees neither
    invoiced (a reference) nor paid, its lines' fees excluding VAT, 25 % VAT on the total,
    30 days to pay. Each fee gets the invoice's number as its reference. Issuing again
    adds none."""
    if not may_coordinate(by, cohort):
        raise InvoiceError(_("You do not coordinate this program."))
    program = cohort.program
    seller = program.organiser
    if seller is None or not seller.org_number:
        raise InvoiceError(
            _("Give the organiser's organisation number first: it is the seller on the invoice.")
        )
    today = timezone.localdate()
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [NUMBER_LOCK])
        done = set(FeeInvoice.objects.filter(cohort=cohort).values_list("organisation", flat=True))
        fees = defaultdict(list)
        # Fees not invoiced yet (by hand, with a reference) and not paid.
        for participant in Participant.objects.filter(
            cohort=cohort,
            fee_amount__gt=0,
            paying_organisation__isnull=False,
            invoice_reference="",
            paid_on__isnull=True,
        ).select_related("paying_organisation"):
            if participant.paying_organisation_id not in done:
                fees[participant.paying_organisation].append(participant)
        last = FeeInvoice.objects.filter(number__startswith=f"{today.year}-").aggregate(
            last=Max("number")
        )["last"]
        sequence = int(last.split("-")[1]) if last else 0
        issued = []
        for organisation, participants in sorted(fees.items(), key=lambda item: item[0].name):
            net = sum(
                (fee_net(p.fee_amount, program.fee_excludes_vat) for p in participants),
                Decimal(0),
            )
            vat = vat_on(net)
            sequence += 1
            invoice = FeeInvoice.objects.create(
                cohort=cohort,
                organisation=organisation,
                number=f"{today.year}-{sequence:05d}",
                issued_on=today,
                due_on=today + timedelta(days=PAYMENT_DAYS),
                buyer_reference=(organisation.invoice_reference or organisation.name)[:100],
                amount_excl_vat=net,
                vat=vat,
                amount_incl_vat=net + vat,
                currency=program.fee_currency,
                issued_by=by,
            )
            Participant.objects.filter(pk__in=[p.pk for p in participants]).update(
                invoice_reference=invoice.number, updated_at=timezone.now()
            )
            issued.append(invoice)
    return issued


def fee_invoice_sent(*, invoice: FeeInvoice, by: User) -> FeeInvoice:
    """The coordinator has sent the invoice (to the buyer's Peppol access point or by
    mail): marked once, with the time."""
    if not may_coordinate(by, invoice.cohort):
        raise InvoiceError(_("You do not coordinate this program."))
    FeeInvoice.objects.filter(pk=invoice.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), updated_at=timezone.now()
    )
    invoice.refresh_from_db()
    return invoice
