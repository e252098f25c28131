"""python manage.py backup [--output FILE]: a consistent copy of the database (`make backup`)."""
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gemeenten.backup import BackupError, backup, fingerprint


class Command(BaseCommand):
    help = ("Back up the database: pg_dump (custom format) on PostgreSQL, the online backup "
            "API on SQLite. Prints the file and the number of tables and rows.")

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the backup file (default: var/backups/<time>)")

    def handle(self, *args, output=None, **options):
        suffix = "dump" if connection.vendor == "postgresql" else "sqlite3"
        if output:
            path = Path(output)
        else:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"regie-{datetime.now():%Y%m%d-%H%M%S}.{suffix}"
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        try:
            backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = fingerprint()
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {path} ({len(tables)} tables, {rows:,} rows)."))
