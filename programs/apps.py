from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def coordinator_rights_refresh(sender, using: str = "default", **kwargs) -> None:
    """A new model coordinators work with (API tokens, webhooks, ...) is in every
    coordinator's menu after the migrate that adds it: the Coordinators group is given
    its permissions once every app's permissions exist (after the last app's migrate)."""
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.label != last.label:
        return
    from django.contrib.auth.models import Group

    from programs.services.core import COORDINATOR_GROUP, coordinator_group

    if Group.objects.using(using).filter(name=COORDINATOR_GROUP).exists():
        coordinator_group()


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self) -> None:
        from programs import signals  # noqa: F401  (a Profile for every user)

        post_migrate.connect(coordinator_rights_refresh, dispatch_uid="coordinator_rights")
