"""Demodam's taakstelling and expected arrivals (anonymous figures): this half year and the
next, and the coming six months with a wave in the fourth, so the dashboard shows a month
where begeleiding runs short. Idempotent: found by half year and month."""
from dateutil.relativedelta import relativedelta

from gemeenten.datagen.registry import Demo

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
