"""Every figure of the dashboard against a value computed by hand on the world of conftest.py
(Testdam; Elderstad's records must never count), each with the number of queries it
declares; the page itself with a constant number of queries, for regisseurs only."""
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from regie.capacity import capacity_by_month
from regie.dashboard import (
    DashboardContext,
    answer_deadline,
    dashboard_figures,
    registered_figures,
)
from tests.factories import UserFactory

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def _ctx(world):
    user = type(world.regisseur).objects.select_related("gemeente").get(pk=world.regisseur.pk)
    return DashboardContext(user=user, gemeente=user.gemeente, today=TODAY)


def _figures(world) -> dict:
    return {figure.name: figure for _label, figures in dashboard_figures(_ctx(world))
            for figure in figures}


def test_active_organisations_and_the_share_led_by_newcomers(world):
    figure = _figures(world)["organisations_active"]
    # A, B, C, E, F approved (D pending); B and C newcomer-led: 2 of 5.
    assert figure.value == 5
    assert figure.numbers == {"led": 2, "share": 40}
    assert "approval=approved" in figure.url


def test_activities_this_week_are_the_public_ones_with_a_date_in_it(world):
    figure = _figures(world)["activities_this_week"]
    # B's taal (Tue 24) and A's maatje (Thu 26); not the pending organisation's, not the
    # inactive one, not the one with only a date next week, not Elderstad's.
    assert figure.value == 2
    assert figure.numbers == {"led": 1}
    assert "week=2026-W48" in figure.url


def test_volunteers_are_counted_once_and_only_when_active(world):
    figure = _figures(world)["volunteers_active"]
    assert figure.value == 2
    assert figure.numbers == {"experts": 1}
    assert figure.url == reverse("volunteers:counts")


def test_listings_to_reconfirm_are_those_unconfirmed_for_nine_months(world):
    figure = _figures(world)["listings_to_reconfirm"]
    assert figure.value == 2  # C (300 days ago) and E (never); D is not approved
    assert figure.attention


def test_newcomers_in_begeleiding_have_a_started_running_begeleiding(world):
    figure = _figures(world)["newcomers_in_begeleiding"]
    assert figure.value == 3  # T-1, T-2, T-4; T-3 ended, T-5 starts later
    assert figure.url == reverse("regie:begeleiding")


def test_handovers_due_and_arranged(world):
    figure = _figures(world)["handovers_due"]
    assert figure.value == 2  # T-1 (30 days) and T-4 (60 days); T-2 is 200 days away
    assert figure.numbers == {"arranged": 1, "days": 90}  # T-4's warm handover
    assert figure.attention


def test_referrals_open_and_answered_in_time(world):
    figure = _figures(world)["referrals"]
    assert figure.value == 2  # waiting: sent 2 and 30 days ago
    # Due in the last 90 days: in time (2 days), overdue without answer, declined after 30
    # days, expired; not the one sent 2 days ago, not the stopped one, not the old one.
    assert figure.numbers == {"in_time": 1, "due": 4, "working_days": 10}


def test_the_answer_deadline_counts_working_days_and_holidays():
    assert answer_deadline(date(2026, 11, 23), 10) == date(2026, 12, 7)  # two weeks
    # Christmas and Boxing Day are not working days.
    assert answer_deadline(date(2026, 12, 21), 10) == date(2027, 1, 6)


def test_the_kept_answer_deadline_is_the_walked_one():
    """answer_deadline without holidays given is kept per process (round two): the same
    day as a walk through a fresh holiday calendar, across year ends and at any length."""
    import holidays

    start = date(2026, 9, 1)
    for offset in range(0, 500, 7):
        sent = start + timedelta(days=offset)
        for days in (1, 5, 10, 30):
            fresh = holidays.Netherlands(years=range(sent.year, sent.year + 2))
            assert answer_deadline(sent, days) == answer_deadline(sent, days, fresh)


def test_open_flags_are_the_regisseurs_own(world):
    figure = _figures(world)["flags_open"]
    assert figure.value == 2  # not the caseworker's handover_due, not the resolved one
    assert figure.numbers == {"no_handover": 1, "urgent": 1}


def test_contact_requests_not_yet_answered(world):
    figure = _figures(world)["contact_requests_new"]
    assert figure.value == 2  # not the answered one, not the held one
    assert figure.numbers == {"yours": 1}  # B has no coördinator: the regisseur reads it


def test_expected_arrivals_in_the_coming_three_months_beside_the_taakstelling(world):
    figure = _figures(world)["expected_arrivals"]
    assert figure.value == 12  # November 0, December 5, January 7
    assert figure.numbers == {"taakstelling": 40}


def test_capacity_by_month_against_arrivals(world):
    rows = capacity_by_month(_ctx(world).user, gemeente_id=world.gemeente.pk, today=TODAY)
    assert [r.month for r in rows] == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1),
                                       date(2027, 2, 1), date(2027, 3, 1), date(2027, 4, 1)]
    assert [r.begeleiding_capacity for r in rows] == [10] * 6
    # Running: T-1 until 25 December, T-2 all along, T-4 until 24 January, T-5 from January.
    assert [r.begeleiding_running for r in rows] == [3, 3, 3, 2, 2, 2]
    assert [r.begeleiding_free for r in rows] == [7, 7, 7, 8, 8, 8]
    assert [r.arrivals for r in rows] == [0, 5, 7, 3, 100, 0]
    assert [r.after_arrivals for r in rows] == [7, 2, -5, -7, -107, -107]
    assert [r.short for r in rows] == [False, False, True, True, True, True]
    assert [r.taal_places for r in rows] == [12, 12, 0, 0, 0, 0]
    assert [(r.maatje_places, r.maatje_unknown) for r in rows[:2]] == [(0, 1), (0, 0)]


def test_the_registry_holds_every_figure(world):
    names = {spec.name for spec in registered_figures()}
    assert names >= {"organisations_active", "activities_this_week", "volunteers_active",
                     "listings_to_reconfirm", "newcomers_in_begeleiding", "handovers_due",
                     "referrals", "flags_open", "contact_requests_new", "expected_arrivals",
                     "signals_waiting", "overlap_findings_open", "koppelingen_active",
                     "visits_last_4_weeks"}


@pytest.mark.parametrize("spec", registered_figures(), ids=lambda s: s.name)
def test_each_figure_makes_the_queries_it_declares(world, django_assert_num_queries, spec):
    ctx = _ctx(world)
    with django_assert_num_queries(spec.queries):
        spec.compute(ctx)


def test_a_figure_registered_later_is_shown(world, monkeypatch):
    from regie import dashboard

    monkeypatch.setattr(dashboard, "_figures", dict(dashboard._figures))

    @dashboard.register_figure("signals_waiting", section=dashboard.Section.GEMEENTE,
                               order=5, queries=0)
    def signals_waiting(ctx):
        return dashboard.Figure(7, "Signalen", "/regie/")

    assert _figures(world)["signals_waiting"].value == 7


# --- the page ------------------------------------------------------------------------------


@pytest.fixture
def on_today():
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


def test_the_regisseur_lands_on_the_dashboard(client, login_as, world, on_today):
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("regie:dashboard")
    page = response.content.decode()
    assert "Actieve organisaties" in page
    # People only as counts: no case reference, no name.
    assert "T-1" not in page and "Verzonnen" not in page


def test_the_page_shows_each_figure_with_its_link(client, login_as, world, on_today):
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    response = client.get(reverse("regie:dashboard"))
    page = response.content.decode()
    values = {f.name: f.value for _label, figures in response.context["sections"]
              for f in figures}
    assert values.items() >= {"organisations_active": 5, "activities_this_week": 2,
                      "volunteers_active": 2, "listings_to_reconfirm": 2,
                      "newcomers_in_begeleiding": 3, "handovers_due": 2, "referrals": 2,
                      "flags_open": 2, "contact_requests_new": 2,
                      "expected_arrivals": 12}.items()
    assert 'data-figure="organisations_active"' in page
    assert reverse("regie:network") in page and reverse("statushouders:worklist") in page
    assert "Heeft aandacht nodig" in page  # attention in words, not colour only


def test_the_dashboard_leads_to_the_gaps_and_the_report(client, login_as, world, on_today):
    """The dashboard's own "more overviews" (not only the menu) lead to coverage and gaps,
    the calendar, the messages and the report: the walk through the regisseur's day found
    the gaps nowhere on the page they land on."""
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    page = client.get(reverse("regie:dashboard")).content.decode()
    overviews = page[page.index("<h2 class=\"h4\">Meer overzichten</h2>"):]
    overviews = overviews[:overviews.index("</nav>")]
    for name in ("regie:coverage", "regie:calendar", "regie:network", "regie:message_list",
                 "regie:report", "statushouders:worklist"):
        assert f'href="{reverse(name)}"' in overviews, name


@pytest.mark.parametrize("n", [1, 2])
def test_the_dashboards_counted_phrases_read_right_for_one_and_for_more(n):
    """"1 overdrachten met spoed" and "waarvan 1 ervaringsdeskundige" stood on the demo's
    dashboard: the Dutch of these counted phrases holds for any number."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override("nl"):
        urgent = _("%(none)s without a handover, %(urgent)s handovers urgent") % {
            "none": n, "urgent": n}
        experts = _("%(n)s of them ervaringsdeskundige") % {"n": n}
    assert urgent == f"{n} zonder overdracht, {n} met spoed"
    assert experts == f"waarvan {n} ervaringsdeskundig"


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER, Role.VOLUNTEER,
                                  Role.BEHEERDER, Role.PRIVACY_OFFICER])
def test_only_regisseurs_reach_the_regie_pages(client, login_as, world, role):
    login_as(role, gemeente=world.gemeente)
    for name in ("regie:dashboard", "regie:network", "regie:taakstelling",
                 "regie:begeleiding"):
        assert client.get(reverse(name)).status_code == 404


def test_anonymous_visitors_go_to_the_log_in(client, world):
    response = client.get(reverse("regie:dashboard"))
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_the_regisseur_of_another_gemeente_sees_only_theirs(client, login_as, world, on_today):
    login_as(Role.REGISSEUR, gemeente=world.elders)
    response = client.get(reverse("regie:dashboard"))
    values = {f.name: f.value for _label, figures in response.context["sections"]
              for f in figures}
    assert values["organisations_active"] == 2
    assert values["referrals"] == 1
    assert values["expected_arrivals"] == 50
    assert values["newcomers_in_begeleiding"] == 1


# The page's queries: session, user, OTP device and the user's gemeente (4), the figures (the
# sum of their declared queries), the capacity table (capacity.QUERIES), and the menu's
# counts (one query, gemeenten.navigation).
def _page_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("regie:dashboard")).status_code == 200
    return len(queries)


def test_the_dashboard_makes_a_constant_number_of_queries(client, login_as, world, on_today,
                                                          django_assert_num_queries):
    from regie.capacity import QUERIES

    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    figures = sum(spec.queries for spec in registered_figures())
    before = _page_queries(client)
    # + session, user, OTP device, gemeente and the menu's four counts (contact requests,
    # worklist, overlap findings, signals waiting) in one query (gemeenten.navigation)
    assert before == figures + QUERIES + 5, before
    # More of everything: the same number of queries.
    from .conftest import _activity, _org, _person

    for n in range(5):
        organisation = _org(world.gemeente, f"Extra {n}", begeleiding_capacity=3)
        _activity(world.gemeente, organisation, days=[TODAY], theme="taal", capacity=4)
        _person(world.gemeente, organisation, f"X-{n}", start=date(2026, 1, 1),
                planned_end=date(2027, 1, 1))
    assert _page_queries(client) == before


def test_the_begeleiding_counts_per_organisation(client, login_as, world, on_today):
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    response = client.get(reverse("regie:begeleiding"))
    rows = {row["name"]: row for row in response.context["rows"]}
    assert set(rows) == {"Stichting Begeleiding Test"}
    row = rows["Stichting Begeleiding Test"]
    assert (row["people"], row["capacity"], row["free"], row["due"], row["arranged"]) == (
        3, 10, 7, 2, 1)
    assert "T-1" not in response.content.decode()


def test_the_clock_of_the_tests_is_frozen(on_today):
    assert timezone.localdate() == TODAY


def test_a_regisseur_without_data_sees_zeros_and_no_error(client, login_as, db):
    from tests.factories import GemeenteFactory

    gemeente = GemeenteFactory(name="Leegdam", slug="leegdam")
    UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("regie:dashboard"))
    assert response.status_code == 200
    assert "Nog geen taakstelling vastgelegd voor dit halfjaar" in response.content.decode()


def test_the_activities_link_lists_the_weeks_activities(client, login_as, world, on_today):
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    url = _figures(world)["activities_this_week"].url
    response = client.get(url)
    titles = {a.organisation.name for a in response.context["object_list"]}
    # The two public ones, and the inactive one of an approved organisation (the list shows
    # inactive activities too, marked as such).
    assert titles == {"Taalcafé Test", "Stichting Begeleiding Test", "Zelforganisatie Test"}
    response = client.get(reverse("initiatives:activity_list"), {"week": "2026-W60"})
    assert response.status_code == 200
    assert "Vul een week in, zoals 2026-W49." in response.content.decode()


def test_the_begeleiding_counts_make_a_constant_number_of_queries(client, login_as, world,
                                                                  on_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import _org, _person

    login_as(Role.REGISSEUR, gemeente=world.gemeente)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("regie:begeleiding")).status_code == 200
        return len(queries)

    before = count()
    # session, user, OTP device, gemeente (4); counts per organisation, the organisations
    # (2); the menu's four counts, one query (gemeenten.navigation)
    assert before == 7
    for n in range(4):
        organisation = _org(world.gemeente, f"Extra {n}", begeleiding_capacity=5)
        _person(world.gemeente, organisation, f"B-{n}", start=date(2026, 1, 1),
                planned_end=date(2027, 1, 1))
    assert count() == before
