from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import demo_load


class Command(BaseCommand):
    help = "Load the five reference programs with coordinators and participants (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even in production (DJANGO_SECURE=1). Its logins have a "
            "published password: only for a throw-away demonstration site.",
        )

    def handle(self, *args, **options) -> None:
        if settings.SECURE and not options["force"]:
            raise CommandError(
                "Refusing to load the demo data in production (DJANGO_SECURE=1): it creates "
                "a superuser whose password is published in the README. Use --force on a "
                "throw-away demonstration site only."
            )
        loader = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo data is loaded: the five reference programs."))
        self.stdout.write(f"Demo logins (password for all: {settings.DEMO_PASSWORD}):")
        width = max(len(email) for email, _ in loader.logins)
        for email, what in loader.logins:
            self.stdout.write(f"  {email.ljust(width)}  {what}")
