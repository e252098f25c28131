"""Which spoken languages a search word names: "arabisch", "Arabic", "العربية" or, on the
Ukrainian pages, "арабська" all mean the activities where Arabic is spoken.

A language is known by its Dutch, English and own name (`gemeenten.Language`) and by its name
in every interface language (our catalogues translate the English names listed below). Case,
accents and the Arabic article do not matter; a Dutch or English inflection ("Arabische",
"Engelse") and a name typed half ("somal") still match.
"""
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from gemeenten.text import normalise

# The English names of the seeded languages (gemeenten' migration 0002), so makemessages
# keeps their translations; a language added in the admin is found by its three own names.
ENGLISH_NAMES = [
    gettext_noop("Dutch"), gettext_noop("English"), gettext_noop("Arabic"),
    gettext_noop("Tigrinya"), gettext_noop("Persian"), gettext_noop("Dari"),
    gettext_noop("Pashto"), gettext_noop("Sorani Kurdish"), gettext_noop("Kurmanji Kurdish"),
    gettext_noop("Ukrainian"), gettext_noop("Russian"), gettext_noop("Turkish"),
    gettext_noop("Somali"), gettext_noop("Amharic"), gettext_noop("French"),
    gettext_noop("Spanish"), gettext_noop("Polish"), gettext_noop("German"),
    gettext_noop("Urdu"),
]

# Arabic and Persian spellings of the same letters, and hamza forms, count as one.
_ARABIC_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا",
                              "آ": "ا"})
_ARTICLE = "ال"
_MIN_TOKEN = 3  # "دری" (Dari)
_MIN_PREFIX = 5  # a half-typed name: "somal", "arabi"
_MAX_SUFFIX = 2  # an inflection: "arabisch" + "e", "engels" + "e"


def fold(text: str) -> str:
    """A search word as it is compared with a language name."""
    word = normalise(text).translate(_ARABIC_FOLD)
    if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 2:
        word = word[len(_ARTICLE):]
    return word


@lru_cache(maxsize=8)
def _index(languages: tuple[tuple[str, str, str, str], ...]) -> tuple[tuple[str, str], ...]:
    """(name token, language code) for every name of every language."""
    pairs = set()
    for code, name_nl, name_en, native in languages:
        names = {name_nl, name_en, native}
        for interface, _label in settings.LANGUAGES:
            with translation.override(interface):
                names.add(gettext(name_en))
        for name in names:
            for token in fold(name).split(" "):
                token = fold(token)
                if len(token) >= _MIN_TOKEN:
                    pairs.add((token, code))
    return tuple(sorted(pairs))


def languages_named(word: str, languages) -> list[str]:
    """The codes of the `languages` (gemeenten.Language objects) that `word` names.

    The default language (Dutch) is left out: nearly everything is in Dutch, so a search for
    "Nederlands" means the subject (learning Dutch), not where Dutch is spoken.
    """
    key = fold(word)
    if len(key) < _MIN_TOKEN:
        return []
    index = _index(tuple((lang.code, lang.name_nl, lang.name_en, lang.native_name)
                         for lang in languages if lang.code != settings.LANGUAGE_CODE))
    codes = set()
    for token, code in index:
        if key == token or (
            key.startswith(token) and len(key) - len(token) <= _MAX_SUFFIX
        ) or (len(key) >= _MIN_PREFIX and token.startswith(key)):
            codes.add(code)
    return sorted(codes)
