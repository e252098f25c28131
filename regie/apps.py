from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step

        from . import startup  # noqa: F401  registers the SECRET_KEY system check
        from .demo import demo_gap

        register_demo_step("regie_gaps", demo_gap)
