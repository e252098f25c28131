"""The report for the council (monitor), per quarter, half-year or year: reach as two
separate figures (visits, from the activities' tallies; people referred, from referrals),
referrals made and accepted, warm handovers before the end of begeleiding, the sociale
kaart's growth, refugee-led organisations, funding continuity and the stories shared.

Counts of people go through regie.suppression; counts of organisations and activities (the
public offer) do not. A fixed number of queries, whatever the size of the gemeente.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Count, Exists, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from gemeenten.models import Language, Wijk
from gemeenten.privacy import start_of
from initiatives.models import Activity, Funding, Organisation
from statushouders.flags import warm_handover
from statushouders.models import Begeleiding, Referral

from .suppression import THRESHOLD, Cell, suppress, suppress_column

# --- periods -------------------------------------------------------------------------------

_KEY = re.compile(r"^(\d{4})(?:-(K[1-4]|H[12]))?$")


@dataclass(frozen=True)
class Period:
    key: str  # "2026", "2026-H2", "2026-K3"
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        year, _sep, part = self.key.partition("-")
        if not part:
            return year
        if part[0] == "H":
            return _("%(half)s half of %(year)s") % {
                "half": _("first") if part == "H1" else _("second"), "year": year}
        return _("quarter %(n)s of %(year)s") % {"n": part[1], "year": year}

    @property
    def months(self) -> list[tuple[int, int]]:
        months, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def _month_end(year: int, month: int) -> date:
    first_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_next - timedelta(days=1)


def parse_period(key: str) -> Period | None:
    match = _KEY.match(key or "")
    if not match:
        return None
    year = int(match[1])
    if not 2000 <= year <= 2100:
        return None
    part = match[2] or ""
    if not part:
        first, last = 1, 12
    elif part[0] == "H":
        first = 1 if part == "H1" else 7
        last = first + 5
    else:
        first = (int(part[1]) - 1) * 3 + 1
        last = first + 2
    return Period(key=key, start=date(year, first, 1), end=_month_end(year, last))


def period_choices(today: date, *, years: int = 3) -> list[Period]:
    """The periods to choose from, the running one first: quarters, half-years, years."""
    quarters, halves, whole = [], [], []
    for year in range(today.year, today.year - years, -1):
        for q in range(4, 0, -1):
            period = parse_period(f"{year}-K{q}")
            if period.start <= today:
                quarters.append(period)
        for h in (2, 1):
            period = parse_period(f"{year}-H{h}")
            if period.start <= today:
                halves.append(period)
        whole.append(parse_period(str(year)))
    return quarters + halves + whole


def running_quarter(today: date) -> Period:
    return parse_period(f"{today.year}-K{(today.month - 1) // 3 + 1}")


def default_period(today: date) -> Period:
    """The last complete quarter: what a council report is about."""
    quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    previous = quarter_start - timedelta(days=1)
    return parse_period(f"{previous.year}-K{(previous.month - 1) // 3 + 1}")


# --- figures -------------------------------------------------------------------------------


@dataclass
class Breakdown:
    """Counts of people per label (a wijk, a language), suppressed, with their total."""

    labels: list[str]
    cells: list[Cell]
    total: Cell
    additive: bool = True  # False: a person can be in several rows (languages)

    @property
    def rows(self):
        return list(zip(self.labels, self.cells, strict=True))


@dataclass
class Reach:
    available: bool
    by_wijk: Breakdown | None = None
    by_language: Breakdown | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class MonthTable:
    """Per month, columns of counts; `table` is the suppressed one (or plain ints)."""

    months: list[tuple[int, int]]
    columns: list[str]
    rows: list[list]  # per month, a Cell or an int per column
    totals: list
    row_totals: list | None = None


def _breakdown(labels, values, total, *, additive=True, unknown_label=None,
               unknown_value=0) -> Breakdown:
    labels, values = list(labels), list(values)
    if unknown_label is not None:
        labels.append(unknown_label)
        values.append(unknown_value)
    cells, total_cell = suppress_column(values, total=total)
    return Breakdown(labels=labels, cells=cells, total=total_cell, additive=additive)


# Visits come from the attendance tallies per activity session (volunteers.SessionTally).
# The report reads them through one function, so the tallies' own app can register how
# its rows reach an activity and a date (register_visits_source) if the default below does
# not find its way.
VisitsSource = Callable[..., "tuple[object, str] | None"]
_visits_source: VisitsSource | None = None


def register_visits_source(fn: VisitsSource) -> None:
    """fn(*, gemeente, start, end) -> (tallies, path) or None: a queryset of the gemeente's
    tallies of sessions from start to end (inclusive), with the number fields `total`,
    `newcomers` and `first_timers`, and the lookup path from a tally to its activity
    ("activity", or "occurrence__activity")."""
    global _visits_source
    _visits_source = fn


def _default_visits_source(*, gemeente, start, end):
    """volunteers.SessionTally once it is installed: its activity directly or through its
    session (an initiatives Occurrence), its date its own or its session's. None before it
    lands, or when its shape is not one of these (then it registers its own source)."""
    from initiatives.models import Activity as ActivityModel
    from initiatives.models import Occurrence

    try:
        model = apps.get_model("volunteers", "SessionTally")
    except LookupError:
        return None
    fields = {f.name: f for f in model._meta.get_fields()}
    activity_path = date_path = None
    for name, f in fields.items():
        target = getattr(f, "related_model", None)
        if f.many_to_one and target is ActivityModel:
            activity_path = name
        elif f.many_to_one and target is Occurrence and activity_path is None:
            activity_path, date_path = f"{name}__activity", f"{name}__date"
    date_path = next((n for n in ("date", "session_date") if n in fields), date_path)
    numbers = {"total", "newcomers", "first_timers"}
    if activity_path is None or date_path is None or not numbers <= set(fields):
        return None
    tallies = model._default_manager.filter(**{
        f"{activity_path}__gemeente": gemeente, f"{date_path}__gte": start,
        f"{date_path}__lte": end})
    return tallies, activity_path


def visits(gemeente, period: Period, wijken, languages) -> Reach:
    """Visits to activities in the period (the tallies' total), by the activity's wijk and
    by the languages spoken there. Four queries once the tallies exist, none before."""
    source = _visits_source or _default_visits_source
    found = source(gemeente=gemeente, start=period.start, end=period.end)
    if found is None:
        return Reach(available=False)
    tallies, path = found
    wijk, language = f"{path}__wijk", f"{path}__languages"
    totals = tallies.aggregate(n_total=Sum("total"), n_newcomers=Sum("newcomers"),
                               n_first=Sum("first_timers"))
    total = totals["n_total"] or 0
    per_wijk = dict(tallies.values_list(wijk).annotate(n=Sum("total"))
                    .values_list(wijk, "n"))
    per_language = dict(tallies.filter(**{f"{language}__isnull": False})
                        .values_list(language).annotate(n=Sum("total"))
                        .values_list(language, "n"))
    by_wijk = _breakdown([w.name for w in wijken], [per_wijk.get(w.pk) or 0 for w in wijken],
                         total, unknown_label=_("no district (online, everywhere)"),
                         unknown_value=per_wijk.get(None) or 0)
    used = [lang for lang in languages if per_language.get(lang.pk)]
    by_language = _breakdown([lang.name_nl for lang in used],
                             [per_language[lang.pk] for lang in used], total, additive=False)
    # Newcomers and the others add up to the total: suppressed together.
    newcomers = min(totals["n_newcomers"] or 0, total)
    (of_newcomers, _others), _total = suppress_column([newcomers, total - newcomers],
                                                      total=total)
    first = totals["n_first"] or 0
    return Reach(available=True, by_wijk=by_wijk, by_language=by_language,
                 extra={"newcomers": of_newcomers,
                        "first_timers": Cell(first, primary=0 < first < THRESHOLD)})


def people_referred(gemeente, period: Period, wijken, languages) -> Reach:
    """Different people referred in the period (a referral sent in it), by their wijk and
    their languages. Three queries."""
    referrals = Referral.objects.in_gemeente(gemeente).filter(
        created_at__gte=start_of(period.start),
        created_at__lt=start_of(period.end + timedelta(days=1)))
    total = referrals.aggregate(n=Count("newcomer", distinct=True))["n"]
    per_wijk = dict(referrals.values_list("newcomer__wijk")
                    .annotate(n=Count("newcomer", distinct=True))
                    .values_list("newcomer__wijk", "n"))
    per_language = dict(referrals.filter(newcomer__languages__isnull=False)
                        .values_list("newcomer__languages")
                        .annotate(n=Count("newcomer", distinct=True))
                        .values_list("newcomer__languages", "n"))
    by_wijk = _breakdown([w.name for w in wijken], [per_wijk.get(w.pk, 0) for w in wijken],
                         total, unknown_label=_("district not known"),
                         unknown_value=per_wijk.get(None, 0))
    used = [lang for lang in languages if per_language.get(lang.pk)]
    by_language = _breakdown([lang.name_nl for lang in used],
                             [per_language[lang.pk] for lang in used], total, additive=False)
    return Reach(available=True, by_wijk=by_wijk, by_language=by_language)


def referrals_per_month(gemeente, period: Period) -> MonthTable:
    """Referrals sent per month and of those how many were accepted (and how many not, so
    the suppression can see the difference). One query."""
    rows = (Referral.objects.in_gemeente(gemeente)
            .filter(created_at__gte=start_of(period.start),
                    created_at__lt=start_of(period.end + timedelta(days=1)))
            .annotate(y=ExtractYear("created_at"), m=ExtractMonth("created_at"))
            .values("y", "m")
            .annotate(made=Count("pk"), accepted=Count("pk", filter=Q(accepted_at__isnull=False)))
            .order_by("y", "m"))
    counts = {(r["y"], r["m"]): (r["accepted"], r["made"] - r["accepted"]) for r in rows}
    months = period.months
    table = suppress([list(counts.get(m, (0, 0))) for m in months])
    return MonthTable(months=months, columns=[_("accepted"), _("not accepted")],
                      rows=table.rows, totals=table.col_totals + [table.grand_total],
                      row_totals=table.row_totals)


def handovers(gemeente, period: Period) -> list[tuple[str, Cell]]:
    """Begeleidingen whose planned end fell in the period: with a warm handover before that
    end (GLOSSARY: a referral to another organisation accepted during the begeleiding) or
    without. One query."""
    counts = (Begeleiding.objects.filter(newcomer__gemeente=gemeente,
                                         planned_end__gte=period.start,
                                         planned_end__lte=period.end)
              .aggregate(total=Count("pk"), warm=Count("pk", filter=Exists(warm_handover()))))
    total = counts["total"] or 0
    warm = counts["warm"] or 0
    cells, total_cell = suppress_column([warm, total - warm], total=total)
    return [(_("with a warm handover before the end"), cells[0]),
            (_("without a warm handover"), cells[1]), (_("total"), total_cell)]


def growth(gemeente, period: Period) -> MonthTable:
    """Organisations (present in the gemeente) and activities added per month. Two
    queries. Not people: not suppressed."""
    since, until = start_of(period.start), start_of(period.end + timedelta(days=1))

    def per_month(queryset) -> dict:
        return {(r["y"], r["m"]): r["n"] for r in (
            queryset.filter(created_at__gte=since, created_at__lt=until)
            .annotate(y=ExtractYear("created_at"), m=ExtractMonth("created_at"))
            .values("y", "m").annotate(n=Count("pk", distinct=True)).order_by("y", "m"))}

    organisations = per_month(Organisation.objects.in_gemeente(gemeente))
    activities = per_month(Activity.objects.in_gemeente(gemeente))
    months = period.months
    rows = [[organisations.get(m, 0), activities.get(m, 0)] for m in months]
    return MonthTable(months=months, columns=[_("organisations"), _("activities")], rows=rows,
                      totals=[sum(r[0] for r in rows), sum(r[1] for r in rows)])


def refugee_led(gemeente, period: Period) -> dict:
    """Approved organisations of the gemeente at the period's end, and how many of them are
    by and for newcomers (refugee-led). One query."""
    counts = (Organisation.objects.public(gemeente)
              .filter(created_at__lt=start_of(period.end + timedelta(days=1)))
              .aggregate(total=Count("pk", distinct=True),
                         led=Count("pk", distinct=True, filter=Q(newcomer_led=True))))
    total, led = counts["total"] or 0, counts["led"] or 0
    return {"total": total, "led": led,
            "share": round(100 * led / total) if total else None}


def funding_continuity(gemeente, period: Period) -> dict:
    """The approved organisations: funded through the whole period, part of it, or not at
    all; and how many have their last funding end within 90 days after it. Two queries;
    the periods of one organisation are joined in Python (a handful per organisation)."""
    organisation_ids = set(Organisation.objects.public(gemeente).values_list("pk", flat=True))
    spans: dict[int, list[tuple[date, date]]] = {}
    far = date.max
    for org_id, start, end in (Funding.objects.filter(organisation_id__in=organisation_ids)
                               .order_by("organisation_id", "start")
                               .values_list("organisation_id", "start", "end")):
        spans.setdefault(org_id, []).append((start, end or far))
    whole = part = ending = 0
    soon = period.end + timedelta(days=90)
    for org_id in organisation_ids:
        covered_until, gap, any_overlap = period.start - timedelta(days=1), False, False
        for start, end in spans.get(org_id, []):
            if end < period.start or start > period.end:
                continue
            any_overlap = True
            if start > covered_until + timedelta(days=1):
                gap = True
            covered_until = max(covered_until, end)
        if any_overlap and not gap and covered_until >= period.end:
            whole += 1
        elif any_overlap:
            part += 1
        last_end = max((end for _s, end in spans.get(org_id, [])), default=None)
        if last_end is not None and period.end < last_end <= soon:
            ending += 1
    total = len(organisation_ids)
    return {"total": total, "whole": whole, "part": part, "none": total - whole - part,
            "ending_soon": ending}


def stories(gemeente, period: Period) -> list:
    """Stories organisations shared with the gemeente. There is no such record yet (the
    organisation's "what went well" is its own description, not a story shared for the
    report), so the report says so instead of guessing."""
    return []


@dataclass
class Report:
    period: Period
    visits: Reach
    referred: Reach
    referrals: MonthTable
    handovers: list
    growth: MonthTable
    refugee_led: dict
    funding: dict
    stories: list


def council_report(gemeente, period: Period) -> Report:
    wijken = list(Wijk.objects.in_gemeente(gemeente).order_by("name"))
    languages = list(Language.objects.all())
    return Report(
        period=period,
        visits=visits(gemeente, period, wijken, languages),
        referred=people_referred(gemeente, period, wijken, languages),
        referrals=referrals_per_month(gemeente, period),
        handovers=handovers(gemeente, period),
        growth=growth(gemeente, period),
        refugee_led=refugee_led(gemeente, period),
        funding=funding_continuity(gemeente, period),
        stories=stories(gemeente, period),
    )


# --- export --------------------------------------------------------------------------------


def month_label(month: tuple[int, int]) -> str:
    return f"{month[0]}-{month[1]:02d}"


def _shown(value) -> object:
    """What a reader sees of a cell: a number, "< 10" or "×"."""
    if isinstance(value, Cell):
        return value.value if not value.suppressed else value.display
    return value


def report_rows(report: Report) -> list[list]:
    """The report as rows of a spreadsheet: per figure a title, a header and its rows."""
    rows: list[list] = [[_("Report for the council"), report.period.label],
                        [_("Numbers of people from 1 to 9 are shown as “< 10”; “×” is hidden "
                           "so that a small number cannot be computed from the totals.")], []]

    def breakdown(title: str, reach: Reach, label: str):
        rows.append([title])
        if not reach.available:
            rows.append([_("Not available yet: the attendance tallies are not recorded.")])
            rows.append([])
            return
        for heading, part in ((_("District"), reach.by_wijk),
                              (_("Language"), reach.by_language)):
            rows.append([heading, label])
            rows.extend([name, _shown(cell)] for name, cell in part.rows)
            rows.append([_("total"), _shown(part.total)])
        rows.append([])

    breakdown(_("Reach: visits to activities"), report.visits, _("visits"))
    breakdown(_("Reach: people referred"), report.referred, _("people"))
    rows.append([_("Referrals made and accepted")])
    rows.append([_("Month"), _("made"), *report.referrals.columns])
    for month, total, row in zip(report.referrals.months, report.referrals.row_totals,
                                 report.referrals.rows, strict=True):
        rows.append([month_label(month), _shown(total), *(_shown(c) for c in row)])
    totals = report.referrals.totals
    rows.append([_("total"), _shown(totals[-1]), *(_shown(c) for c in totals[:-1])])
    rows.append([])
    rows.append([_("Warm handovers before the end of begeleiding")])
    rows.extend([label, _shown(cell)] for label, cell in report.handovers)
    rows.append([])
    rows.append([_("Growth of the sociale kaart")])
    rows.append([_("Month"), *report.growth.columns])
    for month, row in zip(report.growth.months, report.growth.rows, strict=True):
        rows.append([month_label(month), *row])
    rows.append([_("total"), *report.growth.totals])
    rows.append([])
    rows.append([_("Refugee-led organisations")])
    rows.append([_("approved organisations"), report.refugee_led["total"]])
    rows.append([_("by and for newcomers"), report.refugee_led["led"]])
    rows.append([])
    rows.append([_("Funding continuity")])
    rows.append([_("funded through the whole period"), report.funding["whole"]])
    rows.append([_("funded part of the period"), report.funding["part"]])
    rows.append([_("no funding recorded in the period"), report.funding["none"]])
    rows.append([_("last funding ends within 90 days after the period"),
                 report.funding["ending_soon"]])
    rows.append([])
    rows.append([_("Stories organisations shared")])
    rows.append([_("No stories shared yet.")] if not report.stories else [])
    return rows
