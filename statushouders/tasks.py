"""Celery tasks of the statushouders app: ids in, one idempotent service each."""
from celery import shared_task

from gemeenten.heartbeats import records_heartbeat

from .jobs import raise_flags_everywhere


@shared_task
@records_heartbeat("raise_flags")
def raise_flags_task() -> None:
    raise_flags_everywhere()


@shared_task
@records_heartbeat("weekly_worklist")
def weekly_worklist_task() -> None:
    from django.utils import timezone

    from .worklist import weekly_worklist_emails

    weekly_worklist_emails(today=timezone.localdate())


@shared_task
def raise_flags_for_gemeente_task(gemeente_id: int) -> None:
    """After a change that can raise or resolve a flag (a begeleiding registered or ended, a
    referral answered): the worklist need not wait for the morning's run."""
    from django.utils import timezone

    from gemeenten.models import Gemeente
    from gemeenten.scope import gemeente_scope, scopes_disabled

    from .flags import raise_flags

    with scopes_disabled():
        gemeente = Gemeente.objects.filter(pk=gemeente_id).first()
    if gemeente is not None:
        with gemeente_scope(gemeente):
            raise_flags(gemeente=gemeente, today=timezone.localdate())


def flags_refresh_after_commit(gemeente_id: int) -> None:
    from django.db import transaction

    transaction.on_commit(lambda: raise_flags_for_gemeente_task.delay(gemeente_id),
                          robust=True)
