from django.conf import settings
from django.core.management.base import BaseCommand

from programs.demo import demo_load


class Command(BaseCommand):
    help = "Load the five reference programs with coordinators and participants (idempotent)."

    def handle(self, *args, **options) -> None:
        loader = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded: the five reference programs."))
        self.stdout.write(f"Demo logins (password for all: {settings.DEMO_PASSWORD}):")
        width = max(len(email) for email, _ in loader.logins)
        for email, what in loader.logins:
            self.stdout.write(f"  {email.ljust(width)}  {what}")
