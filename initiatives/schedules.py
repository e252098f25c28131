"""The schedule rules: which dates a weekly, biweekly, monthly or once schedule falls on, and
the one sentence that says so (staff pages and the infopunt alike)."""
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule, weekday
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import LAST_WEEK_OF_MONTH, WEEKDAYS, Frequency

# Whole phrases, not "first" + "week of the month": word order and agreement differ per
# language.
WEEK_OF_MONTH_PHRASES = {
    1: _("first week of the month"),
    2: _("second week of the month"),
    3: _("third week of the month"),
    4: _("fourth week of the month"),
    LAST_WEEK_OF_MONTH: _("last week of the month"),
}


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
            # What rrule(WEEKLY, interval, dtstart=first, until=end) gives, by adding
            # weeks: a fraction of rrule's time, for the 250,000 dates of a large import.
            step = timedelta(weeks=interval)
            while first <= end:
                if first >= valid_from and first >= window_start:
                    dates.add(first)
                first += step
        elif frequency == Frequency.MONTHLY:
            nth = week_of_month or 1
            if nth == LAST_WEEK_OF_MONTH:
                nth = -1
            month_start = max(valid_from, window_start).replace(day=1)
            for moment in rrule(MONTHLY, byweekday=weekday(day)(nth), dtstart=month_start,
                                until=end):
                d = moment.date()
                if d >= valid_from and d >= window_start:
                    dates.add(d)
        else:
            raise ValueError(f"unknown frequency {frequency!r}")
    return sorted(dates)


def window(today: date, months: int) -> tuple[date, date]:
    return today, today + relativedelta(months=months)


def rule_text(schedule) -> str:
    """How often and on which days, in the active language: "Once a month on Saturday (first
    week of the month)". Without times or validity, which each page shows its own way.

    A monthly rule without a week falls in the first week (`schedule_dates`), so it says so.
    """
    names = dict(WEEKDAYS)
    days = ", ".join(str(names[d]) for d in schedule.weekday_list if d in names)
    if schedule.frequency == Frequency.ONCE:
        return gettext("Once, on %(date)s") % {
            "date": date_format(schedule.valid_from, "l j E Y")}
    if schedule.frequency == Frequency.BIWEEKLY:
        return gettext("Every two weeks on %(days)s") % {"days": days}
    if schedule.frequency == Frequency.MONTHLY:
        text = gettext("Once a month on %(days)s") % {"days": days}
        week = WEEK_OF_MONTH_PHRASES.get(schedule.week_of_month or 1)
        return f"{text} ({week})" if week else text
    return gettext("Every week on %(days)s") % {"days": days}
