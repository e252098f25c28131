from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GemeentenConfig(AppConfig):
    name = "gemeenten"
    verbose_name = _("Municipalities and accounts")

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import pre_save

        from . import (
            privacy,  # noqa: F401  registers the outbox retention handler
            processing,  # noqa: F401  declares its personal data (AVG art. 30)
        )
        from .audit import triggers  # noqa: F401  the audit trigger's switch per connection
        from .middleware import IdleSessionMiddleware
        from .options import connect as connect_options

        connect_options()  # the filters' option lists are cached; a save clears them

        # The log-in writes the session anyway: the idle clock starts there, without a
        # second write at the next request.
        user_logged_in.connect(IdleSessionMiddleware.stamp, dispatch_uid="regie-idle-stamp")
        # Logging out ends every session of the user (the phone's too), not only this one;
        # a deactivated account's sessions end as well (Django's backend also refuses it).
        user_logged_out.connect(_end_every_session, dispatch_uid="regie-logout-everywhere")
        pre_save.connect(_end_sessions_on_deactivation, sender=settings.AUTH_USER_MODEL,
                         dispatch_uid="regie-deactivation-ends-sessions")


def _end_every_session(sender, request, user, **kwargs):
    if user is not None and user.pk:
        user.end_every_session()


def _end_sessions_on_deactivation(sender, instance, **kwargs):
    if instance.pk and not instance.is_active:
        was_active = type(instance).objects.filter(pk=instance.pk, is_active=True).exists()
        if was_active:
            instance.session_epoch += 1
