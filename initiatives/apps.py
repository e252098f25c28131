from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Organisations and activities")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step

        from . import processing  # noqa: F401  declares its personal data (AVG art. 30)
        from .datagen.accounts import accounts_delete, accounts_generate
        from .datagen.demo import demo_sociale_kaart
        from .datagen.scale import sociale_kaart_delete, sociale_kaart_generate

        # The first demo and scale steps: the later apps' data builds on the sociale kaart.
        register_demo_step("sociale_kaart", demo_sociale_kaart)
        register_scale_step("sociale_kaart", sociale_kaart_generate, delete=sociale_kaart_delete)
        # The staff accounts the later steps name (begeleiders, coördinators, regisseurs).
        register_scale_step("accounts", accounts_generate, delete=accounts_delete)

        from gemeenten.navigation import register_nav_count

        from . import privacy  # noqa: F401  registers the contact request retention handler
        from .accounts import privacy as _accounts  # noqa: F401  the invitation retention
        from .imports import privacy as _imports  # noqa: F401  the import upload retention
        from .querysets import CONTACT_READERS

        def new_contact_requests(user):
            # The readers are decided by ContactRequestQuerySet.for_user (the organisation's
            # coördinator, else the gemeente's regisseur).
            from .models import ContactRequest

            return ContactRequest.objects.for_user(user).new()

        register_nav_count("contact_requests", new_contact_requests, roles=CONTACT_READERS)

        from gemeenten.health import register_health_check

        from .imports.run import imports_health

        register_health_check("imports", imports_health)

        from .services.wijken import register_wijk_reference

        # How the merge of two wijken names this app's references on its confirmation page.
        register_wijk_reference("initiatives.presence_wijken",
                                label=_("organisations working in the wijk"))
        register_wijk_reference("initiatives.activity", label=_("activities"))
