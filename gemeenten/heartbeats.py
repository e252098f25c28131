"""Job heartbeats and task retries: each periodic job records its last success, and a task
that meets a database error records that it waits for a retry or gave up; /healthz reads both."""
import logging
from datetime import datetime, timedelta
from functools import wraps

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from .models import JobHeartbeat, TaskRetry

log = logging.getLogger(__name__)

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


# Set (in this process's cache, for a minute) when no task has given up: the usual success
# then costs no query. A give-up in another process is cleared by the first success here
# after that minute.
_NONE_GAVE_UP = "heartbeats:no-task-gave-up"


def _recorded(write) -> None:
    """Write a task's retry state if the database lets it: the error that made the task
    retry may still be there, and the retry itself must go on regardless."""
    try:
        if connection.errors_occurred and not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()  # a broken connection: a new one
        with transaction.atomic():
            write()
    except Exception as exc:  # noqa: BLE001 - reported in the log; the retry goes on
        log.warning("task retry state not recorded: %s", type(exc).__name__)


def task_retrying(*, task_id: str, name: str, attempts: int, error: str,
                  next_at: datetime | None) -> None:
    """The task failed `attempts` times on a database error and runs again at `next_at`;
    the first retry sets since when. Idempotent: one row per task id."""

    def write():
        TaskRetry.objects.update_or_create(
            task_id=task_id,
            defaults={"attempts": attempts, "error": error, "next_at": next_at,
                      "gave_up_at": None},
            create_defaults={"name": name, "attempts": attempts, "error": error,
                             "next_at": next_at},
        )

    _recorded(write)


def task_gave_up(*, task_id: str, name: str, attempts: int, error: str) -> None:
    """The task's last retry failed on a database error too: it will not run again."""
    now = timezone.now()

    def write():
        TaskRetry.objects.update_or_create(
            task_id=task_id,
            defaults={"attempts": attempts, "error": error, "next_at": None,
                      "gave_up_at": now},
            create_defaults={"name": name, "attempts": attempts, "error": error,
                             "gave_up_at": now, "since": now},
        )

    cache.delete(_NONE_GAVE_UP)
    _recorded(write)


def task_done(*, task_id: str, name: str, retried: bool) -> None:
    """The task succeeded: its own retry state goes, and so does a task of the same name that
    gave up earlier (the job works again; an idempotent service does what that one missed)."""
    if retried:
        _recorded(lambda: TaskRetry.objects.filter(task_id=task_id).delete())
    if cache.get(_NONE_GAVE_UP):
        return

    def write():
        gave_up = TaskRetry.objects.filter(gave_up_at__isnull=False)
        gave_up.filter(name=name).delete()
        if not gave_up.exists():
            cache.set(_NONE_GAVE_UP, True, 60)

    _recorded(write)


def task_ended(*, task_id: str) -> None:
    """A retried task failed on another error: it no longer waits for a retry (Celery
    reports that failure itself)."""
    _recorded(lambda: TaskRetry.objects.filter(task_id=task_id, gave_up_at__isnull=True)
              .delete())
