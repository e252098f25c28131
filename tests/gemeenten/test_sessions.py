"""Sessions (issue 22): a new session key at log-in; logging out ends every session of the
user, on every device; a deactivated account's sessions end; /admin/ can be off per host."""
import pytest
from django.test import Client
from django.urls import reverse

from gemeenten.choices import Role

pytestmark = pytest.mark.django_db


def _two_devices(login_as, client):
    user = login_as(Role.COORDINATOR, first_name="Twee")
    phone = Client()
    phone.force_login(user)
    home = reverse("initiatives:my_organisations")
    assert client.get(home).status_code == 200 and phone.get(home).status_code == 200
    return user, phone, home


def test_logging_in_gives_a_new_session_key(client, db):
    from tests.factories import UserFactory

    user = UserFactory(role=Role.COORDINATOR, username="sessie@example.org")
    user.set_password("een-lang-wachtwoord-2026")
    user.save()
    session = client.session
    session["seen"] = True  # a session before the log-in, as a visitor's browser has
    session.save()
    anonymous_key = session.session_key
    client.post(reverse("login"), {"username": "sessie@example.org",
                                   "password": "een-lang-wachtwoord-2026"})
    assert "_auth_user_id" in client.session
    assert client.session.session_key != anonymous_key


def test_logging_out_ends_every_session_of_the_user(client, login_as):
    user, phone, home = _two_devices(login_as, client)
    client.post(reverse("logout"))
    assert phone.get(home).status_code == 302  # back to the log-in, on the other device too
    user.refresh_from_db()
    assert user.session_epoch == 1


def test_deactivating_an_account_ends_its_sessions(client, login_as):
    user, phone, home = _two_devices(login_as, client)
    user.is_active = False
    user.save()
    assert client.get(home).status_code == 302 and phone.get(home).status_code == 302


def test_a_password_change_elsewhere_still_ends_the_other_sessions(client, login_as):
    user, phone, home = _two_devices(login_as, client)
    user.set_password("een-heel-ander-wachtwoord")
    user.save()
    assert phone.get(home).status_code == 302


def test_the_admin_is_off_on_a_kiosk_host(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kiosk.example.org"]
    settings.ADMIN_DISABLED_HOSTS = {"kiosk.example.org"}
    assert client.get("/admin/login/", HTTP_HOST="kiosk.example.org").status_code == 404
    assert client.get("/admin/login/", HTTP_HOST="testserver").status_code in (200, 302)
    # The kiosk's own pages are not affected.
    assert client.get("/healthz", HTTP_HOST="kiosk.example.org").status_code in (200, 503)
