"""The result list's Python side (issue 11, speed): the option lists come from the cache and
are cleared by a save, and the fast date markup is the markup Django's date filter gives."""
import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation

from gemeenten.models import Language, Theme, Wijk
from infopunt.templatetags.infopunt import ip_times
from initiatives.models import Organisation
from tests.factories import WijkFactory

from .factories import many_public_activities

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
