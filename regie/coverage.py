"""Coverage and gaps: what is offered (activities by theme, wijk and language) against who
lives there (newcomers in begeleiding: their wijk, languages and needs, as counts), the
weeks of the year with nothing on, and the infopunt's searches that found little.

Every function reads a fixed number of queries, whatever the number of activities or
people: the counting is done in the database (values + annotate), the laying out here.
People's counts go through the suppression (regie.suppression); the offer is public and
is not suppressed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import ExtractIsoYear, ExtractWeek
from django.urls import reverse

from gemeenten.models import Language, TargetGroup, Theme, Wijk
from initiatives.models import Activity, Occurrence
from statushouders.models import Begeleiding, Newcomer

from .suppression import Cell, suppress, suppress_column

WEEKS = 52
SEARCH_DAYS = 90


def activity_list_url(*, theme: str = "", language: str = "", wijk: int | None = None,
                      base: str | None = None) -> str:
    """The staff activity list with these filters (initiatives.filters.ActivityFilter);
    `base`: the list's URL when the caller reversed it already (once for a matrix of a
    thousand cells, not once per cell)."""
    params = {k: v for k, v in (("theme", theme), ("language", language), ("wijk", wijk))
              if v not in (None, "")}
    url = base or reverse("initiatives:activity_list")
    return url + ("?" + urlencode(params) if params else "")


def newcomers_in_begeleiding(gemeente):
    """The gemeente's newcomers with an open begeleiding (not anonymised): whom the offer is
    for. One subquery, so each person counts once however many begeleidingen they have."""
    return (Newcomer.objects.in_gemeente(gemeente).filter(anonymised_at__isnull=True)
            .alias(open_begeleiding=open_begeleiding_of())
            .filter(open_begeleiding__isnull=False))


def open_begeleiding_of(*, started_by=None) -> Subquery:
    """One open begeleiding of the newcomer in the outer query (None if there is none), for
    `.alias(b=open_begeleiding_of()).filter(b__isnull=False)`.

    Not `Exists(...)`: PostgreSQL makes EXISTS a hash semi-join that reads every open
    begeleiding of the country (Begeleiding has no gemeente column; most begeleidingen are
    open, so the planner prefers that to a probe per newcomer), 140 ms at `national` for the
    largest gemeente. A scalar subquery with LIMIT 1 stays a probe per newcomer, into the
    partial index begeleiding_open_per_newcomer (index only): about 40 ms, under load.
    The base manager: correlated to a newcomer already in the scope."""
    running = Begeleiding._base_manager.filter(newcomer_id=OuterRef("pk"),
                                               actual_end__isnull=True)
    if started_by is not None:
        running = running.filter(start__lte=started_by)
    return Subquery(running.order_by().values("newcomer_id")[:1])


@dataclass
class PeopleCounts:
    per_wijk: dict[int | None, int]  # newcomers in begeleiding per wijk (None: no wijk)
    needs: dict[tuple[int, int | None], int]  # (theme, wijk): those who need the theme
    languages: dict[int, int]  # language: those who speak it


def people_counts(gemeente) -> PeopleCounts:
    """The newcomers in begeleiding counted per wijk, per need and wijk, and per language, in
    one query: the people (newcomers_in_begeleiding, the scoped queryset, as its subquery)
    once in a WITH, and three GROUP BYs over it. Each person counts once per wijk; in a
    need's or a language's count once too (the M2M tables are unique per pair).

    In SQL because the ORM has no WITH: as two querysets (the matrix's and the language
    view's) every newcomer of the gemeente was probed for an open begeleiding twice."""
    from django.db import connection

    people_sql, params = (newcomers_in_begeleiding(gemeente).order_by()
                          .values("pk", "wijk").query.sql_with_params())
    q = connection.ops.quote_name
    needs = q(Newcomer.needs.through._meta.db_table)
    languages = q(Newcomer.languages.through._meta.db_table)
    sql = (
        f"WITH people (id, wijk_id) AS ({people_sql}) "
        "SELECT 0, p.wijk_id, NULL, COUNT(*) FROM people p GROUP BY p.wijk_id "
        "UNION ALL "
        "SELECT 1, p.wijk_id, x.theme_id, COUNT(*) "
        f"FROM people p INNER JOIN {needs} x ON x.newcomer_id = p.id "
        "GROUP BY p.wijk_id, x.theme_id "
        "UNION ALL "
        "SELECT 2, NULL, x.language_id, COUNT(*) "
        f"FROM people p INNER JOIN {languages} x ON x.newcomer_id = p.id "
        "GROUP BY x.language_id")
    counts = PeopleCounts({}, {}, {})
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, wijk, key, n in cursor.fetchall():
            if kind == 0:
                counts.per_wijk[wijk] = n
            elif kind == 1:
                counts.needs[key, wijk] = n
            else:
                counts.languages[key] = n
    return counts


def offered_activities(gemeente):
    """The offer the infopunt shows: active activities of approved organisations."""
    return Activity.objects.public(gemeente)


# --- themes × wijken ------------------------------------------------------------------------


@dataclass
class MatrixCell:
    offer: int
    demand: Cell
    offer_elsewhere: int  # the theme's activities without a wijk (online, everywhere)
    url: str

    @property
    def gap(self) -> bool:
        """Newcomers here need it and nothing of it is offered in the wijk."""
        return self.demand.value > 0 and self.offer == 0


@dataclass
class MatrixRow:
    theme: Theme
    cells: list[MatrixCell]
    offer_total: int
    offer_without_wijk: int
    demand_without_wijk: Cell  # newcomers without a wijk who need it
    demand_total: Cell

    @property
    def gaps(self) -> int:
        return sum(1 for c in self.cells if c.gap)


@dataclass
class Matrix:
    wijken: list[Wijk]
    rows: list[MatrixRow]
    newcomers_per_wijk: list[Cell]
    newcomers_without_wijk: Cell
    newcomers_total: Cell
    newcomers_count: int = 0  # unsuppressed, for coverage_by_language(total=...) only
    # {language id: newcomers who speak it}, unsuppressed: for coverage_by_language(known=...)
    languages_known: dict[int, int] = field(default_factory=dict)

    @cached_property
    def gaps(self) -> list[tuple[Theme, Wijk]]:
        """Computed once: the page asks for them more than once, and at `national` the
        matrix has about a thousand cells."""
        return [(row.theme, wijk) for row in self.rows
                for wijk, cell in zip(self.wijken, row.cells, strict=True) if cell.gap]


def coverage_matrix(gemeente) -> Matrix:
    """Themes × wijken: activities offered, and newcomers in begeleiding who need the theme.

    Four queries: themes, wijken, the offer, and the people's counts (people_counts: per
    wijk, per need and wijk, and per language, kept in `languages_known` for the language
    view)."""
    themes = list(Theme.objects.all())
    wijken = list(Wijk.objects.in_gemeente(gemeente).order_by("name"))
    offer: dict[tuple[int, int | None], int] = {}
    # order_by(): without it the activities' default ordering (the title) joined the GROUP
    # BY, one row per title, wijk and theme, and the dict kept only the last title's count.
    for row in (offered_activities(gemeente).filter(themes__isnull=False).order_by()
                .values("themes", "wijk").annotate(n=Count("pk", distinct=True))):
        offer[row["themes"], row["wijk"]] = row["n"]
    # The newcomers per wijk, the needs per theme and wijk and the languages in one query
    # over the people, each probed once for an open begeleiding (the query's main cost:
    # 7,700 probes at `national`, 20,000 at `city`), where the language view probed them
    # all again.
    counts = people_counts(gemeente)
    per_wijk, demand = counts.per_wijk, counts.needs
    # The columns: the wijken, and last the people without a wijk (beside the offer without
    # one), so the grand total is every newcomer in begeleiding, the same number the language
    # view prints: no difference between two totals tells how many have no wijk.
    # A person may need several themes: the column totals are the people in the wijk, not
    # the column's sum. The suppression protects them as if they added up (they do for a
    # person with one need).
    columns = [w.pk for w in wijken] + [None]
    body = [[demand.get((t.pk, w), 0) for w in columns] for t in themes]
    table = suppress(body, row_totals=True, col_totals=[per_wijk.get(w, 0) for w in columns],
                     grand_total=sum(per_wijk.values()))
    rows = []
    base = reverse("initiatives:activity_list")
    for t_index, theme in enumerate(themes):
        without_wijk = offer.get((theme.pk, None), 0)
        # The theme's part of the URL once per row; each cell appends its wijk, as
        # activity_list_url would (wijk is the last parameter): no urlencode per cell.
        theme_url = activity_list_url(theme=theme.slug, base=base)
        sep = "&" if "?" in theme_url else "?"
        cells = [
            MatrixCell(offer=offer.get((theme.pk, w.pk), 0), demand=table.rows[t_index][w_index],
                       offer_elsewhere=without_wijk,
                       url=f"{theme_url}{sep}wijk={w.pk}")
            for w_index, w in enumerate(wijken)
        ]
        rows.append(MatrixRow(
            theme=theme, cells=cells,
            offer_total=sum(c.offer for c in cells) + without_wijk,
            offer_without_wijk=without_wijk, demand_without_wijk=table.rows[t_index][-1],
            demand_total=table.row_totals[t_index]))
    return Matrix(wijken=wijken, rows=rows, newcomers_per_wijk=table.col_totals[:-1],
                  newcomers_without_wijk=table.col_totals[-1],
                  newcomers_total=table.grand_total,
                  newcomers_count=sum(per_wijk.values()),
                  languages_known=counts.languages)


# --- languages -----------------------------------------------------------------------------


@dataclass
class LanguageRow:
    language: Language
    activities: int
    newcomers: Cell
    url: str

    @property
    def gap(self) -> bool:
        return self.newcomers.value > 0 and self.activities == 0


def coverage_by_language(gemeente, *, total: int | None = None,
                         known: dict[int, int] | None = None
                         ) -> tuple[list[LanguageRow], Cell]:
    """Languages spoken at activities against the languages of newcomers in begeleiding;
    only languages that either side has. Four queries; two when the newcomers' counts are
    given, as coverage_matrix has them: `total` (newcomers_count, the newcomers in
    begeleiding) and `known` (languages_known, per language): each query over the
    newcomers probes every one of the gemeente's newcomers for an open begeleiding."""
    spoken = dict(offered_activities(gemeente).filter(languages__isnull=False).order_by()
                  .values_list("languages").annotate(n=Count("pk", distinct=True))
                  .values_list("languages", "n"))
    people = newcomers_in_begeleiding(gemeente)
    if known is None:
        known = dict(people.filter(languages__isnull=False).order_by()
                     .values_list("languages").annotate(n=Count("pk", distinct=True))
                     .values_list("languages", "n"))
    if total is None:
        total = people.count()
    languages = [lang for lang in Language.objects.all()
                 if spoken.get(lang.pk) or known.get(lang.pk)]
    # Newcomers first, then the offer: the languages that most need an activity on top.
    languages.sort(key=lambda lang: (-known.get(lang.pk, 0), -spoken.get(lang.pk, 0)))
    cells, total_cell = suppress_column([known.get(lang.pk, 0) for lang in languages],
                                        total=total)
    base = reverse("initiatives:activity_list")
    rows = [LanguageRow(language=lang, activities=spoken.get(lang.pk, 0), newcomers=cell,
                        url=activity_list_url(language=lang.code, base=base))
            for lang, cell in zip(languages, cells, strict=True)]
    return rows, total_cell


# --- the year's calendar -------------------------------------------------------------------


@dataclass
class Week:
    start: date
    number: int  # ISO week number
    activities: int

    @property
    def empty(self) -> bool:
        return self.activities == 0


@dataclass
class CalendarRow:
    label: str
    weeks: list[Week] = field(default_factory=list)

    @property
    def empty_weeks(self) -> list[Week]:
        return [w for w in self.weeks if w.empty]

    @property
    def never(self) -> bool:
        return all(w.empty for w in self.weeks)

    @property
    def empty_runs(self) -> list[tuple[Week, Week]]:
        """Consecutive empty weeks as (first, last): "week 28 to 34: nothing"."""
        runs, start, prev = [], None, None
        for week in self.weeks:
            if week.empty:
                start = start or week
                prev = week
            elif start:
                runs.append((start, prev))
                start = None
        if start:
            runs.append((start, prev))
        return runs


def calendar_weeks(start: date) -> list[tuple[date, int, int]]:
    """The 52 weeks from the Monday of `start`'s week: (monday, iso year, iso week)."""
    monday = start - timedelta(days=start.weekday())
    weeks = []
    for n in range(WEEKS):
        day = monday + timedelta(weeks=n)
        iso = day.isocalendar()
        weeks.append((day, iso[0], iso[1]))
    return weeks


def year_calendar(gemeente, *, start: date, per: str = "theme", theme: Theme | None = None,
                  target_group: TargetGroup | None = None, wijk: Wijk | None = None
                  ) -> list[CalendarRow]:
    """Per theme (or per target group), the number of different activities on in each of
    the 52 weeks from `start`, from the materialised occurrences; a week with 0 is a week
    with nothing on. Filtered by a target group (per theme) or a theme (per target group),
    and a wijk. Two queries: the rows' labels, and the counts."""
    weeks = calendar_weeks(start)
    first, last = weeks[0][0], weeks[-1][0] + timedelta(days=6)
    occurrences = Occurrence.objects.filter(
        activity__in=offered_activities(gemeente), date__gte=first, date__lte=last)
    if wijk is not None:
        occurrences = occurrences.filter(activity__wijk=wijk)
    if per == "target_group":
        key = "activity__target_groups"
        labels = list(TargetGroup.objects.all())
        if theme is not None:
            occurrences = occurrences.filter(activity__themes=theme)
    else:
        key = "activity__themes"
        labels = list(Theme.objects.all())
        if target_group is not None:
            occurrences = occurrences.filter(activity__target_groups=target_group)
    counts: dict[tuple[int, int, int], int] = {}
    for row in (occurrences.filter(**{f"{key}__isnull": False}).order_by()
                .annotate(iso_year=ExtractIsoYear("date"), week=ExtractWeek("date"))
                .values(key, "iso_year", "week")
                .annotate(n=Count("activity", distinct=True))):
        counts[row[key], row["iso_year"], row["week"]] = row["n"]
    return [
        CalendarRow(label=str(item), weeks=[
            Week(start=monday, number=week, activities=counts.get((item.pk, year, week), 0))
            for monday, year, week in weeks])
        for item in labels
    ]


# --- the infopunt's searches ---------------------------------------------------------------


def searches_with_few_results(gemeente, *, until: date, days: int = SEARCH_DAYS):
    """The infopunt's own aggregate (infopunt.querysets.search_gaps, two queries), each
    search with the staff activity list filtered as the visitors were: what would serve
    them, or shows that nothing does."""
    from infopunt.querysets import search_gaps

    since = until - timedelta(days=days - 1)
    gaps = search_gaps(gemeente=gemeente, since=since, until=until)
    base = reverse("initiatives:activity_list")
    for gap in gaps:
        gap.kaart_url = activity_list_url(theme=gap.theme, language=gap.language,
                                          wijk=gap.wijk_id, base=base)
    return gaps, since
