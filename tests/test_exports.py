"""Every CSV and XLSX file of the portal goes through gemeenten/exports.py, which neutralises
spreadsheet formulas (issue 22, Exports): no other module writes CSV or XLSX itself."""
import csv
import io
import re
from pathlib import Path

from gemeenten.exports import as_csv, xlsx_bytes, xlsx_sheet

ROOT = Path(__file__).resolve().parent.parent
APPS = ("gemeenten", "initiatives", "statushouders", "volunteers", "infopunt", "regie")
WRITERS = re.compile(r"csv\.(writer|DictWriter)\(|Workbook\(|xlsxwriter|tablib\.Dataset\(")


def test_no_module_but_the_helper_writes_csv_or_xlsx():
    writers = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path != ROOT / "gemeenten" / "exports.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if WRITERS.search(line)
    ]
    assert not writers, f"write CSV/XLSX through gemeenten.exports: {writers}"


def test_the_helper_neutralises_every_text_cell_in_both_formats():
    import openpyxl

    hostile = ["=HYPERLINK(\"http://x\")", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"]
    text = as_csv([hostile]).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text, newline=""), delimiter=";")) == [
        "'" + cell for cell in hostile]
    workbook, _sheet = xlsx_sheet([hostile, [3, ""]], title="t", write_only=False)
    read = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(workbook))).active
    assert [cell.value[:2] for cell in read[1]] == ["'" + cell[0] for cell in hostile[:4]] + [
        "'\t", "'\n"]  # openpyxl reads a carriage return back as a line feed
    assert [cell.value for cell in read[2]][:2] == [3, None]
