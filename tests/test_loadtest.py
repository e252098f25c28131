"""The load test (bench/loadtest.py) runs end to end and stops by itself, so that it cannot
silently break (issue 21): gunicorn with 4 workers under production settings, locust headless
with both journeys, the summary printed. A few users for a few seconds on the `small` preset in
a database file of its own; the figures are not asserted (they belong in bench/RESULTS.md)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="runs once, in the embedded run: it makes its own SQLite database file")
def test_the_load_test_runs_both_journeys_and_stops_by_itself(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'load.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env,
                   check=True, timeout=300)

    done = subprocess.run(
        [sys.executable, "bench/loadtest.py", "--preset", "small", "--users", "4",
         "--seconds", "8"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400)

    out = done.stdout
    assert done.returncode in (0, 1), done.stderr[-3000:]  # 1: the p95 goal was missed
    assert "requests/s" in out and "goal (p95 < 500 ms, 0 errors)" in out, out
    assert " 0 errors (0 tracebacks in the server log)" in out, out
    for page in ("infopunt: start", "regie: 2FA code"):
        assert page in out, out
