"""What refuses to start an insecure installation: the web server (gunicorn and runserver load
regie.wsgi), the worker and beat call refuse_an_insecure_start(); `check --deploy` reports the
same reason. Commands that serve nothing (makemigrations, compile_catalogues) still run."""
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def insecure_start_reason() -> str:
    from django.conf import settings

    return getattr(settings, "SECRET_KEY_PROBLEM", "")


def refuse_an_insecure_start(**_signal_kwargs) -> None:
    if reason := insecure_start_reason():
        raise ImproperlyConfigured(reason)


@checks.register(checks.Tags.security, deploy=True)
def secret_key_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if reason := insecure_start_reason():
        return [checks.Error(reason, id="regie.E001")]
    return []
