from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GemeentenConfig(AppConfig):
    name = "gemeenten"
    verbose_name = _("Municipalities and accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import privacy  # noqa: F401  registers the outbox retention handler
        from .audit import triggers  # noqa: F401  the audit trigger's switch per connection
        from .middleware import IdleSessionMiddleware
        from .options import connect as connect_options

        connect_options()  # the filters' option lists are cached; a save clears them

        # The log-in writes the session anyway: the idle clock starts there, without a
        # second write at the next request.
        user_logged_in.connect(IdleSessionMiddleware.stamp, dispatch_uid="regie-idle-stamp")
