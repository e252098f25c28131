#!/usr/bin/env python
"""Load test (issue 21): gunicorn with 4 workers and production settings on loopback, locust
with the infopunt and the regie journey (bench/locustfile.py) at 50 concurrent users with
1–3 s think time for 60 s. Prints requests per second, p95 and the error count; stops by
itself (locust's --run-time, and a hard timeout around it).

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_bench \\
        .venv/bin/python bench/loadtest.py [--preset city] [--users 50] [--seconds 60]

Production settings: DEBUG off, a random SECRET_KEY, ALLOWED_HOSTS 127.0.0.1. Only the
HTTPS requirement is relaxed, by the explicit setting LOOPBACK_PLAIN_HTTP=1, which the
settings accept only when every allowed host is a loopback address. Goal: p95 under
500 ms and 0 errors at 50 users.
"""
import argparse
import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.core import BenchRun, ensure_preset, setup_django  # noqa: E402

P95_GOAL_MS = 500.0
PASSWORD = "loadtest-" + secrets.token_urlsafe(12)


def production_environment(port: int) -> dict:
    env = dict(os.environ)
    env.update({
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
        "LOOPBACK_PLAIN_HTTP": "1", "GUNICORN_WORKERS": "4",
        "GUNICORN_BIND": f"127.0.0.1:{port}", "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
    })
    return env


def prepare(preset: str, seed: int, users: int) -> dict:
    """The preset's largest gemeente, its regisseur accounts (one per simulated user, each
    with its own TOTP device) and the URLs of the journeys."""
    from django.db.models import Count
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gemeenten.choices import Role
    from gemeenten.models import User
    from gemeenten.scope import gemeente_scope
    from initiatives.models import Activity

    ensure_preset(preset, seed, reuse=True)
    gemeente = BenchRun(preset=preset, seed=seed).largest_gemeente()
    with gemeente_scope(gemeente):
        public = Activity.objects.public(gemeente)
        theme = (public.values("themes__slug").exclude(themes__slug=None)
                 .annotate(n=Count("pk")).order_by("-n")[0]["themes__slug"])
        activity = public.order_by("pk").first()
    accounts = []
    for n in range(users):
        email = f"loadtest-{n:02d}-{gemeente.pk}@example.invalid"
        user = User.objects.filter(email=email).first() or User(
            username=email, email=email, role=Role.REGISSEUR, gemeente=gemeente,
            first_name="Load", last_name=f"Test {n:02d}")
        user.set_password(PASSWORD)
        user.save()
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="loadtest", confirmed=True)
        accounts.append((email, PASSWORD, device.key))
    return {"infopunt": f"/nl/infopunt/{gemeente.slug}/", "theme": theme,
            "activity": activity.pk, "accounts": accounts, "gemeente": gemeente.slug}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP answer (503 while a job is late) is up
                return
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within a minute")


def warm_up(port: int, plan: dict, rounds: int = 8) -> None:
    """A deployed server has served these pages before: each of the 4 workers loads its
    templates, translations and caches on its first requests. A few untimed rounds first, so
    that the figures are those of a running portal and not of four cold starts."""
    base = f"http://127.0.0.1:{port}"
    paths = [plan["infopunt"], f"{plan['infopunt']}aanbod/?thema={plan['theme']}",
             f"{plan['infopunt']}activiteit/{plan['activity']}/", "/account/login/"]
    for _ in range(rounds):
        for path in paths:
            try:
                with urllib.request.urlopen(base + path, timeout=30):
                    pass
            except OSError:
                pass  # the run itself counts errors


def summary(stats_csv: Path) -> dict:
    with stats_csv.open() as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        "requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]), "median_ms": float(total["Median Response Time"]),
        "p95_ms": float(total["95%"]),
        "pages": [(r["Name"], int(r["Request Count"]), float(r["95%"]))
                  for r in rows if r["Name"] != "Aggregated"],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    plan = prepare(args.preset, args.seed, args.users)
    connection.close()
    port = free_port()
    env = production_environment(port)
    env["LOADTEST_PLAN"] = json.dumps(plan)
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        log = open(Path(tmp) / "gunicorn.log", "w")  # noqa: SIM115  closed below
        server = subprocess.Popen(
            [str(bin_dir / "gunicorn"), "regie.wsgi", "-c", "gunicorn.conf.py",
             "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(port)
            warm_up(port, plan)
            print(f"gunicorn (4 workers, DEBUG off) on 127.0.0.1:{port}; gemeente "
                  f"{plan['gemeente']}; {args.users} users for {args.seconds} s ...")
            subprocess.run(
                [str(bin_dir / "locust"), "-f", str(ROOT / "bench/locustfile.py"), "--headless",
                 "-u", str(args.users), "-r", str(max(1, args.users // 5)),
                 "-t", f"{args.seconds}s", "--host", f"http://127.0.0.1:{port}",
                 "--csv", str(Path(tmp) / "load"), "--only-summary", "--stop-timeout", "5"],
                cwd=ROOT, env=env, timeout=args.seconds + 120, check=False,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            result = summary(Path(tmp) / "load_stats.csv")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
        errors = (Path(tmp) / "gunicorn.log").read_text().count("Traceback")
    print(f"\n{'page':<32} {'requests':>8} {'p95 ms':>7}")
    for name, count, p95 in result["pages"]:
        print(f"{name:<32} {count:>8} {p95:>7.0f}")
    met = result["p95_ms"] < P95_GOAL_MS and result["failures"] == 0
    print(f"\n{result['requests']} requests, {result['rps']:.1f} requests/s, median "
          f"{result['median_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
          f"{result['failures']} errors ({errors} tracebacks in the server log)")
    print(f"goal (p95 < {P95_GOAL_MS:.0f} ms, 0 errors): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
