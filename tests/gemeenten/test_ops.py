"""The production set-up files agree with the settings they configure."""
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _compose() -> str:
    return (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


def test_compose_runs_postgres_redis_web_worker_and_beat_with_the_database_scheduler():
    services = set(re.findall(r"^  ([a-z]+):\s*$", _compose(), re.M))
    assert {"postgres", "redis", "web", "worker", "beat"} <= services
    assert "django_celery_beat.schedulers:DatabaseScheduler" in _compose()
    assert "gunicorn" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_every_variable_compose_sets_is_read_by_the_settings():
    app_env = _compose().split("environment: &app-env", 1)[1].split("volumes:", 1)[0]
    names = re.findall(r"^\s{4}([A-Z_]+):", app_env, re.M)
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL",
            "EMAIL_HOST"} <= set(names)
    settings_source = (ROOT / "regie" / "settings.py").read_text(encoding="utf-8")
    unread = [n for n in names if f'"{n}"' not in settings_source]
    assert unread == []


def test_periodic_jobs_come_from_the_migration_not_a_beat_schedule_setting():
    assert not hasattr(settings, "CELERY_BEAT_SCHEDULE")
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"


def test_ci_runs_make_test_on_both_databases_and_fails_on_skipped_service_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.count("make test") >= 2
    assert "DATABASE_URL=postgres://" in ci
    assert "CELERY_BROKER_URL=redis://" in ci
    assert "REGIE_REQUIRE_SERVICES=1" in ci
