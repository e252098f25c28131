"""The report for the council: each figure against a hand-computed value on a small fixture,
suppression in its tables, the exports (content, formula neutralisation, audit) and a
constant number of queries."""
import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.exports import as_csv, as_xlsx, neutralise
from gemeenten.models import AuditEvent, Wijk
from initiatives.models import Funding
from regie import report as reports
from tests.factories import ActivityFactory, organisation_in

from .helpers import newcomer, referral

Q2 = reports.parse_period("2026-K2")  # 1 April .. 30 June 2026


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def world(gemeente):
    noord = Wijk.objects.create(gemeente=gemeente, name="Noord")
    zuid = Wijk.objects.create(gemeente=gemeente, name="Zuid")
    welkom = organisation_in(gemeente, name="Stichting Welkom Test")
    taal = organisation_in(gemeente, name="Taalcafé Test", newcomer_led=True)
    organisation_in(gemeente, name="Wandelclub Test")
    # 12 people in Noord (Arabic), 4 in Zuid (Tigrinya), each referred once in April;
    # 11 of Noord's referrals accepted; one more referral in July (outside Q2).
    people = ([newcomer(gemeente, welkom, wijk=noord, languages=["ar"]) for _ in range(12)]
              + [newcomer(gemeente, welkom, wijk=zuid, languages=["ti"]) for _ in range(4)])
    for n, person in enumerate(people):
        referral(gemeente, person, to=taal, sent=_at(datetime.date(2026, 4, 10)),
                 accepted=_at(datetime.date(2026, 4, 12)) if n < 11 else None)
    referral(gemeente, people[0], to=taal, sent=_at(datetime.date(2026, 7, 2)))
    return {"gemeente": gemeente, "noord": noord, "zuid": zuid, "welkom": welkom,
            "taal": taal, "people": people}


def test_people_referred_by_wijk_and_language(world):
    wijken = [world["noord"], world["zuid"]]
    from gemeenten.models import Language

    reach = reports.people_referred(world["gemeente"], Q2, wijken, list(Language.objects.all()))
    rows = dict(reach.by_wijk.rows)
    assert rows["Noord"].value == 12 and rows["Zuid"].value == 4
    assert rows["Zuid"].display == "< 10"
    # Total 16 printed: Zuid's 4 would be 16 - 12, so 12 is hidden too.
    assert reach.by_wijk.total.display == "16"
    assert rows["Noord"].display == "×"
    languages = dict(reach.by_language.rows)
    assert languages["Arabisch"].value == 12 and languages["Tigrinya"].display == "< 10"


def test_referrals_made_and_accepted_per_month(world):
    table = reports.referrals_per_month(world["gemeente"], Q2)
    assert table.months == [(2026, 4), (2026, 5), (2026, 6)]
    april = table.rows[0]
    assert april[0].value == 11 and april[1].value == 5  # accepted, not accepted
    assert table.row_totals[0].value == 16
    assert table.rows[1][0].value == 0 and table.row_totals[2].value == 0
    # 5 not accepted is small; nothing in the table lets a reader compute it.
    assert april[1].display == "< 10"
    assert april[0].suppressed


def test_warm_handovers_before_the_end_of_begeleiding(world, gemeente):
    from statushouders.models import Begeleiding

    welkom, taal = world["welkom"], world["taal"]
    # Ten begeleidingen ending in May: six with a referral accepted before the end (warm),
    # one accepted after the end, three without a referral.
    for n in range(10):
        person = newcomer(gemeente, welkom, wijk=world["noord"], start=datetime.date(2025, 6, 1),
                          planned_end=datetime.date(2026, 5, 20))
        if n < 6:
            referral(gemeente, person, to=taal, sent=_at(datetime.date(2026, 4, 1)),
                     accepted=_at(datetime.date(2026, 4, 3)), state="accepted")
        elif n == 6:
            referral(gemeente, person, to=taal, sent=_at(datetime.date(2026, 5, 25)),
                     accepted=_at(datetime.date(2026, 5, 27)), state="accepted")
    assert Begeleiding.objects.filter(planned_end__month=5).count() == 10
    rows = dict(reports.handovers(gemeente, Q2))
    values = {label: cell.value for label, cell in rows.items()}
    assert list(values.values()) == [6, 4, 10]
    assert [c.display for c in rows.values()] == ["< 10", "< 10", "10"]


def test_growth_refugee_led_and_funding(world, gemeente):
    ActivityFactory(gemeente=gemeente, organisation=world["taal"],
                    created_at=_at(datetime.date(2026, 5, 3)))
    ActivityFactory(gemeente=gemeente, organisation=world["taal"],
                    created_at=_at(datetime.date(2026, 5, 9)))
    ActivityFactory(gemeente=gemeente, organisation=world["taal"],
                    created_at=_at(datetime.date(2025, 5, 9)))
    from initiatives.models import Organisation

    Organisation.objects.update(created_at=_at(datetime.date(2026, 1, 5)))
    growth = reports.growth(gemeente, Q2)
    assert [row[1] for row in growth.rows] == [0, 2, 0]
    led = reports.refugee_led(gemeente, Q2)
    assert led == {"total": 3, "led": 1, "share": 33}
    # Welkom funded throughout; Taalcafé from May (part), ending in August (within 90 days);
    # the wandelclub has nothing.
    Funding.objects.create(organisation=world["welkom"], source="Gemeente",
                           start=datetime.date(2025, 1, 1), end=None)
    Funding.objects.create(organisation=world["taal"], source="Fonds",
                           start=datetime.date(2026, 5, 1), end=datetime.date(2026, 8, 31))
    funding = reports.funding_continuity(gemeente, Q2)
    assert funding == {"total": 3, "whole": 1, "part": 1, "none": 1, "ending_soon": 1}


def test_visits_come_from_the_volunteers_session_tallies(world, gemeente):
    """The real source: volunteers.SessionTally, by the activity's wijk; another gemeente's
    tallies and sessions outside the period never count."""
    from gemeenten.models import Language
    from tests.factories import GemeenteFactory
    from volunteers.models import SessionTally

    a_noord = ActivityFactory(gemeente=gemeente, organisation=world["taal"],
                              wijk=world["noord"], languages=["nl"])
    elders = GemeenteFactory(name="Verweg", slug="verweg")
    far = ActivityFactory(gemeente=elders, organisation=organisation_in(elders))
    for activity, day, total in ((a_noord, datetime.date(2026, 4, 7), 30),
                                 (a_noord, datetime.date(2026, 5, 7), 25),
                                 (a_noord, datetime.date(2026, 7, 1), 99),  # next quarter
                                 (far, datetime.date(2026, 4, 7), 99)):
        SessionTally.objects.create(gemeente=activity.gemeente, activity=activity,
                                    session_date=day, total=total, newcomers=10,
                                    first_timers=0)
    reach = reports.visits(gemeente, Q2, [world["noord"], world["zuid"]],
                           list(Language.objects.all()))
    assert reach.available
    assert reach.by_wijk.total.value == 55
    assert dict(reach.by_wijk.rows)["Noord"].value == 55


def test_visits_by_wijk_and_language_from_the_registered_tallies(world, monkeypatch,
                                                                  gemeente):
    """The hook the tallies' app registers (register_visits_source): rows with `total`,
    `newcomers`, `first_timers` and an `activity`. Stand-in tallies: the occurrences of two
    activities, each session annotated with its counts."""
    from django.db.models import Case, IntegerField, Value, When

    from gemeenten.models import Language
    from initiatives.models import Occurrence
    from tests.factories import ScheduleFactory

    a_noord = ActivityFactory(gemeente=gemeente, organisation=world["taal"],
                              wijk=world["noord"], languages=["ar", "nl"])
    a_zuid = ActivityFactory(gemeente=gemeente, organisation=world["taal"],
                             wijk=world["zuid"], languages=["nl"])
    for activity, days in ((a_noord, (7, 14, 21)), (a_zuid, (8, 15)), (a_zuid, (8,))):
        schedule = ScheduleFactory(activity=activity)
        for day in days:
            Occurrence.objects.get_or_create(
                activity=activity, schedule=schedule, date=datetime.date(2026, 4, day),
                defaults={"starts_at": _at(datetime.date(2026, 4, day))})

    def source(*, gemeente, start, end):
        # 8 visits a session at Noord's activity, 3 at Zuid's; 2 newcomers, 1 first timer.
        return Occurrence.objects.filter(
            activity__gemeente=gemeente, date__gte=start, date__lte=end).annotate(
            total=Case(When(activity=a_noord, then=Value(8)), default=Value(3),
                       output_field=IntegerField()),
            newcomers=Value(2, output_field=IntegerField()),
            first_timers=Value(1, output_field=IntegerField())), "activity"

    monkeypatch.setattr(reports, "_visits_source", source)
    reach = reports.visits(gemeente, Q2, [world["noord"], world["zuid"]],
                           list(Language.objects.all()))
    assert reach.available
    # Noord 3 × 8 = 24, Zuid 3 × 3 = 9 (two schedules, three sessions), total 33.
    wijken = dict(reach.by_wijk.rows)
    assert (wijken["Noord"].value, wijken["Zuid"].value, reach.by_wijk.total.value) == (24, 9, 33)
    assert wijken["Zuid"].display == "< 10" and wijken["Noord"].display == "×"
    languages = dict(reach.by_language.rows)
    assert languages["Arabisch"].display == "24" and languages["Nederlands"].display == "33"
    assert reach.extra["newcomers"].value == 12 and reach.extra["newcomers"].display == "12"
    assert reach.extra["first_timers"].display == "< 10"


def test_report_page_and_exports(client, login_as, world):
    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    response = client.get(reverse("regie:report"), {"periode": "2026-K2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<table" in html and "<script>" not in html
    assert "style=" not in html.split("<main", 1)[1]  # the CSP allows no inline styles
    response = client.get(reverse("regie:report_csv"), {"periode": "2026-K2"})
    assert response["Content-Disposition"].endswith('2026-K2.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    flat = [cell for row in rows for cell in row]
    assert "< 10" in flat and "16" in flat
    response = client.get(reverse("regie:report_xlsx"), {"periode": "2026-K2"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert 16 in values and "< 10" in values
    events = AuditEvent.objects.filter(subject_type="council_report")
    assert sorted(events.values_list("detail", flat=True)) == ["csv", "xlsx"]
    assert set(events.values_list("subject_id", flat=True)) == {"2026-K2"}
    # A period that is not offered falls back to the default, never a 500.
    assert client.get(reverse("regie:report"), {"periode": "=1+1"}).status_code == 200


def test_exports_neutralise_formulas():
    rows = [["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "gewoon", 12]]
    assert [neutralise(v) for v in rows[0]] == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "gewoon", 12]
    read = next(csv.reader(io.StringIO(as_csv(rows).decode("utf-8-sig")), delimiter=";"))
    assert read[0] == "'=HYPERLINK(\"http://x\")" and read[1] == "'+1" and read[-1] == "12"
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx(rows, title="t"))).active
    cells = [c.value for c in next(sheet.iter_rows())]
    assert cells[0] == "'=HYPERLINK(\"http://x\")" and cells[-1] == 12
    assert all(c.data_type != "f" for c in next(sheet.iter_rows()))


def test_report_queries_do_not_grow_with_the_data(world, django_assert_num_queries):
    # wijken, languages; referred: total, per wijk, per language; referrals per month;
    # handovers; growth: organisations, activities; refugee-led; funding: organisations,
    # fundings; visits from the tallies: total, per wijk, per language.
    with django_assert_num_queries(15):
        reports.council_report(world["gemeente"], Q2)
    for _ in range(10):
        ActivityFactory(gemeente=world["gemeente"], organisation=world["taal"])
    with django_assert_num_queries(15):
        reports.council_report(world["gemeente"], Q2)


def test_periods():
    assert reports.parse_period("2026-H2").start == datetime.date(2026, 7, 1)
    assert reports.parse_period("2026-H2").end == datetime.date(2026, 12, 31)
    assert reports.parse_period("2026").end == datetime.date(2026, 12, 31)
    assert reports.parse_period("2026-K5") is None and reports.parse_period("") is None
    assert reports.default_period(datetime.date(2026, 11, 30)).key == "2026-K3"
    keys = [p.key for p in reports.period_choices(datetime.date(2026, 11, 30))]
    assert keys[0] == "2026-K4" and "2026-H2" in keys and "2026" in keys


def test_chart_shows_no_more_than_the_table():
    from regie.charts import bar_chart
    from regie.suppression import suppress_column

    cells, _total = suppress_column([3, 40, 12])  # 3 is "< 10", 12 its hidden partner
    chart = bar_chart(["Noord", "Zuid", "Oost"], [("", cells)])
    small, big, hidden = chart.bars
    assert (small.text, small.css) == ("< 10", "bar-hidden")
    assert small.width == pytest.approx(big.width * 10 / 40)  # drawn as 10, whatever it is
    assert (hidden.text, hidden.css, hidden.width) == ("×", "", 0)
    assert [label.text for label in chart.labels] == ["Noord", "Zuid", "Oost"]


def test_report_page_queries_do_not_grow_with_the_data(client, login_as, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    url = reverse("regie:report") + "?periode=2026-K2"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for person in world["people"]:
        referral(world["gemeente"], person, to=world["welkom"],
                 sent=_at(datetime.date(2026, 5, 5)), accepted=_at(datetime.date(2026, 5, 6)))
    for _ in range(5):
        organisation_in(world["gemeente"])
        ActivityFactory(gemeente=world["gemeente"], organisation=world["taal"],
                        wijk=world["zuid"], languages=["ar"])
    assert count() == before


def test_a_wijk_named_like_a_formula_stays_text_in_the_exports(client, login_as, world):
    Wijk.objects.create(gemeente=world["gemeente"], name="=HYPERLINK(\"http://x\",\"y\")")
    login_as(Role.REGISSEUR, gemeente=world["gemeente"])
    response = client.get(reverse("regie:report_csv"), {"periode": "2026-K2"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = [row[0] for row in rows if row and "HYPERLINK" in row[0]]
    assert names and all(name.startswith("'=") for name in names)
    response = client.get(reverse("regie:report_xlsx"), {"periode": "2026-K2"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.value.startswith("'=") for c in cells)


def test_a_count_before_a_full_stop_has_no_space_between(world):
    """"Waarvan door nieuwkomers: 175 ." — the cell's template ended in a line break."""
    from django.template.loader import render_to_string

    from regie.suppression import Cell

    assert render_to_string("regie/_cell.html", {"cell": Cell(175)}) == "175"


def test_the_dashboards_visits_lead_to_the_running_quarter_where_they_are(
        client, login_as, gemeente):
    """The last four weeks' visits are in the running quarter; the report opens on the last
    complete one, and the demo's regisseur found zeros there."""
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("regie:dashboard")).content.decode()
    key = reports.running_quarter(timezone.localdate()).key
    assert f'href="/regie/rapportage/?periode={key}"' in page
    assert reports.running_quarter(datetime.date(2026, 11, 30)).key == "2026-K4"
    assert reports.running_quarter(datetime.date(2027, 1, 1)).key == "2027-K1"

