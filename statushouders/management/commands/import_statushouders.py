"""python manage.py import_statushouders --gemeente NAME FILE [--create-missing]"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeenten.models import Gemeente
from gemeenten.scope import gemeente_scope, scopes_disabled
from initiatives.imports.read import ImportFileError
from statushouders.imports import import_statushouders


class Command(BaseCommand):
    help = ("Import newcomers and their begeleiding from a .csv or .xlsx file, all or "
            "nothing; running it again changes only what changed.")

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="name or slug of the gemeente")
        parser.add_argument("file")
        parser.add_argument("--create-missing", action="store_true",
                            help="create begeleiding organisations and wijken not known yet")

    def handle(self, *args, gemeente, file, create_missing, **options):
        with scopes_disabled():
            found = (Gemeente.objects.filter(name__iexact=gemeente).first()
                     or Gemeente.objects.filter(slug=gemeente).first())
        if found is None:
            raise CommandError(f"Unknown gemeente {gemeente!r}: nothing was imported. A "
                               "gemeente is never created by an import.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {file!r}.")
        with gemeente_scope(found):
            try:
                report = import_statushouders(gemeente=found, data=path.read_bytes(),
                                              filename=path.name,
                                              create_missing=create_missing)
            except ImportFileError as error:
                raise CommandError(error.message) from None
        for error in report.errors:
            self.stderr.write(error)
        for kind, names in report.missing.items():
            for name, nearest in names.items():
                hint = f" (did you mean {nearest!r}?)" if nearest else ""
                self.stderr.write(f"Unknown {kind} {name!r}{hint}")
        if not report.ok:
            raise CommandError("Nothing was imported. Correct the file, or pass "
                               "--create-missing to create the unknown names.")
        for made in report.created_reference:
            self.stdout.write(f"created {made}")
        for line in report.open_caseworker:
            self.stdout.write(f"no begeleider with this e-mail, caseworker left open: {line}")
        self.stdout.write(f"{report.created} new, {report.updated} updated, "
                          f"{report.unchanged} unchanged.")
