"""The log-in throttle per address over all usernames (password spraying), and axes' lockout
per client, not per proxy, behind the trusted TLS proxy."""
import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from gemeenten.choices import Role
from tests.factories import UserFactory

from .test_accounts import PASSWORD, nl

pytestmark = pytest.mark.django_db
ATTACKER = "198.51.100.7"


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC),
                             tick=False) as traveller:
        yield traveller


def _attempt(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password},
                       **extra)


def _throttled(response) -> bool:
    return "Te veel mislukte" in response.content.decode() or "Too many failed" in (
        response.content.decode())


def test_password_spraying_from_one_address_is_slowed_ever_more(client, gemeente, clock,
                                                                 settings):
    settings.LOGIN_THROTTLE_FREE_FAILURES = 10
    settings.LOGIN_THROTTLE_BASE_SECONDS = 2
    settings.LOGIN_THROTTLE_MAX_SECONDS = 60
    users = [UserFactory(role=Role.COORDINATOR, gemeente=gemeente) for _ in range(7)]
    checked = 0
    waits = []
    for round_ in range(4):  # 28 wrong passwords over 7 users, as in the security test
        for user in users:
            response = _attempt(client, user.username, f"geraden-{round_}",
                                REMOTE_ADDR=ATTACKER)
            if _throttled(response):
                waits.append(response.context["form"].errors.as_data()["__all__"][0]
                             .params["seconds"])
            else:
                checked += 1
            clock.shift(1)
    # Ten free failures (t=0..9 s); then the password is checked only at t=11, 15 and 23 s:
    # 2, 4 and 8 seconds after the last failure.
    assert checked == 13
    assert waits[:5] == [1, 3, 2, 1, 7]  # seconds still to wait, counted down by the clock

    # The wait doubles with every further failure, up to the cap.
    seen = []
    for _ in range(8):
        wait = _attempt(client, users[0].username, "nog-een-gok", REMOTE_ADDR=ATTACKER)
        assert _throttled(wait)
        seconds = wait.context["form"].errors.as_data()["__all__"][0].params["seconds"]
        clock.shift(seconds)
        assert not _throttled(_attempt(client, users[0].username, "nog-een-gok",
                                       REMOTE_ADDR=ATTACKER))
        seen.append(seconds)
    assert seen == sorted(seen) and seen[-1] == 60


def test_the_throttle_never_locks_people_out_of_a_shared_office(client, gemeente, clock,
                                                                   settings):
    settings.LOGIN_THROTTLE_FREE_FAILURES = 10
    colleague = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    for n in range(12):
        clock.shift(30)  # slow enough to pass every wait
        _attempt(Client(), f"typfout{n}", "verkeerd", REMOTE_ADDR="192.0.2.50")
    response = _attempt(client, colleague.username, PASSWORD, REMOTE_ADDR="192.0.2.50")
    assert _throttled(response)  # asked to wait, not locked
    assert nl("Too many failed log-ins from your network. Try again in %(seconds)d second.")[
        :20] in response.content.decode()
    clock.shift(8)  # 2 s doubled for each of the two failures over the ten
    response = _attempt(client, colleague.username, PASSWORD, REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == colleague
    # Another address was never slowed.
    other = _attempt(Client(), colleague.username, PASSWORD, REMOTE_ADDR="192.0.2.51")
    assert other.status_code == 302


def test_the_admin_log_in_is_throttled_too(gemeente, clock, settings):
    settings.LOGIN_THROTTLE_FREE_FAILURES = 2
    client = Client()
    for _ in range(2):
        client.post(reverse("admin:login"), {"username": "x", "password": "y",
                                             "otp_token": "123456"}, REMOTE_ADDR=ATTACKER)
    response = client.post(reverse("admin:login"), {"username": "x", "password": "y",
                                                    "otp_token": "123456"},
                           REMOTE_ADDR=ATTACKER)
    assert _throttled(response)


def test_behind_the_trusted_proxy_each_client_has_its_own_lockout(gemeente, settings):
    settings.TRUSTED_PROXY_IPS = ("10.0.0.2",)
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):  # someone at 203.0.113.9 locks this username for themselves
        _attempt(Client(), user.username, "verkeerd", HTTP_X_FORWARDED_FOR="203.0.113.9",
                 **via_proxy)
    locked = _attempt(Client(), user.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9",
                      **via_proxy)
    assert locked.status_code == 429
    # The user, at another address behind the same proxy, still logs in.
    response = _attempt(Client(), user.username, PASSWORD,
                        HTTP_X_FORWARDED_FOR="203.0.113.77", **via_proxy)
    assert response.status_code == 302


def test_a_direct_client_cannot_forge_its_address(gemeente, settings):
    settings.TRUSTED_PROXY_IPS = ("10.0.0.2",)
    user = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    for n in range(5):  # a new forged address each time
        _attempt(Client(), user.username, "verkeerd", REMOTE_ADDR=ATTACKER,
                 HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = _attempt(Client(), user.username, PASSWORD, REMOTE_ADDR=ATTACKER,
                        HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429  # locked on its real address all the same
