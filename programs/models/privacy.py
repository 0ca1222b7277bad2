"""Personal data: exports of it, and people's requests to have theirs erased."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.enums import ErasureState


class DataExport(models.Model):
    """A coordinator exported rows of personal data from the admin: who, what, when,
    which filter, how many rows, and whether sensitive answers were included."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    what = models.CharField(_("what"), max_length=100)
    file_format = models.CharField(_("format"), max_length=10)
    filters = models.CharField(_("filter"), max_length=1000, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    sensitive = models.BooleanField(_("with sensitive answers"), default=False)
    exported_at = models.DateTimeField(_("exported"), default=timezone.now)

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"{self.what} ({self.rows}) @ {self.exported_at:%Y-%m-%d %H:%M}"


class ErasureRequest(models.Model):
    """A person asked for their personal data to be erased; a coordinator confirms it.

    The person stays linked by id only: once erased, the user row holds no name or
    address, and this row tells when it happened and who confirmed it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="erasure_requests",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ErasureState.choices, default=ErasureState.REQUESTED
    )
    message = models.TextField(_("message from the person"), blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state=ErasureState.REQUESTED),
                name="erasure_one_open_request",
            ),
            models.CheckConstraint(
                condition=Q(state=ErasureState.REQUESTED) | Q(decided_at__isnull=False),
                name="erasure_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.user_id} – {self.get_state_display()}"
