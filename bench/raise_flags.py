#!/usr/bin/env python
"""raise_flags at scale (issue 18): time and query count of the daily flag job.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_bench \\
        .venv/bin/python bench/raise_flags.py [--preset stress] [--seed 1] [--reuse]

The goal is defined on PostgreSQL: at the `stress` preset (250,000 newcomers) one run over
every gemeente finishes in under 15 s, with a number of queries that does not grow with the
number of people. The script runs the job three times on the same day: the first raises, the
second and third must change nothing (idempotency at scale). To show that the queries do not
grow with the people, it also counts them at the `small` preset (--compare small) in the same
database: gemeenten with the same settings are handled in one pass, so the count is the same
for 1 gemeente with 1,000 people and 342 with 250,000.

Without --reuse the preset is generated into the database first (migrate, generate_scale).
Use a dedicated database. On SQLite (--allow-sqlite) it runs the same, for the figure beside.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core import BenchRun, Figure, setup_django  # noqa: E402

GOAL_S = 15.0
# Fresh statistics after a bulk generation, as autovacuum would have them in production: with
# stale ones PostgreSQL estimates a few hundred rows where there are 250,000 and chooses
# nested loops (a repeat run took 13 s instead of about 1.5 s).
ANALYZED = ["gemeenten_gemeente", "gemeenten_user", "initiatives_organisation",
            "initiatives_presence", "initiatives_funding", "statushouders_newcomer",
            "statushouders_begeleiding", "statushouders_referral", "statushouders_instemming",
            "statushouders_flag", "gemeenten_outboxmessage"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="stress")
    parser.add_argument("--compare", default="small",
                        help="a smaller preset whose query count per gemeente is compared")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--allow-sqlite", action="store_true")
    return parser.parse_args(argv)


def ensure_preset(preset, seed, reuse):
    from django.core.management import call_command

    if not reuse:
        call_command("migrate", verbosity=0)
        call_command("generate_scale", preset=preset, seed=seed)
    analyze()


def analyze():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {table}")


def measure(preset, seed):
    """Three runs of the job over the preset's gemeenten: seconds, queries, what changed."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gemeenten.models import Gemeente
    from gemeenten.scope import scopes_disabled
    from statushouders.flags import FlagRun
    from statushouders.jobs import raise_flags_for

    with scopes_disabled():
        gemeenten = list(Gemeente.objects.filter(slug__startswith=f"scale-{preset}-{seed}-")
                         .order_by("pk"))
    today = timezone.localdate()
    results = []
    for _attempt in range(3):
        reset_queries()
        total = FlagRun(today=today)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            for _group, run in raise_flags_for(gemeenten, today=today):
                total.add(run)
        results.append((time.perf_counter() - started, len(queries), total))
    return gemeenten, results


def measurements(run: BenchRun) -> list[Figure]:
    """For `manage.py bench`: the three runs of the job over the preset's gemeenten (the first
    raises what this database did not have yet, the others must change nothing)."""
    _gemeenten, results = measure(run.preset, run.seed)
    figures = []
    for i, (seconds, queries, flag_run) in enumerate(results, 1):
        figures.append(Figure(
            f"raise_flags, run {i}", seconds * 1000, seconds * 1000, queries,
            goal_ms=GOAL_S * 1000,
            note=f"{sum(flag_run.raised.values())} raised (goal defined at stress)"))
    return figures


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    from django.db import connection

    vendor = connection.vendor
    if vendor != "postgresql" and not args.allow_sqlite:
        sys.exit("The goal is defined on PostgreSQL: set DATABASE_URL, or pass --allow-sqlite.")
    from gemeenten.scope import scopes_disabled
    from statushouders.models import Newcomer

    rows = {}
    for preset in (args.compare, args.preset):
        ensure_preset(preset, args.seed, args.reuse)
        gemeenten, results = measure(preset, args.seed)
        with scopes_disabled():
            people = Newcomer.objects.filter(gemeente__in=gemeenten).count()
        rows[preset] = (len(gemeenten), people, results)
    print(f"\nraise_flags on {vendor} (seed {args.seed})")
    print(f"{'preset':<9}{'gemeenten':>10}{'newcomers':>11}{'run':>5}{'seconds':>9}"
          f"{'queries':>9}  raised / resolved / reminders / expired")
    for preset, (count, people, results) in rows.items():
        for i, (seconds, queries, run) in enumerate(results, 1):
            print(f"{preset:<9}{count:>10}{people:>11}{i:>5}{seconds:>9.2f}{queries:>9}"
                  f"  {sum(run.raised.values())} / "
                  f"{sum(run.resolved.values())} / {run.reminders} / {run.expired}")
    main_rows = rows[args.preset][2]
    slowest = max(seconds for seconds, _q, _r in main_rows)
    again = main_rows[1][2]
    idempotent = not sum(again.raised.values()) and not again.reminders and not again.expired
    repeat_queries = {p: r[2][1][1] for p, r in rows.items()}
    print(f"\nslowest run at {args.preset}: {slowest:.2f} s (goal < {GOAL_S:.0f} s on "
          f"PostgreSQL): {'met' if slowest < GOAL_S else 'NOT met'}")
    print(f"second run raised and sent nothing: {'yes' if idempotent else 'NO'}")
    print("queries of a repeat run: "
          + ", ".join(f"{p} {q}" for p, q in repeat_queries.items()))


if __name__ == "__main__":
    main()
