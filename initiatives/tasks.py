"""Celery tasks of the initiatives app."""
from celery import shared_task
from django.utils import timezone

from gemeenten.heartbeats import records_heartbeat

from .services import occurrences_roll_forward


@shared_task
@records_heartbeat("occurrences_roll_forward")
def occurrences_roll_forward_task() -> None:
    occurrences_roll_forward(today=timezone.localdate())
