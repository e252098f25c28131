"""Import test files, made from the sample (`sociale_kaart_voorbeeld.csv`) in the shapes a
gemeente really sends: comma or semicolon, UTF-8 with or without BOM, Windows-1252, .xlsx
with real date, time and number cells. Generated here rather than committed as binaries."""
import csv
import io
import re
from datetime import date, time
from pathlib import Path

SAMPLE = Path(__file__).parent / "sociale_kaart_voorbeeld.csv"


def sample_rows() -> list[list[str]]:
    """Header plus the five rows of the sample, as lists of cells."""
    return list(csv.reader(io.StringIO(SAMPLE.read_text("utf-8"), newline="")))


def as_dicts(rows: list[list[str]]) -> list[dict]:
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def from_dicts(dicts: list[dict], header: list[str] | None = None) -> list[list]:
    header = header or list(dicts[0])
    return [header] + [[d.get(h, "") for h in header] for d in dicts]


def to_csv(rows: list[list], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """encoding "utf-8-sig" writes the BOM Excel writes; "cp1252" is Windows-1252."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _date_cell(value: str):
    """A date cell where the text is a real date; otherwise the text, as Excel keeps it."""
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", value):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        pass
    return value or None


def _time_cell(value: str):
    if match := re.fullmatch(r"(\d{1,2}):(\d{2})", value):
        if int(match[1]) < 24 and int(match[2]) < 60:
            return time(int(match[1]), int(match[2]))
    return value or None


def to_xlsx(rows: list[list]) -> bytes:
    """Dates as date cells, times as time cells, capaciteit as a number: what Excel keeps."""
    import openpyxl

    header = rows[0]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows[1:]:
        cells = []
        for name, value in zip(header, row, strict=True):
            if name in ("geldig_van", "geldig_tot"):
                value = _date_cell(value)
            elif name in ("begintijd", "eindtijd"):
                value = _time_cell(value)
            elif name == "capaciteit" and value.isdigit():
                value = int(value)
            cells.append(value if value != "" else None)
        sheet.append(cells)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "d-m-yyyy"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
