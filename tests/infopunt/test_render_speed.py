"""The result list's Python side (issue 11, speed): the option lists come from the cache and
are cleared by a save, and the fast date markup is the markup Django's date filter gives."""
import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import engines
from django.utils import timezone, translation

from gemeenten.models import Language, Theme, Wijk
from infopunt.templatetags.infopunt import ip_times
from initiatives.models import Activity, Organisation
from tests.factories import WijkFactory

from .factories import many_public_activities, public_activity

pytestmark = pytest.mark.django_db

RESULTS = "/nl/infopunt/testdam/aanbod/"
SEARCH = RESULTS + "?thema=taal&taal=ti&nieuwkomers=on&q=taalcafe"

DJANGO_DATES = engines["django"].from_string(
    "{% for o in occurrences %}<time datetime=\"{{ o.starts_at|date:'c' }}\">"
    '{{ o.starts_at|date:"l j E, H:i" }}</time>{% if not forloop.last %}; {% endif %}'
    "{% endfor %}"
)


class _Occurrence:
    def __init__(self, starts_at):
        self.starts_at = starts_at


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_ip_times_is_the_markup_of_djangos_date_filter(language):
    amsterdam = ZoneInfo("Europe/Amsterdam")
    occurrences = [
        _Occurrence(datetime.datetime(2026, month, day, hour, minute, tzinfo=datetime.UTC))
        for month, day, hour, minute in [(1, 5, 8, 0), (3, 29, 1, 30), (5, 17, 23, 45),
                                         (7, 1, 12, 5), (10, 25, 0, 59), (12, 31, 18, 0)]
    ] + [_Occurrence(datetime.datetime(2026, 2, 3, 19, 0, tzinfo=amsterdam))]
    with translation.override(language):
        for count in (1, 3, len(occurrences)):
            expected = DJANGO_DATES.render({"occurrences": occurrences[:count]})
            assert ip_times(occurrences[:count]) == expected
        assert ip_times([]) == ""


@pytest.mark.parametrize("n", [10, 200])
def test_option_lists_cost_no_query_once_cached(client, gemeente, django_assert_num_queries, n):
    many_public_activities(gemeente, n)
    Organisation.objects.update(newcomer_led=True)
    assert client.get(SEARCH).status_code == 200  # fills the cache, counts the search
    # gemeente; the page's ids with the count; the page's cards (their languages from the
    # cached list, their next date a subquery); writing the search count at the end of the
    # request (the tests' flush interval is 0): savepoint, update of the combination, of
    # the word, release.
    with django_assert_num_queries(7):
        response = client.get(SEARCH)
    assert response.text.count('class="card ip-card') == min(n, 20)


def test_a_saved_or_deleted_theme_language_or_wijk_shows_at_once(client, gemeente):
    many_public_activities(gemeente, 3)
    html = client.get(RESULTS).text
    assert "Wijk Nieuwgebouwd" not in html

    wijk = WijkFactory(gemeente=gemeente, name="Wijk Nieuwgebouwd")
    theme = Theme.objects.get(slug="taal")
    theme.name_nl = "Taal en lezen"
    theme.save()
    language = Language.objects.get(code="ti")
    language.native_name = "Tigrinya verzonnen"
    language.save()
    html = client.get(RESULTS).text
    assert ">Wijk Nieuwgebouwd</option>" in html
    assert ">Taal en lezen</option>" in html
    assert ">Tigrinya verzonnen (" in html

    wijk.delete()
    Theme.objects.get(slug="werk").delete()
    html = client.get(RESULTS).text
    assert "Wijk Nieuwgebouwd" not in html
    assert 'value="werk"' not in html


def test_another_gemeentes_wijken_are_not_offered(client, gemeente):
    from tests.factories import GemeenteFactory

    many_public_activities(gemeente, 2)
    other = GemeenteFactory(name="Elders", slug="elders")
    Wijk.objects.create(gemeente=other, name="Wijk Elders")
    WijkFactory(gemeente=gemeente, name="Wijk Tweede")
    client.get(f"/nl/infopunt/{other.slug}/aanbod/")  # caches Elders' list
    html = client.get(RESULTS).text
    assert ">Wijk Tweede</option>" in html
    assert "Wijk Elders" not in html


# --- the result cards (ip_cards) against the template loop they replace -------------------

CARDS_REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "results_cards_reference.html").read_text()
)


def _varied_activities(gemeente) -> list:
    """Cards of every kind: in a wijk, at an address, online, nowhere; free and paid; with
    and without dates, languages, a translated title, a newcomer-led organisation; text that
    needs escaping."""
    wijk = WijkFactory(gemeente=gemeente, name="Wijk <Oost> & Zo")
    made = [
        public_activity(gemeente, title="Taalcafé \"Samen\" & <meer>", languages=("nl", "ar"),
                        wijk=wijk, cost="€ 2,50 <contant>"),
        public_activity(gemeente, title="Fietsles Verzonnen", languages=("ti", "fa", "prs"),
                        address="Dorpsstraat 1", weekday=None),
        public_activity(gemeente, title="Online Spreekuur Verzonnen", languages=(),
                        online=True, cost="  "),
        public_activity(gemeente, title="Naaiatelier Verzonnen", languages=("uk", "nl"),
                        refresh=True),
        public_activity(gemeente, title="Huiswerkklas Verzonnen", languages=("so",)),
    ]
    made[0].organisation.newcomer_led = True
    made[0].organisation.save()
    Activity.objects.filter(pk=made[1].pk).update(
        title_ar="دراجة مختلقة", title_fa="دوچرخه", title_en="Cycling <made up>"
    )
    Activity.objects.filter(pk=made[3].pk).update(title_uk="Швейна майстерня")
    return made


def _reference_objects(ids, today, yours):
    """The page's activities as the template loop read them: model instances, their
    languages and next date prefetched."""
    from django.db.models import Prefetch

    from initiatives.models import Activity, Occurrence

    rows = {a.pk: a for a in Activity.objects.filter(pk__in=ids)
            .select_related("organisation", "wijk").prefetch_related(
                Prefetch("languages", queryset=Language.objects.order_by("order", "name_nl")),
                Prefetch("occurrences", to_attr="next_dates", queryset=Occurrence.objects
                         .filter(date__gte=today).order_by("starts_at")[:1]))}
    for row in rows.values():
        row.in_your_language = any(lang.code in yours for lang in row.languages.all())
    return [rows[pk] for pk in ids]


@pytest.mark.parametrize("language", ["nl", "en", "ar", "fa", "uk", "ti"])
@pytest.mark.parametrize("query", ["", "thema=taal&taal=ar&page=2", "kiosk=1&l={0},{2}",
                                   "q=caf%C3%A9&l={1}&added={1}"])
def test_ip_cards_write_what_the_template_loop_wrote(rf, gemeente, language, query):
    from django.template import Context

    from gemeenten.scope import gemeente_scope
    from infopunt.querysets import result_cards
    from infopunt.state import RESULT_PARAMS, back_value, visit_from
    from infopunt.templatetags.infopunt import ip_cards
    from infopunt.views.browse import readers_languages

    activities = _varied_activities(gemeente)
    ids = [a.pk for a in activities]
    today = timezone.localdate()
    request = rf.get(f"/{language}/infopunt/testdam/aanbod/", QUERY_STRING=query.format(*ids))
    with translation.override(language), gemeente_scope(gemeente):
        yours = readers_languages(language)
        context = {
            "request": request, "gemeente": gemeente, "visit": visit_from(request),
            "LANGUAGE_CODE": language,
            "back": back_value({k: v for k, v in request.GET.items() if k in RESULT_PARAMS}),
        }
        expected = CARDS_REFERENCE.render(
            {**context, "page": {"object_list": _reference_objects(ids, today, yours)}},
            request,
        )
        cards = result_cards(Activity.objects.filter(pk__in=ids), today=today,
                             language=language, yours=yours)
        cards.sort(key=lambda card: ids.index(card.pk))
        written = ip_cards(Context(context), cards)
    assert written == expected.rstrip("\n")
    assert written.count("<article") == len(ids)
