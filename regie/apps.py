from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step, register_scale_step
        from gemeenten.navigation import register_nav_count

        from . import dashboard, startup  # noqa: F401  the figures; the SECRET_KEY check
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
        register_nav_count("overlap", open_findings)
        register_nav_count("signals_waiting", signals_waiting)


def open_findings(user) -> int:
    from gemeenten.choices import Role

    from .models import OverlapFinding

    if user.role != Role.REGISSEUR:
        return 0
    return OverlapFinding.objects.for_user(user).open().count()


def signals_waiting(user) -> int:
    from gemeenten.choices import Role

    from .models import Signal

    if user.role != Role.REGISSEUR:
        return 0
    return Signal.objects.for_user(user).waiting().count()
