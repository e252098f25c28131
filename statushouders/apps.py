from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatushoudersConfig(AppConfig):
    name = "statushouders"
    verbose_name = _("Newcomers and begeleiding")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step

        from . import privacy  # noqa: F401  registers this app's privacy handlers
        from .datagen.demo import demo_newcomers

        register_demo_step("newcomers", demo_newcomers)
        from .datagen.history import history_delete, history_generate
        from .datagen.scale import newcomers_delete, newcomers_generate

        register_scale_step("newcomers", newcomers_generate, delete=newcomers_delete)
        register_scale_step("newcomer_history", history_generate, delete=history_delete)

        from gemeenten.navigation import register_nav_count

        from .models import Flag, Referral

        register_nav_count("aanmeldingen", lambda user: Referral.objects.for_user(user)
                           .received_by(user).filter(state="proposed").count())
        register_nav_count("worklist", lambda user: Flag.objects.for_user(user).open().count())
