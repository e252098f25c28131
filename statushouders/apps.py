from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatushoudersConfig(AppConfig):
    name = "statushouders"
    verbose_name = _("Newcomers and begeleiding")

    def ready(self):
        from . import privacy  # noqa: F401  registers this app's privacy handlers
