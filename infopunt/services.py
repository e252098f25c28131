"""Writes of the infopunt: counting a search, anonymously, per day."""
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import RESULT_COUNT_CAP, SearchDay, SearchWordDay


def _bump(model, key: dict) -> None:
    """Add one to the row of this key, creating it the first time (safe under races)."""
    if model.objects.filter(**key).update(searches=F("searches") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, searches=1)
    except IntegrityError:  # another request created it meanwhile
        model.objects.filter(**key).update(searches=F("searches") + 1)


def word_is_kept(word: str) -> bool:
    """Whether a query word may be stored at all.

    A word with any digit in it (in any script: Arabic-Indic and Persian digits too) or an
    "@" is never kept: that one rule drops every phone number, postcode (1234AB; "1234 AB"
    loses its "1234"), house number ("Kanaalstraat12"), e-mail address, date of birth and
    case or V-number a visitor types, whatever its format, and the offer has nothing worth
    counting that needs a digit (a theme, language or wijk is a filter, not a word).
    """
    return not any(c.isdigit() or c == "@" for c in word)


def search_record(
    *, gemeente, day: date, theme: str = "", language: str = "", wijk=None,
    filters: str = "", words: list[str] | None = None, result_count: int,
) -> None:
    """Count one search: the combination and its result count, and each query word.

    Nothing about the visitor is stored: no IP, no time of day, no session. Words that may
    be personal data (`word_is_kept`) are not stored; the search still counts.
    """
    has_query = bool(words)
    words = [word for word in words or [] if word_is_kept(word)]
    capped = min(result_count, RESULT_COUNT_CAP)
    common = {
        "gemeente": gemeente, "date": day, "theme": theme[:50], "language": language[:8],
        "wijk": wijk, "result_count": capped,
    }
    combination = {**common, "filters": filters[:100], "has_query": has_query}
    if not words:  # one UPDATE (usually): no transaction around it, two round trips fewer
        _bump(SearchDay, combination)
        return
    with transaction.atomic():  # the combination and its words are counted together
        _bump(SearchDay, combination)
        for word in words:
            _bump(SearchWordDay, {**common, "word": word[:40]})


def search_counts_merge(*, field, source, target) -> int:
    """Move one statistics model's rows from wijk `source` to `target` (the merge of two
    wijken, initiatives.services.wijken): a row whose day and filters the target already
    has adds its searches to that row instead. Returns the rows that named `source`."""
    model = field.model
    key_fields = [
        f.attname for f in model._meta.concrete_fields
        if f.name not in ("id", "searches", field.name)
    ]
    rows = list(model._base_manager.filter(**{field.name: source}).values("pk", "searches",
                                                                           *key_fields))
    if not rows:
        return 0
    existing = {
        tuple(row[name] for name in key_fields): row["pk"]
        for row in model._base_manager.filter(**{field.name: target}).values("pk", *key_fields)
    }
    merged = []
    for row in rows:
        hit = existing.get(tuple(row[name] for name in key_fields))
        if hit is not None:
            model._base_manager.filter(pk=hit).update(searches=F("searches") + row["searches"])
            merged.append(row["pk"])
    model._base_manager.filter(pk__in=merged).delete()
    model._base_manager.filter(**{field.name: source}).update(**{field.name: target})
    return len(rows)
