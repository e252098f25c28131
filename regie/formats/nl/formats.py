"""Dutch: day, month in lower case, year; times with a colon and no "uur" (as the time inputs
show them): "30 november 2026, 14:00", "maandag 30 november"."""
from regie.formats.common import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# The short forms say the same in the same style: one date style on every page.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
