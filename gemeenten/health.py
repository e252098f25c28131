"""The parts /healthz checks: each says ok, fail (503) or a state only reported, and why."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min

from .heartbeats import stale_jobs
from .models import OutboxMessage, TaskRetry
from .outbox import outbox_failing_since

# A lease that ran out is taken up again within seconds (an import's waiting task) or at the
# next sweep (every 5 minutes, the outbox). Past this grace nobody will: a person must look.
LEASE_GRACE = timedelta(minutes=10)


@dataclass(frozen=True)
class Health:
    """One part's state: "ok", "fail" (/healthz answers 503) or a state that is only
    reported ("retrying"). `details` say why, for staff only: names of jobs and tasks,
    counts and ages; never a person's data."""

    state: str = "ok"
    details: tuple[str, ...] = ()


OK = Health()

# The parts read from the database, by name, in the order /healthz shows them. An app adds
# its own with register_health_check (gemeenten knows nothing of the apps above it).
_CHECKS: dict[str, Callable[[datetime], Health]] = {}


def register_health_check(name: str, check: Callable[[datetime], Health]) -> None:
    _CHECKS[name] = check


def database_checks() -> dict[str, Callable[[datetime], Health]]:
    return dict(_CHECKS)


def minutes_since(moment: datetime, now: datetime) -> int:
    return int((now - moment).total_seconds() // 60)


def jobs_health(now: datetime) -> Health:
    stale = stale_jobs(now)
    return Health("fail", tuple(f"job not run in time: {name}" for name in stale)) \
        if stale else OK


def mail_health(now: datetime) -> Health:
    since = outbox_failing_since()
    if since is None:
        return OK
    minutes = minutes_since(since, now)
    if minutes < settings.OUTBOX_FAILING_ALERT_MINUTES:
        return OK
    return Health("fail", (f"mail: the mail server has been failing for {minutes} minutes",))


def outbox_health(now: datetime) -> Health:
    """Unsent messages whose worker's lease ran out and that no sweep took again: the sweep
    leaves a message alone once it has had OUTBOX_MAX_ATTEMPTS claims, and a worker that
    died on the last one leaves no error behind, so the mail check does not see it."""
    stuck = (OutboxMessage.objects
             .filter(sent_at__isnull=True, failed_at__isnull=True,
                     claimed_until__lt=now - LEASE_GRACE)
             .aggregate(count=Count("pk"), oldest=Min("claimed_until")))
    if not stuck["count"]:
        return OK
    return Health("fail", (
        f"outbox: {stuck['count']} messages left claimed by a worker that stopped, the "
        f"oldest lease ended {minutes_since(stuck['oldest'], now)} minutes ago",))


def tasks_health(now: datetime) -> Health:
    """Tasks waiting for a retry after a database error (gemeenten.scope.TenantTask):
    "retrying" while the back-off is young, "fail" once one has been retrying for
    TASK_RETRYING_ALERT_MINUTES or gave up after its last retry."""
    failing, retrying = [], []
    alert = timedelta(minutes=settings.TASK_RETRYING_ALERT_MINUTES)
    for task in TaskRetry.objects.order_by("since", "pk"):
        if task.gave_up_at:
            failing.append(f"task gave up after {task.attempts} attempts ({task.error}): "
                           f"{task.name}, {minutes_since(task.gave_up_at, now)} minutes ago")
            continue
        line = (f"task retrying for {minutes_since(task.since, now)} minutes "
                f"({task.attempts} attempts, {task.error}): {task.name}")
        (failing if now - task.since >= alert else retrying).append(line)
    if failing:
        return Health("fail", tuple(failing + retrying))
    return Health("retrying", tuple(retrying)) if retrying else OK


register_health_check("jobs", jobs_health)
register_health_check("mail", mail_health)
register_health_check("outbox", outbox_health)
register_health_check("tasks", tasks_health)


def broker_health() -> Health:
    # The project's Celery app (regie.celery) is the current app once Django has loaded the
    # project package; gemeenten sits below regie and so does not import it.
    from celery import current_app

    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001 - any broker failure is a health failure
        return Health("fail", (f"broker: {type(exc).__name__}",))
    return OK
