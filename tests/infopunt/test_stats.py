"""Anonymous search statistics: counted per day, words shown only after 3 searches on 2
different days, words that may be personal data never kept, and the regisseur's list of
searches that found little."""
import datetime
import re
from html import unescape

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


def test_search_gaps_show_words_only_after_three_searches_on_two_days(gemeente):
    from infopunt.services import search_record

    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    for word, days in (("fietsles", [today, today, yesterday]), ("kookles", [today, today]),
                       ("breiles", [today, yesterday])):
        for day in days:
            search_record(gemeente=gemeente, day=day, theme="sport", language="ti",
                          words=[word], result_count=0)
    search_record(gemeente=gemeente, day=today, theme="taal", result_count=12)
    search_record(gemeente=GemeenteFactory(slug="elders"), day=today, theme="sport",
                  result_count=0, words=["fietsles"] * 1)
    gaps = search_gaps(gemeente=gemeente, since=today - datetime.timedelta(days=7),
                       until=today)
    assert len(gaps) == 1
    gap = gaps[0]
    assert (gap.theme, gap.language, gap.searches, gap.zero_results) == ("sport", "ti", 7, 7)
    # kookles: one day only; breiles: two searches only
    assert gap.words == [("fietsles", 3)]


def _search_on(client, day, query, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    client.get("/nl/infopunt/testdam/aanbod/", {"q": query})


def test_words_that_may_be_personal_data_are_never_stored(client, gemeente, monkeypatch):
    public_activity(gemeente)
    today = datetime.date.today()
    queries = ["Fatima 0687654321 Kanaalstraat12 fatima@example.org ٠٦١٢٣٤٥٦٧٨",
               "1234AB 3512 ab +31-6-1234 ۱۲۳۴"]
    for days_ago in (0, 0, 0, 1, 2):  # three reloads today, and on two days before
        for query in queries:
            _search_on(client, today - datetime.timedelta(days=days_ago), query, monkeypatch)
    stored = set(SearchWordDay.objects.values_list("word", flat=True))
    assert stored == {"fatima", "ab"}
    assert SearchDay.objects.filter(has_query=True).count() == 3  # the searches still count


def test_one_visitors_reloads_do_not_put_a_word_on_the_regisseurs_list(
    client, gemeente, login_as, monkeypatch
):
    today = datetime.date.today()
    for _ in range(5):
        _search_on(client, today, "Fatima Kanaalstraat", monkeypatch)
    monkeypatch.undo()
    assert SearchWordDay.objects.get(word="fatima").searches == 5
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get("/infopunt/zoekvragen/?dagen=30").text
    assert "without any result" in html or "zonder resultaat" in html  # the search is listed
    assert "fatima" not in html and "kanaalstraat" not in html


def test_regisseur_sees_the_searches_that_found_little(client, gemeente, login_as):
    from infopunt.services import search_record

    for days_ago in (0, 0, 1):
        search_record(gemeente=gemeente,
                      day=timezone.localdate() - datetime.timedelta(days=days_ago),
                      theme="sport", language="ti", words=["zwemles"], result_count=1)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get("/infopunt/zoekvragen/?dagen=30").text
    assert "Sport en bewegen" in html and "Tigrinya" in html and "<bdi>zwemles</bdi></a> (3)" in html
    assert client.get("/infopunt/zoekvragen/?dagen=abc").status_code == 200


def test_each_search_gap_links_to_the_lists_with_its_filters_and_words(client, gemeente,
                                                                        login_as):
    """From a gap row to what the visitors saw (the infopunt's list) and to the same offer
    in the staff list, each with the search's theme, language, wijk and word applied."""
    from infopunt.services import search_record

    wijk = WijkFactory(gemeente=gemeente, name="Wijk Verzonnen")
    for days_ago in (0, 0, 1):
        search_record(gemeente=gemeente,
                      day=timezone.localdate() - datetime.timedelta(days=days_ago),
                      theme="sport", language="ti", wijk=wijk, words=["zwemles"],
                      result_count=0)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get("/infopunt/zoekvragen/?dagen=30").text
    links = [unescape(h) for h in re.findall(r'<a href="([^"]+)"', html.split("<tbody>")[1].split("</tbody>")[0])]
    infopunt = f"/nl/infopunt/testdam/aanbod/?thema=sport&taal=ti&wijk={wijk.pk}"
    assert links == [
        f"/nl/infopunt/testdam/aanbod/?q=zwemles&thema=sport&taal=ti&wijk={wijk.pk}",
        infopunt,
        f"/sociale-kaart/activiteiten/?theme=sport&language=ti&wijk={wijk.pk}",
    ]
    # The links open the lists with those filters chosen.
    assert 'value="zwemles"' in client.get(links[0]).text
    staff = client.get(links[2]).text
    assert re.search(r'<option value="ti" selected>', staff)


@pytest.mark.parametrize("role", [None, Role.COORDINATOR, Role.VOLUNTEER])
def test_search_gaps_page_is_for_the_regisseur_only(client, gemeente, login_as, role):
    if role:
        login_as(role, gemeente=gemeente)
        assert client.get("/infopunt/zoekvragen/").status_code == 404
    else:
        assert client.get("/infopunt/zoekvragen/")["Location"].startswith("/account/login/")


def test_migration_drops_personal_looking_words_stored_before_the_rule(gemeente):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("infopunt.migrations.0003_drop_personal_looking_search_words")
    today = timezone.localdate()
    for word in ("zwemles", "0687654321", "kanaalstraat12", "1234ab", "iemand@example.org"):
        SearchWordDay.objects.create(gemeente=gemeente, date=today, word=word, result_count=0)
    migration.drop_words(apps, None)
    assert list(SearchWordDay.objects.values_list("word", flat=True)) == ["zwemles"]


# --- counted in the process, written together (infopunt.services.SearchTally) -------------


def test_result_lists_count_in_the_process_and_write_once_due(
    client, gemeente, settings, django_assert_num_queries
):
    from infopunt.services import search_tally

    settings.INFOPUNT_SEARCH_FLUSH_SECONDS = 3600
    wijk = WijkFactory(gemeente=gemeente, name="Verzonnenhoek")
    public_activity(gemeente, title="Taalcafé Verzonnen", wijk=wijk)
    searches = ["?thema=taal", "?thema=taal", f"?thema=taal&wijk={wijk.pk}&q=naailes",
                "?thema=taal", f"?thema=taal&wijk={wijk.pk}&q=naailes"]
    client.get("/nl/infopunt/testdam/aanbod/?thema=taal")  # fills the option lists' cache
    search_tally.flush()
    SearchDay.objects.all().delete()
    for query in searches:
        # gemeente; the page's ids with the count; the cards: no write while not due
        with django_assert_num_queries(3):
            client.get(f"/nl/infopunt/testdam/aanbod/{query}")
    assert not SearchDay.objects.exists()

    settings.INFOPUNT_SEARCH_FLUSH_SECONDS = 0  # now due: written after the next response
    client.get("/nl/infopunt/testdam/aanbod/?thema=taal")
    assert sorted(SearchDay.objects.values_list("has_query", "wijk", "searches")) == [
        (False, None, 4), (True, wijk.pk, 2)]
    assert list(SearchWordDay.objects.values_list("word", "wijk", "searches")) == [
        ("naailes", wijk.pk, 2)]
    assert search_tally.flush() == 0  # nothing counted twice


def test_a_flush_adds_to_the_rows_already_written(gemeente):
    from infopunt.services import search_count, search_record, search_tally

    today = timezone.localdate()
    search_record(gemeente=gemeente, day=today, theme="taal", result_count=3)
    for _ in range(3):
        search_count(gemeente=gemeente, day=today, theme="taal", result_count=3)
    search_count(gemeente=gemeente, day=today, theme="werk", words=["fiets", "0612345678"],
                 result_count=0)
    assert search_tally.flush() == 4
    assert sorted(SearchDay.objects.values_list("theme", "result_count", "searches")) == [
        ("taal", 3, 4), ("werk", 0, 1)]
    assert list(SearchWordDay.objects.values_list("word", "searches")) == [("fiets", 1)]


def test_counts_of_a_wijk_deleted_before_the_flush_go_with_it(gemeente):
    from infopunt.services import search_count, search_tally

    today = timezone.localdate()
    gone = WijkFactory(gemeente=gemeente, name="Opgeheven Wijk")
    search_count(gemeente=gemeente, day=today, theme="taal", wijk=gone, result_count=1)
    search_count(gemeente=gemeente, day=today, theme="taal", result_count=1)
    gone.delete()
    search_tally.flush()
    assert list(SearchDay.objects.values_list("wijk", "searches")) == [(None, 1)]
