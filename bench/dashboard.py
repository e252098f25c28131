#!/usr/bin/env python
"""The regie dashboard (issue 20): server time and query count of /regie/.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_bench \\
        .venv/bin/python bench/dashboard.py [--preset city] [--seed 1] [--repeat 30] [--reuse]

The goal is defined on PostgreSQL: at the `city` preset (20,000 newcomers, 4,000 activities,
3,000 volunteers in one gemeente) the dashboard answers in under 150 ms (median server time)
with a number of queries that does not grow with the data. The requests go through Django's
test Client in-process with DEBUG off, logged in as a regisseur of the preset's largest
gemeente who passed 2FA: the time includes the middleware, the view, the queries and the
template, not the network or a WSGI server. The query count is also taken for the smallest
gemeente of the preset, to show it is the same.

`measure_dashboard(gemeente, repeat=..., warmup=...)` returns the figures as a dict, for a
later `manage.py bench` to import. Without --reuse the preset is generated first (migrate,
generate_scale; it skips a preset and seed that is there already). Use a dedicated database:
the script adds a regisseur account per measured gemeente (`bench-regisseur-<slug>`).
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 150.0
# Fresh planner statistics, as autovacuum keeps them on a live database.
ANALYZED = [
    "gemeenten_gemeente", "gemeenten_theme", "initiatives_organisation",
    "initiatives_presence", "initiatives_activity", "initiatives_activity_themes",
    "initiatives_occurrence", "initiatives_contactrequest", "statushouders_newcomer",
    "statushouders_begeleiding", "statushouders_referral", "statushouders_flag",
    "volunteers_volunteer", "volunteers_membership", "regie_taakstelling",
    "regie_expectedarrival",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument("--reuse", action="store_true",
                        help="do not migrate or generate when the preset and seed are there")
    parser.add_argument("--allow-sqlite", action="store_true",
                        help="run on SQLite anyway (a smoke test; the goal is not defined there)")
    return parser.parse_args(argv)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import secrets
    import warnings

    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()


def prepare_data(preset: str, seed: int, reuse: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from gemeenten.models import Gemeente

    tag = f"scale-{preset}-{seed}-"
    if not (reuse and Gemeente.objects.filter(slug__startswith=tag).exists()):
        call_command("migrate", verbosity=0)
        call_command("generate_scale", preset=preset, seed=seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def pick_gemeenten(preset: str, seed: int):
    """The gemeente with the most newcomers, and the one with the fewest."""
    from django.db.models import Count

    from gemeenten.models import Gemeente
    from gemeenten.scope import scopes_disabled
    from statushouders.models import Newcomer

    tag = f"scale-{preset}-{seed}-"
    with scopes_disabled():  # deliberately across the preset's gemeenten: which to measure
        sizes = dict(Newcomer.objects.filter(gemeente__slug__startswith=tag).order_by()
                     .values("gemeente").annotate(n=Count("pk")).values_list("gemeente", "n"))
    if not sizes:
        sys.exit(f"No newcomers in gemeenten {tag}*.")
    largest, smallest = max(sizes, key=sizes.get), min(sizes, key=sizes.get)
    found = Gemeente.objects.in_bulk([largest, smallest])
    return (found[largest], sizes[largest]), (found[smallest], sizes[smallest])


def regisseur_client(gemeente):
    """A test Client logged in as a regisseur of `gemeente` who passed the second factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gemeenten.choices import Role
    from gemeenten.models import User

    user, _created = User.objects.get_or_create(
        username=f"bench-regisseur-{gemeente.slug}",
        defaults={"role": Role.REGISSEUR, "gemeente": gemeente, "first_name": "Bench"})
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench",
                                                        defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def measure_dashboard(gemeente, *, repeat: int = 30, warmup: int = 3,
                      path: str = "/regie/") -> dict:
    """Median and p95 server time (ms) and the query count of the dashboard for a regisseur
    of `gemeente`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = regisseur_client(gemeente)
    for _ in range(warmup):
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    # Counted apart from the timed runs: capturing queries costs a little time itself.
    with CaptureQueriesContext(connection) as queries:
        client.get(path, secure=True)
    times.sort()
    return {
        "path": path,
        "median_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": len(queries),
        "slowest_queries_ms": sorted((float(q["time"]) * 1000 for q in
                                      queries.captured_queries), reverse=True)[:3],
    }


def _figure_sql(gemeente, user) -> list[str]:
    """The SQL of the dashboard's aggregates (its figures and the capacity chart), as the
    database received it: what the page computes, without Django around it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from regie.capacity import capacity_by_month
    from regie.dashboard import DashboardContext, dashboard_figures

    today = timezone.localdate()
    with CaptureQueriesContext(connection) as queries:
        dashboard_figures(DashboardContext(user=user, gemeente=gemeente, today=today))
        capacity_by_month(user, gemeente_id=gemeente.pk, today=today)
    return [q["sql"] for q in queries.captured_queries]


def measurements(run) -> list:
    """For `manage.py bench`: the dashboard of the gemeente with the most newcomers, set
    against the bare SQL of the same aggregates (run one after the other on one cursor), and
    the coverage matrix (/regie/dekking/), set against the trivial view."""
    from django.db import connection

    from bench.core import time_call
    from gemeenten.choices import Role
    from gemeenten.models import User
    from gemeenten.scope import gemeente_scope

    (gemeente, people), _smallest = pick_gemeenten(run.preset, run.seed)
    with gemeente_scope(gemeente):
        client = run.staff_client(Role.REGISSEUR, gemeente)
        user = User.objects.get(email=f"bench-{Role.REGISSEUR}-{gemeente.pk}-0@example.invalid")
        statements = _figure_sql(gemeente, user)

        def bare_sql():
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
                    cursor.fetchall()

        sql = time_call(bare_sql, repeat=run.repeat, warmup=run.warmup)
        page = run.page_figures(client, "regisseur", [
            ("regisseur: dashboard", "/regie/"),
        ], goal_ms=GOAL_MS)[0]
        page.baseline = f"bare SQL of its {len(statements)} aggregates"
        page.baseline_ms = sql.median_ms
        page.note = f"bare SQL cpu {sql.cpu_ms:.1f} ms"
        figures = [page]
        figures += run.page_figures(client, "regisseur", [
            ("regisseur: coverage matrix", "/regie/dekking/"),
        ], goal_ms=GOAL_MS)
    for figure in figures:
        figure.note = "; ".join(filter(None, [f"{people:,} newcomers", figure.note]))
    return figures


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql" and not args.allow_sqlite:
        sys.exit("The goal is defined on PostgreSQL: set DATABASE_URL, or pass --allow-sqlite.")
    prepare_data(args.preset, args.seed, args.reuse)
    (largest, people), (smallest, few) = pick_gemeenten(args.preset, args.seed)
    big = measure_dashboard(largest, repeat=args.repeat, warmup=args.warmup)
    small = measure_dashboard(smallest, repeat=max(3, args.repeat // 10), warmup=1)
    print(f"\n/regie/ on {connection.vendor}, preset {args.preset} seed {args.seed}, "
          f"{args.repeat} requests after {args.warmup} warm-ups")
    print(f"{'gemeente':<26}{'newcomers':>10}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for gemeente, n, figures in ((largest, people, big), (smallest, few, small)):
        print(f"{gemeente.slug:<26}{n:>10}{figures['median_ms']:>11.1f}"
              f"{figures['p95_ms']:>9.1f}{figures['queries']:>9}")
    print("slowest queries of the largest (ms): "
          + ", ".join(f"{ms:.1f}" for ms in big["slowest_queries_ms"]))
    met = big["median_ms"] < GOAL_MS
    print(f"\ngoal (median < {GOAL_MS:.0f} ms on PostgreSQL): {'met' if met else 'NOT met'}; "
          f"queries the same for both gemeenten: "
          f"{'yes' if big['queries'] == small['queries'] else 'NO'}")
    return big


if __name__ == "__main__":
    main()
