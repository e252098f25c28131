"""The visitor's own language: the page's language puts the activities where it is spoken
first and marks them; search understands language names; "back" on an activity returns to
the filtered list the visitor came from (issue 17). Names are invented."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from gemeenten.models import Language

from .factories import many_public_activities, public_activity

pytestmark = pytest.mark.django_db

RESULTS = "/{lang}/infopunt/testdam/aanbod/"


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="h5 card-title[^>]*><a [^>]*><span[^>]*><bdi>([^<]+)</bdi>',
                      html)


@pytest.fixture
def offer(gemeente):
    return {
        "dutch": public_activity(gemeente, title="Aaa Leesclub Verzonnen", languages=("nl",)),
        "arabic": public_activity(gemeente, title="Taalcafé Zonnebloem",
                                  languages=("nl", "ar")),
        "ukrainian": public_activity(gemeente, title="Kletskring Verzonnen",
                                     languages=("uk",)),
        "dari": public_activity(gemeente, title="Naaiochtend Verzonnen", languages=("prs",)),
    }


@pytest.mark.parametrize(("lang", "first"), [("ar", "Taalcafé Zonnebloem"),
                                             ("uk", "Kletskring Verzonnen"),
                                             ("fa", "Naaiochtend Verzonnen")])
def test_activities_in_the_pages_language_come_first_and_are_marked(client, offer, lang,
                                                                     first):
    html = client.get(RESULTS.format(lang=lang) + "?thema=taal").text
    titles = _titles(html)
    assert titles[0] == first
    assert len(titles) == 4  # the others still follow
    assert html.count("ip-card-yours") == 1
    assert html.count("ip-badge-yours") == 1


def test_dutch_pages_keep_the_order_by_title_without_marks(client, offer):
    html = client.get(RESULTS.format(lang="nl")).text
    titles = _titles(html)
    assert titles == sorted(titles)
    assert "ip-badge-yours" not in html


@pytest.mark.parametrize("n", [10, 200])
def test_own_language_order_and_language_search_keep_the_pinned_query_count(
    client, gemeente, django_assert_max_num_queries, n
):
    many_public_activities(gemeente, n)
    # As test_browse's pinned list: gemeente; the choices of thema, taal, wijk (3); the
    # page's ids with the count; the page's rows; prefetch languages, next dates (2);
    # counting the search and its word (8). The order and the language names cost none.
    with django_assert_max_num_queries(18):
        response = client.get(RESULTS.format(lang="ar") + "?thema=taal&q=arabisch")
    assert response.status_code == 200
    assert response.text.count("ip-badge-yours") == min(n, 20)


@pytest.mark.parametrize("query", [
    "taalcafe arabisch", "Arabic", "العربية", "عربي", "арабська", "taalcafé ARABISCHE",
    "Arabi",
])
def test_search_understands_the_names_of_spoken_languages(client, offer, query):
    html = client.get(RESULTS.format(lang="uk"), {"q": query}).text
    assert _titles(html) == ["Taalcafé Zonnebloem"]


@pytest.mark.parametrize(("lang", "query", "title"), [
    ("uk", "українська", "Kletskring Verzonnen"),
    ("uk", "Oekraïens", "Kletskring Verzonnen"),
    ("nl", "Ukrainian", "Kletskring Verzonnen"),
    ("fa", "دری", "Naaiochtend Verzonnen"),
    ("so", "Carabi", "Taalcafé Zonnebloem"),
])
def test_a_language_is_found_by_its_dutch_english_own_and_translated_names(
    client, offer, lang, query, title
):
    assert _titles(client.get(RESULTS.format(lang=lang), {"q": query}).text) == [title]


def test_search_ignores_accents_and_case(client, offer):
    assert _titles(client.get(RESULTS.format(lang="nl"), {"q": "TAALCAFE"}).text) == [
        "Taalcafé Zonnebloem"]


def test_dutch_as_a_word_is_the_subject_not_every_dutch_speaking_activity(client, offer):
    """Nearly everything is in Dutch: "Nederlands" searches the text, as before."""
    assert _titles(client.get(RESULTS.format(lang="nl"), {"q": "nederlands"}).text) == []


def test_a_language_added_in_the_admin_is_found_by_its_own_names(client, gemeente):
    Language.objects.create(code="xq", name_nl="Verzonnentaals", name_en="Madeuplangish",
                            native_name="Verzonnish")
    public_activity(gemeente, title="Praatgroep Verzonnen", languages=("xq",))
    for query in ("verzonnentaals", "madeuplangish", "verzonnish"):
        assert _titles(client.get(RESULTS.format(lang="nl"), {"q": query}).text) == [
            "Praatgroep Verzonnen"]


def test_an_odd_search_is_a_list_not_an_error(client, offer):
    for query in ("ال", "a" * 300, "%_\\", "ا" * 50, "  "):
        assert client.get(RESULTS.format(lang="ar"), {"q": query}).status_code == 200


def _link(html: str, pattern: str) -> str:
    return unescape(re.search(pattern, html).group(1))


def test_all_activities_on_an_activity_page_goes_back_to_the_filtered_list(client, offer):
    results = RESULTS.format(lang="ar") + "?thema=taal&taal=ar&gratis=on&kiosk=1&page=1"
    html = client.get(results).text
    href = _link(html, r'<h2 class="h5 card-title[^>]*><a href="([^"]+)"')
    assert parse_qs(urlsplit(href).query)["kiosk"] == ["1"]
    activity = client.get(href).text
    back = _link(activity, r'aria-label="[^"]+"><a href="([^"]+)">')
    assert "العودة إلى النتائج" in activity  # "Back to the results", in Arabic
    path, query = back.split("?", 1)
    assert path == "/ar/infopunt/testdam/aanbod/"
    assert parse_qs(query) == {"kiosk": ["1"], "thema": ["taal"], "taal": ["ar"],
                               "gratis": ["on"], "page": ["1"]}


def test_the_filters_survive_the_list_and_the_contact_form(client, offer):
    pk = offer["arabic"].pk
    url = f"/nl/infopunt/testdam/activiteit/{pk}/?terug=thema%3Dtaal%26q%3Dcafe"
    html = client.get(url + "&added=1&l=" + str(pk)).text  # after "add to my list"
    back = _link(html, r'aria-label="[^"]+"><a href="([^"]+)">')
    assert parse_qs(urlsplit(back).query) == {"l": [str(pk)], "thema": ["taal"], "q": ["cafe"]}
    contact = _link(html, r'<a class="btn btn-primary btn-lg" href="([^"]+)">')
    form = client.get(contact).text
    to_activity = _link(form, r'aria-label="[^"]+"><a href="([^"]+)">')
    again = client.get(to_activity).text
    assert parse_qs(urlsplit(_link(again, r'aria-label="[^"]+"><a href="([^"]+)">')).query)[
        "q"] == ["cafe"]


@pytest.mark.parametrize("forged", ["x=1&evil=%3Cscript%3E", "q=" + "a" * 500, "%%%", "page="])
def test_a_forged_back_link_gives_the_plain_list(client, offer, forged):
    pk = offer["arabic"].pk
    response = client.get(f"/nl/infopunt/testdam/activiteit/{pk}/", {"terug": forged})
    assert response.status_code == 200
    back = _link(response.text, r'aria-label="[^"]+"><a href="([^"]+)">')
    assert back == "/nl/infopunt/testdam/aanbod/"
