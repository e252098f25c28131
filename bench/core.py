"""What every benchmark of bench/ shares: Django set-up, the data of a preset, timing pages and
calls, and the baselines each figure is set against.

Each measuring module of bench/ (infopunt.py, staff_pages.py, raise_flags.py, ...) has a
function `measurements(run: BenchRun) -> list[Figure]` and stays a script of its own
(`python bench/<module>.py`); `python manage.py bench` imports the same modules and prints
their figures in one table. One implementation of each measurement.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """For the scripts: Django with the project's settings, measured as deployed (DEBUG off
    unless the environment says otherwise). The key only has to be valid: nothing signed
    leaves this process."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import secrets
    import warnings

    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
    import django

    django.setup()


def ensure_preset(preset: str, seed: int, *, reuse: bool = False, log=print) -> None:
    """Migrate and generate the preset unless it is there; fresh planner statistics."""
    from django.core.management import call_command

    from gemeenten.models import Gemeente

    call_command("migrate", verbosity=0)
    tag = f"scale-{preset}-{seed}-"
    if not (reuse and Gemeente.objects.filter(slug__startswith=tag).exists()):
        started = time.monotonic()
        call_command("generate_scale", preset=preset, seed=seed, stdout=_Quiet())
        log(f"preset {preset} (seed {seed}) ready in {time.monotonic() - started:.0f} s")
    analyze()


def analyze() -> None:
    """VACUUM ANALYZE the whole database on PostgreSQL, as autovacuum keeps it on a live one:
    with the statistics of empty tables a freshly loaded table is planned as if it were empty,
    and without a visibility map no index-only scan can skip the table (the infopunt's covering
    index read 17,700 buffers at `stress` before a vacuum). Quick once done: a vacuumed table's
    pages are skipped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (the test of the bench runs in one).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Figure:
    """One row of the table: a page or a job, its server time and its queries, and what it is
    set against."""

    name: str
    median_ms: float
    p95_ms: float
    queries: int | None
    baseline: str = ""
    baseline_ms: float | None = None
    goal_ms: float | None = None
    note: str = ""
    # The median CPU time of this process (time.process_time) per request or call: on a
    # shared machine the wall time grows with the others' load, this hardly does (it leaves
    # out the database server's own time).
    cpu_ms: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline_ms:
            return None
        return self.median_ms / self.baseline_ms

    @property
    def met(self) -> bool | None:
        return None if self.goal_ms is None else self.median_ms < self.goal_ms

    def as_dict(self) -> dict:
        return {"name": self.name, "median_ms": round(self.median_ms, 2),
                "p95_ms": round(self.p95_ms, 2), "queries": self.queries,
                "baseline": self.baseline,
                "baseline_ms": None if self.baseline_ms is None else round(self.baseline_ms, 2),
                "ratio": None if self.ratio is None else round(self.ratio, 1),
                "goal_ms": self.goal_ms, "met": self.met, "note": self.note,
                "cpu_ms": None if self.cpu_ms is None else round(self.cpu_ms, 2)}


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    queries: int
    samples: list[float] = field(default_factory=list)
    cpu_ms: float | None = None


def time_requests(client, urls: list[str], *, repeat: int, warmup: int = 2,
                  expect=(200,)) -> list[Timing]:
    """Median and p95 per URL. The URLs take turns, one request each per round, so a burst of
    other work on the machine falls on every page alike. Queries are counted in one extra
    request, apart from the timed ones (capturing costs time itself)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        for _ in range(warmup):
            response = client.get(url, secure=True)
            if response.status_code not in expect:
                raise RuntimeError(f"{url} answered {response.status_code}")
    samples: list[list[float]] = [[] for _url in urls]
    cpu: list[list[float]] = [[] for _url in urls]
    for _ in range(repeat):
        for i, url in enumerate(urls):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url, secure=True)
            samples[i].append((time.perf_counter() - started) * 1000)
            cpu[i].append((time.process_time() - started_cpu) * 1000)
    timings = []
    for url, page, page_cpu in zip(urls, samples, cpu, strict=True):
        with CaptureQueriesContext(connection) as queries:
            client.get(url, secure=True)
        timings.append(Timing(statistics.median(page), percentile(page, 0.95),
                              len(queries), page, statistics.median(page_cpu)))
    return timings


def time_call(fn: Callable[[], object], *, repeat: int, warmup: int = 1) -> Timing:
    """Median and p95 of a function call, and the queries of one more call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fn()
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        fn()
    return Timing(statistics.median(samples), percentile(samples, 0.95), len(queries), samples,
                  statistics.median(cpu))


def time_sql(sql: str, params=(), *, repeat: int, warmup: int = 1) -> Timing:
    """The bare SQL of an aggregate, the baseline of a dashboard figure."""
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return time_call(run, repeat=repeat, warmup=warmup)


@dataclass
class BenchRun:
    """What one run of the benchmarks shares: the preset, the repeat counts, the clients and
    the baselines (measured once per run, in the same process and minute as the figures)."""

    preset: str
    seed: int = 1
    repeat: int = 30
    warmup: int = 2
    log: Callable[[str], None] = print
    _baselines: dict[str, float] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        return f"scale-{self.preset}-{self.seed}-"

    # --- the gemeenten to measure in ---------------------------------------------------------

    def largest_gemeente(self):
        """The preset's gemeente with the most activities: where lists are longest."""
        from django.db.models import Count

        from gemeenten.models import Gemeente
        from gemeenten.scope import scopes_disabled

        with scopes_disabled():  # deliberately across the preset's gemeenten: which to measure
            return (Gemeente.objects.filter(slug__startswith=self.tag)
                    .annotate(n=Count("activities")).order_by("-n", "pk").first())

    # --- clients ---------------------------------------------------------------------------

    def anonymous_client(self):
        from django.test import Client

        return Client()

    def staff_client(self, role: str, gemeente, organisation=None):
        """A client logged in as a bench account of that role in that gemeente (made once,
        with an obviously invented address), its session verified by a TOTP device as after
        a real log-in with 2FA."""
        from django.test import Client
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from gemeenten.models import User

        email = f"bench-{role}-{gemeente.pk}-{organisation.pk if organisation else 0}@example.invalid"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                username=email, email=email, password=None, role=role, gemeente=gemeente,
                first_name="Bench", last_name=role.title())
        if organisation is not None:
            organisation.staff.add(user)
        client = Client()
        client.force_login(user)
        if user.needs_two_factor:
            device = (TOTPDevice.objects.filter(user=user, confirmed=True).first()
                      or TOTPDevice.objects.create(user=user, name="bench", confirmed=True))
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    # --- baselines -------------------------------------------------------------------------

    def trivial_page_ms(self, client, kind: str) -> float:
        """The median of a trivial Django view through the same middleware and client: the
        floor under every page (`kind` names the client: anonymous, or logged in)."""
        if kind not in self._baselines:
            timing = time_requests(client, [TRIVIAL_URL], repeat=max(self.repeat, 20))[0]
            self._baselines[kind] = timing.median_ms
        return self._baselines[kind]

    def page_figures(self, client, kind: str, pages: list[tuple[str, str]], *,
                     goal_ms: float | None = None) -> list[Figure]:
        """Figures of (name, URL) pages, each set against the trivial view with this client."""
        baseline = self.trivial_page_ms(client, kind)
        timings = time_requests(client, [url for _name, url in pages], repeat=self.repeat,
                                warmup=self.warmup)
        return [Figure(name, t.median_ms, t.p95_ms, t.queries,
                       baseline=f"trivial view ({kind})", baseline_ms=baseline, goal_ms=goal_ms,
                       cpu_ms=t.cpu_ms)
                for (name, _url), t in zip(pages, timings, strict=True)]


TRIVIAL_URL = "/__bench__/trivial/"


def trivial_view_installed():
    """Route TRIVIAL_URL to a view that does nothing but read the user (so a logged-in
    client pays for its session and user, as every staff page does): a context manager, or
    `.enable()` for the rest of a script."""
    from django.test.utils import override_settings

    return override_settings(ROOT_URLCONF="bench.urls")


def install_trivial_view() -> None:
    trivial_view_installed().enable()


def print_table(figures: list[Figure], out=print) -> None:
    header = (f"{'measured':<44} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>7} "
              f"{'ratio':>6}  baseline (ms) · goal")
    out(header)
    out("-" * len(header))
    for f in figures:
        ratio = "" if f.ratio is None else f"{f.ratio:.1f}×"
        queries = "" if f.queries is None else str(f.queries)
        cpu = "" if f.cpu_ms is None else f"{f.cpu_ms:.1f}"
        base = f"{f.baseline} {f.baseline_ms:.1f}" if f.baseline_ms is not None else f.baseline
        goal = ""
        if f.goal_ms is not None:
            goal = f" · < {f.goal_ms:g} ms {'met' if f.met else 'NOT MET'}"
        note = f" · {f.note}" if f.note else ""
        out(f"{f.name:<44} {f.median_ms:>9.1f} {f.p95_ms:>8.1f} {cpu:>7} {queries:>7} {ratio:>6}  "
            f"{base}{goal}{note}")
