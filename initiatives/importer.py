"""Import of a gemeente's sociale kaart spreadsheet (.csv or .xlsx), one row per activity.

Three steps, so the browser can show a preview before anything is written:
`sociale_kaart_read` turns bytes into rows (or one clear ImportFileError), `sociale_kaart_parse`
checks every row against the vocabularies (every problem becomes a RowError with its line
number), `sociale_kaart_plan` compares the rows with the database without writing, and
`sociale_kaart_import` writes that plan, all or nothing, ending in `activities_refresh`.

Rules a gemeente can rely on (the foundation issue):
- organisations match by name (case- and space-insensitive) among the gemeente's presences,
  activities by organisation + title; a re-import of the same file changes nothing;
- the file is the source: a matched record takes the file's values, except that an empty
  `soort`, `door_nieuwkomers` or `aanmelden` leaves the stored value alone (they have no
  "empty" value); an organisation's themes, languages and wijken are only ever added to;
- several rows with the same organisation and title are one activity with several schedules.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gemeenten.models import Gemeente, Language, TargetGroup, Theme, Wijk
from gemeenten.text import name_key

from .choices import (
    FREQUENCY_DUTCH,
    KIND_DUTCH_LABELS,
    LAST_WEEK_OF_MONTH,
    WEEKDAY_DUTCH,
    Frequency,
    OrganisationKind,
)
from .models import Activity, Organisation, Presence, Schedule
from .services import activities_refresh, organisation_register

HEADERS = [
    "organisatie", "soort", "door_nieuwkomers", "website", "email", "telefoon",
    "activiteit", "omschrijving", "themas", "doelgroep", "talen", "wijk", "adres",
    "postcode", "plaats", "dagen", "begintijd", "eindtijd", "frequentie", "geldig_van",
    "geldig_tot", "capaciteit", "kosten", "aanmelden",
]
OPTIONAL_HEADERS = ["week_van_maand"]
REQUIRED_HEADERS = ["organisatie", "activiteit"]
HEADER_ALIASES = {"thema's": "themas", "e-mail": "email", "naam_organisatie": "organisatie"}
SCHEDULE_COLUMNS = (
    "dagen", "begintijd", "eindtijd", "frequentie", "geldig_van", "geldig_tot", "week_van_maand",
)
TEMPLATE_EXAMPLE = {
    "organisatie": "Stichting Voorbeeld Taal", "soort": "burgerinitiatief",
    "door_nieuwkomers": "nee", "website": "https://example.org/taal",
    "email": "taal@example.org", "telefoon": "", "activiteit": "Taalcafé Centrum",
    "omschrijving": "Samen Nederlands oefenen bij een kop koffie, alle niveaus.",
    "themas": "taal", "doelgroep": "volwassenen", "talen": "nl;ar;ti", "wijk": "Centrum",
    "adres": "Marktplein 1", "postcode": "1234 AB", "plaats": "Voorbeeldstad", "dagen": "wo",
    "begintijd": "19:00", "eindtijd": "21:00", "frequentie": "wekelijks",
    "geldig_van": "2026-09-01", "geldig_tot": "2027-07-15", "capaciteit": "25",
    "kosten": "gratis", "aanmelden": "nee", "week_van_maand": "",
}

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
NO = {"nee", "n", "no", "false", "onwaar", "0"}
WEEKDAY_WORDS = {
    **WEEKDAY_DUTCH,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
}
WEEK_OF_MONTH_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "laatste": LAST_WEEK_OF_MONTH}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


class ImportFileError(Exception):
    """The file as a whole cannot be read: not a spreadsheet, empty, or wrong headers."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line, "column": self.column, "message": self.message,
            }
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class _Bad(Exception):
    pass


# --- Reading ------------------------------------------------------------------------------


def sociale_kaart_read(data: bytes, filename: str = "") -> list[tuple[int, dict[str, Any]]]:
    """The data rows as (line number, {header: cell value}); the header is line 1.

    Raises ImportFileError with a message for the user for anything that is not a
    spreadsheet in the expected shape; never another exception.
    """
    if not data or not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB; split it into smaller files."))
    lower = filename.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        cells = _read_xlsx(data)
    elif lower.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv.")
        )
    else:
        cells = _read_csv(data)
    return _rows_with_headers(cells)


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _("This file is not a spreadsheet. Upload a .csv or .xlsx file with the columns of "
          "the template.")
    )


def _read_xlsx(data: bytes) -> list[list[Any]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 1:
                    break
        finally:
            workbook.close()
    except Exception as exc:  # a damaged or foreign zip makes openpyxl raise many kinds
        raise _not_a_spreadsheet() from exc
    return rows


def _read_csv(data: bytes) -> list[list[Any]]:
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise _not_a_spreadsheet()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise _not_a_spreadsheet() from exc
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _not_a_spreadsheet() from exc
    return rows


def _header(value: Any) -> str:
    text = re.sub(r"[\s\-]+", "_", str(value or "").strip().casefold())
    return HEADER_ALIASES.get(text, text)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows_with_headers(cells: list[list[Any]]) -> list[tuple[int, dict[str, Any]]]:
    if not cells or all(_is_empty(c) for c in cells[0]):
        raise ImportFileError(
            _("The first line must hold the column headers (organisatie, activiteit, …). "
              "Download the template to see them.")
        )
    if len(cells) > MAX_ROWS + 1:
        raise ImportFileError(
            _("The file has more than %(max)s rows; split it into smaller files.")
            % {"max": MAX_ROWS}
        )
    headers = [_header(c) for c in cells[0]]
    known = set(HEADERS) | set(OPTIONAL_HEADERS)
    missing = [h for h in REQUIRED_HEADERS if h not in headers]
    if missing:
        raise ImportFileError(
            _("The column(s) %(missing)s are missing from the first line. The first line "
              "must hold the column headers of the template: %(headers)s.")
            % {"missing": ", ".join(missing), "headers": ", ".join(HEADERS)}
        )
    unknown = [h for h in headers if h and h not in known]
    if unknown:
        raise ImportFileError(
            _("Unknown column(s): %(unknown)s. The columns are: %(headers)s.")
            % {"unknown": ", ".join(unknown),
               "headers": ", ".join(HEADERS + OPTIONAL_HEADERS)}
        )
    doubles = sorted(h for h, n in Counter(h for h in headers if h).items() if n > 1)
    if doubles:
        raise ImportFileError(
            _("The column(s) %(columns)s appear more than once.") % {"columns": ", ".join(doubles)}
        )
    rows = []
    for line, row in enumerate(cells[1:], start=2):
        values = {h: (row[i] if i < len(row) else None) for i, h in enumerate(headers) if h}
        if all(_is_empty(v) for v in values.values()):
            continue
        rows.append((line, values))
    if not rows:
        raise ImportFileError(_("The file has column headers but no rows to import."))
    return rows


# --- Cell values --------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return " ".join(str(value).split())


def _long_text(value: Any) -> str:
    """Descriptions keep their line breaks."""
    if isinstance(value, str):
        return "\n".join(" ".join(line.split()) for line in value.strip().splitlines())
    return _text(value)


def _limited(value: str, model, field_name: str) -> str:
    limit = model._meta.get_field(field_name).max_length
    if limit and len(value) > limit:
        raise _Bad(_("longer than %(max)s characters") % {"max": limit})
    return value


def _parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise _Bad(_("“%(value)s” is not ja or nee") % {"value": _text(value)})


def _parse_time(value: Any) -> time | None:
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)  # Excel keeps a time as a fraction of a day
        return time(minutes // 60, minutes % 60)
    text = _text(value)
    if not text:
        return None
    match = _TIME.match(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise _Bad(_("“%(value)s” is not a time like 19:30") % {"value": text})


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(value))  # an unformatted Excel date
    text = _text(value)
    if not text:
        return None
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DUTCH_DATE.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    raise _Bad(
        _("“%(value)s” is not a date like 2026-09-01 or 1-9-2026") % {"value": text}
    )


def _parse_count(value: Any) -> int | None:
    if isinstance(value, bool):
        raise _Bad(_("“%(value)s” is not a number") % {"value": _text(value)})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value)
        if not text:
            return None
        if not re.fullmatch(r"\d+", text):
            raise _Bad(_("“%(value)s” is not a number") % {"value": text})
        number = int(text)
    if not 0 <= number <= 1_000_000:
        raise _Bad(_("“%(value)s” is not a number of places") % {"value": _text(value)})
    return number


def _parse_cost(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value == 0:
            return ""
        text = f"€ {value:.2f}".replace(".", ",").replace(",00", "")
    else:
        text = _text(value)
    return "" if text.casefold() in ("", "gratis") else text


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).split(";") if part.strip()]


class Vocabulary:
    """The fixed words of the file (themes, target groups, languages, kinds), read once."""

    def __init__(self):
        self.themes: dict[str, Theme] = {}
        for theme in Theme.objects.all():
            for word in (theme.slug, theme.name_nl, theme.name):
                if word:
                    self.themes[name_key(word)] = theme
        self.target_groups: dict[str, TargetGroup] = {}
        for group in TargetGroup.objects.all():
            for word in (group.slug, group.name_nl, group.name):
                if word:
                    self.target_groups[name_key(word)] = group
        self.languages: dict[str, Language] = {}
        for language in Language.objects.all():
            for word in (language.code, language.name_nl, language.name_en):
                if word:
                    self.languages[name_key(word)] = language
        self.kinds = {name_key(value): value for value in OrganisationKind.values}
        self.kinds.update({name_key(label): kind for label, kind in KIND_DUTCH_LABELS.items()})

    @staticmethod
    def lookup_list(value: Any, table: dict, unknown_message: str) -> list:
        """Items separated by `;` or `,`; a name that itself holds a comma ("Post,
        formulieren en geldzaken") is recognised as one item."""
        found, unknown = [], []
        for part in _split(value):
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            start = 0
            while start < len(pieces):
                # The longest run of comma-pieces that is one known name wins.
                for end in range(len(pieces), start, -1):
                    item = table.get(name_key(",".join(pieces[start:end])))
                    if item is not None:
                        break
                if item is None:
                    unknown.append(pieces[start])
                    start += 1
                    continue
                if item not in found:
                    found.append(item)
                start = end
        if unknown:
            raise _Bad(unknown_message % {"value": ", ".join(unknown)})
        return found


# --- Parsing ------------------------------------------------------------------------------


@dataclass
class ScheduleRow:
    frequency: str
    weekdays: list[int]
    week_of_month: int | None
    start_time: time
    end_time: time | None
    valid_from: date | None  # None: from the import date (or what is stored)
    valid_until: date | None

    def matches(self, schedule: Schedule) -> bool:
        return (
            schedule.frequency == self.frequency
            and schedule.weekday_list == self.weekdays
            and schedule.week_of_month == self.week_of_month
            and schedule.start_time == self.start_time
            and schedule.end_time == self.end_time
            and (self.valid_from is None or schedule.valid_from == self.valid_from)
            and schedule.valid_until == self.valid_until
        )

    def values(self, *, valid_from: date) -> dict:
        return {
            "frequency": self.frequency,
            "weekdays": ",".join(str(d) for d in self.weekdays),
            "week_of_month": self.week_of_month,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "valid_from": valid_from,
            "valid_until": self.valid_until,
        }


@dataclass
class ActivityRow:
    """One checked row of the file."""

    line: int
    organisation: str
    title: str
    kind: str | None = None
    newcomer_led: bool | None = None
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    themes: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    wijk: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    capacity: int | None = None
    cost: str = ""
    signup_required: bool | None = None
    schedule: ScheduleRow | None = None


def sociale_kaart_parse(
    rows: list[tuple[int, dict[str, Any]]], *, vocabulary: Vocabulary | None = None
) -> tuple[list[ActivityRow], list[RowError]]:
    """Check every row; returns the good rows and every problem of the bad ones."""
    vocabulary = vocabulary or Vocabulary()
    parsed, errors = [], []
    for line, cells in rows:
        row, row_errors = _parse_row(line, cells, vocabulary)
        errors += row_errors
        if not row_errors:
            parsed.append(row)
    return parsed, errors


def _parse_row(line: int, cells: dict[str, Any], vocabulary: Vocabulary):
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    def take(column: str, parse, name: str | None = None):
        try:
            values[name or column] = parse(cells.get(column))
        except _Bad as bad:
            errors.append(RowError(line, column, str(bad)))

    def required(model, field_name):
        def parse(value):
            text = _limited(_text(value), model, field_name)
            if not text:
                raise _Bad(_("is empty; every row needs it"))
            return text
        return parse

    def text_of(model, field_name):
        return lambda value: _limited(_text(value), model, field_name)

    take("organisatie", required(Organisation, "name"), "organisation")
    take("activiteit", required(Activity, "title"), "title")
    take("soort", lambda v: _lookup_kind(v, vocabulary), "kind")
    take("door_nieuwkomers", _parse_bool, "newcomer_led")
    take("website", _parse_website, "website")
    take("email", _parse_email, "email")
    take("telefoon", text_of(Activity, "phone"), "phone")
    take("omschrijving", _long_text, "description")
    take("themas", lambda v: vocabulary.lookup_list(
        v, vocabulary.themes, _("unknown theme “%(value)s”")), "themes")
    take("doelgroep", lambda v: vocabulary.lookup_list(
        v, vocabulary.target_groups, _("unknown target group “%(value)s”")), "target_groups")
    take("talen", lambda v: vocabulary.lookup_list(
        v, vocabulary.languages, _("unknown language “%(value)s”")), "languages")
    take("wijk", text_of(Wijk, "name"), "wijk")
    take("adres", text_of(Activity, "address"), "address")
    take("postcode", text_of(Activity, "postcode"), "postcode")
    take("plaats", text_of(Activity, "city"), "city")
    take("capaciteit", _parse_count, "capacity")
    take("kosten", lambda v: _limited(_parse_cost(v), Activity, "cost"), "cost")
    take("aanmelden", _parse_bool, "signup_required")
    if any(not _is_empty(cells.get(column)) for column in SCHEDULE_COLUMNS):
        values["schedule"] = _parse_schedule(line, cells, errors)
    if errors:
        return None, errors
    return ActivityRow(line=line, **values), []


def _lookup_kind(value: Any, vocabulary: Vocabulary) -> str | None:
    text = _text(value)
    if not text:
        return None
    kind = vocabulary.kinds.get(name_key(text))
    if kind is None:
        raise _Bad(_("unknown kind of organisation “%(value)s”; use one of: %(kinds)s") % {
            "value": text, "kinds": ", ".join(KIND_DUTCH_LABELS),
        })
    return str(kind)


def _parse_website(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    if "://" not in text:
        text = f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError as exc:
        raise _Bad(_("“%(value)s” is not a web address") % {"value": _text(value)}) from exc
    return _limited(text, Organisation, "website")


def _parse_email(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError as exc:
        raise _Bad(_("“%(value)s” is not an e-mail address") % {"value": text}) from exc
    return _limited(text, Activity, "email")


def _parse_days(value: Any) -> list[int]:
    days, unknown = set(), []
    for part in re.split(r"[;,/\s]+", _text(value).casefold()):
        if not part:
            continue
        if part in WEEKDAY_WORDS:
            days.add(WEEKDAY_WORDS[part])
        else:
            unknown.append(part)
    if unknown:
        raise _Bad(_("unknown day “%(value)s”; use ma, di, wo, do, vr, za, zo")
                   % {"value": ", ".join(unknown)})
    return sorted(days)


def _parse_frequency(value: Any) -> str:
    text = _text(value).casefold()
    if not text:
        return Frequency.WEEKLY
    if text in FREQUENCY_DUTCH:
        return str(FREQUENCY_DUTCH[text])
    if text in Frequency.values:
        return text
    raise _Bad(_("unknown frequentie “%(value)s”; use wekelijks, tweewekelijks, maandelijks "
                 "or eenmalig") % {"value": _text(value)})


def _parse_week_of_month(value: Any) -> int | None:
    text = _text(value).casefold()
    if not text:
        return None
    if text in WEEK_OF_MONTH_WORDS:
        return WEEK_OF_MONTH_WORDS[text]
    raise _Bad(_("“%(value)s” is not 1, 2, 3, 4 or laatste") % {"value": _text(value)})


def _parse_schedule(line: int, cells: dict[str, Any], errors: list[RowError]):
    parsed: dict[str, Any] = {}
    before = len(errors)
    for column, parse in (
        ("frequentie", _parse_frequency), ("dagen", _parse_days),
        ("begintijd", _parse_time), ("eindtijd", _parse_time),
        ("geldig_van", _parse_date), ("geldig_tot", _parse_date),
        ("week_van_maand", _parse_week_of_month),
    ):
        try:
            parsed[column] = parse(cells.get(column))
        except _Bad as bad:
            errors.append(RowError(line, column, str(bad)))
    if len(errors) > before:
        return None
    frequency = parsed["frequentie"]
    if frequency != Frequency.ONCE and not parsed["dagen"]:
        errors.append(RowError(line, "dagen", _("is empty; say on which days (ma;di;…)")))
    if parsed["begintijd"] is None:
        errors.append(RowError(line, "begintijd", _("is empty; say when it starts (19:00)")))
    elif parsed["eindtijd"] is not None and parsed["eindtijd"] <= parsed["begintijd"]:
        errors.append(RowError(line, "eindtijd", _("lies before the begintijd")))
    if frequency == Frequency.ONCE and parsed["geldig_van"] is None:
        errors.append(RowError(line, "geldig_van", _("is empty; eenmalig takes place on this "
                                                     "date")))
    if (parsed["geldig_van"] and parsed["geldig_tot"]
            and parsed["geldig_tot"] < parsed["geldig_van"]):
        errors.append(RowError(line, "geldig_tot", _("lies before geldig_van")))
    if parsed["week_van_maand"] is not None and frequency != Frequency.MONTHLY:
        errors.append(RowError(line, "week_van_maand", _("only applies to maandelijks")))
    if len(errors) > before:
        return None
    return ScheduleRow(
        frequency=frequency,
        weekdays=parsed["dagen"],
        week_of_month=parsed["week_van_maand"],
        start_time=parsed["begintijd"],
        end_time=parsed["eindtijd"],
        valid_from=parsed["geldig_van"],
        valid_until=parsed["geldig_tot"],
    )


# --- Planning -----------------------------------------------------------------------------

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


ORGANISATION_COLUMNS = {
    "kind": "soort", "newcomer_led": "door_nieuwkomers", "website": "website",
    "email": "email", "phone": "telefoon",
}


@dataclass
class OrganisationPlan:
    name: str
    presence: Presence | None  # None: a new organisation
    fields: dict
    changed: list[str]
    add_themes: set
    add_languages: set
    add_wijken: list[str]  # wijk names (keys resolved when writing)

    @property
    def action(self) -> str:
        if self.presence is None:
            return CREATED
        if self.changed or self.add_themes or self.add_languages or self.add_wijken:
            return UPDATED
        return UNCHANGED

    @property
    def changed_labels(self) -> list[str]:
        labels = [ORGANISATION_COLUMNS.get(name, name) for name in self.changed]
        for added, column in ((self.add_themes, "themas"), (self.add_languages, "talen"),
                              (self.add_wijken, "wijk")):
            if added:
                labels.append(f"+{column}")
        return labels


# Where a change comes from, named by the file's own column.
CHANGED_COLUMNS = {
    "description_nl": "omschrijving", "address": "adres", "postcode": "postcode",
    "city": "plaats", "capacity": "capaciteit", "cost": "kosten", "email": "email",
    "phone": "telefoon", "signup_required": "aanmelden", "wijk": "wijk", "themes": "themas",
    "target_groups": "doelgroep", "languages": "talen", "schedules": "dagen/tijden",
}


@dataclass
class ActivityPlan:
    organisation_key: str
    organisation_name: str
    title: str
    lines: list[int]
    activity: Activity | None
    fields: dict
    wijk: str
    themes: set
    target_groups: set
    languages: set
    schedules: list[ScheduleRow]
    changed: list[str] = field(default_factory=list)
    schedules_same: bool = True

    @property
    def action(self) -> str:
        if self.activity is None:
            return CREATED
        return UPDATED if self.changed else UNCHANGED

    @property
    def changed_labels(self) -> list[str]:
        return [CHANGED_COLUMNS.get(name, name) for name in self.changed]


@dataclass
class ImportReport:
    organisations: Counter
    activities: Counter
    new_wijken: list[str]
    gemeente: str = ""
    gemeente_created: bool = False

    def summary(self) -> str:
        parts = [
            _("Organisations: %(created)s created, %(updated)s updated, %(unchanged)s "
              "unchanged.") % {k: self.organisations[k] for k in (CREATED, UPDATED, UNCHANGED)},
            _("Activities: %(created)s created, %(updated)s updated, %(unchanged)s "
              "unchanged.") % {k: self.activities[k] for k in (CREATED, UPDATED, UNCHANGED)},
        ]
        if self.new_wijken:
            parts.append(ngettext("New wijk: %(names)s.", "New wijken: %(names)s.",
                                  len(self.new_wijken)) % {"names": ", ".join(self.new_wijken)})
        if self.gemeente_created:
            parts.insert(0, _("Gemeente %(name)s created.") % {"name": self.gemeente})
        return " ".join(parts)


@dataclass
class ImportPlan:
    organisations: list[OrganisationPlan]
    activities: list[ActivityPlan]
    new_wijken: list[str]
    wijken: dict[str, Wijk]

    def report(self, **kwargs) -> ImportReport:
        return ImportReport(
            organisations=Counter(p.action for p in self.organisations),
            activities=Counter(p.action for p in self.activities),
            new_wijken=list(self.new_wijken),
            **kwargs,
        )


def _first(rows: list[ActivityRow], attribute: str, default: Any = "") -> Any:
    for row in rows:
        value = getattr(row, attribute)
        if value not in (None, ""):
            return value
    return default


def sociale_kaart_plan(*, gemeente: Gemeente | None, rows: list[ActivityRow]) -> ImportPlan:
    """What importing these rows into the gemeente would do. Reads only."""
    presences: dict[str, Presence] = {}
    wijken: dict[str, Wijk] = {}
    existing: dict[tuple[int, str], Activity] = {}
    if gemeente is not None and gemeente.pk:
        for presence in (
            Presence.objects.filter(gemeente=gemeente).select_related("organisation")
            .prefetch_related("organisation__themes", "organisation__languages", "wijken")
            .order_by("pk")
        ):
            presences.setdefault(name_key(presence.organisation.name), presence)
        wijken = {name_key(w.name): w for w in Wijk.objects.filter(gemeente=gemeente)}
        for activity in (
            Activity.objects.filter(
                gemeente=gemeente,
                organisation_id__in=Presence.objects.filter(gemeente=gemeente)
                .values("organisation_id"),
            )
            .select_related("wijk")
            .prefetch_related("themes", "target_groups", "languages", "schedules")
            .order_by("pk")
        ):
            key = (activity.organisation_id, name_key(activity.title_nl or activity.title))
            existing.setdefault(key, activity)

    by_organisation: dict[str, list[ActivityRow]] = {}
    for row in rows:
        by_organisation.setdefault(name_key(row.organisation), []).append(row)

    new_wijken: dict[str, str] = {}
    for row in rows:
        key = name_key(row.wijk)
        if row.wijk and key not in wijken and key not in new_wijken:
            new_wijken[key] = row.wijk

    organisation_plans, activity_plans = [], []
    for org_key, org_rows in by_organisation.items():
        presence = presences.get(org_key)
        organisation_plans.append(_plan_organisation(presence, org_rows))
        by_title: dict[str, list[ActivityRow]] = {}
        for row in org_rows:
            by_title.setdefault(name_key(row.title), []).append(row)
        for title_key, title_rows in by_title.items():
            activity = (
                existing.get((presence.organisation_id, title_key)) if presence else None
            )
            activity_plans.append(_plan_activity(
                org_key, organisation_plans[-1].name, activity, title_rows, wijken
            ))
    return ImportPlan(
        organisations=organisation_plans,
        activities=activity_plans,
        new_wijken=sorted(new_wijken.values(), key=str.casefold),
        wijken=wijken,
    )


def _plan_organisation(presence: Presence | None, rows: list[ActivityRow]) -> OrganisationPlan:
    fields = {
        "website": _first(rows, "website"),
        "email": _first(rows, "email"),
        "phone": _first(rows, "phone"),
    }
    kind = _first(rows, "kind", None)
    newcomer_led = next((r.newcomer_led for r in rows if r.newcomer_led is not None), None)
    themes = {t for r in rows for t in r.themes}
    languages = {lang for r in rows for lang in r.languages}
    wijk_names = {}
    for row in rows:
        if row.wijk:
            wijk_names.setdefault(name_key(row.wijk), row.wijk)
    if presence is None:
        fields.update(
            name=rows[0].organisation,
            kind=kind or OrganisationKind.CITIZEN_INITIATIVE,
            newcomer_led=bool(newcomer_led),
        )
        return OrganisationPlan(
            name=rows[0].organisation, presence=None, fields=fields, changed=[],
            add_themes=themes, add_languages=languages, add_wijken=list(wijk_names.values()),
        )
    if kind is not None:
        fields["kind"] = kind
    if newcomer_led is not None:
        fields["newcomer_led"] = newcomer_led
    organisation = presence.organisation
    changed = [name for name, value in fields.items() if getattr(organisation, name) != value]
    have_wijken = {name_key(w.name) for w in presence.wijken.all()}
    return OrganisationPlan(
        name=organisation.name,
        presence=presence,
        fields=fields,
        changed=changed,
        add_themes=themes - set(organisation.themes.all()),
        add_languages=languages - set(organisation.languages.all()),
        add_wijken=[name for key, name in wijk_names.items() if key not in have_wijken],
    )


def _plan_activity(
    org_key: str, org_name: str, activity: Activity | None, rows: list[ActivityRow],
    wijken: dict[str, Wijk],
) -> ActivityPlan:
    signup = next((r.signup_required for r in rows if r.signup_required is not None), None)
    fields = {
        "description_nl": _first(rows, "description"),
        "address": _first(rows, "address"),
        "postcode": _first(rows, "postcode"),
        "city": _first(rows, "city"),
        "capacity": _first(rows, "capacity", None),
        "cost": _first(rows, "cost"),
        "email": _first(rows, "email"),
        "phone": _first(rows, "phone"),
    }
    if signup is not None or activity is None:
        fields["signup_required"] = bool(signup)
    plan = ActivityPlan(
        organisation_key=org_key,
        organisation_name=org_name,
        title=activity.title_nl or activity.title if activity else rows[0].title,
        lines=[r.line for r in rows],
        activity=activity,
        fields=fields,
        wijk=_first(rows, "wijk"),
        themes={t for r in rows for t in r.themes},
        target_groups={g for r in rows for g in r.target_groups},
        languages={lang for r in rows for lang in r.languages},
        schedules=[r.schedule for r in rows if r.schedule is not None],
    )
    if activity is None:
        plan.fields["title_nl"] = rows[0].title
        return plan
    plan.changed = [
        name for name, value in fields.items() if not _same(getattr(activity, name), value)
    ]
    wijk = wijken.get(name_key(plan.wijk)) if plan.wijk else None
    if activity.wijk_id != (wijk.pk if wijk else None) or (plan.wijk and wijk is None):
        plan.changed.append("wijk")
    for name in ("themes", "target_groups", "languages"):
        if set(getattr(activity, name).all()) != getattr(plan, name):
            plan.changed.append(name)
    plan.schedules_same = _schedules_same(list(activity.schedules.all()), plan.schedules)
    if not plan.schedules_same:
        plan.changed.append("schedules")
    return plan


def _same(stored: Any, wanted: Any) -> bool:
    """None and "" are the same empty value (translated fields may hold None)."""
    return (stored if stored is not None else "") == (wanted if wanted is not None else "")


def _schedules_same(existing: list[Schedule], wanted: list[ScheduleRow]) -> bool:
    remaining = list(existing)
    for row in wanted:
        hit = next((s for s in remaining if row.matches(s)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return not remaining


# --- Writing ------------------------------------------------------------------------------


def gemeente_find(name: str) -> Gemeente | None:
    key = name_key(name)
    for gemeente in Gemeente.objects.all():
        if name_key(gemeente.name) == key:
            return gemeente
    return None


def _gemeente_create(name: str) -> Gemeente:
    base = slugify(name)[:90] or "gemeente"
    slug, n = base, 1
    while Gemeente.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Gemeente.objects.create(name=" ".join(name.split()), slug=slug)


@transaction.atomic
def sociale_kaart_import(
    *, gemeente: Gemeente | str, rows: list[ActivityRow], today: date | None = None
) -> ImportReport:
    """Write checked rows into a gemeente, all or nothing, and report what changed.

    `gemeente` may be a name (the command line): a gemeente of that name is found
    case- and space-insensitively, or created. New organisations get an approved presence
    (the gemeente's own list vouches for them); existing presences keep their approval.
    """
    today = today or timezone.localdate()
    gemeente_created = False
    if isinstance(gemeente, str):
        found = gemeente_find(gemeente)
        if found is None:
            found, gemeente_created = _gemeente_create(gemeente), True
        gemeente = found
    plan = sociale_kaart_plan(gemeente=gemeente, rows=rows)
    wijken = dict(plan.wijken)
    for name in plan.new_wijken:
        wijken[name_key(name)] = Wijk.objects.create(gemeente=gemeente, name=name)
    links = _Links()
    organisations = _organisations_write(plan, gemeente=gemeente, wijken=wijken, links=links)

    refresh_ids, new = [], []
    for act_plan in plan.activities:
        if act_plan.action == UNCHANGED:
            continue
        wijk = wijken.get(name_key(act_plan.wijk)) if act_plan.wijk else None
        activity = act_plan.activity
        if activity is None:
            new.append((act_plan, Activity(
                organisation=organisations[act_plan.organisation_key], gemeente=gemeente,
                wijk=wijk, **act_plan.fields,
            )))
            continue
        for name, value in act_plan.fields.items():
            setattr(activity, name, value)
        activity.wijk = wijk
        activity.save()
        for name in ("themes", "target_groups", "languages"):
            if name in act_plan.changed:
                getattr(activity, name).set(getattr(act_plan, name))
        if not act_plan.schedules_same:
            _schedules_write(activity, act_plan.schedules, today=today)
        refresh_ids.append(activity.pk)

    # New activities in sets: one import may hold a gemeente's whole offer.
    Activity.objects.bulk_create([activity for _plan, activity in new], batch_size=500)
    schedules = []
    for act_plan, activity in new:
        links.activity(activity, act_plan)
        schedules += [
            Schedule(activity=activity, **row.values(valid_from=row.valid_from or today))
            for row in act_plan.schedules
        ]
        refresh_ids.append(activity.pk)
    Schedule.objects.bulk_create(schedules, batch_size=500)
    links.write()
    if refresh_ids:
        activities_refresh(refresh_ids, today=today)
    return plan.report(gemeente=gemeente.name, gemeente_created=gemeente_created)


class _Links:
    """Many-to-many rows gathered while writing and inserted in sets at the end."""

    def __init__(self):
        self.rows: dict[Any, list] = {}

    def add(self, relation, owner_field: str, owner_pk: int, target_field: str, targets):
        through = relation.through
        self.rows.setdefault(through, []).extend(
            through(**{f"{owner_field}_id": owner_pk, f"{target_field}_id": t.pk})
            for t in targets
        )

    def activity(self, activity: Activity, act_plan: ActivityPlan):
        self.add(Activity.themes, "activity", activity.pk, "theme", act_plan.themes)
        self.add(Activity.target_groups, "activity", activity.pk, "targetgroup",
                 act_plan.target_groups)
        self.add(Activity.languages, "activity", activity.pk, "language", act_plan.languages)

    def write(self):
        for through, rows in self.rows.items():
            through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _organisations_write(
    plan: ImportPlan, *, gemeente: Gemeente, wijken: dict[str, Wijk], links: _Links
) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    new_ones = []
    for org_plan in plan.organisations:
        key = name_key(org_plan.name)
        if org_plan.presence is None:
            organisation = organisation_register(
                gemeente=gemeente, approved=True, **org_plan.fields
            )
            new_ones.append((org_plan, organisation))
        else:
            organisation = org_plan.presence.organisation
            if org_plan.changed:
                for name in org_plan.changed:
                    setattr(organisation, name, org_plan.fields[name])
                organisation.save(update_fields=org_plan.changed)
            _organisation_links(links, org_plan, organisation.pk, org_plan.presence.pk, wijken)
        organisations[key] = organisation
    presence_ids = dict(
        Presence.objects.filter(
            gemeente=gemeente, organisation_id__in=[o.pk for _p, o in new_ones]
        ).values_list("organisation_id", "pk")
    )
    for org_plan, organisation in new_ones:
        _organisation_links(links, org_plan, organisation.pk, presence_ids[organisation.pk], wijken)
    return organisations


def _organisation_links(links, org_plan, organisation_pk, presence_pk, wijken):
    links.add(Organisation.themes, "organisation", organisation_pk, "theme", org_plan.add_themes)
    links.add(Organisation.languages, "organisation", organisation_pk, "language",
              org_plan.add_languages)
    links.add(Presence.wijken, "presence", presence_pk, "wijk",
              [wijken[name_key(n)] for n in org_plan.add_wijken])


def _schedules_write(activity: Activity, wanted: list[ScheduleRow], *, today: date) -> None:
    """Keep the schedules that match, change the others in place (so past occurrences
    stay for the calendar and tallies), delete the surplus and create what is missing."""
    remaining = list(activity.schedules.all())
    unmatched = []
    for row in wanted:
        hit = next((s for s in remaining if row.matches(s)), None)
        if hit is None:
            unmatched.append(row)
        else:
            remaining.remove(hit)
    for row in unmatched:
        if remaining:
            schedule = remaining.pop(0)
            for name, value in row.values(valid_from=row.valid_from or schedule.valid_from).items():
                setattr(schedule, name, value)
            schedule.save()
        else:
            Schedule.objects.create(activity=activity, **row.values(valid_from=row.valid_from or today))
    if remaining:
        Schedule.objects.filter(pk__in=[s.pk for s in remaining]).delete()


# --- The template to download -------------------------------------------------------------


def template_csv() -> bytes:
    """`;`-separated UTF-8 with a BOM: what Dutch Excel opens in columns, accents intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    headers = HEADERS + OPTIONAL_HEADERS
    writer.writerow(headers)
    writer.writerow([TEMPLATE_EXAMPLE[h] for h in headers])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The same as an .xlsx, with real date, time and number cells."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "sociale kaart"
    headers = HEADERS + OPTIONAL_HEADERS
    sheet.append(headers)
    example = dict(TEMPLATE_EXAMPLE)
    example.update(
        begintijd=time(19, 0), eindtijd=time(21, 0), geldig_van=date(2026, 9, 1),
        geldig_tot=date(2027, 7, 15), capaciteit=25,
    )
    sheet.append([example[h] if example[h] != "" else None for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(
            12, len(header) + 2, min(40, len(str(TEMPLATE_EXAMPLE[header])) + 2)
        )
    formats = {"geldig_van": "yyyy-mm-dd", "geldig_tot": "yyyy-mm-dd",
               "begintijd": "hh:mm", "eindtijd": "hh:mm"}
    for header, number_format in formats.items():
        sheet.cell(row=2, column=headers.index(header) + 1).number_format = number_format
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
