"""Celery tasks of the initiatives app."""
from celery import shared_task
from django.utils import timezone

from gemeenten.heartbeats import records_heartbeat

from .imports.run import import_upload_run
from .services import occurrences_roll_forward


@shared_task
@records_heartbeat("occurrences_roll_forward")
def occurrences_roll_forward_task() -> None:
    occurrences_roll_forward(today=timezone.localdate())


@shared_task(bind=True)
def sociale_kaart_import_task(self, upload_id: int) -> None:
    """A confirmed import, outside the request so no web worker waits for a large file.
    Held by another run (or by a worker killed mid-import): tried again when its lease ends."""
    busy_until = import_upload_run(upload_id=upload_id)
    if busy_until is not None:
        wait = max(1, int((busy_until - timezone.now()).total_seconds()) + 1)
        raise self.retry(countdown=wait)
