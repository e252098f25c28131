"""The schedule rules: which dates a weekly, biweekly, monthly or once schedule falls on."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from .choices import LAST_WEEK_OF_MONTH, Frequency


def first_on_or_after(start: date, day: int) -> date:
    return start + timedelta(days=(day - start.weekday()) % 7)


def schedule_dates(
    *,
    frequency: str,
    weekdays: list[int],
    valid_from: date,
    valid_until: date | None,
    window_start: date,
    window_end: date,
    week_of_month: int | None = None,
) -> list[date]:
    """Every date of the rule inside [window_start, window_end] and its validity.

    Biweekly counts from the first such day on or after valid_from, per day of the week;
    monthly takes the first such day of each month unless week_of_month says 1-4 or last.
    """
    end = min(window_end, valid_until) if valid_until else window_end
    if frequency == Frequency.ONCE:
        return [valid_from] if window_start <= valid_from <= end else []
    dates: set[date] = set()
    for day in weekdays:
        if frequency in (Frequency.WEEKLY, Frequency.BIWEEKLY):
            first = first_on_or_after(valid_from, day)
            interval = 2 if frequency == Frequency.BIWEEKLY else 1
            if first < window_start:
                # Jump close to the window, keeping the biweekly rhythm from valid_from.
                weeks = (window_start - first).days // 7
                first += timedelta(weeks=weeks - weeks % interval)
            rule = rrule(WEEKLY, interval=interval, dtstart=first, until=end)
        elif frequency == Frequency.MONTHLY:
            nth = week_of_month or 1
            if nth == LAST_WEEK_OF_MONTH:
                nth = -1
            month_start = max(valid_from, window_start).replace(day=1)
            rule = rrule(MONTHLY, byweekday=weekday(day)(nth), dtstart=month_start, until=end)
        else:
            raise ValueError(f"unknown frequency {frequency!r}")
        for moment in rule:
            d = moment.date()
            if d >= valid_from and d >= window_start:
                dates.add(d)
    return sorted(dates)


def window(today: date, months: int) -> tuple[date, date]:
    return today, today + relativedelta(months=months)
