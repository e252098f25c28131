"""Reads of the infopunt: the public offer as the visitor sees it, and the search statistics.

`search_gaps` is the one aggregating query over the statistics; the regie dashboard's gap
view reuses it.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import FieldDoesNotExist
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


def for_display(queryset, *, today: date | None = None, next_dates: int = 3):
    """What the activity page and the take-along list show, in a fixed number of queries:
    organisation and wijk joined, the presence's last confirmation as a subquery,
    languages prefetched, and only the next few dates. (No page shows the themes.)
    A result list's cards are lighter: `result_cards`."""
    from gemeenten.models import Language
    from initiatives.models import Occurrence, Presence

    today = today or timezone.localdate()
    upcoming = Occurrence.objects.filter(date__gte=today).order_by("starts_at")
    languages = Language.objects.order_by("order", "name_nl")
    confirmed = Presence.objects.filter(
        organisation_id=OuterRef("organisation_id"), gemeente_id=OuterRef("gemeente_id")
    ).values("last_confirmed")[:1]
    return (
        queryset.select_related("organisation", "wijk")
        .annotate(last_confirmed=Subquery(confirmed))
        .prefetch_related(
            Prefetch("languages", queryset=languages),
            Prefetch("occurrences", queryset=upcoming[:next_dates], to_attr="next_dates"),
        )
    )


@dataclass(slots=True)
class ResultCard:
    """What one card of a result list shows (the `ip_cards` tag writes it)."""

    pk: int
    title: str  # in the visitor's language, else Dutch (as Activity.title reads)
    title_lang: str  # the language `title` is in
    organisation: str
    newcomer_led: bool
    next_start: datetime | None
    online: bool
    wijk: str | None  # the wijk's name; None without a wijk
    address: str
    cost: str
    languages: list  # gemeenten.Language objects, in their own order
    in_your_language: bool

    @property
    def is_free(self) -> bool:
        return not self.cost.strip()


def result_cards(rows, *, today: date, language: str, yours=()) -> list[ResultCard]:
    """The cards of the activities `rows` (a queryset, e.g. a page's ids) in one query:
    only the columns a card shows (not the eight descriptions and search_text, most of a
    row's bytes), the next date as a subquery, and the spoken languages read from
    `Activity.facets` and the cached language list (gemeenten.options) rather than a
    prefetch. `yours`: the visitor's spoken languages (the card's "in your language")."""
    from django.conf import settings

    from gemeenten import options
    from initiatives.models import Activity, Occurrence

    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    own_title = f"title_{language}"
    if language == default or not _has_field(Activity, own_title):
        own_title = None
    # Correlated to rows already in the gemeente's scope: the base manager, so the probe is
    # one index lookup per card, without the scope's join back to the activity.
    next_start = (
        Occurrence._base_manager.filter(activity_id=OuterRef("pk"), date__gte=today)
        .order_by("starts_at").values("starts_at")[:1]
    )
    fields = ["pk", "title_nl", "organisation__name", "organisation__newcomer_led", "online",
              "wijk_id", "wijk__name", "address", "cost", "facets", "next_start"]
    if own_title:
        fields.append(own_title)
    all_languages = options.languages()
    cards = []
    for row in rows.annotate(next_start=Subquery(next_start)).values_list(*fields):
        (pk, title_nl, organisation, newcomer_led, online, wijk_id, wijk, address, cost,
         facets, starts) = row[:11]
        title_own = row[11] if own_title else ""
        codes = {part[2:] for part in facets.split() if part.startswith("l:")}
        cards.append(ResultCard(
            pk=pk, title=title_own or title_nl,
            title_lang=language if title_own else default,
            organisation=organisation, newcomer_led=newcomer_led, next_start=starts,
            online=online, wijk=wijk if wijk_id is not None else None, address=address,
            cost=cost, languages=[lang for lang in all_languages if lang.code in codes],
            in_your_language=bool(codes.intersection(yours)),
        ))
    return cards


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


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
