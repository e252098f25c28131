"""Views of /vrijwilligers/, one module per part."""
from . import home, matches  # noqa: F401
