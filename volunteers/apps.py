from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step

        from . import privacy  # noqa: F401  registers this app's retention handler
        from .datagen.demo import demo_volunteers
        from .datagen.tallies import demo_tallies, tallies_delete, tallies_generate

        register_demo_step("volunteers", demo_volunteers)
        register_demo_step("volunteer_tallies", demo_tallies)
        register_scale_step("volunteer_tallies", tallies_generate, delete=tallies_delete)
