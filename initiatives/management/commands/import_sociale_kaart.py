"""python manage.py import_sociale_kaart --gemeente NAME FILE: a gemeente's spreadsheet (.csv
or .xlsx) into its sociale kaart, all or nothing. Exits non-zero on any bad row, on a
gemeente that does not exist (an import never creates one), and on a wijk or organisation
the file names that is close to a known one until --map-... or --add-... says which it is."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from gemeenten.models import Gemeente
from gemeenten.scope import gemeente_scope
from gemeenten.text import closest_names, name_key
from initiatives.imports import (
    ADD,
    ORGANISATION,
    WIJK,
    ImportFileError,
    gemeente_find,
    sociale_kaart_correct_rows,
    sociale_kaart_import,
    sociale_kaart_parse,
    sociale_kaart_plan,
    sociale_kaart_read,
)

OPTION = {WIJK: ("--map-wijk", "--add-wijk"),
          ORGANISATION: ("--map-organisation", "--add-organisation")}


class Command(BaseCommand):
    help = "Import a gemeente's sociale kaart from a .csv or .xlsx file (one row per activity)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument(
            "--gemeente", required=True,
            help="the name or slug of an existing gemeente (an import never creates one)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing",
        )
        parser.add_argument(
            "--only-correct-rows", action="store_true",
            help="import the correct rows and report the skipped ones, instead of nothing",
        )
        for kind, (map_option, add_option) in OPTION.items():
            parser.add_argument(
                map_option, action="append", default=[], metavar="NAME=KNOWN",
                help=f"read the {kind} NAME in the file as the known {kind} KNOWN",
            )
            parser.add_argument(
                add_option, action="append", default=[], metavar="NAME",
                help=f"add the {kind} NAME although a known one has a similar name",
            )

    def handle(self, *args, file, gemeente, dry_run=False, only_correct_rows=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._import(Path(file), gemeente.strip(), dry_run, only_correct_rows, options)

    def _gemeente(self, name: str) -> Gemeente:
        if not name:
            raise CommandError(_("Name the gemeente with --gemeente."))
        found = gemeente_find(name)
        if found is None:
            known = list(Gemeente.objects.values_list("name", flat=True))
            hint = closest_names(name, known)
            raise CommandError(
                _("There is no gemeente %(name)s; nothing was imported. An import never "
                  "creates a gemeente: the beheerder adds it in the admin.") % {"name": name}
                + (" " + _("Did you mean %(names)s?") % {"names": ", ".join(hint)}
                   if hint else "")
            )
        return found

    def _import(self, path: Path, gemeente_name: str, dry_run: bool, only_correct: bool,
                options: dict):
        gemeente = self._gemeente(gemeente_name)
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
        skipped = []
        if errors:
            lines = sorted({e.line for e in errors})
            for error in errors:
                self.stderr.write(str(error))
            if not only_correct:
                raise CommandError(
                    _("Nothing was imported: %(rows)s bad row(s) (lines %(lines)s). "
                      "Correct them and import the file again, or import only the correct "
                      "rows with --only-correct-rows.")
                    % {"rows": len(lines), "lines": ", ".join(map(str, lines))}
                )
            parsed, skipped = sociale_kaart_correct_rows(rows, parsed, errors)
        with gemeente_scope(gemeente):
            choices = self._choices(gemeente, parsed, options)
            plan = sociale_kaart_plan(gemeente=gemeente, rows=parsed, choices=choices)
        if plan.unresolved:
            for unknown in plan.unresolved:
                map_option, add_option = OPTION[unknown.kind]
                self.stderr.write(
                    _("%(kind)s “%(name)s” (lines %(lines)s) is not known; did you mean "
                      "%(suggestion)s? Say %(map)s \"%(name)s=%(suggestion)s\" or %(add)s "
                      "\"%(name)s\".") % {
                        "kind": capfirst(_("wijk") if unknown.kind == WIJK
                                         else _("organisation")),
                        "name": unknown.name,
                        "lines": ", ".join(map(str, unknown.lines)),
                        "suggestion": unknown.suggestion, "map": map_option,
                        "add": add_option,
                    }
                )
            raise CommandError(_("Nothing was imported: %(names)s may be a typo of a known "
                                 "name.") % {"names": ", ".join(u.name for u in plan.unresolved)})
        if dry_run:
            report = plan.report(gemeente=gemeente.name, skipped=skipped)
            self.stdout.write(_("Dry run, nothing written.") + " " + report.summary())
            return
        report = sociale_kaart_import(gemeente=gemeente, rows=parsed, choices=choices,
                                      skipped=skipped)
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _choices(self, gemeente, parsed, options) -> dict:
        """--map-... and --add-... as the plan's choices, each checked against the file."""
        plan = sociale_kaart_plan(gemeente=gemeente, rows=parsed)
        by_key = {(u.kind, u.key): u for u in plan.unknown}
        choices: dict = {WIJK: {}, ORGANISATION: {}}
        for kind, (map_option, add_option) in OPTION.items():
            for name in options[add_option.lstrip("-").replace("-", "_")]:
                unknown = by_key.get((kind, name_key(name)))
                if unknown is None:
                    raise CommandError(_("%(option)s %(name)s: the file names no unknown "
                                         "%(kind)s of that name.")
                                       % {"option": add_option, "name": name, "kind": kind})
                choices[kind][unknown.key] = ADD
            for pair in options[map_option.lstrip("-").replace("-", "_")]:
                name, _sep, known = pair.partition("=")
                unknown = by_key.get((kind, name_key(name)))
                target = next((pk for pk, option in (unknown.options if unknown else [])
                               if name_key(option) == name_key(known)), None)
                if unknown is None or target is None:
                    raise CommandError(_("%(option)s %(pair)s: say NAME=KNOWN, with NAME an "
                                         "unknown %(kind)s in the file and KNOWN a known one "
                                         "like it.")
                                       % {"option": map_option, "pair": pair, "kind": kind})
                choices[kind][unknown.key] = target
        return choices
