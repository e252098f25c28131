"""One sentence for a schedule rule, the same words on the staff pages and on the infopunt:
a monthly activity says which week of the month it is on, in every language."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gemeenten.choices import Role
from initiatives.choices import LAST_WEEK_OF_MONTH, Frequency
from initiatives.models import Schedule
from initiatives.schedules import rule_text
from tests.factories import ScheduleFactory
from tests.infopunt.factories import public_activity

pytestmark = pytest.mark.django_db


def _monthly(week):
    return Schedule(frequency=Frequency.MONTHLY, weekdays="5", week_of_month=week,
                    start_time=datetime.time(10, 0), valid_from=datetime.date(2026, 1, 1))


@pytest.mark.parametrize(("week", "dutch"), [
    (1, "eerste week van de maand"), (2, "tweede week van de maand"),
    (3, "derde week van de maand"), (4, "vierde week van de maand"),
    (LAST_WEEK_OF_MONTH, "laatste week van de maand"),
    (None, "eerste week van de maand"),  # schedule_dates takes the first week then
])
def test_a_monthly_rule_names_its_week(week, dutch):
    with translation.override("nl"):
        assert rule_text(_monthly(week)) == f"Eén keer per maand op zaterdag ({dutch})"


@pytest.mark.parametrize(("language", "phrase"), [
    ("en", "first week of the month"), ("ar", "الأسبوع الأول من الشهر"),
    ("uk", "перший тиждень місяця"), ("fa", "هفته اول ماه"), ("so", "toddobaadka koowaad"),
    ("ti", "ቀዳማይ ሰሙን"), ("tr", "ayın ilk haftası"),
])
def test_the_week_is_said_in_every_infopunt_language(language, phrase):
    with translation.override(language):
        assert phrase in rule_text(_monthly(1))


def test_staff_and_infopunt_show_the_same_sentence(client, gemeente, login_as):
    activity = public_activity(gemeente, weekday=None, title="Kookles Verzonnen")
    ScheduleFactory(activity=activity, frequency=Frequency.MONTHLY, weekdays="5",
                    week_of_month=1, start_time=datetime.time(14, 0),
                    end_time=datetime.time(17, 0),
                    valid_from=timezone.localdate() - datetime.timedelta(days=30))
    sentence = "Eén keer per maand op zaterdag (eerste week van de maand)"
    public = client.get(f"/nl/infopunt/testdam/activiteit/{activity.pk}/").text
    assert f"{sentence}, \u206614:00–17:00\u2069" in public
    english = client.get(f"/en/infopunt/testdam/activiteit/{activity.pk}/").text
    assert "Once a month on Saturday (first week of the month), \u206614:00–17:00\u2069" in english
    login_as(Role.REGISSEUR, gemeente=gemeente)
    staff = client.get(reverse("initiatives:activity_detail", args=[activity.pk])).text
    assert sentence in staff


def test_the_infopunt_shows_a_seasons_end_as_staff_do(client, gemeente):
    activity = public_activity(gemeente, weekday=None)
    until = timezone.localdate() + datetime.timedelta(days=40)
    ScheduleFactory(activity=activity, weekdays="1", valid_until=until)
    html = client.get(f"/en/infopunt/testdam/activiteit/{activity.pk}/").text
    assert f"until {until.day} " in html and str(until.year) in html


def test_the_infopunt_shows_end_times_and_places_as_staff_do(client, gemeente):
    activity = public_activity(gemeente, capacity=12)  # weekly, 19:00-21:00
    html = client.get(f"/ar/infopunt/testdam/activiteit/{activity.pk}/").text
    assert '<bdi dir="ltr">19:00–21:00</bdi>' in html  # each next date, with its end
    assert "عدد الأماكن" in html and "<dd>12</dd>" in html  # "Number of places"
