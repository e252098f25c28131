#!/usr/bin/env python
"""Overlap detection at scale (issue 20): time of one gemeente's run and the pairs compared.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_overlap \\
        .venv/bin/python bench/overlap.py [--preset city] [--seed 1] [--reuse] [--repeat 3]

The goal is defined on PostgreSQL: at the `city` preset (4,000 activities in one gemeente)
the detection for the gemeente finishes in under 10 s. The comparison is blocked by theme and
wijk, never all pairs: the script prints the pairs compared beside the all-pairs number. The
first run creates the findings, the repeats must create nothing (idempotency); every overlap
that generate_scale planted (regie/datagen/overlap.py) must be among the findings.

Without --reuse the preset is generated into the database first (migrate, generate_scale).
Use a dedicated database. On SQLite (--allow-sqlite) it runs the same, for the figure beside.
"""
import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 10.0
COUNTRY_GOAL_S = 180.0
ANALYZED = ["initiatives_activity", "initiatives_occurrence", "initiatives_activity_themes",
            "initiatives_activity_target_groups", "initiatives_presence",
            "initiatives_organisation", "statushouders_referral", "regie_overlapfinding"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--allow-sqlite", action="store_true")
    return parser.parse_args(argv)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import secrets

    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def ensure_preset(preset, seed, reuse):
    from django.core.management import call_command
    from django.db import connection

    if not reuse:
        call_command("migrate", verbosity=0)
        call_command("generate_scale", preset=preset, seed=seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {table}")


def planted(gemeente):
    """The planted pairs as fingerprints: a twin's title ends in "(ook hier)" and it has the
    wijk, title and schedule rule of its source (many activities share a title)."""
    from initiatives.models import Activity, Schedule

    def rule(activity_id):
        return Schedule.objects.filter(activity_id=activity_id).values_list(
            "frequency", "weekdays", "start_time", "valid_from").first()

    result = set()
    for twin in Activity.objects.filter(gemeente=gemeente, title_nl__endswith=" (ook hier)"):
        twin_rule = rule(twin.pk)
        for source in Activity.objects.filter(
                gemeente=gemeente, wijk_id=twin.wijk_id,
                title_nl=twin.title_nl.removesuffix(" (ook hier)"),
        ).exclude(organisation_id=twin.organisation_id).order_by("pk"):
            if rule(source.pk) == twin_rule:
                low, high = sorted([source.pk, twin.pk])
                result.add(f"duplicate_offer:{low}-{high}")
                break
    return result


def measurements(run):
    """For `manage.py bench`: overlap detection in the preset's largest gemeente, twice (the
    first may create findings, the second must create nothing), with the pairs compared."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.core import Figure
    from gemeenten.scope import gemeente_scope
    from initiatives.models import Activity
    from regie.overlap import overlap_detect

    gemeente = run.largest_gemeente()
    figures = []
    with gemeente_scope(gemeente):
        activities = Activity.objects.in_gemeente(gemeente).active().count()
        for attempt in (1, 2):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                found = overlap_detect(gemeente=gemeente)
            ms = (time.perf_counter() - started) * 1000
            figures.append(Figure(
                f"overlap detection, run {attempt}", ms, ms, len(queries),
                baseline="all pairs", goal_ms=GOAL_S * 1000,
                note=f"{found.pairs_compared:,} pairs compared of "
                     f"{activities * (activities - 1) // 2:,}; {found.created} new"))
    figures += country(run)
    return figures


def country(run):
    """Issue 21: the detection for every gemeente of the preset (the nightly job's work at
    `national`) in under 3 minutes, with the pairs compared beside all pairs within each
    gemeente. One figure, only where the preset has more than one gemeente."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.core import Figure
    from gemeenten.models import Gemeente
    from gemeenten.scope import gemeente_scope, scopes_disabled
    from initiatives.models import Activity
    from regie.overlap import overlap_detect

    with scopes_disabled():  # deliberately every gemeente of the preset, one after the other
        gemeenten = list(Gemeente.objects.filter(slug__startswith=run.tag).order_by("pk"))
    if len(gemeenten) < 2:
        return []
    pairs = all_pairs = 0
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        for gemeente in gemeenten:
            with gemeente_scope(gemeente):
                activities = Activity.objects.in_gemeente(gemeente).active().count()
                pairs += overlap_detect(gemeente=gemeente).pairs_compared
                all_pairs += activities * (activities - 1) // 2
    ms = (time.perf_counter() - started) * 1000
    return [Figure(f"overlap detection, all {len(gemeenten)} gemeenten", ms, ms, len(queries),
                   baseline="all pairs", goal_ms=COUNTRY_GOAL_S * 1000,
                   note=f"{pairs:,} pairs compared of {all_pairs:,}")]


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql" and not args.allow_sqlite:
        sys.exit("The goal is defined on PostgreSQL: set DATABASE_URL, or pass --allow-sqlite.")
    ensure_preset(args.preset, args.seed, args.reuse)
    from gemeenten.models import Gemeente
    from gemeenten.scope import gemeente_scope, scopes_disabled
    from initiatives.models import Activity
    from regie.models import OverlapFinding
    from regie.overlap import overlap_detect

    with scopes_disabled():
        gemeente = (Gemeente.objects.filter(slug__startswith=f"scale-{args.preset}-{args.seed}-")
                    .order_by("pk").first())
    if gemeente is None:
        sys.exit(f"No gemeente of preset {args.preset} seed {args.seed}: run without --reuse.")
    rows = []
    with gemeente_scope(gemeente):
        activities = Activity.objects.in_gemeente(gemeente).active().count()
        for _attempt in range(args.repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                run = overlap_detect(gemeente=gemeente)
            rows.append((time.perf_counter() - started, len(queries), run))
        fingerprints = set(OverlapFinding.objects.in_gemeente(gemeente).current()
                           .values_list("fingerprint", flat=True))
        expected = planted(gemeente)
    print(f"\noverlap detection on {connection.vendor}, {gemeente.slug} "
          f"({activities} active activities; all pairs would be "
          f"{activities * (activities - 1) // 2:,})")
    print(f"{'run':>4}{'seconds':>9}{'queries':>9}{'pairs compared':>16}{'found':>7}"
          f"{'new':>6}{'gone':>6}")
    for i, (seconds, queries, run) in enumerate(rows, 1):
        print(f"{i:>4}{seconds:>9.2f}{queries:>9}{run.pairs_compared:>16,}"
              f"{sum(run.found.values()):>7}{run.created:>6}{run.gone:>6}")
    print("pairs compared per kind: " + ", ".join(f"{k} {v:,}" for k, v in rows[0][2].pairs.items()))
    slowest = max(seconds for seconds, _q, _r in rows)
    print(f"slowest run: {slowest:.2f} s (goal < {GOAL_S:.0f} s on PostgreSQL): "
          f"{'met' if slowest < GOAL_S else 'NOT met'}")
    print(f"repeat runs created nothing: "
          f"{'yes' if all(r.created == 0 for _s, _q, r in rows[1:]) else 'NO'}")
    print(f"planted overlaps found: {len(expected & fingerprints)} of {len(expected)}")


if __name__ == "__main__":
    main()
