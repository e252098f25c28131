from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step

        from . import privacy  # noqa: F401  registers this app's retention handler
        from .datagen.demo import demo_volunteers

        register_demo_step("volunteers", demo_volunteers)
        from .datagen.matches import demo_matches

        register_demo_step("koppelingen", demo_matches)
        from gemeenten.datagen.registry import register_scale_step

        from .datagen.scale import volunteers_delete, volunteers_generate

        register_scale_step("volunteers", volunteers_generate, delete=volunteers_delete)

        from gemeenten.navigation import register_nav_count

        from .models import CheckIn

        # The coördinator's check-ins that ask for attention and wait for it.
        register_nav_count("koppelingen", lambda user: CheckIn.objects.for_user(user)
                           .needs_attention().count() if user.role == "coordinator" else 0)
