"""The privacy and accessibility statements read in every interface language, on the portal
and inside the infopunt, and migration 0003 never overwrites a beheerder's text."""
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.html import escape

from gemeenten.models import Statement

pytestmark = pytest.mark.django_db

LANGS = ["nl", "en", "ar", "uk", "ti", "fa", "tr", "so"]
SLUGS = ["privacy", "toegankelijkheid"]
NOT_TRANSLATED = "This text is in Dutch. It has not been translated yet."
fill_empty_translations = import_module(
    "gemeenten.migrations.0003_statements_in_every_language"
).fill_empty_translations


def _assert_translated(html, page, lang):
    title = getattr(page, f"title_{lang}")
    body = getattr(page, f"body_{lang}")
    assert title and body, f"{page.slug} has no {lang} text"
    assert escape(title) in html
    assert escape(body.split("\n\n")[0][:40]) in html  # the text itself, not the Dutch
    with translation.override(lang):
        note = translation.gettext(NOT_TRANSLATED)
    assert escape(note) not in html
    assert '<div lang="nl" dir="ltr">' not in html  # the text is not marked as Dutch


def test_the_statements_have_their_own_title_in_arabic_and_tigrinya(client):
    assert "<h1 class=\"h2 mb-3\">بيان الخصوصية</h1>" in client.get("/ar/privacy/").text
    assert "<h1 class=\"h2 mb-3\">መግለጺ ተበጻሕነት</h1>" in client.get("/ti/toegankelijkheid/").text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_portal_statement_is_translated_in_every_language(client, lang, slug):
    response = client.get(f"/{lang}/{slug}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    _assert_translated(response.text, Statement.objects.get(slug=slug), lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_infopunt_statement_is_translated_in_every_language(client, gemeente, lang, slug):
    response = client.get(f"/{lang}/infopunt/{gemeente.slug}/over/{slug}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    _assert_translated(response.text, Statement.objects.get(slug=slug), lang)


def test_migration_fills_only_empty_fields():
    page = Statement.objects.get(slug="privacy")
    # The Dutch text as 0003 found it (0004 added a paragraph since).
    page.body_nl = import_module("gemeenten.migrations.0002_seed_taxonomy").PRIVACY_NL
    page.title_ar, page.body_ar = "عنوان من البلدية", "نص كتبته البلدية."
    page.title_uk = page.body_uk = ""
    page.save()
    fill_empty_translations(apps, None)
    page.refresh_from_db()
    assert (page.title_ar, page.body_ar) == ("عنوان من البلدية", "نص كتبته البلدية.")
    assert page.title_uk == "Заява про конфіденційність"
    assert page.body_uk.startswith("Громада використовує цей портал")


def test_migration_does_not_translate_a_dutch_text_the_beheerder_rewrote(client):
    page = Statement.objects.get(slug="privacy")
    page.body_nl = "De gemeente bewaart uw vraag nu 1 maand."
    page.body_tr = ""
    page.save()
    fill_empty_translations(apps, None)
    page.refresh_from_db()
    assert page.body_tr == ""  # a translation of the old text would say 3 months
    html = client.get("/tr/privacy/").text
    assert '<div lang="nl" dir="ltr">' in html
    assert "De gemeente bewaart uw vraag nu 1 maand." in html
    with translation.override("tr"):
        assert escape(translation.gettext(NOT_TRANSLATED)) in html


# The interface around the statement text: base.html and statement.html, as an anonymous
# visitor sees them. Without these in a catalogue, gettext falls back to the Dutch.
CHROME = [
    "Regie portal",
    "Skip to main content",
    "Main navigation",
    "Privacy statement",
    "Accessibility statement",
    "Information point for newcomers",
    "Go to the information point",
    "Last changed on %(date)s.",
]
RTL = {"ar", "fa"}


def _gettext(lang, msgid):
    with translation.override(lang):
        text = translation.gettext(msgid)
    return text.split("%(date)s")[0].strip()  # the words before the date


@pytest.mark.parametrize("lang", ["ar", "uk", "ti", "fa", "tr", "so"])
@pytest.mark.parametrize("slug", SLUGS)
def test_statement_page_chrome_is_in_the_visitors_language(client, lang, slug):
    html = client.get(f"/{lang}/{slug}/").text
    direction = "rtl" if lang in RTL else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    for msgid in CHROME:
        english, dutch = msgid.split("%(date)s")[0].strip(), _gettext("nl", msgid)
        assert dutch != english, f"the nl catalogue has no {msgid!r}, so this check proves nothing"
        assert escape(english) not in html, f"{lang}: English {english!r}"
        assert escape(dutch) not in html, f"{lang}: Dutch {dutch!r}"
        assert escape(_gettext(lang, msgid)) in html, f"{lang}: no translation of {msgid!r}"


@pytest.mark.parametrize("lang", ["ar", "uk", "ti", "fa", "tr", "so"])
def test_statement_without_any_text_says_so_in_the_visitors_language(client, lang):
    Statement.objects.filter(slug="privacy").update(**{f"body_{code}": "" for code in LANGS})
    html = client.get(f"/{lang}/privacy/").text
    assert escape(_gettext(lang, "This text is in Dutch. It has not been translated yet.")) in html
    msgid = "This text is not available yet."
    note = _gettext(lang, msgid)
    assert note not in (msgid, _gettext("nl", msgid)), f"{lang} has no translation of {msgid!r}"
    assert escape(note) in html


@pytest.mark.parametrize("lang", ["ar", "uk", "so"])
def test_statement_page_links_to_the_infopunt_in_the_same_language(client, lang):
    html = client.get(f"/{lang}/privacy/").content.decode()
    assert f'href="/{lang}/infopunt/"' in html
    assert 'href="/infopunt/"' not in html


SEARCH_COUNTS = import_module("gemeenten.migrations.0004_privacy_statement_search_counts")


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "uk", "ti", "fa", "tr", "so"])
def test_privacy_statement_says_that_searches_are_counted_anonymously(client, lang):
    html = client.get(f"/{lang}/privacy/").content.decode()
    assert SEARCH_COUNTS.SEARCH_COUNTS[lang][:40] in html


def test_the_search_count_paragraph_leaves_a_rewritten_statement_alone():
    statement = Statement.objects.get(slug="privacy")
    Statement.objects.filter(pk=statement.pk).update(
        body_tr="Bizim kendi metnimiz.", body_nl="Onze eigen tekst.", body="Onze eigen tekst."
    )
    SEARCH_COUNTS.add_search_counts(apps, None)
    statement.refresh_from_db()
    assert statement.body_tr == "Bizim kendi metnimiz."
    assert statement.body_nl == "Onze eigen tekst."


@pytest.mark.parametrize("lang", LANGS)
def test_the_privacy_statement_names_the_gemeente_as_reader_while_an_organisation_has_none(
    client, gemeente, lang
):
    """Migration 0008 corrected the seeded sentence in every language; the infopunt's own
    summary above it says the same."""
    sentences = import_module(
        "gemeenten.migrations.0010_privacy_statement_contact_reader").SENTENCES
    seeded, truthful = sentences[lang]
    page = Statement.objects.get(slug="privacy")
    body = getattr(page, f"body_{lang}")
    assert truthful in body and seeded not in body.replace(truthful, "")
    html = client.get(f"/{lang}/infopunt/{gemeente.slug}/over/privacy/").text
    with translation.override(lang):
        summary = translation.gettext(
            "When you ask to be contacted, only that organisation gets your name, phone number "
            "or e-mail address and your question; while it cannot read messages on this website "
            "yet, the municipality gets them instead. We delete it 3 months after your question "
            "is handled, and after 6 months at the latest.")
    assert summary in html  # {% translate %} marks its own text safe


def test_the_contact_reader_migration_leaves_a_rewritten_sentence_alone():
    migration = import_module("gemeenten.migrations.0010_privacy_statement_contact_reader")
    page = Statement.objects.get(slug="privacy")
    page.body_nl = "Uw contactverzoek leest de gemeente."
    page.body_en = migration.SENTENCES["en"][0]
    page.save()
    migration.name_the_gemeente_as_reader(apps, None)
    page.refresh_from_db()
    assert page.body_nl == "Uw contactverzoek leest de gemeente."
    assert page.body_en == migration.SENTENCES["en"][1]
