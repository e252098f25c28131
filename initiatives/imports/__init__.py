"""Import of a gemeente's sociale kaart spreadsheet (.csv or .xlsx), one row per activity.

Steps, so the browser can show a preview before anything is written:
`sociale_kaart_read` (read.py) turns bytes into rows or one clear ImportFileError;
`sociale_kaart_parse` (columns.py) checks every cell with its column's form field, every
problem a RowError with its line and column; `sociale_kaart_plan` (plan.py) compares the rows
with the database without writing; `sociale_kaart_import` (write.py) writes that plan, all
or nothing. The upload waiting between preview and confirm is an ImportUpload row; once
confirmed, `import_upload_run` (run.py) imports it in the Celery worker and records progress.
"""
from .columns import (
    COLUMNS,
    HEADERS,
    OPTIONAL_HEADERS,
    ActivityRow,
    ImportColumn,
    RowError,
    SkippedRow,
    Vocabulary,
    sociale_kaart_correct_rows,
    sociale_kaart_parse,
)
from .plan import (
    ADD,
    CREATED,
    ORGANISATION,
    UNCHANGED,
    UPDATED,
    WIJK,
    ImportPlan,
    ImportReport,
    sociale_kaart_plan,
)
from .read import MAX_FILE_BYTES, ImportFileError, sociale_kaart_read
from .template import template_csv, template_xlsx
from .write import ImportChoicesMissing, gemeente_find, sociale_kaart_import

__all__ = [
    "ADD", "ORGANISATION", "WIJK", "ImportChoicesMissing", "SkippedRow",
    "sociale_kaart_correct_rows", "COLUMNS", "CREATED", "HEADERS", "MAX_FILE_BYTES", "OPTIONAL_HEADERS", "UNCHANGED",
    "UPDATED", "ActivityRow", "ImportColumn", "ImportFileError", "ImportPlan", "ImportReport",
    "RowError", "Vocabulary", "gemeente_find", "sociale_kaart_import", "sociale_kaart_parse",
    "sociale_kaart_plan", "sociale_kaart_read", "template_csv", "template_xlsx",
]
