"""A spreadsheet's bytes (.csv or .xlsx) into rows of cells, refusing hostile files early.

Uploads come from the internet: an .xlsx is a zip that can unpack to gigabytes, a sheet can
claim a million columns, a cell can hold a NUL (which PostgreSQL refuses). Everything is
checked before or while reading, and reading stops at the first limit exceeded; the whole
sheet is never loaded first.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .columns import HEADER_ALIASES, HEADERS, OPTIONAL_HEADERS, REQUIRED_HEADERS, is_empty

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_CELL_CHARACTERS = 5_000
# A member this large may not unpack more than MAX_RATIO times its packed size: ordinary
# sheets pack 5-20 times; a zip bomb packs a thousand times.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_RATIO = 200
_NUL_IN_XML = re.compile(rb"\x00|&#0+;|&#[xX]0+;")
_CHUNK = 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read: not a spreadsheet, empty, wrong headers, hostile."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class HeaderSpec:
    """The columns a kind of spreadsheet has: every one, the ones it needs, other spellings."""

    headers: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, value: Any) -> str:
        text = re.sub(r"[\s\-]+", "_", str(value or "").strip().casefold())
        aliases = {re.sub(r"[\s\-]+", "_", a.casefold()): n for a, n in self.aliases.items()}
        return aliases.get(text, text)


SOCIALE_KAART = HeaderSpec(tuple(HEADERS), tuple(REQUIRED_HEADERS), tuple(OPTIONAL_HEADERS),
                           dict(HEADER_ALIASES))


def sociale_kaart_read(data: bytes, filename: str = "") -> list[tuple[int, dict[str, Any]]]:
    """The data rows of a sociale kaart spreadsheet (see spreadsheet_read)."""
    return spreadsheet_read(data, filename, SOCIALE_KAART)


def spreadsheet_read(data: bytes, filename: str, spec: HeaderSpec
                     ) -> list[tuple[int, dict[str, Any]]]:
    """The data rows as (line number, {header: cell value}); the header is line 1. The same
    rules for every import of the portal (the sociale kaart, newcomers).

    Raises ImportFileError with a message for the user for anything that is not a
    spreadsheet in the expected shape; never another exception.
    """
    if not data or not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB; split it into smaller files."))
    lower = filename.lower()
    if data[:4] == b"PK\x03\x04" or lower.endswith((".xlsx", ".xlsm")):
        return _rows_with_headers(_read_xlsx(data), spec)
    if lower.endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv.")
        )
    return _rows_with_headers(_read_csv(data), spec)


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _("This file is not a spreadsheet. Upload a .csv or .xlsx file with the columns of "
          "the template.")
    )


def _nul_error() -> ImportFileError:
    return ImportFileError(
        _("The file contains a NUL character, which a spreadsheet never holds: it may be "
          "damaged. Save it again as .csv or .xlsx and upload that file.")
    )


def _too_large_unpacked() -> ImportFileError:
    return ImportFileError(
        _("The .xlsx file unpacks to far more data than a sociale kaart holds. Save it again "
          "in Excel or LibreOffice, or as .csv.")
    )


def _zip_inspect(data: bytes) -> None:
    """Refuse a zip that unpacks too far or whose sheets hold a NUL, before openpyxl opens it.

    The sizes in the zip's directory bind: zipfile (and so openpyxl) stops at the declared
    size of a member and fails its checksum beyond that."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _not_a_spreadsheet() from exc
    if sum(m.file_size for m in members) > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise _too_large_unpacked()
    for member in members:
        if (member.file_size > RATIO_CHECK_FROM_BYTES
                and member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise _too_large_unpacked()
    for member in members:
        if member.filename.startswith("xl/worksheets/") or member.filename == (
            "xl/sharedStrings.xml"
        ):
            _member_scan_for_nul(archive, member)


def _member_scan_for_nul(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                if _NUL_IN_XML.search(tail + chunk):
                    raise _nul_error()
                tail = chunk[-8:]
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise _not_a_spreadsheet() from exc


def _read_xlsx(data: bytes) -> Iterator[list[Any]]:
    """The first sheet's rows, streamed; stops at the first limit exceeded."""
    import openpyxl

    _zip_inspect(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign zip makes openpyxl raise many kinds
        raise _not_a_spreadsheet() from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:
                raise _not_a_spreadsheet() from exc
            yield list(row)
    except IndexError as exc:  # a workbook without sheets
        raise _not_a_spreadsheet() from exc
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Iterator[list[Any]]:
    if data.startswith(b"%PDF"):
        raise _not_a_spreadsheet()
    if b"\x00" in data:
        # UTF-16 text holds a NUL in every other byte: not what the template produces.
        if b"\x00" in data[:4096]:
            raise _not_a_spreadsheet()
        raise _nul_error()
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
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # csv's own cap, 128 kB
            raise ImportFileError(_(
                "A cell holds more than %(max)s characters; shorten it."
            ) % {"max": MAX_CELL_CHARACTERS}) from exc
        raise _not_a_spreadsheet() from exc


def _limits_checked(cells: Iterable[list[Any]], spec: HeaderSpec
                    ) -> Iterator[tuple[int, list[Any]]]:
    """(line, cells) while the file stays within the limits; a clear error at the first
    row, column or cell beyond them."""
    for line, row in enumerate(cells, start=1):
        if line > MAX_ROWS + 1:
            raise ImportFileError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": MAX_ROWS}
            )
        if len(row) > MAX_COLUMNS:
            if any(not is_empty(value) for value in row[MAX_COLUMNS:]):
                raise ImportFileError(
                    _("Line %(line)s has more than %(max)s columns; the template has %(count)s.")
                    % {"line": line, "max": MAX_COLUMNS,
                       "count": len(spec.headers) + len(spec.optional)}
                )
            row = row[:MAX_COLUMNS]
        for value in row:
            if isinstance(value, str):
                if len(value) > MAX_CELL_CHARACTERS:
                    raise ImportFileError(
                        _("Line %(line)s has a cell of more than %(max)s characters; shorten "
                          "it.") % {"line": line, "max": MAX_CELL_CHARACTERS}
                    )
                if "\x00" in value:
                    raise _nul_error()
        yield line, row


def _rows_with_headers(cells: Iterable[list[Any]], spec: HeaderSpec
                       ) -> list[tuple[int, dict[str, Any]]]:
    checked = _limits_checked(cells, spec)
    first = next(checked, None)
    if first is None or all(is_empty(c) for c in first[1]):
        raise ImportFileError(
            _("The first line must hold the column headers (%(headers)s, …). "
              "Download the template to see them.") % {"headers": ", ".join(spec.headers[:2])}
        )
    headers = [spec.canonical(c) for c in first[1]]
    known = set(spec.headers) | set(spec.optional)
    missing = [h for h in spec.required if h not in headers]
    if missing:
        raise ImportFileError(
            _("The column(s) %(missing)s are missing from the first line. The first line "
              "must hold the column headers of the template: %(headers)s.")
            % {"missing": ", ".join(missing), "headers": ", ".join(spec.headers)}
        )
    unknown = [h for h in headers if h and h not in known]
    if unknown:
        raise ImportFileError(
            _("Unknown column(s): %(unknown)s. The columns are: %(headers)s.")
            % {"unknown": ", ".join(unknown),
               "headers": ", ".join(spec.headers + spec.optional)}
        )
    doubles = sorted(h for h, n in Counter(h for h in headers if h).items() if n > 1)
    if doubles:
        raise ImportFileError(
            _("The column(s) %(columns)s appear more than once.") % {"columns": ", ".join(doubles)}
        )
    rows = []
    for line, row in checked:
        values = {h: (row[i] if i < len(row) else None) for i, h in enumerate(headers) if h}
        if all(is_empty(v) for v in values.values()):
            continue
        rows.append((line, values))
    if not rows:
        raise ImportFileError(_("The file has column headers but no rows to import."))
    return rows
