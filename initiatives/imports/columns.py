"""The columns of the sociale kaart spreadsheet, each declared once, and the checking of rows.

Modelled on pretix's ImportColumn (pretix/base/modelimport.py): a column knows its header
(and the aliases gemeenten write), its label, whether every row needs it, which model fields
it fills, its example in the template, and the Django form field that turns a cell into a
value. A cell's error is that form field's (translated) ValidationError message, reported as
a RowError with the line and the column's header. The template and the reader's list of
known headers come from the same declarations, so they cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gemeenten.forms import BIDI_CONTROLS
from gemeenten.models import Language, TargetGroup, Theme, Wijk
from gemeenten.text import closest_names, name_key

from ..choices import (
    FREQUENCY_DUTCH,
    KIND_DUTCH_LABELS,
    LAST_WEEK_OF_MONTH,
    WEEKDAY_DUTCH,
    Frequency,
    OrganisationKind,
)
from ..models import Activity, Organisation, Schedule

YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
NO = {"nee", "n", "no", "false", "onwaar", "0"}
WEEKDAY_WORDS = {
    **WEEKDAY_DUTCH,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
}
WEEK_OF_MONTH_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "laatste": LAST_WEEK_OF_MONTH}
DATE_INPUT_FORMATS = [
    "%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
    "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
_EXCEL_EPOCH = date(1899, 12, 30)
# What time.strptime accepts for these formats: %Y four digits, %m %d %H %M one or two.
_FAST_DATE = {
    "%Y-%m-%d": re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", re.ASCII),
    "%d-%m-%Y": re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})", re.ASCII),
}
_FAST_TIME = re.compile(r"(\d{1,2}):(\d{1,2})", re.ASCII)
# Tab, line feed and carriage return are layout in a long text; every other control
# character (NUL, escape, backspace ...) is refused: PostgreSQL refuses NUL outright and the
# others corrupt what every other screen shows.
_LAYOUT = {"\t", "\n", "\r"}


def max_length(model, field_name: str) -> int | None:
    return model._meta.get_field(field_name).max_length


def cell_text(value: Any) -> str:
    """A cell as one line of text, whatever type the spreadsheet gave it."""
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


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Unicode's category Cc is exactly U+0000-U+001F and U+007F-U+009F (a test checks every code
# point): one compiled pattern instead of a category lookup per character of 10,000 rows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LAYOUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _has_control_character(text: str, *, allow_layout: bool) -> bool:
    return (_CONTROL_BUT_LAYOUT if allow_layout else _CONTROL).search(text) is not None


# --- Form fields for cells ------------------------------------------------------------------


class CellTextField(forms.CharField):
    """One line of text: whitespace collapsed, control characters refused."""

    multiline = False
    default_error_messages = {
        "control": gettext_lazy(
            "contains a control character (such as a tab or line break) that does not belong "
            "in this column"
        ),
    }

    def to_python(self, value):
        if isinstance(value, str) and _has_control_character(value, allow_layout=self.multiline):
            raise ValidationError(self.error_messages["control"], code="control")
        if isinstance(value, str):
            value = BIDI_CONTROLS.sub("", value)  # as in what is typed (gemeenten.forms)
        if self.multiline and isinstance(value, str):
            value = "\n".join(" ".join(line.split()) for line in value.strip().splitlines())
        else:
            value = cell_text(value)
        return super().to_python(value)


class CellLongTextField(CellTextField):
    """A description keeps its line breaks and tabs."""

    multiline = True
    default_error_messages = {
        "control": gettext_lazy("contains a control character that does not belong in a text"),
    }


class CellCostField(CellTextField):
    """0 or "gratis" is free (""); a number becomes an amount in euros; text stays. An empty
    cell is None: free for a new activity, and an existing one keeps its cost."""

    def __init__(self, **kwargs):
        super().__init__(empty_value=None, **kwargs)

    def to_python(self, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            if value == 0:
                return ""
            value = f"€ {value:.2f}".replace(".", ",").replace(",00", "")
        text = super().to_python(value)
        if text is None:
            return None
        return "" if text.casefold() == "gratis" else text


class CellURLField(forms.URLField):
    """An address without a scheme is taken as https; only http(s) addresses are links."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)

    def to_python(self, value):
        return super().to_python(cell_text(value))


class CellEmailField(forms.EmailField):
    def to_python(self, value):
        return super().to_python(cell_text(value))


class CellIntegerField(forms.IntegerField):
    """Digits only: "1.000" or "10 plaatsen" is not silently read as a number."""

    def to_python(self, value):
        if isinstance(value, bool):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = cell_text(value)
        if text and not re.fullmatch(r"[+-]?\d+", text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text)


class CellDateField(forms.DateField):
    """Date cells, the text forms in DATE_INPUT_FORMATS, and Excel's unformatted day numbers."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=DATE_INPUT_FORMATS, **kwargs)

    def strptime(self, value, format):
        # The usual two formats without time.strptime, which is slow (locale, a lock) and
        # runs for every date cell of a 10,000-row file; same outcome, ValueError included.
        if fast := _FAST_DATE.get(format):
            if match := fast.fullmatch(value):
                year, month, day = (match[name] for name in ("y", "m", "d"))
                return date(int(year), int(month), int(day))
        return super().strptime(value, format)

    def to_python(self, value):
        if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if not isinstance(value, date):
            value = cell_text(value)
        return super().to_python(value)


class CellTimeField(forms.TimeField):
    """Time cells (also as Excel's fraction of a day) and 19:30 or 19.30; seconds dropped."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=TIME_INPUT_FORMATS, **kwargs)

    def strptime(self, value, format):
        if format == "%H:%M" and (match := _FAST_TIME.fullmatch(value)):
            return time(int(match[1]), int(match[2]))  # as CellDateField.strptime
        return super().strptime(value, format)

    def to_python(self, value):
        if isinstance(value, datetime):
            value = value.time()
        elif isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
            minutes = round(value * 24 * 60)
            value = time(minutes // 60, minutes % 60)
        elif not isinstance(value, time):
            value = cell_text(value)
        parsed = super().to_python(value)
        return parsed.replace(second=0, microsecond=0) if parsed else None


class WordChoiceField(forms.ChoiceField):
    """One of a fixed set of words, matched after `normalise`; cleans to the word's value.
    An empty cell cleans to `empty_value` (a default, or None: "leave it as it is")."""

    def __init__(self, *, words: dict[str, Any], normalise=str.casefold, empty_value=None,
                 **kwargs):
        self.words, self.normalise, self.empty_value = words, normalise, empty_value
        super().__init__(choices=[(word, word) for word in words], required=False, **kwargs)

    def clean(self, value):
        if isinstance(value, bool) and any(word is value for word in self.words.values()):
            return value
        text = cell_text(value)
        if not text:
            return self.empty_value
        key = self.normalise(text)
        if key not in self.words:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice",
                params={"value": text},
            )
        return self.words[key]


class WeekdaysField(forms.Field):
    """ma;di or maandag, dinsdag: the sorted weekday numbers."""

    default_error_messages = {
        "invalid": gettext_lazy("unknown day “%(value)s”; use ma, di, wo, do, vr, za, zo"),
    }

    def to_python(self, value):
        days, unknown = set(), []
        for part in re.split(r"[;,/\s]+", cell_text(value).casefold()):
            if part in WEEKDAY_WORDS:
                days.add(WEEKDAY_WORDS[part])
            elif part:
                unknown.append(part)
        if unknown:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": ", ".join(unknown)})
        return sorted(days)


class VocabularyListField(forms.Field):
    """Items separated by `;` or `,`, each a known word of `table`; a name that itself holds a
    comma ("Post, formulieren en geldzaken") is recognised as one item."""

    def __init__(self, *, table: dict, names: list[str] = (), **kwargs):
        self.table, self.names = table, list(names)
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        found, unknown = [], []
        for part in (p.strip() for p in cell_text(value).split(";")):
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            start = 0
            while start < len(pieces):
                # The longest run of comma-pieces that is one known name wins.
                for end in range(len(pieces), start, -1):
                    item = self.table.get(name_key(",".join(pieces[start:end])))
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
            suggestions = [n for word in unknown for n in closest_names(word, self.names)[:1]]
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": ", ".join(unknown),
                                          "suggestion": ", ".join(suggestions)})
        return found


# --- The vocabulary the cells are checked against -------------------------------------------


class Vocabulary:
    """The words of the file that live in the database (themes, target groups, languages)."""

    def __init__(self):
        self.form_fields: dict[str, forms.Field] = {}  # per column, made on first use
        self.themes = self._table(Theme.objects.all(), ("slug", "name_nl", "name"))
        self.target_groups = self._table(TargetGroup.objects.all(), ("slug", "name_nl", "name"))
        self.languages = self._table(Language.objects.all(), ("code", "name_nl", "name_en"))
        # The Dutch names and codes, for "did you mean" suggestions on an unknown word
        # ("sprot" -> sport, "Arabies" -> Arabisch).
        self.names = {
            table: sorted({str(getattr(obj, attribute)) for obj in getattr(self, table).values()
                           for attribute in ("slug", "code", "name_nl")
                           if getattr(obj, attribute, "")})
            for table in ("themes", "target_groups", "languages")
        }

    @staticmethod
    def _table(objects, attributes) -> dict:
        table = {}
        for obj in objects:
            for attribute in attributes:
                if word := getattr(obj, attribute):
                    table[name_key(word)] = obj
        return table


KINDS = {name_key(value): str(value) for value in OrganisationKind.values} | {
    name_key(label): str(kind) for label, kind in KIND_DUTCH_LABELS.items()
}
FREQUENCIES = {value: str(value) for value in Frequency.values} | {
    word: str(frequency) for word, frequency in FREQUENCY_DUTCH.items()
}
BOOLEANS = dict.fromkeys(YES, True) | dict.fromkeys(NO, False)


# --- The columns ----------------------------------------------------------------------------


class ImportColumn:
    """One column of the file.

    identifier: the header in the template; aliases: other headers read as this one.
    fills: the model fields it writes ("Organisation.website"), which also name the column
    in the preview's list of what changes. target: the attribute of ActivityRow it sets.
    """

    def __init__(
        self, identifier: str, verbose_name, *, target: str, field, fills=(),
        required: bool = False, aliases=(), example: Any = "", example_cell: Any = None,
        optional_header: bool = False, messages: dict | None = None, params=None,
    ):
        self.identifier, self.verbose_name, self.target = identifier, verbose_name, target
        self.fills, self.required, self.aliases = tuple(fills), required, tuple(aliases)
        self.example, self.optional_header = example, optional_header
        self.example_cell = example if example_cell is None else example_cell
        self._field, self._messages, self._params = field, messages or {}, params or {}

    def __repr__(self):
        return f"<ImportColumn {self.identifier}>"

    def form_field(self, vocabulary: Vocabulary) -> forms.Field:
        """The column's form field for this vocabulary, made once per vocabulary (a file is
        checked with one): cleaning a cell keeps no state in the field."""
        made = vocabulary.form_fields.get(self.identifier)
        if made is None:
            made = self._field(vocabulary)
            made.required = self.required
            made.error_messages.update(self._messages)
            vocabulary.form_fields[self.identifier] = made
        return made

    def clean(self, value: Any, vocabulary: Vocabulary) -> Any:
        """The cell's value, or a ValidationError with the form field's first message,
        its placeholders filled in (the cell as written, the limit ...)."""
        try:
            return self.form_field(vocabulary).clean(value)
        except ValidationError as exc:
            error = exc.error_list[0]
            params = {"value": cell_text(value), **self._params, **(error.params or {})}
            message = str(error.message) % params
            if params.get("suggestion"):
                message += "; " + _("did you mean %(name)s?") % {"name": params["suggestion"]}
            raise ValidationError(message, code=error.code) from exc

    def assign(self, value: Any, values: dict) -> None:
        values[self.target] = value


def _text(model, name, **kwargs):
    return lambda vocabulary: CellTextField(max_length=max_length(model, name), **kwargs)


def _words(words, **kwargs):
    return lambda vocabulary: WordChoiceField(words=words, **kwargs)


def _vocabulary_list(table: str):
    return lambda vocabulary: VocabularyListField(table=getattr(vocabulary, table),
                                                  names=vocabulary.names[table])


REQUIRED = {"required": gettext_lazy("is empty; every row needs it")}
TOO_LONG = {"max_length": gettext_lazy("longer than %(limit_value)s characters")}
NOT_A_BOOLEAN = {"invalid_choice": gettext_lazy("“%(value)s” is not ja or nee")}

COLUMNS: list[ImportColumn] = [
    ImportColumn(
        "organisatie", gettext_lazy("name of the organisation"), target="organisation",
        aliases=["naam_organisatie"], required=True, fills=["Organisation.name"],
        field=_text(Organisation, "name"), messages=REQUIRED | TOO_LONG,
        example="Stichting Voorbeeld Taal",
    ),
    ImportColumn(
        "soort", gettext_lazy("kind of organisation"), target="kind",
        fills=["Organisation.kind"], field=_words(KINDS, normalise=name_key),
        messages={"invalid_choice": gettext_lazy(
            "unknown kind of organisation “%(value)s”; use one of: %(kinds)s"
        )}, params={"kinds": ", ".join(KIND_DUTCH_LABELS)}, example="burgerinitiatief",
    ),
    ImportColumn(
        "door_nieuwkomers", gettext_lazy("by and for newcomers (ja/nee)"),
        target="newcomer_led", fills=["Organisation.newcomer_led"], field=_words(BOOLEANS),
        messages=NOT_A_BOOLEAN, example="nee",
    ),
    ImportColumn(
        "website", gettext_lazy("website"), target="website", fills=["Organisation.website"],
        field=lambda v: CellURLField(max_length=max_length(Organisation, "website")),
        messages={"invalid": gettext_lazy("“%(value)s” is not a web address")} | TOO_LONG,
        example="https://example.org/taal",
    ),
    ImportColumn(
        "email", gettext_lazy("e-mail address"), target="email", aliases=["e-mail"],
        fills=["Organisation.email", "Activity.email"],
        field=lambda v: CellEmailField(max_length=max_length(Activity, "email")),
        messages={"invalid": gettext_lazy("“%(value)s” is not an e-mail address")} | TOO_LONG,
        example="taal@example.org",
    ),
    ImportColumn(
        "telefoon", gettext_lazy("phone number"), target="phone",
        fills=["Organisation.phone", "Activity.phone"], field=_text(Activity, "phone"),
        messages=TOO_LONG,
    ),
    ImportColumn(
        "activiteit", gettext_lazy("name of the activity"), target="title", required=True,
        fills=["Activity.title"], field=_text(Activity, "title"), messages=REQUIRED | TOO_LONG,
        example="Taalcafé Centrum",
    ),
    ImportColumn(
        "omschrijving", gettext_lazy("description of the activity"), target="description",
        fills=["Activity.description_nl"], field=lambda v: CellLongTextField(),
        example="Samen Nederlands oefenen bij een kop koffie, alle niveaus.",
    ),
    ImportColumn(
        "themas", gettext_lazy("themes"), target="themes", aliases=["thema's"],
        fills=["Activity.themes", "Organisation.themes"], field=_vocabulary_list("themes"),
        messages={"invalid": gettext_lazy("unknown theme “%(value)s”")}, example="taal",
    ),
    ImportColumn(
        "doelgroep", gettext_lazy("target groups"), target="target_groups",
        fills=["Activity.target_groups"], field=_vocabulary_list("target_groups"),
        messages={"invalid": gettext_lazy("unknown target group “%(value)s”")},
        example="volwassenen",
    ),
    ImportColumn(
        "talen", gettext_lazy("languages spoken"), target="languages",
        fills=["Activity.languages", "Organisation.languages"],
        field=_vocabulary_list("languages"),
        messages={"invalid": gettext_lazy("unknown language “%(value)s”")}, example="nl;ar;ti",
    ),
    ImportColumn(
        "wijk", gettext_lazy("wijk"), target="wijk", fills=["Activity.wijk", "Presence.wijken"],
        field=_text(Wijk, "name"), messages=TOO_LONG, example="Centrum",
    ),
    ImportColumn(
        "adres", gettext_lazy("address"), target="address", fills=["Activity.address"],
        field=_text(Activity, "address"), messages=TOO_LONG, example="Marktplein 1",
    ),
    ImportColumn(
        "postcode", gettext_lazy("postcode"), target="postcode", fills=["Activity.postcode"],
        field=_text(Activity, "postcode"), messages=TOO_LONG, example="1234 AB",
    ),
    ImportColumn(
        "plaats", gettext_lazy("place"), target="city", fills=["Activity.city"],
        field=_text(Activity, "city"), messages=TOO_LONG, example="Voorbeeldstad",
    ),
    ImportColumn(
        "dagen", gettext_lazy("days"), target="weekdays", fills=["Schedule.weekdays"],
        field=lambda v: WeekdaysField(), example="wo",
    ),
    ImportColumn(
        "begintijd", gettext_lazy("start time"), target="start_time",
        fills=["Schedule.start_time"], field=lambda v: CellTimeField(),
        messages={"invalid": gettext_lazy("“%(value)s” is not a time like 19:30")},
        example="19:00", example_cell=time(19, 0),
    ),
    ImportColumn(
        "eindtijd", gettext_lazy("end time"), target="end_time", fills=["Schedule.end_time"],
        field=lambda v: CellTimeField(),
        messages={"invalid": gettext_lazy("“%(value)s” is not a time like 19:30")},
        example="21:00", example_cell=time(21, 0),
    ),
    ImportColumn(
        "frequentie", gettext_lazy("how often"), target="frequency",
        fills=["Schedule.frequency"], field=_words(FREQUENCIES, empty_value=Frequency.WEEKLY),
        messages={"invalid_choice": gettext_lazy(
            "unknown frequentie “%(value)s”; use wekelijks, tweewekelijks, maandelijks or "
            "eenmalig"
        )}, example="wekelijks",
    ),
    ImportColumn(
        "geldig_van", gettext_lazy("valid from"), target="valid_from",
        fills=["Schedule.valid_from"], field=lambda v: CellDateField(),
        messages={"invalid": gettext_lazy("“%(value)s” is not a date like 2026-09-01 or 1-9-2026")},
        example="2026-09-01", example_cell=date(2026, 9, 1),
    ),
    ImportColumn(
        "geldig_tot", gettext_lazy("valid until"), target="valid_until",
        fills=["Schedule.valid_until"], field=lambda v: CellDateField(),
        messages={"invalid": gettext_lazy("“%(value)s” is not a date like 2026-09-01 or 1-9-2026")},
        example="2027-07-15", example_cell=date(2027, 7, 15),
    ),
    ImportColumn(
        "capaciteit", gettext_lazy("number of places"), target="capacity",
        fills=["Activity.capacity"],
        field=lambda v: CellIntegerField(min_value=0, max_value=1_000_000),
        messages={
            "invalid": gettext_lazy("“%(value)s” is not a number"),
            "min_value": gettext_lazy("“%(value)s” is not a number of places"),
            "max_value": gettext_lazy("“%(value)s” is not a number of places"),
        }, example="25", example_cell=25,
    ),
    ImportColumn(
        "kosten", gettext_lazy("cost"), target="cost", fills=["Activity.cost"],
        field=lambda v: CellCostField(max_length=max_length(Activity, "cost")),
        messages=TOO_LONG, example="gratis",
    ),
    ImportColumn(
        "aanmelden", gettext_lazy("sign-up needed (ja/nee)"), target="signup_required",
        fills=["Activity.signup_required"], field=_words(BOOLEANS), messages=NOT_A_BOOLEAN,
        example="nee",
    ),
    ImportColumn(
        "week_van_maand", gettext_lazy("week of the month (maandelijks)"),
        target="week_of_month", fills=["Schedule.week_of_month"],
        field=_words(WEEK_OF_MONTH_WORDS),
        messages={"invalid_choice": gettext_lazy("“%(value)s” is not 1, 2, 3, 4 or laatste")},
        optional_header=True,
    ),
]

BY_IDENTIFIER = {column.identifier: column for column in COLUMNS}
HEADERS = [c.identifier for c in COLUMNS if not c.optional_header]
OPTIONAL_HEADERS = [c.identifier for c in COLUMNS if c.optional_header]
REQUIRED_HEADERS = [c.identifier for c in COLUMNS if c.required]
HEADER_ALIASES = {alias: c.identifier for c in COLUMNS for alias in c.aliases}
SCHEDULE_COLUMNS = tuple(c.identifier for c in COLUMNS if c.fills[0].startswith("Schedule."))


def column_for(model: str, field_name: str) -> str:
    """The header of the column that fills model.field, for the preview's list of changes."""
    wanted = f"{model}.{field_name}"
    return next((c.identifier for c in COLUMNS if wanted in c.fills), field_name)


# --- Checked rows ---------------------------------------------------------------------------


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
    cost: str | None = None  # None: the cell is empty; "": free
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


@dataclass
class SkippedRow:
    """A line of the file left out by "import only the correct rows", and why."""

    line: int
    reasons: list[str]


def sociale_kaart_correct_rows(
    rows: list[tuple[int, dict[str, Any]]], parsed: list[ActivityRow], errors: list[RowError],
) -> tuple[list[ActivityRow], list[SkippedRow]]:
    """For "import only the correct rows": the checked rows to import and the lines left out
    with their reasons. A good row of the same activity (organisation + title) as a bad one
    is left out too, so an activity never loses the times its bad row held."""
    reasons: dict[int, list[str]] = {}
    for error in errors:
        reasons.setdefault(error.line, []).append(
            f"{error.column}: {error.message}" if error.column else error.message
        )
    bad_activities: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        if line in reasons:
            key = (name_key(cell_text(cells.get("organisatie"))),
                   name_key(cell_text(cells.get("activiteit"))))
            bad_activities.setdefault(key, line)
    good = []
    for row in parsed:
        bad_line = bad_activities.get((name_key(row.organisation), name_key(row.title)))
        if bad_line is None:
            good.append(row)
        else:
            reasons[row.line] = [_("same activity as line %(line)s, which has a problem")
                                 % {"line": bad_line}]
    skipped = [SkippedRow(line, reasons[line]) for line in sorted(reasons)]
    return good, skipped


def _clean_cells(line, cells, columns, vocabulary, errors) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in columns:
        try:
            value = column.clean(cells.get(column.identifier), vocabulary)
        except ValidationError as exc:
            errors.append(RowError(line, column.identifier, exc.messages[0]))
        else:
            column.assign(value, values)
    return values


def _parse_row(line: int, cells: dict[str, Any], vocabulary: Vocabulary):
    errors: list[RowError] = []
    row_columns = [c for c in COLUMNS if c.identifier not in SCHEDULE_COLUMNS]
    values = _clean_cells(line, cells, row_columns, vocabulary, errors)
    if any(not is_empty(cells.get(column)) for column in SCHEDULE_COLUMNS):
        values["schedule"] = _parse_schedule(line, cells, vocabulary, errors)
    if errors:
        return None, errors
    return ActivityRow(line=line, **values), []


def _parse_schedule(line, cells, vocabulary, errors: list[RowError]) -> ScheduleRow | None:
    """The schedule columns together; the checks across them run once each cell is good."""
    before = len(errors)
    order = ("frequentie", "dagen", "begintijd", "eindtijd", "geldig_van", "geldig_tot",
             "week_van_maand")
    parsed = _clean_cells(line, cells, [BY_IDENTIFIER[c] for c in order], vocabulary, errors)
    if len(errors) > before:
        return None
    frequency = parsed["frequency"]
    if frequency != Frequency.ONCE and not parsed["weekdays"]:
        errors.append(RowError(line, "dagen", _("is empty; say on which days (ma;di;…)")))
    if parsed["start_time"] is None:
        errors.append(RowError(line, "begintijd", _("is empty; say when it starts (19:00)")))
    elif parsed["end_time"] is not None and parsed["end_time"] <= parsed["start_time"]:
        errors.append(RowError(line, "eindtijd", _("lies before the begintijd")))
    if frequency == Frequency.ONCE and parsed["valid_from"] is None:
        errors.append(RowError(line, "geldig_van", _("is empty; eenmalig takes place on this "
                                                     "date")))
    if (parsed["valid_from"] and parsed["valid_until"]
            and parsed["valid_until"] < parsed["valid_from"]):
        errors.append(RowError(line, "geldig_tot", _("lies before geldig_van")))
    if parsed["week_of_month"] is not None and frequency != Frequency.MONTHLY:
        errors.append(RowError(line, "week_van_maand", _("only applies to maandelijks")))
    if len(errors) > before:
        return None
    return ScheduleRow(**parsed)
