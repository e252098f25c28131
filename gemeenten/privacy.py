"""The privacy service: every app registers its retention, access and erasure handlers here,
so a person's data in every app goes together and no app imports upward."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone


@dataclass
class Registry:
    # name -> (handler, whether it runs once per gemeente inside that gemeente's scope)
    retention: dict[str, tuple[Callable[[date], int], bool]] = field(default_factory=dict)
    access: dict[str, Callable[[str], dict]] = field(default_factory=dict)
    erasure: dict[str, Callable[[str], int]] = field(default_factory=dict)


registry = Registry()


def start_of(day: date):
    """The first moment of `day` in the portal's time zone: retention cut-offs are whole days."""
    return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))


def register_retention(name: str, *, per_gemeente: bool = True):
    """Decorator: fn(today) -> number of records removed or anonymised. It runs once per
    gemeente inside that gemeente's tenant scope, or once in all for data that belongs to
    no gemeente (per_gemeente=False)."""

    def wrap(fn):
        registry.retention[name] = (fn, per_gemeente)
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
    from .scope import each_gemeente_in_scope

    today = today or timezone.localdate()
    handlers = sorted(registry.retention.items())
    done = {name: handler(today) for name, (handler, per_gemeente) in handlers
            if not per_gemeente}
    for name, (_handler, per_gemeente) in handlers:
        if per_gemeente:
            done[name] = 0
    for _gemeente in each_gemeente_in_scope():
        for name, (handler, per_gemeente) in handlers:
            if per_gemeente:
                done[name] += handler(today)
    return dict(sorted(done.items()))


@register_retention("outbox_message_body", per_gemeente=False)
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


@register_retention("login_records", per_gemeente=False)
def delete_old_login_records(today: date) -> int:
    """django-axes' records of log-ins and failed attempts (username, address, browser) and
    the per-address throttle: kept AXES_RECORD_RETENTION_DAYS, for no gemeente in particular."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    cutoff = timezone.make_aware(timezone.datetime.combine(
        today - timedelta(days=settings.AXES_RECORD_RETENTION_DAYS),
        timezone.datetime.min.time()))
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count, _per_model = model.objects.filter(attempt_time__lt=cutoff).delete()
        deleted += count
    return deleted


@register_retention("audit_events")
def delete_old_audit_events(today: date) -> int:
    """The audit log keeps AUDIT_RETENTION_DAYS; its trigger refuses to delete younger events."""
    from .models import AuditEvent

    cutoff = timezone.make_aware(timezone.datetime.combine(
        today - timedelta(days=settings.AUDIT_RETENTION_DAYS), timezone.datetime.min.time()))
    deleted, _per_model = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def person_access(subject_id) -> dict[str, dict]:
    """Everything every app holds about one person (AVG right of access), per app."""
    return {name: handler(str(subject_id)) for name, handler in sorted(registry.access.items())}


def person_erase(subject_id) -> dict[str, int]:
    """Erase one person's data in every app, on request; returns what each app removed."""
    return {name: handler(str(subject_id)) for name, handler in sorted(registry.erasure.items())}
