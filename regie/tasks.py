"""Celery tasks of the coordination layer: take ids or nothing, call one service."""
from celery import shared_task

from gemeenten.heartbeats import records_heartbeat


@shared_task
@records_heartbeat("listing_freshness")
def listing_freshness_task() -> None:
    from .services import listing_ask_everywhere

    listing_ask_everywhere()
