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


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = _("Accounts and email")

    def ready(self) -> None:
        post_migrate.connect(site_name_and_domain, dispatch_uid="site_name_and_domain")
