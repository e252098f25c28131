from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Organisations and activities")

    def ready(self):
        from .imports import privacy  # noqa: F401  registers the import upload retention
