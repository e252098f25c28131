from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopuntConfig(AppConfig):
    name = "infopunt"
    verbose_name = _("Information point")

    def ready(self):
        from . import privacy  # noqa: F401  registers the retention handlers
