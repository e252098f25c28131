"""seed_demo: the demo gemeente Demodam with its organisations, activities and one user per
role (password in the README). Idempotent: a second run creates nothing."""
from django.core.management.base import BaseCommand

from gemeenten.datagen.demo import DEMO_PASSWORD, demo_seed
from gemeenten.scope import scopes_disabled


class Command(BaseCommand):
    help = "Create the demo gemeente Demodam (idempotent: a second run creates nothing new)."

    def handle(self, *args, **options):
        # The demo makes its own gemeente and its users: a deliberate write outside any
        # one gemeente's scope.
        with scopes_disabled():
            demo = demo_seed()
        made = ", ".join(f"{count} {name}" for name, count in demo.created.items() if count)
        self.stdout.write(self.style.SUCCESS(
            f"Demo gemeente {demo.gemeente.name}: " + (made or "already complete, nothing added")
        ))
        self.stdout.write(
            f"Log in as {', '.join(demo.users)} with the password {DEMO_PASSWORD}."
        )
