"""Anonymous search statistics: counted per day, words shown only after 3 searches, and the
regisseur's list of searches that found little."""
import datetime

import pytest
from django.utils import timezone

from gemeenten.choices import Role
from infopunt.models import SearchDay, SearchWordDay
from infopunt.querysets import search_gaps
from tests.factories import GemeenteFactory, WijkFactory

from .factories import public_activity

pytestmark = pytest.mark.django_db


def test_a_search_is_counted_per_day_without_anything_about_the_visitor(client, gemeente):
    wijk = WijkFactory(gemeente=gemeente, name="Verzonnenhoek")
    public_activity(gemeente, title="Taalcafé Verzonnen", wijk=wijk)
    url = f"/nl/infopunt/testdam/aanbod/?thema=taal&taal=ti&wijk={wijk.pk}&q=Naailes+avond"
    client.get(url, REMOTE_ADDR="192.0.2.7")
    client.get(url, REMOTE_ADDR="192.0.2.8")
    row = SearchDay.objects.get()
    assert (row.theme, row.language, row.wijk, row.result_count, row.searches) == (
        "taal", "ti", wijk, 0, 2)
    assert row.date == timezone.localdate()
    assert sorted(SearchWordDay.objects.values_list("word", "searches")) == [
        ("avond", 2), ("naailes", 2)]
    stored = " ".join(str(v) for r in SearchDay.objects.values() for v in r.values())
    assert "192.0.2" not in stored


def test_paging_and_adding_to_the_list_do_not_count_again(client, gemeente):
    activity = public_activity(gemeente)
    client.get("/nl/infopunt/testdam/aanbod/?thema=taal")
    client.get(f"/nl/infopunt/testdam/aanbod/?thema=taal&added={activity.pk}&l={activity.pk}")
    client.get("/nl/infopunt/testdam/aanbod/?thema=taal&page=2")
    client.get("/nl/infopunt/testdam/aanbod/")  # no filter at all: browsing, not a search
    assert SearchDay.objects.get().searches == 1


def test_search_gaps_show_words_only_after_three_searches(gemeente):
    from infopunt.services import search_record

    today = timezone.localdate()
    for word, times in (("fietsles", 3), ("janssen", 2)):
        for _ in range(times):
            search_record(gemeente=gemeente, day=today, theme="sport", language="ti",
                          words=[word], result_count=0)
    search_record(gemeente=gemeente, day=today, theme="taal", result_count=12)
    search_record(gemeente=GemeenteFactory(slug="elders"), day=today, theme="sport",
                  result_count=0, words=["fietsles"] * 1)
    gaps = search_gaps(gemeente=gemeente, since=today - datetime.timedelta(days=7),
                       until=today)
    assert len(gaps) == 1
    gap = gaps[0]
    assert (gap.theme, gap.language, gap.searches, gap.zero_results) == ("sport", "ti", 5, 5)
    assert gap.words == [("fietsles", 3)]


def test_regisseur_sees_the_searches_that_found_little(client, gemeente, login_as):
    from infopunt.services import search_record

    for _ in range(3):
        search_record(gemeente=gemeente, day=timezone.localdate(), theme="sport",
                      language="ti", words=["zwemles"], result_count=1)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get("/infopunt/zoekvragen/?dagen=30").text
    assert "Sport en bewegen" in html and "Tigrinya" in html and "<bdi>zwemles</bdi> (3)" in html
    assert client.get("/infopunt/zoekvragen/?dagen=abc").status_code == 200


@pytest.mark.parametrize("role", [None, Role.COORDINATOR, Role.VOLUNTEER])
def test_search_gaps_page_is_for_the_regisseur_only(client, gemeente, login_as, role):
    if role:
        login_as(role, gemeente=gemeente)
        assert client.get("/infopunt/zoekvragen/").status_code == 404
    else:
        assert client.get("/infopunt/zoekvragen/")["Location"].startswith("/account/login/")
