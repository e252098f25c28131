"""Expected arrivals set against capacity, by month: the begeleiding capacity of the
organisations that give begeleiding (people at once, Organisation.begeleiding_capacity) and
the taal and maatje offer (the places the activities state, Activity.capacity).

What is counted, so the page can say it plainly:
- begeleiding places free in a month = the capacity of the organisations that state one,
  minus their begeleidingen still running in that month (started, not ended, planned end
  not before the month);
- after the arrivals = those free places minus the arrivals expected from this month up to
  and including that month (each arriving person is assumed to start begeleiding in the
  month of arrival and to stay beyond the months shown);
- taal and maatje: the places the public activities of that theme with a date in the month
  state; the portal does not know how many are taken, so it is the size of the offer, not
  its free room, and activities without a number of places are counted apart.

Five queries whatever the number of months or rows (each month is a conditional aggregate).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q, Sum

from gemeenten.models import Theme
from initiatives.models import Activity, Occurrence, Organisation
from statushouders.models import Begeleiding

OFFER_THEMES = ("taal", "maatje")
MONTHS_ON_DASHBOARD = 6
QUERIES = 5


@dataclass
class MonthCapacity:
    month: date
    arrivals: int
    arrivals_so_far: int
    begeleiding_capacity: int
    begeleiding_running: int
    taal_places: int
    taal_unknown: int
    maatje_places: int
    maatje_unknown: int

    @property
    def month_key(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def begeleiding_free(self) -> int:
        return self.begeleiding_capacity - self.begeleiding_running

    @property
    def after_arrivals(self) -> int:
        return self.begeleiding_free - self.arrivals_so_far

    @property
    def short(self) -> bool:
        return self.after_arrivals < 0


def _months(first: date, count: int) -> list[date]:
    return [first + relativedelta(months=i) for i in range(count)]


def capacity_by_month(user, *, gemeente_id: int, today: date,
                      months: int = MONTHS_ON_DASHBOARD) -> list[MonthCapacity]:
    from .models import ExpectedArrival

    firsts = _months(today.replace(day=1), months)
    ends = [first + relativedelta(months=1) for first in firsts]  # exclusive

    # 1. arrivals per month
    arrivals = dict(ExpectedArrival.objects.for_user(user)
                    .filter(month__gte=firsts[0], month__lt=ends[-1])
                    .values_list("month", "number"))

    # 2. the capacity of the organisations that state one
    givers = Organisation.objects.for_user(user).filter(begeleiding_capacity__isnull=False)
    capacity = givers.aggregate(n=Sum("begeleiding_capacity"))["n"] or 0

    # 3. their begeleidingen running in each month
    running = (Begeleiding.objects.for_user(user)
               .filter(organisation__in=givers.values("pk"), actual_end__isnull=True,
                       newcomer__anonymised_at__isnull=True)
               .aggregate(**{
                   f"m{i}": Count("pk", filter=Q(start__lt=end) & (
                       Q(planned_end__isnull=True) | Q(planned_end__gte=first)))
                   for i, (first, end) in enumerate(zip(firsts, ends, strict=True))}))

    # 4. the themes; 5. the taal and maatje offer per month
    themes = dict(Theme.objects.filter(slug__in=OFFER_THEMES).values_list("slug", "pk"))
    offer = Activity.objects.for_user(user).public(gemeente_id)
    # Exists() straight in each filter: an aggregate over Exists annotations loses them.
    is_theme = {slug: Exists(Activity.themes.through.objects.filter(
        activity_id=OuterRef("pk"), theme_id=themes.get(slug, 0))) for slug in OFFER_THEMES}
    aggregates = {}
    for i, (first, end) in enumerate(zip(firsts, ends, strict=True)):
        dated_in = Exists(Occurrence.objects.filter(
            activity=OuterRef("pk"), date__gte=first, date__lt=end))
        for slug in OFFER_THEMES:
            dated = Q(is_theme[slug]) & Q(dated_in)
            aggregates[f"{slug}_{i}"] = Sum("capacity", filter=dated)
            aggregates[f"{slug}_unknown_{i}"] = Count(
                "pk", filter=dated & Q(capacity__isnull=True))
    places = offer.aggregate(**aggregates)

    rows, so_far = [], 0
    for i, first in enumerate(firsts):
        so_far += arrivals.get(first, 0)
        rows.append(MonthCapacity(
            month=first, arrivals=arrivals.get(first, 0), arrivals_so_far=so_far,
            begeleiding_capacity=capacity, begeleiding_running=running[f"m{i}"],
            taal_places=places[f"taal_{i}"] or 0, taal_unknown=places[f"taal_unknown_{i}"],
            maatje_places=places[f"maatje_{i}"] or 0,
            maatje_unknown=places[f"maatje_unknown_{i}"]))
    return rows
