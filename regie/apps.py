from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step

        from . import dashboard, startup  # noqa: F401  the SECRET_KEY check; the figures
        from .datagen.demo import demo_taakstelling
        from .datagen.scale import taakstelling_delete, taakstelling_generate

        register_demo_step("taakstelling", demo_taakstelling)
        register_scale_step("taakstelling", taakstelling_generate, delete=taakstelling_delete)
