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


def closest_names(name: str, known: list[str], *, limit: int = 3,
                  cutoff: float = 0.75) -> list[str]:
    """The known names most like `name` ("Molenwyk" -> ["Molenwijk"]), best first, for a
    "did you mean" suggestion; compared case-, accent- and space-insensitively (difflib:
    the standard library is enough for a gemeente's few hundred names)."""
    import difflib

    by_key: dict[str, str] = {}
    for known_name in known:
        by_key.setdefault(normalise(known_name).replace(" ", ""), known_name)
    wanted = normalise(name).replace(" ", "")
    if not wanted:
        return []
    return [by_key[key] for key in
            difflib.get_close_matches(wanted, list(by_key), n=limit, cutoff=cutoff)]
