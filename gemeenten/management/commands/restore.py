"""python manage.py restore FILE [--yes]: replace the database by a backup (`make restore`)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gemeenten.backup import BackupError, fingerprint, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into this database, replacing "
            "everything in it. Asks for confirmation unless --yes is given.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no backup file {path}.")
        name = connection.settings_dict["NAME"]
        if not yes:
            answer = input(f"Replace everything in the database {name} by {path}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
                raise CommandError("Nothing restored.")
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = fingerprint()
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(self.style.SUCCESS(
            f"Restored {path} into {name} ({len(tables)} tables, {rows:,} rows)."))
