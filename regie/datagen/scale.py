"""The regie step of `generate_scale`: each gemeente's taakstelling (this half year and the
next) and its expected arrivals for twelve months, in proportion to its newcomers, in waves.
Drawn from a seeded random.Random; bulk_create."""
from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.db.models import Count

from gemeenten.datagen.registry import ScaleRun
from statushouders.models import Newcomer

from ..models import ExpectedArrival, Taakstelling

# Statushouders to house per half year, per newcomer in begeleiding now: a gemeente with
# 1,000 people in begeleiding houses about 80 new ones per half year.
PER_NEWCOMER = 0.08
MONTHS = 12


def taakstelling_generate(run: ScaleRun) -> None:
    rng = run.rng("regie")
    people = dict(Newcomer.objects.filter(gemeente_id__in=run.gemeente_ids).order_by()
                  .values("gemeente_id").annotate(n=Count("pk")).values_list("gemeente_id", "n"))
    today = run.today
    half = 1 if today.month <= 6 else 2
    halves = [(today.year, half), (today.year + (half == 2), 2 if half == 1 else 1)]
    first = today.replace(day=1)
    taak, arrivals = [], []
    for gemeente_id in run.gemeente_ids:
        per_half = max(1, round(people.get(gemeente_id, 0) * PER_NEWCOMER))
        for year, which in halves:
            taak.append(Taakstelling(gemeente_id=gemeente_id, year=year, half=which,
                                     number=per_half + rng.randint(0, per_half // 5 + 1)))
        wave = rng.randrange(MONTHS)
        for offset in range(MONTHS):
            base = per_half / 6 * (2.5 if offset == wave else rng.uniform(0.5, 1.2))
            arrivals.append(ExpectedArrival(gemeente_id=gemeente_id,
                                            month=first + relativedelta(months=offset),
                                            number=round(base)))
    Taakstelling.objects.bulk_create(taak, batch_size=2000, ignore_conflicts=True)
    ExpectedArrival.objects.bulk_create(arrivals, batch_size=2000, ignore_conflicts=True)
    run.counts["taakstelling"] += len(taak)
    run.counts["expected arrivals"] += len(arrivals)


def taakstelling_delete(gemeenten) -> None:
    ExpectedArrival.objects.filter(gemeente__in=gemeenten).delete()
    Taakstelling.objects.filter(gemeente__in=gemeenten).delete()
