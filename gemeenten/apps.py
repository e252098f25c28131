from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GemeentenConfig(AppConfig):
    name = "gemeenten"
    verbose_name = _("Municipalities and accounts")

    def ready(self):
        from . import privacy  # noqa: F401  registers the outbox retention handler
