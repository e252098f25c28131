"""The template to download, made from the column declarations: headers and one example row."""
from datetime import date, time

from gemeenten.exports import as_csv, xlsx_bytes, xlsx_sheet

from .columns import COLUMNS


def template_csv() -> bytes:
    """`;`-separated UTF-8 with a BOM: what Dutch Excel opens in columns, accents intact."""
    return as_csv([[column.identifier for column in COLUMNS],
                   [column.example for column in COLUMNS]])


def template_xlsx() -> bytes:
    """The same as an .xlsx, with real date, time and number cells."""
    import openpyxl
    from openpyxl.styles import Font

    workbook, sheet = xlsx_sheet([[column.identifier for column in COLUMNS],
                                  [column.example_cell for column in COLUMNS]],
                                 title="sociale kaart", write_only=False)
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
    return xlsx_bytes(workbook)
