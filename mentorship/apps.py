import contextlib

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def site_name_and_domain(sender, using: str = "default", **kwargs) -> None:
    """Account emails greet "from <site name>": name the site after the product, on
    every migrate (and after the flushes of transactional tests)."""
    from django.conf import settings
    from django.contrib.sites.models import Site
    from django.db import DatabaseError, transaction

    # A partial migrate may run before the sites table exists.
    with contextlib.suppress(DatabaseError), transaction.atomic(using=using):
        Site.objects.using(using).update_or_create(
            pk=settings.SITE_ID,
            defaults={"domain": settings.SITE_URL.split("://")[-1], "name": "Mentorskap"},
        )


def address_verified_by_reset(sender, request, user, **kwargs) -> None:
    """A password chosen from an emailed link proves the address: the person an invitation
    reached (their account made by a coordinator) can log in at once, without a second
    verification email."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user, primary=True, verified=False).update(verified=True)


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = _("Accounts and email")

    def ready(self) -> None:
        post_migrate.connect(site_name_and_domain, dispatch_uid="site_name_and_domain")
        from allauth.account.signals import password_reset

        password_reset.connect(address_verified_by_reset, dispatch_uid="address_verified_by_reset")
