"""Date and time formats per interface language (FORMAT_MODULE_PATH), one style for the whole
portal: a template names a format ({{ day|date:"WEEKDAY_DATE_FORMAT" }}) instead of spelling
one out, so no page writes "30 Nov 2026" beside "30 november 2026".

Besides Django's own names (DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT, YEAR_MONTH_FORMAT,
MONTH_DAY_FORMAT) every language module defines the portal's:

WEEKDAY_DATE_FORMAT       "maandag 30 november 2026"
WEEKDAY_MONTH_DAY_FORMAT  "maandag 30 november"

Django looks a name up in these modules first, then in its own locale module; a name that no
module defines would be used as a format string itself, so every language of
settings.LANGUAGES has a module here (tests/test_formats.py checks it)."""
