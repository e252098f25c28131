"""The Celery app: tasks are discovered in every app's tasks.py."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

# Every task forgets its caller's tenant scope and enters its own (gemeenten.scope).
app = Celery("regie", task_cls="gemeenten.scope:TenantTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
