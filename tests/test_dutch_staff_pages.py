"""The staff pages are Dutch: every staff page (from the URL resolver, so a new page is covered
automatically), rendered for every role on the seeded demo, holds no English word that a
translator would not leave, in its visible text nor in the text of its attributes (title,
aria-label, placeholder, alt, a button's value; option labels are text).

A word is English when it is on a short stop-list of common English words that are not also
Dutch ("Title", "Search", "Next", "the", ...), or when it occurs in the English source
strings (msgids) of the portal's catalogue and in no Dutch translation (msgstr) of it or of
Django's own catalogues. Text in another language on purpose (an element with a lang
attribute other than nl), code (<code>, <kbd>) and what people typed (<bdi>, as every staff
template wraps it) is left out. A word that is the same in
both languages and still caught goes on ALLOWED, with a reason.

Dates are named formats (regie/formats): no template spells out its own, so a page cannot
write "30 Nov 2026" beside "30 november 2026"; and the named formats exist in every
interface language (a missing one would print the name as a format)."""
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.db import transaction
from django.utils import formats, translation

from gemeenten.choices import Role
from gemeenten.datagen.demo import demo_seed
from gemeenten.models import User
from gemeenten.scope import scopes_disabled
from initiatives.models import ContactRequest
from tests.factories import log_in
from tests.staff_pages import records_for, staff_paths

ROOT = Path(settings.BASE_DIR)

# Common English words that are not Dutch words too (so not "is", "in", "of", "over",
# "week", "open", "filter", "status", "was", "die", "door", "last"...).
ENGLISH = set("""
the and to for with your you this that these those from into about their there here
search next previous first title titles updated update confirmed name names sort sorted by
all none page pages show showing submit save cancel delete edit yes no back more less new
add remove login logout log password user users language languages date dates time day days
month year organisation organisations organization activity activities district districts
theme themes approval approved pending rejected descending ascending close closed answered
state received created sent request requests results result found nothing please click
select choose clear when where what who how free not or are be has have will would
can should must may only also been being which while each every other another than then
order default previous newest oldest number count total help required optional description
address place phone email mail send sign up down view details detail list lists
""".split())
# Words of the catalogue's English msgids that a Dutch page may hold, and why.
ALLOWED = {
    "online",  # Dutch uses it ("online of op locatie")
    "demo",  # "demo-account" in both
    "app", "authenticator",  # "authenticator-app"
    "code",  # "de code"
    "link",  # "de link"
    "website", "e", "mail",  # "e-mail", "website"
    "email",  # the input type's own word in some attributes
    "digid",  # a Dutch product name
    "cbs",  # Centraal Bureau voor de Statistiek
    "csv", "xlsx", "json",  # file types
    "regie", "infopunt", "nieuwkomers",  # Dutch words kept in English msgids
}

ROLES = [None, Role.REGISSEUR, Role.COORDINATOR, Role.BEGELEIDER, Role.VOLUNTEER,
         Role.PRIVACY_OFFICER, Role.BEHEERDER]
DEMO_USERNAMES = {Role.REGISSEUR: "regisseur", Role.COORDINATOR: "coordinator",
                  Role.BEGELEIDER: "begeleider", Role.VOLUNTEER: "vrijwilliger",
                  Role.PRIVACY_OFFICER: "privacy", Role.BEHEERDER: "beheerder"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# What is not words of a sentence: addresses, links, numbers with letters.
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]+\.(example|nl|org|com)\b|\w*\d\w*")
WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(NOT_WORDS.sub(" ", text))}


def _catalogue_words() -> tuple[set[str], set[str]]:
    """(words of the English msgids, words of the Dutch msgstrs) of the portal's catalogue,
    the Dutch side also from Django's and the installed apps' own Dutch catalogues."""
    english, dutch = set(), set()
    with (ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po").open("rb") as fh:
        for message in read_po(fh, locale="nl"):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strs = message.string if isinstance(message.string, tuple) else (message.string,)
            english |= set().union(*(_words(re.sub(r"%\(\w+\)\w", " ", i)) for i in ids))
            dutch |= set().union(*(_words(s or "") for s in strs))
    import django
    import django_filters

    for package in (django, django_filters):
        for po in Path(package.__file__).parent.rglob("locale/nl/LC_MESSAGES/django.po"):
            with po.open("rb") as fh:
                for message in read_po(fh, locale="nl"):
                    strs = (message.string if isinstance(message.string, tuple)
                            else (message.string,))
                    dutch |= set().union(*(_words(s or "") for s in strs))
    return english, dutch


class _Text(HTMLParser):
    """The words a Dutch reader gets: text and attribute text outside script, style, code
    and elements in another language."""

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: excluded?
        self.parts: list[str] = []
        self.ids: list[str] = []

    @property
    def excluded(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        lang = (a.get("lang") or "").lower()
        # An <abbr>'s text is a code ("ar"); its title, the name, is checked. A <bdi> holds
        # what somebody typed (a name, a visitor's search word), not the interface's text.
        excluded = self.excluded or tag in ("script", "style", "code", "kbd", "abbr", "bdi") or (
            bool(lang) and not lang.startswith("nl"))
        if not (self.excluded or lang and not lang.startswith("nl")):
            self.parts += [a[name] for name in ATTRIBUTES if a.get(name)]
            if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
                self.parts.append(a["value"])
        if tag not in VOID:
            self.stack.append(excluded)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.excluded:
            self.parts.append(data)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Demodam, seeded once for this module and rolled back after it."""
    import importlib

    from django.apps import apps

    with django_db_blocker.unblock(), transaction.atomic():
        with scopes_disabled():
            # The taxonomy of the seed migration, again: a transactional test without
            # serialized_rollback before this module flushes it (tests/gemeenten/test_outbox.py),
            # and a page would show the bare language code "so" instead of its name.
            importlib.import_module("gemeenten.migrations.0002_seed_taxonomy").seed(apps, None)
            seeded = demo_seed()
            ContactRequest.objects.filter(gemeente=seeded.gemeente).update(state="answered")
        yield seeded
        transaction.set_rollback(True)


# The marker, not only the `demo` fixture: pytest-django creates the test database only for
# the aliases that the selected tests' markers (or db fixtures) ask for, so run alone, without
# it, this module had no tables at all ("no such table: gemeenten_theme").
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_is_dutch_for_every_role(client, demo, role):
    english_msgids, dutch = _catalogue_words()
    catalogue_english = english_msgids - dutch
    user = None
    if role:
        user = log_in(client, User.objects.get(username=DEMO_USERNAMES[role]))
    paths = staff_paths(records_for(user) if user else {})
    found, rendered, repeated = {}, 0, {}
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        rendered += 1
        parser = _Text()
        parser.feed(response.content.decode())
        # While the page is here: an id given twice (two forms with a field of one name)
        # ties a label to the wrong field; the koppeling's goal and check-in were both
        # "id_text", and "Hoe ging het?" labelled the goal's field.
        twice = sorted({i for i in parser.ids if parser.ids.count(i) > 1})
        if twice:
            repeated[path] = twice
        # Django's own empty choice, "---------", says nothing: "Kies de activiteit".
        if ">---------<" in response.content.decode():
            found.setdefault(path, []).append("---------")
        words = _words(" ".join(parser.parts)) - ALLOWED
        english = sorted((words & ENGLISH) | (words & catalogue_english))
        if english:
            found[path] = english
    assert rendered >= (2 if role is None else 4), paths
    assert not found, f"English on Dutch staff pages for {role}: {found}"
    assert not repeated, f"ids given twice on a page for {role}: {repeated}"


def test_the_word_check_catches_english_sort_options_and_pagination():
    """The check itself: what the issue found would fail it."""
    parser = _Text()
    parser.feed('<select><option>Title</option><option>Confirmed (aflopend)</option>'
                '<option>Updated</option></select><a rel="next">Next</a>'
                '<input type="search" placeholder="Search"><a title="Previous">«</a>'
                '<span lang="en">English</span><code>newcomer_languages</code>')
    english_msgids, dutch = _catalogue_words()
    words = _words(" ".join(parser.parts))
    caught = (words & ENGLISH) | (words & (english_msgids - dutch))
    assert {"title", "confirmed", "updated", "next", "search", "previous"} <= caught
    assert "english" not in words and "newcomer" not in words


# --- dates ----------------------------------------------------------------------------------

DATE_FILTER = re.compile(r"\|(date|time)(?::(\"[^\"]*\"|'[^']*'))?")
NAMED = re.compile(r"^[A-Z_]+_FORMAT$")
PORTAL_FORMATS = ("WEEKDAY_DATE_FORMAT", "WEEKDAY_MONTH_DAY_FORMAT")


def test_staff_templates_name_their_date_formats_instead_of_spelling_them_out():
    """One style: "j M Y" here and "j F Y" there is how "30 Nov 2026" came to stand beside
    "30 november 2026". (The infopunt's templates are its own, in eight languages.)"""
    spelled = []
    for template in (ROOT / "templates").rglob("*.html"):
        if "infopunt" in template.relative_to(ROOT / "templates").parts:
            continue
        for match in DATE_FILTER.finditer(template.read_text(encoding="utf-8")):
            argument = (match[2] or '"DATE_FORMAT"')[1:-1]
            if not NAMED.match(argument):
                spelled.append(f"{template.relative_to(ROOT)}: {match[0]}")
    assert spelled == []


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_interface_language_has_the_portals_named_formats(code):
    moment = datetime(2026, 11, 30, 14, 5)
    with translation.override(code):
        for name in PORTAL_FORMATS:
            assert formats.get_format(name) != name, (code, name)
            assert "2026" in formats.date_format(moment, "WEEKDAY_DATE_FORMAT")


def test_dutch_dates_have_one_style_in_lower_case():
    moment = datetime(2026, 11, 30, 14, 5)
    with translation.override("nl"):
        assert formats.date_format(moment) == "30 november 2026"
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == "30 november 2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "30 november 2026, 14:05"
        assert formats.date_format(moment, "WEEKDAY_DATE_FORMAT") == "maandag 30 november 2026"
        assert formats.date_format(moment, "WEEKDAY_MONTH_DAY_FORMAT") == "maandag 30 november"
        assert formats.date_format(moment, "YEAR_MONTH_FORMAT") == "november 2026"
        assert formats.time_format(moment) == "14:05"
