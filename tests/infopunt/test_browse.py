"""Finding the offer: language redirect, gemeente choice, tiles, filters, search, activity."""
import datetime

import pytest
from django.utils import timezone

from initiatives.choices import ApprovalState
from initiatives.models import Organisation, Presence
from initiatives.services import activity_refresh
from tests.factories import GemeenteFactory, ScheduleFactory, WijkFactory, organisation_in

from .factories import many_public_activities, public_activity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("header", "prefix"), [
    ("ar-SY,ar;q=0.9,en;q=0.5", "/ar/"),
    ("ti-ER", "/ti/"),
    ("prs-AF,ps;q=0.5", "/fa/"),
    ("de-DE,fr;q=0.5", "/nl/"),
    ("", "/nl/"),
    ("x" * 2000, "/nl/"),
])
def test_entry_redirects_by_browser_language_without_cookie(client, header, prefix):
    response = client.get("/infopunt/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}infopunt/"
    assert not response.cookies


def test_start_goes_straight_to_the_only_gemeente(client, gemeente):
    public_activity(gemeente)
    response = client.get("/nl/infopunt/?kiosk=1")
    assert response["Location"] == "/nl/infopunt/testdam/?kiosk=1"


def test_start_asks_which_gemeente_when_there_are_several(client, gemeente):
    public_activity(gemeente)
    public_activity(GemeenteFactory(name="Verzonnenveen", slug="verzonnenveen"))
    response = client.get("/en/infopunt/")
    assert response.status_code == 200
    assert "Testdam" in response.text and "Verzonnenveen" in response.text


def test_home_shows_theme_tiles_in_the_visitors_language(client, gemeente):
    response = client.get("/ar/infopunt/testdam/")
    html = response.text
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "البريد والاستمارات والمال" in html  # Post, formulieren en geldzaken
    assert "/static/infopunt/pictograms/taal.svg" in html
    assert 'href="/ar/infopunt/testdam/aanbod/?thema=taal"' in html


def test_results_filter_on_theme_and_language_spoken(client, gemeente):
    public_activity(gemeente, title="Taalcafé Tigrinya Verzonnen", languages=("ti", "nl"))
    public_activity(gemeente, title="Taalcafé Arabisch Verzonnen", languages=("ar",))
    public_activity(gemeente, title="Werkcafé Verzonnen", themes=("werk",), languages=("ti",))
    html = client.get("/nl/infopunt/testdam/aanbod/?thema=taal&taal=ti").text
    assert "Taalcafé Tigrinya Verzonnen" in html
    assert "Taalcafé Arabisch Verzonnen" not in html
    assert "Werkcafé Verzonnen" not in html


def test_results_filter_on_wijk_day_week_free_women_and_newcomer_led(client, gemeente):
    noord = WijkFactory(gemeente=gemeente, name="Noordkwartier")
    today = timezone.localdate()
    public_activity(gemeente, title="Alles Erop", wijk=noord, weekday=today.weekday(),
                    target_groups=("vrouwen",),
                    organisation=organisation_in(gemeente, newcomer_led=True))
    later = public_activity(gemeente, title="Niets Erop", cost="5 euro", weekday=None,
                            target_groups=("jongeren",))
    # Its season starts after this week, on another day of the week.
    ScheduleFactory(activity=later, weekdays=str((today.weekday() + 3) % 7),
                    valid_from=today + datetime.timedelta(days=8))
    activity_refresh(later)
    cases = [
        f"wijk={noord.pk}", f"dag={today.weekday()}", "week=on", "gratis=on", "voor=vrouwen",
        "nieuwkomers=on",
    ]
    for query in cases:
        html = client.get(f"/nl/infopunt/testdam/aanbod/?{query}").text
        assert "Alles Erop" in html, query
        assert "Niets Erop" not in html, query
    assert "Niets Erop" in client.get("/nl/infopunt/testdam/aanbod/?voor=jongeren").text


def test_search_forgives_case_and_accents_and_finds_translations(client, gemeente):
    activity = public_activity(gemeente, title="Taalcafé Zonnebloem")
    activity.description_ar = "مقهى اللغة للنساء"
    activity.save()
    activity_refresh(activity)
    assert "Taalcafé Zonnebloem" in client.get("/nl/infopunt/testdam/aanbod/?q=TAALCAFE").text
    assert "Taalcafé Zonnebloem" in client.get("/nl/infopunt/testdam/aanbod/?q=مقهى").text
    assert "Taalcafé Zonnebloem" not in client.get(
        "/nl/infopunt/testdam/aanbod/?q=voetbal"
    ).text


def test_unapproved_and_other_gemeentes_activities_stay_hidden(client, gemeente):
    hidden = public_activity(gemeente, title="Nog Niet Goedgekeurd")
    Presence.objects.filter(organisation=hidden.organisation).update(
        approval=ApprovalState.PENDING
    )
    public_activity(GemeenteFactory(name="Elders", slug="elders"), title="Ergens Anders")
    html = client.get("/nl/infopunt/testdam/aanbod/").text
    assert "Nog Niet Goedgekeurd" not in html and "Ergens Anders" not in html
    assert client.get(f"/nl/infopunt/testdam/activiteit/{hidden.pk}/").status_code == 404


def test_empty_result_suggests_what_to_remove(client, gemeente):
    public_activity(gemeente, title="Taalcafé Verzonnen")
    html = client.get("/en/infopunt/testdam/aanbod/?thema=taal&gratis=on&taal=so").text
    assert "Nothing found" in html
    assert "Remove: Free of charge" in html
    assert 'href="?thema=taal&amp;taal=so"' in html


def test_activity_page_shows_what_where_when_language_and_cost(client, gemeente):
    wijk = WijkFactory(gemeente=gemeente, name="Bloemenbuurt")
    activity = public_activity(gemeente, title="Naaiatelier Verzonnen", wijk=wijk,
                               address="Verzonnenstraat 1", cost="2 euro",
                               languages=("ti",), weekday=3)
    html = client.get(f"/en/infopunt/testdam/activiteit/{activity.pk}/").text
    assert "Naaiatelier Verzonnen" in html and "Bloemenbuurt" in html
    assert "Verzonnenstraat 1" in html and "2 euro" in html
    assert '<span lang="ti">ትግርኛ</span>' in html
    # The hours isolated left to right, so they read 19:00–21:00 in Arabic too.
    assert "Every week on Thursday, \u206619:00–21:00\u2069" in html
    next_date = activity.occurrences.filter(date__gte=timezone.localdate()).first()
    assert timezone.localtime(next_date.starts_at).isoformat()[:16] in html
    assert "This text is in Dutch" in html
    assert "may be out of date" not in html


def test_activity_page_uses_the_translation_when_there_is_one(client, gemeente):
    activity = public_activity(gemeente, title="Taalcafé Verzonnen")
    activity.title_uk = "Мовне кафе Вигадане"
    activity.save()
    html = client.get(f"/uk/infopunt/testdam/activiteit/{activity.pk}/").text
    assert "Мовне кафе Вигадане" in html
    assert "This text is in Dutch" not in html


def test_listing_confirmed_over_nine_months_ago_may_be_out_of_date(client, gemeente):
    activity = public_activity(gemeente)
    Presence.objects.filter(organisation=activity.organisation).update(
        last_confirmed=timezone.localdate() - datetime.timedelta(days=300)
    )
    html = client.get(f"/en/infopunt/testdam/activiteit/{activity.pk}/").text
    assert "This information may be out of date." in html


def test_ended_activity_is_not_current(client, gemeente):
    activity = public_activity(gemeente, title="Zomerschool Voorbij")
    activity.schedules.update(valid_until=timezone.localdate() - datetime.timedelta(days=2))
    activity_refresh(activity)
    assert "Zomerschool Voorbij" not in client.get("/nl/infopunt/testdam/aanbod/").text


@pytest.mark.parametrize("n", [10, 200])
def test_result_list_query_count_is_constant(client, gemeente, django_assert_max_num_queries, n):
    many_public_activities(gemeente, n)
    Organisation.objects.update(newcomer_led=True)
    # gemeente; the choices of thema, taal, wijk (3, which also validate thema and taal);
    # the page's ids with the count; the page's rows; prefetch languages, next dates (2);
    # counting the search: savepoint; update, savepoint + insert + release, twice (the
    # combination, the word); release.
    with django_assert_max_num_queries(18):
        response = client.get(
            "/nl/infopunt/testdam/aanbod/?thema=taal&taal=ti&nieuwkomers=on&q=taalcafe"
        )
    assert response.status_code == 200
    assert response.text.count('class="card ip-card') == min(n, 20)


@pytest.mark.parametrize("n", [10, 200])
def test_start_screen_query_count_is_constant(client, gemeente, django_assert_max_num_queries, n):
    many_public_activities(gemeente, n)
    with django_assert_max_num_queries(2):  # gemeente, themes
        assert client.get("/nl/infopunt/testdam/").status_code == 200


def test_the_filter_options_are_cached_per_language_and_cleared_by_an_edit(client, gemeente):
    """gemeenten.options.labels keeps the option labels beside the option lists; a saved
    wijk or theme (post_save here) shows in every language on the next request."""
    from gemeenten.models import Theme

    public_activity(gemeente)
    WijkFactory(gemeente=gemeente, name="Oude Wijk")
    WijkFactory(gemeente=gemeente, name="Andere Wijk")
    url = f"/{{}}/infopunt/{gemeente.slug}/aanbod/"
    for language in ("nl", "en"):
        assert "Oude Wijk" in client.get(url.format(language)).content.decode()
    wijk = gemeente.wijken.get(name="Oude Wijk")
    wijk.name = "Nieuwe Wijk"
    wijk.save()
    theme = Theme.objects.first()
    theme.name_en = "A renamed theme"
    theme.save()
    for language in ("nl", "en"):
        page = client.get(url.format(language)).content.decode()
        assert "Nieuwe Wijk" in page
        assert "Oude Wijk" not in page
    assert "A renamed theme" in client.get(url.format("en")).content.decode()
