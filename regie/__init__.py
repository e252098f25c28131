"""The regie portal's project package and its coordination layer."""
from .celery import app as celery_app

__all__ = ["celery_app"]
