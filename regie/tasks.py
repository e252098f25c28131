"""Celery tasks of the regie app: ids in, one idempotent service each."""
from celery import shared_task

from gemeenten.heartbeats import records_heartbeat


@shared_task
def detect_overlap_task(gemeente_id: int) -> None:
    """One gemeente, on demand (the button on the overlap page)."""
    from gemeenten.models import Gemeente
    from gemeenten.scope import gemeente_scope, scopes_disabled

    from .overlap import overlap_detect

    with scopes_disabled():
        gemeente = Gemeente.objects.filter(pk=gemeente_id).first()
    if gemeente is not None:
        with gemeente_scope(gemeente):
            overlap_detect(gemeente=gemeente)


@shared_task
@records_heartbeat("detect_overlap")
def detect_overlap_everywhere_task() -> None:
    """Nightly: every gemeente, each in its own scope."""
    from gemeenten.scope import each_gemeente_in_scope

    from .overlap import overlap_detect

    for gemeente in each_gemeente_in_scope():
        overlap_detect(gemeente=gemeente)


def detect_overlap_after_commit(gemeente_id: int) -> None:
    from django.db import transaction

    transaction.on_commit(lambda: detect_overlap_task.delay(gemeente_id), robust=True)


@shared_task
@records_heartbeat("listing_freshness")
def listing_freshness_task() -> None:
    """Daily: ask each organisation whose listing is due to confirm it (once per interval)."""
    from .services import listing_ask_everywhere

    listing_ask_everywhere()
