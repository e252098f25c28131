from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from . import startup  # noqa: F401  registers the SECRET_KEY system check
