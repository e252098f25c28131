"""The portal's own named formats, for every language; E is the month's name as it stands
in a date (Ukrainian "30 листопада"), the same as F where a language has one form."""
WEEKDAY_DATE_FORMAT = "l j E Y"
WEEKDAY_MONTH_DAY_FORMAT = "l j E"
