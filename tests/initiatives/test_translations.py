"""Organisations translate their own offer: the activity form has a title and description per
infopunt language (Dutch required, the others optional, each input with its lang and dir),
the infopunt then shows the translation without the "not translated" notice, and the
regisseur sees which active activities lack a language their newcomers read."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from gemeenten.choices import Role
from gemeenten.models import Gemeente
from initiatives.models import Activity
from tests.factories import ActivityFactory, organisation_in
from tests.infopunt.factories import public_activity

from .test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db

NOT_TRANSLATED_MSGID = "This text is in Dutch. The organisation has not translated it yet."


def _edit(client, activity, **changes):
    url = reverse("initiatives:activity_edit", args=[activity.pk])
    data = filled(rendered_form(client.get(url).content.decode(), "title"), **changes)
    return client.post(url, data)


def test_activity_form_offers_each_infopunt_language_with_its_lang_and_direction(
    client, login_as, gemeente
):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    html = client.get(reverse("initiatives:activity_create", args=[organisation.pk])).content.decode()
    assert '<details class="card mb-3 kaart-translations" id="vertalingen">' in html  # closed
    for code, direction in {"en": "ltr", "ar": "rtl", "uk": "ltr", "ti": "ltr", "fa": "rtl",
                            "tr": "ltr", "so": "ltr"}.items():
        for field in ("title", "description"):
            tag = re.search(rf'<(input|textarea)[^>]*name="{field}_{code}"[^>]*>', html)
            assert tag, f"{field}_{code}"
            assert f'lang="{code}"' in tag[0] and f'dir="{direction}"' in tag[0], tag[0]
            assert "required" not in tag[0]
    assert 'name="title_nl"' not in html  # Dutch is the form's own "title"
    assert "Titel in het Arabisch" in html and "Beschrijving in het Oekraïens" in html


def test_coordinator_adds_an_arabic_translation_and_the_infopunt_shows_it(
    client, login_as, gemeente
):
    activity = public_activity(gemeente, title="Taalcafé Verzonnen",
                               description="Samen Nederlands oefenen.")
    page = f"/ar/infopunt/{gemeente.slug}/activiteit/{activity.pk}/"
    before = client.get(page).content.decode()
    login_as(Role.COORDINATOR, organisation=activity.organisation, gemeente=gemeente)
    response = _edit(client, activity, title_ar="مقهى اللغة", description_ar="نتدرب معاً.")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title_nl, activity.title_ar) == ("Taalcafé Verzonnen", "مقهى اللغة")
    assert activity.title_uk is None  # left empty: nothing, not ""
    assert "مقهى اللغة" in activity.search_text

    client.logout()
    after = client.get(page).content.decode()
    assert "مقهى اللغة" in after and "نتدرب معاً." in after
    assert _notice(before, "ar") and not _notice(after, "ar")
    # Another language still says it is in Dutch.
    assert _notice(client.get(f"/uk/infopunt/{gemeente.slug}/activiteit/{activity.pk}/")
                   .content.decode(), "uk")


def _notice(html: str, language: str) -> bool:
    """The infopunt's notice, in that language, that the text is in Dutch."""
    from django.utils.html import escape

    with translation.override(language):
        text = translation.gettext(NOT_TRANSLATED_MSGID)
    assert text != NOT_TRANSLATED_MSGID
    return escape(text) in html


def test_a_translated_title_without_its_description_still_says_not_translated(
    client, gemeente
):
    activity = public_activity(gemeente, title="Kookclub", description="Samen koken.",
                               title_ar="نادي الطبخ")
    html = client.get(f"/ar/infopunt/{gemeente.slug}/activiteit/{activity.pk}/").content.decode()
    assert "نادي الطبخ" in html and _notice(html, "ar")
    assert not activity.is_translated("ar")
    activity.description_ar = "نطبخ معاً."
    assert activity.is_translated("ar")


def test_a_blank_translation_is_not_stored_and_dutch_stays_required(client, login_as, gemeente):
    activity = ActivityFactory(gemeente=gemeente, title="Wandelgroep", title_ar="قديم")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = _edit(client, activity, title="", title_ar="   ")
    assert response.status_code == 200
    assert 'id="vertalingen" open' not in response.content.decode()  # the error is above
    activity.refresh_from_db()
    assert (activity.title, activity.title_ar) == ("Wandelgroep", "قديم")
    assert _edit(client, activity, title_ar="   ").status_code == 302
    activity.refresh_from_db()
    assert activity.title_ar is None


def test_a_too_long_translation_opens_the_translations_with_a_dutch_message(
    client, login_as, gemeente
):
    activity = ActivityFactory(gemeente=gemeente, title="Wandelgroep")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = _edit(client, activity, title_fa="ب" * 201)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="vertalingen" open' in html
    assert "Zorg dat deze waarde niet meer dan 200 tekens bevat" in html
    activity.refresh_from_db()
    assert activity.title_fa is None


def _translations_page(client, query=""):
    return client.get(reverse("initiatives:translation_list") + query)


def test_regisseur_sees_active_activities_with_the_languages_they_lack(
    client, login_as, gemeente
):
    gemeente.settings = {**gemeente.settings, "newcomer_languages": ["ar", "uk"]}
    gemeente.save()
    one = organisation_in(gemeente, name="Stichting Verzonnen Een")
    other = organisation_in(gemeente, name="Stichting Verzonnen Twee")
    done = ActivityFactory(gemeente=gemeente, organisation=one, title="Helemaal vertaald",
                           title_ar="مترجم", description_ar="نص", title_uk="Перекладено",
                           description_uk="Текст")
    half = ActivityFactory(gemeente=gemeente, organisation=one, title="Half vertaald",
                           title_ar="نصف", description_ar="نص")
    none = ActivityFactory(gemeente=gemeente, organisation=other, title="Niet vertaald")
    ActivityFactory(gemeente=gemeente, organisation=other, title="Gestopt", is_active=False)
    login_as(Role.REGISSEUR, gemeente=gemeente)

    html = _translations_page(client).content.decode()
    assert "Helemaal vertaald" not in html and "Gestopt" not in html
    rows = dict(re.findall(r"<bdi>(Half vertaald|Niet vertaald)</bdi></a></td>\s*<td>.*?</td>"
                           r"\s*<td>([^<]*)</td>", html))
    assert rows == {"Half vertaald": "Oekraïens", "Niet vertaald": "Arabisch, Oekraïens"}
    assert reverse("initiatives:activity_edit", args=[none.pk]) + "?vertalingen=1#vertalingen" in html
    assert "Engels" not in html  # not one of this gemeente's newcomer languages

    html = _translations_page(client, "?language=ar").content.decode()
    assert "<bdi>Niet vertaald</bdi>" in html and "<bdi>Half vertaald</bdi>" not in html
    html = _translations_page(client, f"?organisation={one.pk}").content.decode()
    assert "<bdi>Half vertaald</bdi>" in html and "<bdi>Niet vertaald</bdi>" not in html
    assert done.is_translated("ar") and not half.is_translated("uk")

    # The link opens the form with the translations unfolded.
    form = client.get(reverse("initiatives:activity_edit", args=[none.pk]) + "?vertalingen=1")
    assert 'id="vertalingen" open' in form.content.decode()


def test_a_bad_language_or_organisation_filter_shows_a_dutch_message_not_a_500(
    client, login_as, gemeente
):
    ActivityFactory(gemeente=gemeente, title="Niet vertaald")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    for query in ("?language=xx", "?organisation=999999", "?organisation=abc"):
        response = _translations_page(client, query)
        assert response.status_code == 200, query
        assert "Selecteer een geldige keuze" in response.content.decode(), query
    response = _translations_page(client, "?language=%00")
    assert response.status_code == 200
    assert 'id="id_language"' in response.content.decode()  # the form, marked


def test_the_translation_overview_is_the_regisseurs_and_linked_from_the_navigation(
    client, login_as, gemeente
):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    assert _translations_page(client).status_code == 404
    client.logout()
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get(reverse("initiatives:activity_list")).content.decode()
    assert f'href="{reverse("initiatives:translation_list")}"' in html


def test_translation_overview_costs_the_same_with_few_and_many_activities(
    client, login_as, gemeente, django_assert_max_num_queries
):
    organisation = organisation_in(gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)

    def add(n):
        Activity.objects.bulk_create([
            Activity(gemeente=gemeente, organisation=organisation, title_nl=f"Verzonnen {i}",
                     description_nl="Tekst")
            for i in range(n)
        ])

    add(2)
    # session, user, 2FA device; the gemeente; the newcomer languages' names; the
    # organisation choices; the count per language; the paginator's count; the page; the
    # menu's counts (contact requests, worklist, signals waiting, overlap findings)
    with django_assert_max_num_queries(13):
        assert _translations_page(client).status_code == 200
    add(40)
    with django_assert_max_num_queries(13):
        assert "Pagina 1 van 2" in _translations_page(client).content.decode()


def test_newcomer_languages_default_to_every_infopunt_language_and_are_checked_in_the_admin():
    gemeente = Gemeente(name="Ergens", slug="ergens")
    assert gemeente.newcomer_languages == ["en", "ar", "uk", "ti", "fa", "tr", "so"]
    gemeente.settings = {"newcomer_languages": ["so", "ar", "nl", "xx"]}
    assert gemeente.newcomer_languages == ["ar", "so"]
    gemeente.settings = ["ar"]  # not what the admin lets through; still no 500
    assert gemeente.newcomer_languages == ["en", "ar", "uk", "ti", "fa", "tr", "so"]

    from gemeenten.admin import GemeenteAdminForm

    for value, ok in (('{"newcomer_languages": ["ar", "ti"]}', True),
                      ('{"newcomer_languages": ["ar", "xx"]}', False),
                      ('{"newcomer_languages": "ar"}', False),
                      ('["ar"]', False)):
        form = GemeenteAdminForm(data={"name": "Ergens", "slug": "ergens",
                                       "primary_colour": "#1f4e79", "settings": value})
        assert form.is_valid() is ok, (value, form.errors)
        if not ok:
            assert form.errors["settings"], value


def test_the_activity_page_says_which_translations_it_has(client, login_as, gemeente):
    activity = ActivityFactory(gemeente=gemeente, title="Kookclub", description="",
                               title_ar="نادي الطبخ", title_uk="")
    login_as(Role.COORDINATOR, organisation=activity.organisation, gemeente=gemeente)
    html = client.get(reverse("initiatives:activity_detail", args=[activity.pk])).content.decode()
    assert re.search(r"<dt>Vertalingen</dt>\s*<dd>Arabisch <a", html)
    activity.title_ar = None
    activity.save()
    html = client.get(reverse("initiatives:activity_detail", args=[activity.pk])).content.decode()
    assert re.search(r"<dt>Vertalingen</dt>\s*<dd>nog geen <a", html)
