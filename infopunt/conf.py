"""The infopunt's knobs: read from settings, with the defaults of issue 11."""
from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def contact_max_per_hour() -> int:
    """Contact requests one organisation accepts per hour (no per-IP limit: kiosks share one)."""
    return _get("INFOPUNT_CONTACT_MAX_PER_HOUR", 20)


def form_min_seconds() -> int:
    return _get("INFOPUNT_FORM_MIN_SECONDS", 3)


def form_max_seconds() -> int:
    return _get("INFOPUNT_FORM_MAX_SECONDS", 2 * 60 * 60)


def low_result_max() -> int:
    """A search with at most this many results counts as "not found" for the gap view."""
    return _get("INFOPUNT_LOW_RESULT_MAX", 2)


def word_min_count() -> int:
    """A query word is shown to staff only after this many searches (no names)."""
    return _get("INFOPUNT_WORD_MIN_COUNT", 3)


def word_min_days() -> int:
    """...and on at least this many different days, so one visitor's reloads never do."""
    return _get("INFOPUNT_WORD_MIN_DAYS", 2)


def search_word_retention_days() -> int:
    return _get("INFOPUNT_SEARCH_WORD_RETENTION_DAYS", 90)


def kiosk_idle_seconds() -> int:
    return _get("INFOPUNT_KIOSK_IDLE_SECONDS", 120)


def kiosk_silent_print() -> bool:
    """Only a kiosk browser set up for silent printing (e.g. --kiosk-printing) may print."""
    return _get("INFOPUNT_KIOSK_SILENT_PRINT", False)


def page_size() -> int:
    return _get("INFOPUNT_PAGE_SIZE", 20)


def list_max() -> int:
    """At most this many activities on one take-along list."""
    return _get("INFOPUNT_LIST_MAX", 20)


def search_flush_seconds() -> float:
    """The result list's search counts wait in the process at most this long before they
    are written together (infopunt.services.SearchTally); 0 writes them after each request."""
    return _get("INFOPUNT_SEARCH_FLUSH_SECONDS", 10)
