"""Reads of the infopunt: the public offer as the visitor sees it, and the search statistics.

`search_gaps` is the one aggregating query over the statistics; the regie dashboard's gap
view reuses it.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum, Window
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.scope import ALL, TenantQuerySet


class SearchDayQuerySet(TenantQuerySet):
    """Anonymous counts; the regisseur reads their gemeente's."""

    role_rules = {Role.REGISSEUR: ALL}

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
    min_word_count: int | None = None, min_word_days: int | None = None,
) -> list[SearchGap]:
    """Searches with at most `max_results` results, per theme, language and wijk, most
    searched first, each with its query words searched at least `min_word_count` times on
    at least `min_word_days` different days (one visitor reloading a page, or typing their
    name three times, stays within one day; nothing about the visitor is needed for that).

    Two queries, whatever the number of rows: the counts, and the frequent words.
    """
    from . import conf
    from .models import SearchDay, SearchWordDay

    max_results = conf.low_result_max() if max_results is None else max_results
    min_word_count = conf.word_min_count() if min_word_count is None else min_word_count
    min_word_days = conf.word_min_days() if min_word_days is None else min_word_days
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
        .annotate(n=Sum("searches"), days=Count("date", distinct=True))
        .filter(n__gte=min_word_count, days__gte=min_word_days)
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


# What a result card reads (templates/infopunt/results.html): the other columns, among them
# the eight descriptions and search_text, are most of an activity row's bytes.
CARD_FIELDS = (
    "title", "online", "address", "cost",
    "organisation__name", "organisation__newcomer_led", "wijk__name",
)


def for_display(queryset, *, today: date | None = None, next_dates: int = 3, card=False):
    """What a result card or the activity page shows, in a fixed number of queries:
    organisation and wijk joined, the presence's last confirmation as a subquery,
    languages prefetched, and only the next few dates. (No page shows the themes.)

    `card`: only the columns a result card shows (`CARD_FIELDS`), and no last confirmation.
    """
    from gemeenten.models import Language
    from initiatives.models import Occurrence, Presence

    today = today or timezone.localdate()
    upcoming = Occurrence.objects.filter(date__gte=today).order_by("starts_at")
    languages = Language.objects.order_by("order", "name_nl")
    queryset = queryset.select_related("organisation", "wijk")
    if card:
        queryset = queryset.only(*CARD_FIELDS)
        upcoming = upcoming.only("activity_id", "starts_at")
        languages = languages.only("code", "native_name")
    else:
        confirmed = Presence.objects.filter(
            organisation_id=OuterRef("organisation_id"), gemeente_id=OuterRef("gemeente_id")
        ).values("last_confirmed")[:1]
        queryset = queryset.annotate(last_confirmed=Subquery(confirmed))
    return queryset.prefetch_related(
        Prefetch("languages", queryset=languages),
        Prefetch("occurrences", queryset=upcoming[:next_dates], to_attr="next_dates"),
    )


MAX_PAGE = 1_000_000


def page_of(queryset, number, *, per_page: int, display=None) -> Page:
    """The page `number` of the ordered `queryset`, as `Paginator.get_page` gives it.

    At the size of a large gemeente a COUNT over the filtered join and then the page query
    evaluate the same thousands of rows twice. Here one query finds the ids of the page and
    the total (`COUNT(*) OVER ()`), and a second fetches just those rows by id, through
    `display` (e.g. `for_display`). A page past the end (or below 1) costs one query more
    for the count, since Django's paginator then shows the last page.
    """
    paginator = Paginator(queryset, per_page)
    number = _page_number(number)
    in_reach = 1 <= number <= MAX_PAGE  # a forged ?page=10**40 would overflow OFFSET
    ids, total = _page_ids(queryset, number, per_page) if in_reach else ([], None)
    if total is None:  # an empty list, or a page out of range
        total = 0 if number == 1 else queryset.count()
    paginator.__dict__["count"] = total  # Paginator.count is a cached_property
    if not ids and number != 1:  # out of range: the last page, as get_page does
        number = paginator.num_pages
        ids = _page_ids(queryset, number, per_page)[0] if total else []
    # The ids come from the scoped, filtered queryset; fetching them again by primary key
    # alone spares compiling and planning every filter a second time.
    rows = queryset.model._default_manager.filter(pk__in=ids)
    by_id = {row.pk: row for row in (display(rows) if display else rows)} if ids else {}
    return Page([by_id[pk] for pk in ids if pk in by_id], number, paginator)


def _page_number(raw) -> int:
    """As `Paginator.validate_number`: not a whole number is page 1; below 1 is 0 (last)."""
    try:
        if isinstance(raw, float) and not raw.is_integer():
            raise ValueError
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(number, 0)


def _page_ids(queryset, number: int, per_page: int) -> tuple[list[int], int | None]:
    bottom = (number - 1) * per_page
    found = list(
        queryset.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")[
            bottom : bottom + per_page
        ]
    )
    return [pk for pk, _total in found], (found[0][1] if found else None)


def week_end(today: date) -> date:
    """"This week" is the coming seven days, so a Saturday visitor still sees something."""
    return today + timedelta(days=6)
