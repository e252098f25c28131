from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step
        from gemeenten.navigation import register_nav_count

        from . import (  # noqa: F401  the figures; the SECRET_KEY check
            dashboard,
            processing,  # noqa: F401  declares its personal data (AVG art. 30)
            startup,
        )
        from .datagen.gaps import demo_gap
        from .datagen.messages import messages_delete, messages_generate
        from .datagen.overlap import demo_overlap, overlap_plant
        from .datagen.signals import (
            demo_signals_and_messages,
            signals_delete,
            signals_generate,
        )
        from .datagen.taakstelling import (
            demo_taakstelling,
            taakstelling_delete,
            taakstelling_generate,
        )

        register_demo_step("taakstelling", demo_taakstelling)
        register_scale_step("taakstelling", taakstelling_generate, delete=taakstelling_delete)
        register_demo_step("regie_gaps", demo_gap)
        register_demo_step("regie_signals", demo_signals_and_messages)
        register_scale_step("regie_signals", signals_generate, delete=signals_delete)
        register_scale_step("regie_messages", messages_generate, delete=messages_delete)
        # After every other app's demo and scale data: the detection reads all of it.
        register_demo_step("overlap", demo_overlap)
        register_scale_step("overlap", overlap_plant)
        from gemeenten.choices import Role

        # QuerySets: the page counts them with the menu's other counts in one query.
        register_nav_count("overlap", open_findings, roles=[Role.REGISSEUR])
        register_nav_count("signals_waiting", signals_waiting, roles=[Role.REGISSEUR])


def open_findings(user):
    from .models import OverlapFinding

    return OverlapFinding.objects.for_user(user).open()


def signals_waiting(user):
    from .models import Signal

    return Signal.objects.for_user(user).waiting()
