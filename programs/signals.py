from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from programs.models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="profile_for_every_user")
def profile_for_every_user(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    # Every way a user comes into being (signup, admin, createsuperuser, seed) gets one.
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
