"""python manage.py import_sociale_kaart --gemeente NAME FILE: a gemeente's spreadsheet (.csv
or .xlsx) into its sociale kaart, all or nothing. Exits non-zero on any bad row."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from gemeenten.scope import gemeente_scope
from initiatives.imports import (
    ImportFileError,
    gemeente_find,
    sociale_kaart_import,
    sociale_kaart_parse,
    sociale_kaart_plan,
    sociale_kaart_read,
)


class Command(BaseCommand):
    help = "Import a gemeente's sociale kaart from a .csv or .xlsx file (one row per activity)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument(
            "--gemeente", required=True,
            help="the gemeente's name; created when it does not exist yet",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing",
        )

    def handle(self, *args, file, gemeente, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(Path(file), gemeente.strip(), dry_run)

    def _import(self, path: Path, gemeente_name: str, dry_run: bool):
        if not gemeente_name:
            raise CommandError(_("Name the gemeente with --gemeente."))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": path, "reason": exc.strerror}
            ) from exc
        try:
            rows = sociale_kaart_read(data, path.name)
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc.message}") from exc
        parsed, errors = sociale_kaart_parse(rows)
        if errors:
            lines = sorted({e.line for e in errors})
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Nothing was imported: %(rows)s bad row(s) (lines %(lines)s). "
                  "Correct them and import the file again.")
                % {"rows": len(lines), "lines": ", ".join(map(str, lines))}
            )
        if dry_run:
            existing = gemeente_find(gemeente_name)
            with gemeente_scope(existing):
                plan = sociale_kaart_plan(gemeente=existing, rows=parsed)
            report = plan.report(
                gemeente=gemeente_name, gemeente_created=existing is None
            )
            self.stdout.write(_("Dry run, nothing written.") + " " + report.summary())
            return
        report = sociale_kaart_import(gemeente=gemeente_name, rows=parsed)
        self.stdout.write(self.style.SUCCESS(report.summary()))
