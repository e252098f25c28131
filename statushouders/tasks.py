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
