"""Retention of what the infopunt collects (DESIGN.md): contact requests are deleted 3 months
after closing (6 months after arrival when never closed); raw search words after 90 days."""
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from gemeenten.privacy import register_retention

from . import conf


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@register_retention("contact_requests")
def delete_old_contact_requests(today: date) -> int:
    from initiatives.models import ContactRequest

    closed_before = _start_of(today - timedelta(days=conf.contact_retention_closed_days()))
    came_before = _start_of(today - timedelta(days=conf.contact_retention_open_days()))
    old = ContactRequest.objects.filter(
        Q(state=ContactRequest.State.CLOSED, closed_at__lt=closed_before)
        | (Q(created_at__lt=came_before) & ~Q(state=ContactRequest.State.CLOSED))
    )
    deleted, _per_model = old.delete()
    return deleted


@register_retention("infopunt_search_words")
def drop_old_search_words(today: date) -> int:
    """The daily counts per combination stay; the words themselves go."""
    from .models import SearchWordDay

    cutoff = today - timedelta(days=conf.search_word_retention_days())
    deleted, _per_model = SearchWordDay.objects.filter(date__lt=cutoff).delete()
    return deleted
