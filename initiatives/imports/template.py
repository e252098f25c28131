"""The template to download, made from the column declarations: headers and one example row."""
import csv
import io
from datetime import date, time

from .columns import COLUMNS


def template_csv() -> bytes:
    """`;`-separated UTF-8 with a BOM: what Dutch Excel opens in columns, accents intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.identifier for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The same as an .xlsx, with real date, time and number cells."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "sociale kaart"
    sheet.append([column.identifier for column in COLUMNS])
    sheet.append([column.example_cell if column.example_cell != "" else None
                  for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = max(
            12, len(column.identifier) + 2, min(40, len(str(column.example)) + 2)
        )
        example = sheet.cell(row=2, column=index)
        if isinstance(column.example_cell, date):
            example.number_format = "yyyy-mm-dd"
        elif isinstance(column.example_cell, time):
            example.number_format = "hh:mm"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
