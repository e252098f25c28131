#!/usr/bin/env python
"""Infopunt speed (issue 11): server time and query counts of the public pages.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_bench \\
        .venv/bin/python bench/infopunt.py [--preset stress] [--seed 1] [--repeat 30] [--reuse]

The goal is defined on PostgreSQL: the start screen and a filtered result list answer in under
50 ms (median server time) at the `stress` preset, with a constant number of queries. The
requests go through Django's test Client, in-process: the time includes the middleware, the
view, the queries and the template rendering, not the network or a WSGI server.

Without --reuse the preset is generated into the database of DATABASE_URL first (migrate,
generate_scale, ANALYZE); generate_scale skips a preset and seed that is there already.
Use a dedicated database: the script writes the data and the search statistics of its
requests into it.
"""
import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core import BenchRun, Figure, setup_django, time_requests  # noqa: E402

GOAL_MS = 50.0
# Issue 21's goal for the result lists at `stress` (issue 11's was 50 ms).
LIST_GOAL_MS = 20.0
ANALYZED = [
    "gemeenten_gemeente", "gemeenten_wijk", "gemeenten_theme", "gemeenten_language",
    "initiatives_organisation", "initiatives_presence", "initiatives_activity",
    "initiatives_activity_themes", "initiatives_activity_languages",
    "initiatives_activity_target_groups", "initiatives_schedule", "initiatives_occurrence",
    "infopunt_searchday", "infopunt_searchwordday",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="stress")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page first")
    parser.add_argument("--reuse", action="store_true",
                        help="do not migrate or generate when the preset and seed are there")
    parser.add_argument("--language", default="nl", help="interface language of the URLs")
    parser.add_argument("--allow-sqlite", action="store_true",
                        help="run on SQLite anyway (a smoke test; the goal is not defined there)")
    return parser.parse_args(argv)


def prepare_data(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from gemeenten.models import Gemeente

    tag = f"scale-{args.preset}-{args.seed}-"
    if args.reuse and Gemeente.objects.filter(slug__startswith=tag).exists():
        print(f"Reusing preset {args.preset}, seed {args.seed} (gemeenten {tag}*).")
    else:
        if args.reuse:
            print(f"--reuse, but there are no gemeenten {tag}*: generating them.")
        call_command("migrate", verbosity=0)
        started = time.monotonic()
        call_command("generate_scale", preset=args.preset, seed=args.seed)
        print(f"Data ready in {time.monotonic() - started:.0f} s.")
    if connection.vendor == "postgresql":
        # Fresh planner statistics, as autovacuum keeps them on a live database; without
        # them a freshly loaded table is planned as if it were empty.
        started = time.monotonic()
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        print(f"ANALYZE of the {len(ANALYZED)} tables read: {time.monotonic() - started:.1f} s.")


def pick_gemeenten(args):
    """The gemeente with the most public activities, and a small one (about 20)."""
    from django.db.models import Count

    from gemeenten.models import Gemeente
    from gemeenten.scope import scopes_disabled
    from initiatives.models import Activity

    tag = f"scale-{args.preset}-{args.seed}-"
    with scopes_disabled():  # deliberately across the preset's gemeenten: which to measure
        sizes = dict(
            Activity.objects.public().filter(gemeente__slug__startswith=tag)
            .order_by().values("gemeente").annotate(n=Count("pk")).values_list("gemeente", "n")
        )
    if not sizes:
        sys.exit(f"No public activities in gemeenten {tag}*.")
    largest_id = max(sizes, key=sizes.get)
    small_id = min((pk for pk, n in sizes.items() if n >= 20), key=sizes.get,
                   default=min(sizes, key=sizes.get))
    found = Gemeente.objects.in_bulk([largest_id, small_id])
    return (found[largest_id], sizes[largest_id]), (found[small_id], sizes[small_id])


def pages_for(gemeente, language: str) -> list[tuple[str, str, bool]]:
    """(label, URL, counts for the 50 ms goal) for one gemeente."""
    from django.db.models import Count

    from gemeenten.scope import gemeente_scope
    from initiatives.models import Activity

    with gemeente_scope(gemeente):
        public = Activity.objects.public(gemeente)
        theme = (public.values("themes__slug").exclude(themes__slug=None)
                 .annotate(n=Count("pk")).order_by("-n")[0]["themes__slug"])
        activity = (public.filter(schedules__isnull=False).order_by("pk").first()
                    or public.first())
    base = f"/{language}/infopunt/{gemeente.slug}/"
    results = base + "aanbod/"
    return [
        ("gemeente choice", f"/{language}/infopunt/", False),
        ("start screen (theme tiles)", base, True),
        ("results, unfiltered", results, False),
        (f"results, thema={theme}", f"{results}?thema={theme}", True),
        (f"results, thema={theme}&taal=ar", f"{results}?thema={theme}&taal=ar", True),
        ("results, thema+taal+dag+gratis",
         f"{results}?thema={theme}&taal=ar&dag=1&gratis=on", True),
        ("results, q=koffie", f"{results}?q=koffie", True),
        ("results, q=taalcafe&taal=ti", f"{results}?q=taalcafe&taal=ti", True),
        ("results, thema, page 3", f"{results}?thema={theme}&page=3", True),
        ("activity page", f"{base}activiteit/{activity.pk}/", False),
    ]


def measure(client, urls: list[str], repeat: int, warmup: int) -> list[dict]:
    """Median and p95 per URL (bench/core.py's time_requests) and the writes among the
    queries: the search statistics an infopunt request records."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The gemeente choice redirects straight on when there is one gemeente (`small`).
    timings = time_requests(client, urls, repeat=repeat, warmup=warmup, expect=(200, 302))
    figures = []
    for url, timing in zip(urls, timings, strict=True):
        with CaptureQueriesContext(connection) as queries:
            client.get(url, secure=True)
        figures.append({
            "median": timing.median_ms, "p95": timing.p95_ms, "queries": timing.queries,
            "cpu": timing.cpu_ms,
            "writes": sum(1 for q in queries.captured_queries
                          if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))),
        })
    return figures


def measurements(run: BenchRun) -> list[Figure]:
    """For `manage.py bench`: the start screen and the filtered lists of the largest
    gemeente, set against a trivial view with the same anonymous client."""
    large, _small = pick_gemeenten(run)
    client = run.anonymous_client()
    baseline = run.trivial_page_ms(client, "anonymous")
    pages = pages_for(large[0], "nl")
    figures = measure(client, [url for _label, url, _goal in pages], run.repeat, run.warmup)
    return [Figure(f"infopunt: {label}", f["median"], f["p95"], f["queries"],
                   baseline="trivial view (anonymous)", baseline_ms=baseline,
                   goal_ms=LIST_GOAL_MS if goal else None,
                   note=f"{large[1]:,} public activities", cpu_ms=f["cpu"])
            for (label, _url, goal), f in zip(pages, figures, strict=True)]


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        print(f"This database is {connection.vendor}. The speed goal of issue 11 is defined on "
              "PostgreSQL: set DATABASE_URL=postgres://... to a dedicated database.")
        if not args.allow_sqlite:
            return 2
        print("--allow-sqlite: measuring anyway; these figures say nothing about the goal.")
    name = settings.DATABASES["default"]["NAME"]
    if str(name) == "regie" or str(name).startswith("test_regie"):
        print(f"Refusing to write benchmark data into the shared database {name!r}.")
        return 2

    prepare_data(args)
    (large, large_n), (small, small_n) = pick_gemeenten(args)
    client = Client()
    print(f"\nDatabase {connection.vendor} {name}; DEBUG={settings.DEBUG}; "
          f"{args.repeat} timed requests per page after {args.warmup} warm-up requests; "
          f"{os.cpu_count()} CPUs, load average now {os.getloadavg()[0]:.1f}.")
    print(f"Largest gemeente: {large.slug} ({large_n:,} public activities); "
          f"small: {small.slug} ({small_n:,}).\n")

    header = (f"{'page':<34} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'writes':>6} "
              f"{'small: queries':>14}  goal (< {GOAL_MS:.0f} ms)")
    print(header)
    print("-" * len(header))
    met_all = True
    pages, small_pages = pages_for(large, args.language), pages_for(small, args.language)
    figures = measure(client, [url for _label, url, _goal in pages], args.repeat, args.warmup)
    small_figures = measure(client, [url for _label, url, _goal in small_pages], 1, 1)
    for (label, _url, goal), page, small_page in zip(pages, figures, small_figures, strict=True):
        verdict = ""
        if goal:
            met = page["median"] < GOAL_MS
            met_all &= met
            verdict = "met" if met else "NOT MET"
        print(f"{label:<34} {page['median']:>9.1f} {page['p95']:>8.1f} "
              f"{page['queries']:>7} {page['writes']:>6} {small_page['queries']:>14}  {verdict}")
    print(f"\nLoad average at the end {os.getloadavg()[0]:.1f} (others' work on the same cores "
          "inflates the figures).")
    print(f"Goal (start screen and filtered lists, median < {GOAL_MS:.0f} ms): "
          f"{'met' if met_all else 'NOT met'}.")
    print("'writes' are search-count writes inside the request: the counts wait in the process "
          "(infopunt.services.SearchTally) and are written once INFOPUNT_SEARCH_FLUSH_SECONDS "
          "old, after a response.")
    return 0 if met_all else 1


if __name__ == "__main__":
    sys.exit(main())
