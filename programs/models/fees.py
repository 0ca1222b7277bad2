"""Fee invoices: one per paying organisation and cohort, sent as Peppol BIS Billing 3."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mentorship.models import TimeStampedModel
from programs.models.core import Cohort, Organisation


class FeeInvoice(TimeStampedModel):
    """The invoice for a cohort's fees that one organisation pays: its number, dates,
    the buyer's reference and the amounts, fixed when it is issued."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="invoices"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("buyer"),
        on_delete=models.PROTECT,
        related_name="fee_invoices",
    )
    number = models.CharField(_("invoice number"), max_length=30, unique=True)
    issued_on = models.DateField(_("issued"))
    due_on = models.DateField(_("due"))
    buyer_reference = models.CharField(_("buyer's reference"), max_length=100)
    amount_excl_vat = models.DecimalField(_("excluding VAT"), max_digits=12, decimal_places=2)
    vat = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    amount_incl_vat = models.DecimalField(_("to pay"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="SEK")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("fee invoice")
        verbose_name_plural = _("fee invoices")
        ordering = ["cohort", "number"]
        constraints = [
            # One invoice per organisation and cohort: issuing again adds none.
            models.UniqueConstraint(
                fields=["cohort", "organisation"], name="fee_invoice_once_per_buyer"
            ),
            models.CheckConstraint(
                condition=Q(amount_incl_vat=F("amount_excl_vat") + F("vat"))
                & Q(amount_excl_vat__gte=0)
                & Q(vat__gte=0),
                name="fee_invoice_amounts_add_up",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("issued_on")), name="fee_invoice_due_after_issue"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.organisation}"
