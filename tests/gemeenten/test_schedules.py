"""The schedule rules, including month ends and the daylight-saving change."""
import datetime as dt

import pytest

from initiatives.schedules import schedule_dates
from initiatives.services import activity_refresh
from tests.factories import ScheduleFactory

D = dt.date


def dates(**kw):
    base = {"valid_until": None, "window_start": D(2026, 1, 1), "window_end": D(2027, 12, 31)}
    base.update(kw)
    return schedule_dates(**base)


def test_biweekly_counts_from_first_such_day_on_or_after_valid_from():
    # 2026-09-04 is a Friday: the first Monday is 09-07, then every second Monday.
    got = dates(frequency="biweekly", weekdays=[0], valid_from=D(2026, 9, 4),
                window_end=D(2026, 11, 3))
    assert got == [D(2026, 9, 7), D(2026, 9, 21), D(2026, 10, 5), D(2026, 10, 19),
                   D(2026, 11, 2)]


def test_biweekly_across_month_end_keeps_rhythm_when_window_starts_later():
    got = dates(frequency="biweekly", weekdays=[3], valid_from=D(2026, 1, 1),
                window_start=D(2026, 3, 20), window_end=D(2026, 4, 20))
    # 2026-01-01 is a Thursday: every second Thursday from there.
    assert got == [D(2026, 3, 26), D(2026, 4, 9)]
    assert all((d - D(2026, 1, 1)).days % 14 == 0 for d in got)


def test_monthly_first_weekday_across_year_end():
    got = dates(frequency="monthly", weekdays=[5], valid_from=D(2026, 11, 1),
                window_end=D(2027, 2, 28))
    assert got == [D(2026, 11, 7), D(2026, 12, 5), D(2027, 1, 2), D(2027, 2, 6)]


def test_monthly_last_and_third_weekday():
    last = dates(frequency="monthly", weekdays=[4], valid_from=D(2026, 10, 1),
                 window_end=D(2026, 12, 31), week_of_month=-1)
    assert last == [D(2026, 10, 30), D(2026, 11, 27), D(2026, 12, 25)]
    third = dates(frequency="monthly", weekdays=[1], valid_from=D(2026, 10, 1),
                  window_end=D(2026, 11, 30), week_of_month=3)
    assert third == [D(2026, 10, 20), D(2026, 11, 17)]


def test_monthly_respects_valid_from_inside_the_month():
    got = dates(frequency="monthly", weekdays=[0], valid_from=D(2026, 10, 10),
                window_end=D(2026, 11, 30))
    assert got == [D(2026, 11, 2)]  # the first Monday of October lies before valid_from


def test_once_and_valid_until():
    assert dates(frequency="once", weekdays=[], valid_from=D(2026, 5, 5)) == [D(2026, 5, 5)]
    weekly = dates(frequency="weekly", weekdays=[2], valid_from=D(2026, 6, 1),
                   valid_until=D(2026, 6, 20))
    assert weekly == [D(2026, 6, 3), D(2026, 6, 10), D(2026, 6, 17)]


@pytest.mark.django_db
def test_occurrences_keep_local_time_across_daylight_saving_change():
    # Summer time ends on Sunday 2026-10-25 in the Netherlands.
    schedule = ScheduleFactory(frequency="biweekly", weekdays="5", valid_from=D(2026, 10, 10),
                               start_time=dt.time(19, 0), end_time=dt.time(21, 0))
    activity_refresh(schedule.activity, today=D(2026, 10, 1))
    occ = list(schedule.occurrences.order_by("date")[:3])
    assert [o.date for o in occ] == [D(2026, 10, 10), D(2026, 10, 24), D(2026, 11, 7)]
    from zoneinfo import ZoneInfo

    ams = ZoneInfo("Europe/Amsterdam")
    assert {o.starts_at.astimezone(ams).hour for o in occ} == {19}
    utc_hours = [o.starts_at.astimezone(dt.UTC).hour for o in occ]
    assert utc_hours == [17, 17, 18]


@pytest.mark.django_db
def test_refresh_is_idempotent_and_follows_a_changed_rule():
    schedule = ScheduleFactory(frequency="weekly", weekdays="0", valid_from=D(2026, 1, 1))
    today = D(2026, 11, 25)
    activity_refresh(schedule.activity, today=today)
    first = set(schedule.occurrences.values_list("pk", "date"))
    activity_refresh(schedule.activity, today=today)
    assert set(schedule.occurrences.values_list("pk", "date")) == first
    assert all(d.weekday() == 0 for _pk, d in first)
    assert max(d for _pk, d in first) <= D(2027, 12, 25)
    schedule.weekdays = "3"
    schedule.save()
    activity_refresh(schedule.activity, today=today)
    assert {d.weekday() for d in schedule.occurrences.values_list("date", flat=True)} == {3}


@pytest.mark.django_db
def test_monthly_keeps_local_time_across_the_spring_daylight_saving_change():
    # Summer time starts on Sunday 2027-03-28: the first Saturday of March is in winter time,
    # that of April in summer time; both start at 10:00 on the clock.
    from zoneinfo import ZoneInfo

    schedule = ScheduleFactory(frequency="monthly", weekdays="5", valid_from=D(2027, 2, 1),
                               start_time=dt.time(10, 0), end_time=dt.time(12, 0))
    activity_refresh(schedule.activity, today=D(2027, 1, 15))
    occ = list(schedule.occurrences.order_by("date")[:3])
    assert [o.date for o in occ] == [D(2027, 2, 6), D(2027, 3, 6), D(2027, 4, 3)]
    ams = ZoneInfo("Europe/Amsterdam")
    assert {o.starts_at.astimezone(ams).hour for o in occ} == {10}
    assert [o.starts_at.astimezone(dt.UTC).hour for o in occ] == [9, 9, 8]
