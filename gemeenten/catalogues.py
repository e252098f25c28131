"""Compile gettext catalogues with babel, so a fresh machine without GNU gettext works and CI
can tell when a committed .mo file no longer matches its .po file."""
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


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


def stale_catalogues() -> list[Path]:
    """.po files whose committed .mo is missing or differs from what they compile to."""
    stale = []
    for po in po_files():
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(po):
            stale.append(po)
    return stale
