from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatushoudersConfig(AppConfig):
    name = "statushouders"
    verbose_name = _("Newcomers and begeleiding")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step

        from . import (
            privacy,  # noqa: F401  registers this app's privacy handlers
            processing,  # noqa: F401  declares its personal data (AVG art. 30)
        )
        from .datagen.demo import demo_newcomers

        register_demo_step("newcomers", demo_newcomers)
        from .datagen.history import history_delete, history_generate
        from .datagen.scale import newcomers_delete, newcomers_generate

        register_scale_step("newcomers", newcomers_generate, delete=newcomers_delete)
        register_scale_step("newcomer_history", history_generate, delete=history_delete)

        from gemeenten.choices import Role
        from gemeenten.navigation import register_nav_count

        from .models import Flag, Referral

        # QuerySets, for the roles whose menu shows them (templates/partials/nav_items.html).
        register_nav_count("aanmeldingen", lambda user: Referral.objects.for_user(user)
                           .received_by(user).filter(state="proposed"),
                           roles=[Role.COORDINATOR, Role.BEGELEIDER])
        register_nav_count("worklist", lambda user: Flag.objects.for_user(user).open(),
                           roles=[Role.REGISSEUR, Role.BEGELEIDER])
