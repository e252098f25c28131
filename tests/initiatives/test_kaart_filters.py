"""Every filter of the regisseur's lists narrows to what it says, on both lists."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from initiatives.choices import ApprovalState, Frequency
from initiatives.services import activities_refresh
from tests.factories import ActivityFactory, ScheduleFactory, WijkFactory, organisation_in

pytestmark = pytest.mark.django_db


def _first_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


@pytest.fixture
def kaart(gemeente):
    """Three activities that differ in every filtered property."""
    today = timezone.localdate()
    zuid = WijkFactory(gemeente=gemeente, name="Zuid")
    noord = WijkFactory(gemeente=gemeente, name="Noord")
    self_org = organisation_in(gemeente, name="Stichting Élan Verzonnen",
                               kind="self_organisation", newcomer_led=True)
    club = organisation_in(gemeente, name="Sportclub Fictief", kind="civil_society")
    waiting = organisation_in(gemeente, name="Naaikring Bedacht", kind="citizen_initiative",
                              approval=ApprovalState.PENDING)
    taalcafe = ActivityFactory(gemeente=gemeente, organisation=self_org, title="Taalcafé Zuid",
                               wijk=zuid, themes=["taal"], languages=["ar", "ti"])
    ScheduleFactory(activity=taalcafe, frequency=Frequency.WEEKLY, weekdays="1",
                    valid_from=today - dt.timedelta(days=30),
                    valid_until=today + dt.timedelta(days=20))
    match_day = _first_on_or_after(today + dt.timedelta(days=60), 4)  # a Friday
    voetbal = ActivityFactory(gemeente=gemeente, organisation=club, title="Voetbaltoernooi",
                              wijk=noord, themes=["sport"], languages=["uk"])
    ScheduleFactory(activity=voetbal, frequency=Frequency.ONCE, weekdays="",
                    valid_from=match_day)
    ActivityFactory(gemeente=gemeente, organisation=waiting, title="Naailes",
                    themes=["spullen"], languages=["fa"])
    activities_refresh([a.pk for a in (taalcafe, voetbal)] + [waiting.activities.get().pk])
    return {"zuid": zuid, "noord": noord, "match_month": f"{match_day:%Y-%m}",
            "match_month_dutch": f"{match_day.month}-{match_day.year}"}


FILTERS = [
    # (query builder, activity titles, organisation names)
    (lambda k: {"theme": "taal"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"theme": "sport"}, {"Voetbaltoernooi"}, {"Sportclub Fictief"}),
    (lambda k: {"wijk": k["noord"].pk}, {"Voetbaltoernooi"}, {"Sportclub Fictief"}),
    (lambda k: {"language": "ti"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"language": "fa"}, {"Naailes"}, {"Naaikring Bedacht"}),
    (lambda k: {"kind": "civil_society"}, {"Voetbaltoernooi"}, {"Sportclub Fictief"}),
    (lambda k: {"newcomer_led": "true"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"newcomer_led": "false"}, {"Voetbaltoernooi", "Naailes"},
     {"Sportclub Fictief", "Naaikring Bedacht"}),
    (lambda k: {"weekday": "1"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"weekday": "4"}, {"Voetbaltoernooi"}, {"Sportclub Fictief"}),
    (lambda k: {"month": k["match_month"]}, {"Voetbaltoernooi"}, {"Sportclub Fictief"}),
    (lambda k: {"month": k["match_month_dutch"]}, {"Voetbaltoernooi"}, {"Sportclub Fictief"}),
    (lambda k: {"approval": "pending"}, {"Naailes"}, {"Naaikring Bedacht"}),
    (lambda k: {"q": "TAALCAFE"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"q": "café zuid"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"q": "elan"}, {"Taalcafé Zuid"}, {"Stichting Élan Verzonnen"}),
    (lambda k: {"q": "naaikring"}, {"Naailes"}, {"Naaikring Bedacht"}),
    (lambda k: {"theme": "taal", "weekday": "4"}, set(), set()),
    (lambda k: {}, {"Taalcafé Zuid", "Voetbaltoernooi", "Naailes"},
     {"Stichting Élan Verzonnen", "Sportclub Fictief", "Naaikring Bedacht"}),
]


IDS = ["theme-taal", "theme-sport", "wijk", "language-ti", "language-fa", "kind",
       "newcomer-led", "not-newcomer-led", "tuesday", "friday", "month", "month-dutch",
       "pending", "search-case", "search-accent", "search-organisation-name",
       "search-pending", "two-filters-none", "no-filter"]


@pytest.mark.parametrize("query,titles,names", FILTERS, ids=IDS)
def test_activity_filter_narrows(client, login_as, gemeente, kaart, query, titles, names):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:activity_list"), query(kaart))
    assert response.status_code == 200
    assert {a.title for a in response.context["object_list"]} == titles


@pytest.mark.parametrize("query,titles,names", FILTERS, ids=IDS)
def test_organisation_filter_narrows(client, login_as, gemeente, kaart, query, titles, names):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:organisation_list"), query(kaart))
    assert response.status_code == 200
    assert {o.name for o in response.context["object_list"]} == names


def test_month_filter_with_nonsense_shows_a_clear_error(client, login_as, gemeente, kaart):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:activity_list"), {"month": "volgende zomer"})
    assert response.status_code == 200
    assert response.context["filter"].errors["month"]
    assert "2026-09" in response.content.decode()  # the example in the message


def test_empty_result_says_what_to_do(client, login_as, gemeente, kaart):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:activity_list"), {"q": "bestaatniet"})
    body = response.content.decode()
    assert "kaart-empty" in body
    assert 'href="/sociale-kaart/activiteiten/"' in body  # a way to clear the filters


def test_empty_kaart_says_how_to_fill_it(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    body = client.get(reverse("initiatives:organisation_list")).content.decode()
    assert "kaart-empty" in body
    assert reverse("initiatives:organisation_register") in body


def test_sorting_by_clickable_header_and_unknown_sort_is_refused(
    client, login_as, gemeente, kaart
):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:activity_list")
    page = client.get(url)
    assert "?o=title" in page.content.decode() or "?o=-title" in page.content.decode()
    descending = client.get(url, {"o": "-title"})
    assert [a.title for a in descending.context["object_list"]] == [
        "Voetbaltoernooi", "Taalcafé Zuid", "Naailes"]
    by_org = client.get(url, {"o": "organisation"})
    assert [a.organisation.name for a in by_org.context["object_list"]] == [
        "Naaikring Bedacht", "Sportclub Fictief", "Stichting Élan Verzonnen"]
    # Not on the whitelist: a form error, no crash and no sort on an arbitrary column.
    assert client.get(url, {"o": "search_text"}).status_code == 200


def test_pagination_keeps_the_filters(client, login_as, gemeente):
    for n in range(30):
        ActivityFactory(gemeente=gemeente, title=f"Taalles {n:02d}", themes=["taal"])
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:activity_list"), {"theme": "taal"})
    assert len(response.context["object_list"]) == 25
    body = response.content.decode()
    assert "?theme=taal&amp;page=2" in body
    second = client.get(reverse("initiatives:activity_list"), {"theme": "taal", "page": 2})
    assert len(second.context["object_list"]) == 5


def test_htmx_filter_request_gets_only_the_results(client, login_as, gemeente, kaart):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:activity_list"), {"theme": "taal"},
                          HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<html" not in body
    assert "Taalcafé Zuid" in body


def test_filter_sets_share_no_state_between_requests(gemeente, kaart):
    """The filter sets copy their declared filters shallowly and make their form class once
    (initiatives.filters._KaartFilterSet): each set's filter methods still run for that set
    (its user, its gemeente), and one set's choices do not leak into another's form."""
    from django.http import QueryDict

    from gemeenten.scope import gemeente_scope
    from initiatives.filters import ActivityFilter, OrganisationFilter
    from initiatives.models import Activity, Organisation
    from tests.factories import GemeenteFactory, UserFactory

    elsewhere = GemeenteFactory(name="Elders", slug="elders")
    WijkFactory(gemeente=elsewhere, name="Buitenwijk")
    here = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    there = UserFactory(role=Role.REGISSEUR, gemeente=elsewhere)
    with gemeente_scope(gemeente):
        first = ActivityFilter(QueryDict("theme=taal"), queryset=Activity.objects.all(),
                               user=here)
    with gemeente_scope(elsewhere):
        second = ActivityFilter(QueryDict("theme=taal"), queryset=Activity.objects.all(),
                                user=there)
        assert not second.qs.exists()  # no taal activity there
        second_wijken = str(second.form["wijk"])
    with gemeente_scope(gemeente):
        assert {a.title for a in first.qs} == {"Taalcafé Zuid"}
        first_wijken = str(first.form["wijk"])
        organisations = OrganisationFilter(QueryDict("approval=pending"),
                                           queryset=Organisation.objects.all(), user=here)
        assert {o.name for o in organisations.qs} == {"Naaikring Bedacht"}
    assert "Zuid" in first_wijken and "Buitenwijk" not in first_wijken
    assert "Buitenwijk" in second_wijken and "Zuid" not in second_wijken
    assert first.filters["q"] is not second.filters["q"]
    assert first.filters["q"].parent is first and second.filters["q"].parent is second
    assert first.form.fields["wijk"] is not second.form.fields["wijk"]
