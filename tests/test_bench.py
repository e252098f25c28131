"""`manage.py bench` runs every measurement end to end on the `small` preset, so that no
benchmark can silently break (issue 21). Figures are not asserted: timings belong in the
benchmark's output, not in tests."""
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bench import MEASUREMENTS


@pytest.mark.django_db
def test_bench_runs_every_measurement_on_the_small_preset():
    out = StringIO()
    call_command("bench", preset="small", repeat=1, as_json=True, stdout=out)

    result = json.loads(out.getvalue())
    assert result["failed"] == []
    names = [figure["name"] for figure in result["figures"]]
    for prefix in ("infopunt: start screen", "regisseur: organisation list",
                   "regisseur: activity list", "regisseur: worklist",
                   "regisseur: dashboard", "regisseur: coverage matrix", "raise_flags, run 1",
                   "import of 1,000 rows", "overlap detection, run 1",
                   "matching suggestions, 500 volunteers"):
        assert any(name.startswith(prefix) for name in names), prefix
    pages = [f for f in result["figures"] if f["baseline"].startswith("trivial view")]
    assert pages and all(f["queries"] > 0 and f["ratio"] > 0 and f["cpu_ms"] > 0 for f in pages)
    dashboard = next(f for f in result["figures"] if f["name"] == "regisseur: dashboard")
    assert dashboard["baseline"].startswith("bare SQL") and dashboard["baseline_ms"] > 0
    assert len(MEASUREMENTS) == len({name for name in MEASUREMENTS})


@pytest.mark.django_db
def test_an_unknown_measurement_is_a_clear_error():
    with pytest.raises(CommandError, match="Unknown measurement nothing"):
        call_command("bench", preset="small", only=["nothing"], stdout=StringIO())
