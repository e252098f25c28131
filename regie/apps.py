from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from . import dashboard, startup  # noqa: F401  the SECRET_KEY check; the figures
