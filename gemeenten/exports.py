"""Every CSV and XLSX file the portal hands out is written here, safe to open in a
spreadsheet: a text cell that a spreadsheet would read as a formula (=, +, -, @, a tab or a
carriage return first) gets a leading apostrophe, so it stays text (OWASP, "CSV injection").
tests/test_exports.py fails when another module writes CSV or XLSX itself."""
from __future__ import annotations

import csv
import io
from datetime import date, time

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
