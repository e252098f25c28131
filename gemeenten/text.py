"""Text normalisation for search: case-folded, accents stripped, whitespace collapsed."""
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped.casefold()).strip()


def name_key(text: str) -> str:
    """How names are matched: case- and space-insensitive."""
    return _SPACE.sub("", (text or "").casefold())
