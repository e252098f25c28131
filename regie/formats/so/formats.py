"""The portal's named formats; the rest is Django's own for this language."""
from regie.formats.common import *  # noqa: F403

# Django has no formats of its own for this language.
DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
