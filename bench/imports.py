#!/usr/bin/env python
"""The import of a 10,000-row sociale-kaart spreadsheet (issue 21): read, check, plan and
write, as the regisseur's upload does, into a gemeente of its own.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_bench \\
        .venv/bin/python bench/imports.py [--rows 10000] [--repeat 3]

The rows are the sample file's five (../shared/samples) multiplied with invented
organisation and activity names, 1,000 organisations with 10 activities each, spread over
the wijken. Each timed import runs in a transaction that is rolled back, so every round
writes the same 10,000 new activities; the baseline is reading the file alone.
"""
import argparse
import csv
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core import BenchRun, Figure, print_table, setup_django, time_call  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared/samples/sociale_kaart_voorbeeld.csv"
HEADER = ("organisatie,soort,door_nieuwkomers,website,email,telefoon,activiteit,omschrijving,"
          "themas,doelgroep,talen,wijk,adres,postcode,plaats,dagen,begintijd,eindtijd,"
          "frequentie,geldig_van,geldig_tot,capaciteit,kosten,aanmelden").split(",")
# The first line of the sample file, so the bench runs where ../shared is not beside the repo.
TEMPLATE = {
    "organisatie": "Stichting Voorbeeld Taal", "soort": "burgerinitiatief",
    "door_nieuwkomers": "nee", "website": "https://example.org/taal",
    "email": "taal@example.org", "telefoon": "", "activiteit": "Taalcafé Centrum",
    "omschrijving": "Samen Nederlands oefenen bij een kop koffie, alle niveaus.",
    "themas": "taal", "doelgroep": "volwassenen", "talen": "nl;ar;ti", "wijk": "Centrum",
    "adres": "Marktplein 1", "postcode": "1234 AB", "plaats": "Voorbeeldstad", "dagen": "wo",
    "begintijd": "19:00", "eindtijd": "21:00", "frequentie": "wekelijks",
    "geldig_van": "2026-09-01", "geldig_tot": "2027-07-15", "capaciteit": "25",
    "kosten": "gratis", "aanmelden": "nee",
}
WIJKEN = ["Centrum", "Noord", "Zuid", "Oost", "West", "Haven", "Dorp", "Park"]
DAYS = ["ma", "di", "wo", "do", "vr", "za"]
BENCH_GEMEENTE = "Benchstad (import)"


def sample_rows() -> list[dict]:
    if SAMPLE.exists():
        with SAMPLE.open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    return [TEMPLATE]


def spreadsheet(rows: int) -> bytes:
    """`rows` lines: invented organisations of 10 activities each, in eight wijken."""
    samples = sample_rows()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    for n in range(rows):
        row = dict(samples[n % len(samples)])
        row["organisatie"] = f"Benchorganisatie {n // 10:05d}"
        row["activiteit"] = f"{row['activiteit']} {n:05d}"
        row["wijk"] = WIJKEN[n % len(WIJKEN)]
        row["dagen"] = DAYS[n % len(DAYS)]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


# The small presets (and the test that runs the bench on `small`) import a smaller file.
ROWS = {"tiny": 200, "small": 1_000}


def measurements(run: BenchRun, rows: int | None = None) -> list[Figure]:
    from django.db import transaction

    from gemeenten.models import Gemeente, Wijk
    from gemeenten.scope import gemeente_scope
    from initiatives.imports import sociale_kaart_parse, sociale_kaart_read
    from initiatives.imports.plan import ADD, ORGANISATION, WIJK, sociale_kaart_plan
    from initiatives.imports.write import sociale_kaart_import

    rows = rows or ROWS.get(run.preset, 10_000)
    gemeente, _ = Gemeente.objects.get_or_create(
        slug="bench-import", defaults={"name": BENCH_GEMEENTE})
    with gemeente_scope(gemeente):
        for name in WIJKEN:
            Wijk.objects.get_or_create(gemeente=gemeente, name=name)
    data = spreadsheet(rows)
    with gemeente_scope(gemeente):
        parsed, errors = sociale_kaart_parse(sociale_kaart_read(data, "bench.csv"))
        if errors:
            raise RuntimeError(f"the generated file has {len(errors)} bad rows: {errors[:3]}")
        unknown = sociale_kaart_plan(gemeente=gemeente, rows=parsed).unknown
    choices = {ORGANISATION: {u.key: ADD for u in unknown if u.kind == ORGANISATION},
               WIJK: {u.key: ADD for u in unknown if u.kind == WIJK}}

    def read_only():
        sociale_kaart_read(data, "bench.csv")

    def whole_import():
        with gemeente_scope(gemeente), transaction.atomic():
            rows_parsed, _errors = sociale_kaart_parse(sociale_kaart_read(data, "bench.csv"))
            report = sociale_kaart_import(gemeente=gemeente, rows=rows_parsed, choices=choices)
            transaction.set_rollback(True)
        return report

    repeat = max(1, min(run.repeat, 3))
    baseline = time_call(read_only, repeat=repeat, warmup=0)
    timing = time_call(whole_import, repeat=repeat, warmup=0)
    return [Figure(f"import of {rows:,} rows (read+check+plan+write)", timing.median_ms,
                   timing.p95_ms, timing.queries, baseline="reading the file",
                   baseline_ms=baseline.median_ms,
                   note=f"{len(unknown):,} new organisations, rolled back")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print_table(measurements(BenchRun(preset="-", repeat=args.repeat), rows=args.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
