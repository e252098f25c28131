"""The Celery app: tasks are discovered in every app's tasks.py."""
import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

# Every task forgets its caller's tenant scope and enters its own (gemeenten.scope).
app = Celery("regie", task_cls="gemeenten.scope:TenantTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_an_insecure_start(**kwargs):
    from django.core.exceptions import ImproperlyConfigured

    from regie.startup import refuse_an_insecure_start

    try:
        refuse_an_insecure_start()
    except ImproperlyConfigured as error:
        # Celery logs an exception from a signal handler and goes on; this stops it.
        raise SystemExit(f"regie: {error}") from None
