from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatushoudersConfig(AppConfig):
    name = "statushouders"
    verbose_name = _("Newcomers and begeleiding")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step

        from . import privacy  # noqa: F401  registers this app's privacy handlers
        from .datagen.demo import demo_newcomers

        register_demo_step("newcomers", demo_newcomers)
