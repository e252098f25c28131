"""Taakstelling and expected arrivals. seed_demo: Demodam's taakstelling and expected arrivals (anonymous figures): this half year and the
next, and the coming six months with a wave in the fourth, so the dashboard shows a month
where begeleiding runs short. Idempotent: found by half year and month.

generate_scale: each gemeente's taakstelling (this half year and the
next) and its expected arrivals for twelve months, in proportion to its newcomers, in waves.
Drawn from a seeded random.Random; bulk_create."""
from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.db.models import Count

from gemeenten.datagen.registry import Demo, ScaleRun
from statushouders.models import Newcomer

from ..models import ExpectedArrival, Taakstelling

# months from this one: (expected arrivals, note)
ARRIVALS = [(4, ""), (6, ""), (5, "twee gezinnen via gezinshereniging"),
            (18, "vooral gezinnen, Molenwijk"), (3, ""), (7, "")]
TAAKSTELLING = (36, 40)  # this half year, the next


def demo_taakstelling(demo: Demo) -> None:
    today = demo.today
    half = 1 if today.month <= 6 else 2
    halves = [(today.year, half), (today.year + (half == 2), 2 if half == 1 else 1)]
    for (year, which), number in zip(halves, TAAKSTELLING, strict=True):
        _row, created = Taakstelling.objects.get_or_create(
            gemeente=demo.gemeente, year=year, half=which, defaults={"number": number})
        demo.created["taakstelling"] += int(created)
    first = today.replace(day=1)
    for offset, (number, note) in enumerate(ARRIVALS):
        _row, created = ExpectedArrival.objects.get_or_create(
            gemeente=demo.gemeente, month=first + relativedelta(months=offset),
            defaults={"number": number, "note": note})
        demo.created["expected arrivals"] += int(created)




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
