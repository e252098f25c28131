from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfopuntConfig(AppConfig):
    name = "infopunt"
    verbose_name = _("Information point")

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step

        from . import (
            privacy,  # noqa: F401  registers the retention handlers
            processing,  # noqa: F401  declares its personal data (AVG art. 30)
        )
        from .datagen.demo import demo_infopunt
        from .datagen.scale import search_counts_delete, search_counts_generate

        register_demo_step("infopunt", demo_infopunt)
        self._connect_search_tally()
        register_scale_step("search_counts", search_counts_generate, delete=search_counts_delete)
        from initiatives.services.wijken import register_wijk_reference

        from .services import search_counts_merge

        # A merge of two wijken adds the search counts of the same day and filters together.
        for model in ("infopunt.searchday", "infopunt.searchwordday"):
            register_wijk_reference(model, label=_("infopunt search counts"),
                                    merge=search_counts_merge)

    @staticmethod
    def _connect_search_tally():
        """The result list's search counts (services.SearchTally) are written after a
        response once they are due, and before the process exits."""
        import atexit

        from django.core.signals import request_finished

        from .services import search_tally, search_tally_flush_due

        request_finished.connect(search_tally_flush_due, dispatch_uid="infopunt.search_tally")
        atexit.register(search_tally.flush)
