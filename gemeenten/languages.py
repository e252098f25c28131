"""Names of spoken languages in the reader's language: the gloss beside a language's own name
on the infopunt ("ትግርኛ (التغرينية)" on an Arabic page, not "(Tigrinya)"), and the names on
the staff pages without "Nederlands (Nederlands)".

The Dutch and English names are the Language table's own (the beheerder may correct them);
the other interface languages take theirs from the Unicode CLDR data that Babel ships, so a
language the beheerder adds is named in every interface language without a translator."""
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.utils import translation

# ISO 639-3 codes the portal uses that CLDR names under another code.
CLDR_CODES = {"prs": "fa_AF", "kmr": "ku"}


@lru_cache(maxsize=512)
def cldr_name(code: str, locale: str) -> str | None:
    """CLDR's name of the language `code` in `locale`, or None when it has none."""
    try:
        names = Locale.parse(locale.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        return None
    return names.get(CLDR_CODES.get(code, code)) or names.get(code)


def language_name(language, locale: str | None = None) -> str:
    """The Language's name in `locale` (the active language when not given)."""
    locale = (locale or translation.get_language() or "nl").split("-")[0]
    if locale == "nl" and language.name_nl:
        return language.name_nl
    if locale == "en" and language.name_en:
        return language.name_en
    if locale == language.code:
        return language.native_name
    return cldr_name(language.code, locale) or language.name_en or language.native_name


def language_label(language, locale: str | None = None) -> str:
    """The language's own name, with its name in the reader's language beside it when that
    differs: "العربية (Arabisch)" on a Dutch page, just "Nederlands" for Dutch itself."""
    own = language.native_name
    gloss = language_name(language, locale)
    if not gloss or gloss.casefold() == own.casefold():
        return own
    return f"{own} ({gloss})"
