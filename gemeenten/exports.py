"""Every CSV and XLSX file the portal hands out is written here, safe to open in a
spreadsheet: a text cell that a spreadsheet would read as a formula (=, +, -, @, a tab or a
carriage return first) gets a leading apostrophe, so it stays text (OWASP, "CSV injection").
tests/test_exports.py fails when another module writes CSV or XLSX itself.

Each export is declared once (`Export`, in `EXPORTS`): who may download it, its columns with
the personal field each carries and the roles that may see it (the one role filter), and the
audit event a download writes. tests/test_personal_data_walk.py downloads every declared
export as every role that may, with marker values in every personal field, and holds each to
its declaration."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, time

from django.http import Http404, HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell as it goes into the file: numbers as numbers, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | date | time):  # real number and date cells
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(rows: list[list]) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads the accents; ; as in Dutch Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_sheet(rows: list[list], *, title: str, write_only: bool = True):
    """A workbook with one sheet of these rows: (workbook, sheet), for a caller that styles
    the sheet before `xlsx_bytes`; written only once unless `write_only` is False."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=write_only)
    if write_only:
        sheet = workbook.create_sheet(title=title[:31] or "Rapport")
    else:
        sheet = workbook.active
        sheet.title = title[:31] or "Rapport"
    for row in rows:
        sheet.append([None if v == "" else neutralise(v) for v in row])
    return workbook, sheet


def xlsx_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_xlsx(rows: list[list], *, title: str) -> bytes:
    return xlsx_bytes(xlsx_sheet(rows, title=title)[0])


@dataclass(frozen=True)
class Column:
    """One column of an export. `personal` names the person's field it carries ("" for a
    label or a count); `roles` are who may see it (empty: all who may download); `header`
    the heading `Export.table` writes (translated by the caller)."""

    key: str
    header: str = ""
    personal: str = ""
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Export:
    """A file the portal hands out. `audit_subject` is the kind of record each download is
    audited as (one event); "" for a file that holds nobody's data. `variants` are the
    query strings that choose another format at the same URL."""

    url_name: str
    roles: frozenset[str]
    columns: tuple[Column, ...]
    audit_subject: str = ""
    purpose: str = ""
    variants: tuple[str, ...] = ("",)

    def columns_for(self, role) -> tuple[Column, ...]:
        """The role filter, in one place: nothing for a role that may not download."""
        if role not in self.roles:
            return ()
        return tuple(c for c in self.columns if not c.roles or role in c.roles)

    def personal_fields(self, role) -> set[str]:
        return {c.personal for c in self.columns_for(role) if c.personal}

    def table(self, records, *, role) -> list[list]:
        """A header and a row per record (a mapping by column key): the role's columns."""
        columns = self.columns_for(role)
        return [[str(c.header) for c in columns],
                *([record.get(c.key) for c in columns] for record in records)]


EXPORTS: dict[str, Export] = {}


def register(export: Export) -> Export:
    EXPORTS[export.url_name] = export
    return export


def download(request, export: Export, rows: list[list] | bytes, *, extension: str,
             filename: str, title: str = "", subject_id: str = "",
             detail: str = "") -> HttpResponse:
    """The file as a download, for the export's roles only, with its audit event. `rows`
    are written here, or are a file already written by this module's functions (a styled
    workbook)."""
    from .audit import Action, audit_record

    user = request.user
    if getattr(user, "role", None) not in export.roles:
        raise Http404
    if export.audit_subject:
        audit_record(gemeente=user.gemeente, actor=user, action=Action.EXPORT,
                     purpose=export.purpose, subject_type=export.audit_subject,
                     subject_id=subject_id, detail=detail or extension)
    if extension == "csv":
        content = rows if isinstance(rows, bytes) else as_csv(rows)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    else:
        content = rows if isinstance(rows, bytes) else as_xlsx(rows, title=title)
        response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
