"""The privacy service: every app registers its retention, access and erasure handlers here,
so a person's data in every app goes together and no app imports upward."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone


@dataclass
class Registry:
    retention: dict[str, Callable[[date], int]] = field(default_factory=dict)
    access: dict[str, Callable[[str], dict]] = field(default_factory=dict)
    erasure: dict[str, Callable[[str], int]] = field(default_factory=dict)


registry = Registry()


def register_retention(name: str):
    """Decorator: fn(today) -> number of records removed or anonymised."""

    def wrap(fn):
        registry.retention[name] = fn
        return fn

    return wrap


def register_access(name: str):
    def wrap(fn):
        registry.access[name] = fn
        return fn

    return wrap


def register_erasure(name: str):
    def wrap(fn):
        registry.erasure[name] = fn
        return fn

    return wrap


def retention_run(*, today: date | None = None) -> dict[str, int]:
    """Run every registered retention handler; each is idempotent."""
    today = today or timezone.localdate()
    return {name: handler(today) for name, handler in sorted(registry.retention.items())}


@register_retention("outbox_message_body")
def clear_sent_outbox_bodies(today: date) -> int:
    from .models import OutboxMessage

    cutoff = timezone.make_aware(
        timezone.datetime.combine(
            today - timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS), timezone.datetime.min.time()
        )
    )
    return (
        OutboxMessage.objects.filter(sent_at__lt=cutoff)
        .exclude(body="")
        .update(body="")
    )
