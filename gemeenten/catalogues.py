"""Compile gettext catalogues with babel, so a fresh machine without GNU gettext works and CI
can tell when a committed .mo file no longer matches its .po file.

"Matches" means the same meaning, not the same bytes: the messages (with their contexts and
plural forms) and the headers gettext acts on. Headers a tool writes about itself, such as
babel's ``Generated-By``, differ between releases and say nothing about the translations."""
import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings

# The headers gettext and Django read when they use a catalogue.
MEANINGFUL_HEADERS = ("content-type", "plural-forms", "language")


def po_files() -> list[Path]:
    return sorted(
        p for base in settings.LOCALE_PATHS for p in Path(base).glob("*/LC_MESSAGES/*.po")
    )


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=po_path.parent.parent.name.replace("-", "_"))
    out = BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def meaning(mo_bytes: bytes) -> tuple[dict, dict]:
    """What a compiled catalogue means to gettext: its headers that matter and its messages
    (plural forms keyed ``(msgid, n)``, contexts as ``context\\x04msgid``, as gettext keeps
    them)."""
    translations = gettext.GNUTranslations(BytesIO(mo_bytes))
    headers = {key: translations.info().get(key) for key in MEANINGFUL_HEADERS}
    messages = {key: value for key, value in translations._catalog.items() if key != ""}
    return headers, messages


def stale_catalogues() -> list[Path]:
    """.po files whose committed .mo is missing or means something else than they compile to."""
    stale = []
    for po in po_files():
        mo = po.with_suffix(".mo")
        if not mo.exists() or meaning(mo.read_bytes()) != meaning(compiled(po)):
            stale.append(po)
    return stale
