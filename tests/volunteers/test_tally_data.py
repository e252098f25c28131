"""Tallies in seed_demo (visitors per wijk for the regie dashboard, idempotent) and in
generate_scale (skewed, removed again with --replace)."""
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gemeenten.datagen.demo import demo_seed
from gemeenten.models import Gemeente, User
from gemeenten.scope import gemeente_scope
from volunteers.models import SessionTally, Volunteer

pytestmark = pytest.mark.django_db


def test_seed_demo_has_tallies_in_two_wijken_and_a_second_run_adds_none():
    demo = demo_seed(today=date(2026, 3, 2))
    count = SessionTally.objects.count()
    assert count >= 12
    with gemeente_scope(demo.gemeente):
        rows = list(SessionTally.objects.in_gemeente(demo.gemeente).in_period(
            date(2026, 1, 1), date(2026, 3, 2)).per_wijk())
    assert {row["wijk_name"] for row in rows} == {"Centrum", "Molenwijk"}
    assert all(row["visitors"] > 0 for row in rows)
    demo_seed(today=date(2026, 3, 2))
    assert SessionTally.objects.count() == count
    assert Volunteer.objects.get(user=User.objects.get(username="vrijwilliger")).first_name \
        == "Vera"


def test_generate_scale_makes_skewed_tallies_and_replaces_them():
    call_command("generate_scale", "--preset", "small", "--seed", "4", stdout=StringIO())
    gemeente = Gemeente.objects.get(slug__startswith="scale-small-4-")
    totals = sorted(SessionTally.objects.filter(gemeente=gemeente)
                    .values_list("total", flat=True))
    assert len(totals) > 300
    median = totals[len(totals) // 2]
    assert totals[-1] > 4 * median  # a long tail of busy sessions
    assert SessionTally.objects.filter(activity__gemeente=gemeente).count() == len(totals)
    call_command("generate_scale", "--preset", "small", "--seed", "4", "--replace",
                 stdout=StringIO())
    assert sorted(SessionTally.objects.values_list("total", flat=True)) == totals
