"""Every interface language: translated pages, right-to-left for Arabic and Farsi, the
language switcher by the languages' own names, and Django's own strings in ti and so."""
import re
import time

import pytest

from .factories import public_activity

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = ["Choose what fits you", "Add to my list", "Skip to main content", "My list",
                "Please contact me", "Languages spoken there", "What are you looking for?"]


@pytest.mark.parametrize("lang", ["ar", "uk", "ti", "fa", "tr", "so"])
def test_infopunt_pages_are_translated(client, gemeente, lang):
    activity = public_activity(gemeente)
    pages = [f"/{lang}/infopunt/testdam/", f"/{lang}/infopunt/testdam/aanbod/",
             f"/{lang}/infopunt/testdam/activiteit/{activity.pk}/"]
    for url in pages:
        html = client.get(url).text
        assert f'<html lang="{lang}"' in html
        for english in ENGLISH_ONLY:
            assert english not in html, (url, english)


def test_dutch_catalogue_has_merged_the_infopunt_strings():
    """The infopunt's Dutch strings live in infopunt.po.part until the nl catalogue exists;
    from then on every one of them must be in it, translated."""
    from pathlib import Path

    from babel.messages.pofile import read_po
    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"
    if not (folder / "django.po").exists():
        pytest.skip("the nl catalogue is not there yet")
    part = read_po((folder / "infopunt.po.part").open("rb"), locale="nl")
    catalogue = read_po((folder / "django.po").open("rb"), locale="nl")
    missing = [m.id for m in part if m.id and not (catalogue.get(m.id) and catalogue.get(m.id).string)]
    assert missing == []


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("ti", "ltr")])
def test_direction_follows_the_language(client, gemeente, lang, direction):
    html = client.get(f"/{lang}/infopunt/testdam/").text
    assert f'dir="{direction}"' in html.split("<head>")[0]


def test_language_switcher_names_each_language_in_itself_and_keeps_the_page(client, gemeente):
    html = client.get("/nl/infopunt/testdam/aanbod/?thema=taal&kiosk=1").text
    for own_name in ["العربية", "ትግርኛ", "Українська", "فارسی / دری", "Soomaali", "Türkçe"]:
        assert own_name in html
    assert 'href="/ar/infopunt/testdam/aanbod/?thema=taal&amp;kiosk=1" lang="ar"' in html


def test_django_form_errors_are_translated_in_tigrinya(client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    url = f"/ti/infopunt/testdam/activiteit/{activity.pk}/contact/"
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).text).group(1)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    html = client.post(url, {"first_name": "", "phone": "0612345678",
                             "preferred_language": "xx", "token": token}).text
    assert "በጃኹም ቀዳማይ ስምኩም ጽሓፉ።" in html  # please fill in your first name
    assert "ቅኑዕ ምርጫ ምረጽ።" in html  # Django's "Select a valid choice."
    assert "Select a valid choice" not in html


def test_dates_are_written_in_somali(client, gemeente):
    activity = public_activity(gemeente)
    html = client.get(f"/so/infopunt/testdam/activiteit/{activity.pk}/").text
    assert "Arbaco" in html  # Wednesday
    assert "Wednesday" not in html


@pytest.mark.parametrize(("lang", "words"), [
    # Ukrainian needs the month's genitive after a day number ("26 листопада").
    ("uk", ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
            "вересня", "жовтня", "листопада", "грудня"]),
    ("ti", ["ጥሪ", "ለካቲት", "መጋቢት", "ሚያዝያ", "ግንቦት", "ሰነ", "ሓምለ", "ነሓሰ", "መስከረም",
            "ጥቅምቲ", "ሕዳር", "ታሕሳስ"]),
])
def test_dates_name_the_month_as_the_language_writes_it_after_a_day(client, gemeente, lang,
                                                                       words):
    activity = public_activity(gemeente)
    html = client.get(f"/{lang}/infopunt/testdam/activiteit/{activity.pk}/").text
    assert any(word in html for word in words)
    for english in ["January", "February", "March", "April", "May", "June", "July", "August",
                    "September", "October", "November", "December"]:
        assert english not in html


def test_a_request_leaves_no_language_active_behind(client, gemeente):
    """The thread serves the next request (and a test arranges data) in the default language:
    factories would otherwise write `title` into the Arabic field."""
    client.get("/ar/infopunt/")
    from django.utils import translation

    assert translation.get_language() == "nl"


def test_dutch_names_on_the_infopunt_are_isolated_from_the_text_around_them():
    """An organisation's or a wijk's name is Dutch inside an Arabic or Persian sentence:
    without <bdi> (or the |bdi filter) the browser's bidi algorithm may move its words and
    the " · " beside it. The vacancy list had "Taalcafé De Brug · اللغة · الحي: Centrum"
    bare."""
    from pathlib import Path

    from django.conf import settings

    bare = re.compile(r"(?<!<bdi>)\{\{ ?(?:\w+\.)*(?:organisation|wijk)\.name ?\}\}")
    offenders = [f"{path.name}: {match[0]}"
                 for path in sorted((Path(settings.BASE_DIR) / "templates" / "infopunt")
                                    .rglob("*.html"))
                 for match in bare.finditer(path.read_text(encoding="utf-8"))]
    assert offenders == []
