"""python manage.py bench [--preset small|city|national|stress] [--json]: every benchmark of
bench/ in one go on the current database, one table."""
import importlib
import json
import os
import time
import traceback

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gemeenten.datagen.scale import PRESETS
from gemeenten.scope import scopes_disabled


class Command(BaseCommand):
    help = ("Run every benchmark of bench/ on this database (the preset is generated first "
            "unless it is there) and print median and p95 server time, queries and the ratio "
            "to a baseline measured in the same run.")

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="city")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--repeat", type=int, default=20,
                            help="timed requests or calls per page or job")
        parser.add_argument("--only", action="append", default=[],
                            help="run only this measurement (bench module name); repeatable")
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print the figures as JSON")

    def handle(self, *args, preset, seed, repeat, only, as_json, **options):
        from bench import MEASUREMENTS
        from bench.core import BenchRun, ensure_preset, print_table, trivial_view_installed

        names = only or MEASUREMENTS
        unknown = sorted(set(names) - set(MEASUREMENTS))
        if unknown:
            raise CommandError(f"Unknown measurement {', '.join(unknown)}; "
                               f"known: {', '.join(MEASUREMENTS)}.")
        say = (lambda line: None) if as_json else self.stdout.write
        started = time.monotonic()
        # A benchmark reads and writes across the preset's gemeenten on purpose; each
        # measurement enters the gemeente scope of what it measures.
        with scopes_disabled():
            ensure_preset(preset, seed, reuse=True, log=say)
        run = BenchRun(preset=preset, seed=seed, repeat=repeat, log=say)
        figures, failed = [], []
        with trivial_view_installed():
            for name in names:
                module = importlib.import_module(f"bench.{name}")
                say(f"measuring {name} ...")
                began = time.monotonic()
                try:
                    figures += module.measurements(run)
                except Exception:  # one broken measurement must not hide the others' figures
                    failed.append(name)
                    self.stderr.write(f"{name} failed:\n{traceback.format_exc()}")
                # Where the run's minutes go: the issue bounds the whole run (city < 10 min).
                say(f"  {name}: {time.monotonic() - began:.0f} s")
        elapsed = time.monotonic() - started
        if as_json:
            self.stdout.write(json.dumps({
                "preset": preset, "seed": seed, "database": connection.vendor,
                "cpus": os.cpu_count(), "seconds": round(elapsed, 1), "failed": failed,
                "figures": [f.as_dict() for f in figures]}, indent=2))
        else:
            self.stdout.write(f"\nbench --preset {preset} on {connection.vendor}, "
                              f"{repeat} timed requests per page, {os.cpu_count()} CPUs, "
                              f"load average {os.getloadavg()[0]:.1f}\n")
            print_table(figures, out=self.stdout.write)
            self.stdout.write(f"\n{len(figures)} figures in {elapsed:.0f} s.")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}.")

