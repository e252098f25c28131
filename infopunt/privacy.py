"""Retention of what the infopunt collects (DESIGN.md): raw search words after 90 days.
The contact requests it creates belong to initiatives, which registers their retention."""
from datetime import date, timedelta

from gemeenten.privacy import register_retention

from . import conf


@register_retention("infopunt_search_words")
def drop_old_search_words(today: date) -> int:
    """The daily counts per combination stay; the words themselves go."""
    from .models import SearchWordDay

    cutoff = today - timedelta(days=conf.search_word_retention_days())
    deleted, _per_model = SearchWordDay.objects.filter(date__lt=cutoff).delete()
    return deleted
