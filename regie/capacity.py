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
from django.db.models import Count, Q, Sum

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
    places = _offer_places(Activity.objects.for_user(user).public(gemeente_id),
                           themes, firsts, ends)

    rows, so_far = [], 0
    for i, first in enumerate(firsts):
        so_far += arrivals.get(first, 0)
        rows.append(MonthCapacity(
            month=first, arrivals=arrivals.get(first, 0), arrivals_so_far=so_far,
            begeleiding_capacity=capacity, begeleiding_running=running[f"m{i}"],
            taal_places=places.get(("taal", i), (0, 0))[0],
            taal_unknown=places.get(("taal", i), (0, 0))[1],
            maatje_places=places.get(("maatje", i), (0, 0))[0],
            maatje_unknown=places.get(("maatje", i), (0, 0))[1]))
    return rows


def _offer_places(offer, themes: dict[str, int], firsts, ends) -> dict:
    """{(theme slug, month index): (places stated, activities without a number)}: each
    activity counted once per month in which it has a date. One query: the gemeente's public
    activities of the themes, each paired with every month, kept when a probe into the
    occurrences' (activity, date) index finds a date in that month; summed per month and
    theme.

    A probe per activity and month (LIMIT 1: it stops at the first date) rather than reading
    every occurrence of the window and dropping the duplicates (18,000 rows at `city`, 41 ms):
    about 7,000 index probes at `city`, 15 ms at `national` where the old form took 35-41.
    The months are a derived table of constants (portable: a UNION ALL of SELECTs), not a
    CASE over the dates. In SQL because the ORM cannot join a table of constants; `offer`
    (the scoped public activities) is its subquery, so the tenant scope applies as
    everywhere."""
    from django.db import connection

    if not themes:
        return {}
    offer_sql, offer_params = offer.order_by().values("pk").query.sql_with_params()
    q = connection.ops.quote_name
    occurrence, through = q(Occurrence._meta.db_table), q(Activity.themes.through._meta.db_table)
    activity = q(Activity._meta.db_table)
    months = " UNION ALL ".join(
        f"SELECT {i} AS m, %s AS starts, %s AS ends" for i in range(len(firsts)))
    theme_in = ", ".join(["%s"] * len(themes))
    sql = (
        "SELECT t.theme_id, m.m, SUM(a.capacity), "
        "SUM(CASE WHEN a.capacity IS NULL THEN 1 ELSE 0 END) "
        f"FROM {activity} a INNER JOIN {through} t ON t.activity_id = a.id "
        f"CROSS JOIN ({months}) m "
        f"WHERE t.theme_id IN ({theme_in}) AND a.id IN ({offer_sql}) "
        f"AND (SELECT o.date FROM {occurrence} o WHERE o.activity_id = a.id "
        "AND o.date >= m.starts AND o.date < m.ends LIMIT 1) IS NOT NULL "
        "GROUP BY t.theme_id, m.m")
    params = [p for first, end in zip(firsts, ends, strict=True) for p in (first, end)]
    params += [*themes.values(), *offer_params]
    slugs = {pk: slug for slug, pk in themes.items()}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(slugs[theme], m): (places or 0, unknown or 0)
                for theme, m, places, unknown in cursor.fetchall()}
