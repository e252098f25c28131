"""The portal's named formats; the rest is Django's own for this language."""
from regie.formats.common import *  # noqa: F403
