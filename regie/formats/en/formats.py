"""English: "Monday 30 November 2026" (day before month, as in British English)."""
from regie.formats.common import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
