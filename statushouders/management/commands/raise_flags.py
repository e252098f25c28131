"""python manage.py raise_flags [--today YYYY-MM-DD]: the daily job, by hand."""
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from statushouders.jobs import raise_flags_everywhere


class Command(BaseCommand):
    help = "Raise and resolve the flags (actiepunten) of every gemeente, as the daily job does."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Run as if it were this day (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today {today!r} is not a date like 2026-11-30.") from None
        runs = raise_flags_everywhere(today=day)
        for gemeenten, run in runs:
            raised = ", ".join(f"{k} {n}" for k, n in sorted(run.raised.items()) if n) or "-"
            resolved = ", ".join(f"{k} {n}" for k, n in sorted(run.resolved.items()) if n) or "-"
            names = ", ".join(g.name for g in gemeenten[:3]) + (
                f" and {len(gemeenten) - 3} more" if len(gemeenten) > 3 else "")
            self.stdout.write(f"{names} ({run.today}): raised {raised}; resolved "
                              f"{resolved}; reminders {run.reminders}; expired {run.expired}")
