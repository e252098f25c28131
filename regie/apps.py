from django.apps import AppConfig


class RegieConfig(AppConfig):
    name = "regie"
    verbose_name = "Regie"

    def ready(self):
        from gemeenten.datagen.registry import register_demo_step
        from gemeenten.navigation import register_nav_count

        from . import startup  # noqa: F401  registers the SECRET_KEY system check
        from .datagen.demo import demo_signals_and_messages

        register_demo_step("regie_signals", demo_signals_and_messages)
        from gemeenten.datagen.registry import register_scale_step

        from .datagen.scale import signals_delete, signals_generate

        register_scale_step("regie_signals", signals_generate, delete=signals_delete)

        def signals_waiting(user) -> int:
            from gemeenten.choices import Role

            from .models import Signal

            if user.role != Role.REGISSEUR:
                return 0
            return Signal.objects.for_user(user).waiting().count()

        register_nav_count("signals_waiting", signals_waiting)
