"""WSGI entry point for gunicorn."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
application = get_wsgi_application()

from regie.startup import refuse_an_insecure_start  # noqa: E402  after Django is set up

refuse_an_insecure_start()
