"""Headers and sessions: a Content-Security-Policy without inline script, a Permissions-Policy,
no caching of what a logged-in user sees, and sessions that end after 30 minutes idle."""
import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse

from gemeenten.choices import Role

pytestmark = pytest.mark.django_db
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def _csp(response) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in response["Content-Security-Policy"]
            .split(";") if part.strip()}


def test_staff_and_public_pages_have_a_strict_content_security_policy(client, login_as,
                                                                      gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    for path in (reverse("initiatives:organisation_list"), "/nl/infopunt/testdam/",
                 reverse("login")):
        response = client.get(path)
        policy = _csp(response)
        assert policy["default-src"] == "default-src 'self'", path
        assert policy["script-src"] == "script-src 'self'", path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path
        assert policy["frame-ancestors"] == "frame-ancestors 'none'", path


def test_the_huisstijl_style_carries_the_nonce_of_its_response(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:organisation_list"))
    nonce = re.search(r"'nonce-([^']+)'", _csp(response)["style-src"]).group(1)
    assert f'<style nonce="{nonce}">' in response.content.decode()


def test_no_template_has_inline_script_handlers_or_style_attributes():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\sstyle\s*=",
                        r"<style(?![^>]*\bnonce=)[^>]*>"):
            offenders += [f"{path.relative_to(TEMPLATES)}: {m}"
                          for m in re.findall(pattern, text)]
    assert offenders == []


def test_every_response_has_a_permissions_policy(client, db):
    response = client.get("/nl/infopunt/")
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in policy


def test_pages_of_a_logged_in_user_are_never_stored(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    for path in (reverse("initiatives:organisation_list"), reverse("home"),
                 "/nl/infopunt/testdam/", "/admin/"):
        assert "no-store" in client.get(path).get("Cache-Control", ""), path


def test_the_public_infopunt_may_stay_cacheable_for_visitors(client, gemeente):
    response = client.get("/nl/infopunt/testdam/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_session_ends_after_30_minutes_idle_and_every_request_renews_it(client, login_as,
                                                                          gemeente):
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    start = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        login_as(Role.REGISSEUR, gemeente=gemeente)
        url = reverse("initiatives:organisation_list")
        assert client.get(url).status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get(url).status_code == 200  # renews it
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get(reverse("session_ping")).status_code == 204  # "stay logged in"
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get(url).status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert client.get(reverse("session_ping")).status_code == 401


def test_staff_pages_carry_the_idle_notice_and_public_pages_do_not(client, login_as,
                                                                    gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get(reverse("initiatives:organisation_list")).content.decode()
    assert 'role="alertdialog"' in html
    assert 'data-idle-seconds="1740"' in html  # renewed at most a minute before the page and 'data-warn-seconds="120"' in html
    assert "Ingelogd blijven" in html
    assert "session-timeout.js" not in client.get("/nl/infopunt/testdam/").content.decode()
