"""Reads of the infopunt: the public offer as the visitor sees it, and the search statistics.

`search_gaps` is the one aggregating query over the statistics; the regie dashboard's gap
view reuses it.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery, Sum
from django.utils import timezone


class SearchDayQuerySet(models.QuerySet):
    def in_gemeente(self, gemeente):
        return self.filter(gemeente=gemeente)

    def between(self, since: date, until: date):
        return self.filter(date__gte=since, date__lte=until)

    def low_results(self, max_results: int):
        return self.filter(result_count__lte=max_results)


class SearchWordDayQuerySet(SearchDayQuerySet):
    pass


@dataclass
class SearchGap:
    """Searches with few results for one theme, language and wijk over a period."""

    theme: str
    language: str
    wijk_id: int | None
    wijk_name: str
    searches: int
    zero_results: int
    words: list[tuple[str, int]] = field(default_factory=list)


def search_gaps(
    *, gemeente, since: date, until: date, max_results: int | None = None,
    min_word_count: int | None = None,
) -> list[SearchGap]:
    """Searches with at most `max_results` results, per theme, language and wijk, most
    searched first, each with its query words searched at least `min_word_count` times.

    Two queries, whatever the number of rows: the counts, and the frequent words.
    """
    from . import conf
    from .models import SearchDay, SearchWordDay

    max_results = conf.low_result_max() if max_results is None else max_results
    min_word_count = conf.word_min_count() if min_word_count is None else min_word_count
    rows = (
        SearchDay.objects.in_gemeente(gemeente).between(since, until)
        .low_results(max_results)
        .values("theme", "language", "wijk_id", "wijk__name")
        .annotate(n=Sum("searches"), zero=Sum("searches", filter=Q(result_count=0)))
        .order_by("-n", "theme", "language", "wijk__name")
    )
    gaps = {
        (r["theme"], r["language"], r["wijk_id"]): SearchGap(
            theme=r["theme"], language=r["language"], wijk_id=r["wijk_id"],
            wijk_name=r["wijk__name"] or "", searches=r["n"], zero_results=r["zero"] or 0,
        )
        for r in rows
    }
    words = (
        SearchWordDay.objects.in_gemeente(gemeente).between(since, until)
        .low_results(max_results)
        .values("theme", "language", "wijk_id", "word")
        .annotate(n=Sum("searches"))
        .filter(n__gte=min_word_count)
        .order_by("-n", "word")
    )
    for w in words:
        gap = gaps.get((w["theme"], w["language"], w["wijk_id"]))
        if gap is not None:
            gap.words.append((w["word"], w["n"]))
    return list(gaps.values())


def public_activities(gemeente):
    from initiatives.models import Activity

    return Activity.objects.public(gemeente)


def for_display(queryset, *, today: date | None = None, next_dates: int = 3):
    """What a result card or the activity page shows, in a fixed number of queries:
    organisation and wijk joined, the presence's last confirmation as a subquery,
    themes and languages prefetched, and only the next few dates."""
    from gemeenten.models import Language
    from initiatives.models import Occurrence, Presence

    today = today or timezone.localdate()
    confirmed = Presence.objects.filter(
        organisation_id=OuterRef("organisation_id"), gemeente_id=OuterRef("gemeente_id")
    ).values("last_confirmed")[:1]
    upcoming = Occurrence.objects.filter(date__gte=today).order_by("starts_at")
    return (
        queryset.select_related("organisation", "wijk")
        .annotate(last_confirmed=Subquery(confirmed))
        .prefetch_related(
            "themes",
            Prefetch("languages", queryset=Language.objects.order_by("order", "name_nl")),
            Prefetch("occurrences", queryset=upcoming[:next_dates], to_attr="next_dates"),
        )
    )


def week_end(today: date) -> date:
    """"This week" is the coming seven days, so a Saturday visitor still sees something."""
    return today + timedelta(days=6)
