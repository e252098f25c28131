"""Celery tasks of the gemeenten app: take ids, call one service."""
from celery import shared_task
from django.utils import timezone

from .heartbeats import records_heartbeat
from .outbox import outbox_send, outbox_sweep
from .privacy import retention_run


@shared_task
def outbox_send_task(message_id: int) -> None:
    outbox_send(message_id=message_id)


@shared_task
@records_heartbeat("outbox_sweep")
def outbox_sweep_task() -> None:
    outbox_sweep()


@shared_task
@records_heartbeat("retention")
def retention_task() -> None:
    retention_run(today=timezone.localdate())
