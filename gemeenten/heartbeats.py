"""Job heartbeats: each periodic job records its last success; /healthz reads them."""
from datetime import timedelta
from functools import wraps

from django.utils import timezone

from .models import JobHeartbeat

# Every periodic job and how old its last success may be before /healthz says 503.
PERIODIC_JOBS = {
    "outbox_sweep": 1,
    "occurrences_roll_forward": 26,
    "retention": 26,
    "raise_flags": 26,
    "weekly_worklist": 24 * 8,
    "detect_overlap": 26,
    "listing_freshness": 26,
}


def beat(name: str) -> None:
    JobHeartbeat.objects.update_or_create(
        name=name,
        defaults={"last_success_at": timezone.now(), "max_age_hours": PERIODIC_JOBS.get(name, 26)},
    )


def records_heartbeat(name: str):
    """Decorator for a periodic task: a heartbeat only when it ran without an exception."""

    def wrap(fn):
        @wraps(fn)
        def inner(*args, **kwargs):
            result = fn(*args, **kwargs)
            beat(name)
            return result

        return inner

    return wrap


def stale_jobs(now=None) -> list[str]:
    """Jobs whose last success (or, never run, their registration) is too old."""
    now = now or timezone.now()
    known = {hb.name: hb for hb in JobHeartbeat.objects.all()}
    stale = []
    for name, hours in PERIODIC_JOBS.items():
        hb = known.get(name)
        if hb is None:
            stale.append(name)
            continue
        last = hb.last_success_at or hb.created_at
        if now - last > timedelta(hours=hb.max_age_hours or hours):
            stale.append(name)
    return stale
