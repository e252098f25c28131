from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopuntConfig(AppConfig):
    name = "infopunt"
    verbose_name = _("Information point")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step

        from . import privacy  # noqa: F401  registers the retention handlers
        from .datagen.demo import demo_infopunt
        from .options import connect as connect_options

        register_demo_step("infopunt", demo_infopunt)
        connect_options()  # the filter option lists are cached; a save clears them
