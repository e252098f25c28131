"""The production configuration without a Docker engine: the settings module as a process
starts it, gunicorn's configuration file, and what the Dockerfile and compose file say."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client

from gemeenten.proxy import TrustedProxyMiddleware, client_ip

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "Zq9-Xv3_Lm8#Rt5!Pw2@Hy7$Nb4%Jc6"


def settings_in_a_process(env: dict[str, str], expression: str = "'ok'"):
    """Import regie.settings as `manage.py` would, with only these variables set."""
    base = {k: v for k, v in os.environ.items()
            if k not in {"DEBUG", "DATABASE_URL", "SECRET_KEY", "TRUSTED_PROXY_IPS",
                         "CELERY_BROKER_URL", "ALLOWED_HOSTS"}}
    base["VAR_DIR"] = str(ROOT / "var")
    return subprocess.run(
        [sys.executable, "-c", f"import regie.settings as s; print({expression})"],
        cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60,
    )


# --- The trusted proxy ---------------------------------------------------------------------


def test_a_bad_trusted_proxy_value_stops_the_start():
    result = settings_in_a_process({"DEBUG": "1", "TRUSTED_PROXY_IPS": "10.0.0.2,proxy.lan"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_IPS" in result.stderr


def test_trusted_proxies_come_from_the_environment():
    result = settings_in_a_process({"DEBUG": "1", "TRUSTED_PROXY_IPS": "10.0.0.2, 172.30.0.0/24"},
                                   "s.TRUSTED_PROXY_IPS")
    assert result.stdout.strip() == "('10.0.0.2', '172.30.0.0/24')"
    assert settings_in_a_process({"DEBUG": "1"}, "s.TRUSTED_PROXY_IPS").stdout.strip() == "()"


@pytest.mark.parametrize(("peer", "forwarded", "expected"), [
    ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # a direct client: its header is ignored
    ("10.0.0.2", "203.0.113.9", "203.0.113.9"),  # through the proxy
    ("10.0.0.2", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the client prepended is forged
    ("10.0.0.2", "203.0.113.9, 172.30.0.5", "203.0.113.9"),  # two proxies of ours
    ("10.0.0.2", "", "10.0.0.2"),
    ("10.0.0.2", "geen-adres", "10.0.0.2"),
])
def test_the_client_address_is_taken_from_x_forwarded_for_only_behind_a_trusted_proxy(
    rf, settings, peer, forwarded, expected,
):
    settings.TRUSTED_PROXY_IPS = ("10.0.0.2", "172.30.0.0/24")
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_axes_takes_the_client_address_from_the_same_function(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "gemeenten.proxy.client_ip"


@pytest.mark.parametrize(("peer", "secure"), [("198.51.100.7", False), ("10.0.0.2", True)])
def test_x_forwarded_proto_counts_only_from_the_trusted_proxy(rf, settings, peer, secure):
    settings.TRUSTED_PROXY_IPS = ("10.0.0.2",)
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_PROTO="https")
    TrustedProxyMiddleware(lambda r: HttpResponse())(request)
    assert request.is_secure() is secure


@pytest.mark.django_db
def test_a_forged_x_forwarded_proto_does_not_escape_the_https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_IPS = ("10.0.0.2",)
    direct = Client().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301 and direct["Location"].startswith("https://")
    proxied = Client().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


def test_the_proxy_middleware_comes_before_the_security_middleware(settings):
    order = settings.MIDDLEWARE
    assert order.index("gemeenten.proxy.TrustedProxyMiddleware") < order.index(
        "django.middleware.security.SecurityMiddleware")


# --- gunicorn, the Dockerfile and compose --------------------------------------------------


def gunicorn_config(env: dict[str, str]):
    """gunicorn's own Config, loaded from gunicorn.conf.py as `gunicorn --config` does."""
    from gunicorn.app.base import Application

    class Loaded(Application):
        def init(self, parser, opts, args):
            return None

        def load(self):
            return None

        def load_config(self):
            self.load_config_from_file(str(ROOT / "gunicorn.conf.py"))

    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        return Loaded().cfg
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_gunicorn_believes_forwarded_headers_only_from_the_trusted_proxy():
    cfg = gunicorn_config({"TRUSTED_PROXY_IPS": "172.30.0.1"})
    assert cfg.forwarded_allow_ips == ["172.30.0.1"]
    assert [str(n) for n in cfg.forwarded_allow_networks()] == ["172.30.0.1/32"]
    assert cfg.bind == ["0.0.0.0:8000"]
    assert cfg.accesslog == "-"
    assert gunicorn_config({"TRUSTED_PROXY_IPS": ""}).forwarded_allow_ips == []


def test_the_dockerfile_starts_gunicorn_with_its_configuration_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"--config", "gunicorn.conf.py"' in dockerfile
    assert "forwarded-allow-ips" not in dockerfile


def test_compose_publishes_the_web_port_on_localhost_only_and_trusts_its_gateway():
    compose = (ROOT / "docker-compose.yml").read_text()
    ports = re.findall(r'^\s+- "([^"]*:8000)"$', compose, re.M)
    assert ports == ["127.0.0.1:8000:8000"]
    assert "TRUSTED_PROXY_IPS: ${TRUSTED_PROXY_IPS:-172.30.0.1}" in compose
    assert "gateway: 172.30.0.1" in compose


# --- DEBUG and the secret key ----------------------------------------------------------------


def test_production_is_the_default_even_on_sqlite():
    result = settings_in_a_process({"SECRET_KEY": GOOD_KEY}, "(s.DEBUG, s.SESSION_COOKIE_SECURE)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(False, True)"
    assert settings_in_a_process({"DEBUG": "1"}, "s.DEBUG").stdout.strip() == "True"


@pytest.mark.parametrize("key", ["", "abcde", "x" * 60, "django-insecure-" + "k" * 50])
def test_an_insecure_secret_key_stops_the_start_with_debug_off(key):
    """The web server (gunicorn and runserver load regie.wsgi) refuses to start."""
    result = settings_in_a_process({"DEBUG": "0", "SECRET_KEY": key},
                                   "__import__('regie.wsgi')")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    # Nothing is ever signed with the guessable key itself.
    assert settings_in_a_process({"DEBUG": "0", "SECRET_KEY": key},
                                 "s.SECRET_KEY != " + repr(key)).stdout.strip() == "True"


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT,
                          env={**base, **env}, capture_output=True, text=True, timeout=120)


def test_without_a_secret_key_check_deploy_fails_and_the_worker_refuses():
    check = _manage("check", "--deploy")
    assert check.returncode != 0 and "regie.E001" in check.stderr
    from regie.celery import _refuse_an_insecure_start

    with pytest.MonkeyPatch.context() as patch:
        from django.conf import settings

        patch.setattr(settings, "SECRET_KEY_PROBLEM", "SECRET_KEY too short", raising=False)
        with pytest.raises(SystemExit, match="SECRET_KEY"):
            _refuse_an_insecure_start()


def test_a_command_that_serves_nothing_runs_without_a_secret_key():
    """makemigrations --check in a fresh clone works without any setting (the developer's
    check that models and migrations agree); found when it failed for want of a key."""
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr


def test_make_run_and_make_test_turn_debug_on_explicitly():
    makefile = (ROOT / "Makefile").read_text()
    assert "DEBUG=1 ./scripts/run-embedded.sh" in makefile
    assert "DEBUG=1 $(BIN)/python -m pytest" in makefile
    assert 'DEBUG: "0"' in (ROOT / "docker-compose.yml").read_text()


def test_plain_http_for_a_load_test_is_allowed_on_loopback_only():
    loopback = settings_in_a_process(
        {"SECRET_KEY": GOOD_KEY, "LOOPBACK_PLAIN_HTTP": "1", "ALLOWED_HOSTS": "127.0.0.1"},
        "(s.DEBUG, getattr(s, 'SESSION_COOKIE_SECURE', False), getattr(s, 'SECURE_SSL_REDIRECT', False))")
    assert loopback.returncode == 0, loopback.stderr
    assert loopback.stdout.strip() == "(False, False, False)"

    exposed = settings_in_a_process(
        {"SECRET_KEY": GOOD_KEY, "LOOPBACK_PLAIN_HTTP": "1",
         "ALLOWED_HOSTS": "127.0.0.1,portal.example.org"})
    assert exposed.returncode != 0
    assert "LOOPBACK_PLAIN_HTTP is only for loopback" in exposed.stderr


def test_check_deploy_passes_at_warning_level_with_production_settings():
    """BIO/ASVS: `manage.py check --deploy --fail-level WARNING` is clean as deployed (DEBUG
    off, a strong key, HTTPS-only settings), on whatever database the suite runs on."""
    result = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
