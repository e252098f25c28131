"""Writes of the infopunt: counting a search, anonymously, per day."""
import logging
import threading
import time
from collections import Counter
from datetime import date

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

from gemeenten.models import Wijk
from gemeenten.scope import scopes_disabled

from . import conf
from .models import RESULT_COUNT_CAP, SearchDay, SearchWordDay


def _bump(model, key: dict, n: int = 1) -> None:
    """Add n to the row of this key, creating it the first time (safe under races)."""
    if model.objects.filter(**key).update(searches=F("searches") + n):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, searches=n)
    except IntegrityError:  # another request created it meanwhile
        model.objects.filter(**key).update(searches=F("searches") + n)


def word_is_kept(word: str) -> bool:
    """Whether a query word may be stored at all.

    A word with any digit in it (in any script: Arabic-Indic and Persian digits too) or an
    "@" is never kept: that one rule drops every phone number, postcode (1234AB; "1234 AB"
    loses its "1234"), house number ("Kanaalstraat12"), e-mail address, date of birth and
    case or V-number a visitor types, whatever its format, and the offer has nothing worth
    counting that needs a digit (a theme, language or wijk is a filter, not a word).
    """
    return not any(c.isdigit() or c == "@" for c in word)


def _search_rows(
    *, gemeente, day: date, theme: str = "", language: str = "", wijk=None,
    filters: str = "", words: list[str] | None = None, result_count: int,
) -> list[tuple[type, dict]]:
    """The rows one search adds one to: its combination, and each query word kept."""
    has_query = bool(words)
    words = [word for word in words or [] if word_is_kept(word)]
    common = {
        "gemeente_id": gemeente.pk, "date": day, "theme": theme[:50],
        "language": language[:8], "wijk_id": getattr(wijk, "pk", wijk),
        "result_count": min(result_count, RESULT_COUNT_CAP),
    }
    return [(SearchDay, {**common, "filters": filters[:100], "has_query": has_query})] + [
        (SearchWordDay, {**common, "word": word[:40]}) for word in words
    ]


def search_record(**search) -> None:
    """Count one search at once: the combination and its result count, and each query word
    (the arguments of `_search_rows`). The infopunt's result list counts through
    `search_count` instead.

    Nothing about the visitor is stored: no IP, no time of day, no session. Words that may
    be personal data (`word_is_kept`) are not stored; the search still counts.
    """
    rows = _search_rows(**search)
    if len(rows) == 1:  # one UPDATE (usually): no transaction around it
        _bump(*rows[0])
        return
    with transaction.atomic():  # the combination and its words are counted together
        for model, key in rows:
            _bump(model, key)


class SearchTally:
    """Searches counted in this process, written to the database together: a result list
    then costs no write of its own. `search_count` adds; `flush` writes everything counted
    so far in one transaction (an UPDATE per distinct row, however often it was searched).
    The receivers in apps.py flush at the end of a request once the oldest count is
    `conf.search_flush_seconds()` old, and when the process exits; a process killed hard
    loses at most those seconds of its counts."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._since: float | None = None

    def add(self, rows: list[tuple[type, dict]]) -> None:
        with self._lock:
            for model, key in rows:
                self._counts[(model, tuple(sorted(key.items())))] += 1
            if self._since is None:
                self._since = time.monotonic()

    def clear(self) -> None:
        """Forget what was counted (the tests: a rolled-back test's counts)."""
        with self._lock:
            self._counts, self._since = Counter(), None

    def due(self) -> bool:
        since = self._since
        return since is not None and time.monotonic() - since >= conf.search_flush_seconds()

    def flush(self) -> int:
        """Write what was counted; returns the number of searches written."""
        with self._lock:
            counts, self._counts, self._since = self._counts, Counter(), None
        if not counts:
            return 0
        # A wijk deleted meanwhile took its counts with it (on_delete=CASCADE): so do these.
        wijk_ids = {dict(key)["wijk_id"] for _model, key in counts} - {None}
        gone = wijk_ids - set(Wijk._base_manager.filter(pk__in=wijk_ids)
                              .values_list("pk", flat=True)) if wijk_ids else set()
        # Across gemeenten on purpose: each row names its own gemeente. Sorted, so two
        # processes flushing at once lock the same rows in the same order.
        with scopes_disabled(), transaction.atomic():
            for (model, key), n in sorted(counts.items(), key=lambda item: (
                    item[0][0].__name__, repr(item[0][1]))):
                if dict(key)["wijk_id"] not in gone:
                    _bump(model, dict(key), n)
        return sum(n for (model, _key), n in counts.items() if model is SearchDay)


search_tally = SearchTally()
logger = logging.getLogger(__name__)


def search_tally_flush_due(**kwargs) -> None:
    """request_finished: write the tally when it is due. After the response (a WSGI server
    sends it before closing), and never an error for the visitor: a failed write is logged
    and its counts dropped."""
    if search_tally.due():
        try:
            search_tally.flush()
        except DatabaseError:
            logger.exception("Search counts could not be written; dropped.")


def search_count(**search) -> None:
    """Count one search (the arguments of `_search_rows`) in this process's tally, written
    with the others by `search_tally.flush()`."""
    search_tally.add(_search_rows(**search))


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
