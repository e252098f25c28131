"""Setting up the second factor is never trust-on-first-use: a password alone enrols no
authenticator. The invitation or an e-mailed one-time link grants the set-up; the demo code
confirms no device."""
import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from tests.factories import UserFactory

from .test_accounts import TWO_FACTOR_URL, current_code, log_in, set_up_link

pytestmark = pytest.mark.django_db


def test_a_password_alone_cannot_enrol_an_authenticator(client, gemeente):
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    log_in(client, user)  # someone who guessed or bought the password
    page = client.get(TWO_FACTOR_URL)
    html = page.content.decode()
    assert "<svg" not in html
    assert "secret" not in page.context
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert reverse("two_factor_setup_request") in html  # the way on: a link by e-mail
    response = client.post(TWO_FACTOR_URL, {"token": "123456"})
    assert response.status_code == 200
    assert client.get(reverse("initiatives:organisation_list")).status_code == 302


def test_the_e_mailed_link_grants_the_set_up_once_and_only_to_its_user(client, gemeente):
    user = UserFactory(role=Role.PRIVACY_OFFICER, gemeente=gemeente)
    log_in(client, user)
    link = set_up_link(client, user)
    assert OutboxMessage.objects.get(to=user.email).gemeente == gemeente

    other = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    client.post(reverse("logout"))
    log_in(client, other)
    assert client.get(link).status_code == 410  # another account's link

    client.post(reverse("logout"))
    log_in(client, user)
    assert client.get(link)["Location"] == TWO_FACTOR_URL
    assert "<svg" in client.get(TWO_FACTOR_URL).content.decode()
    assert client.post(TWO_FACTOR_URL, {"token": current_code(user)}).status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed

    client.post(reverse("logout"))
    log_in(client, user)
    assert client.get(link).status_code == 410  # used
    assert "<svg" not in client.get(TWO_FACTOR_URL).content.decode()


def test_the_set_up_link_expires(client, gemeente, settings):
    settings.TWO_FACTOR_SETUP_LINK_HOURS = 24
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    log_in(client, user)
    link = set_up_link(client, user)
    with _later(hours=25):
        log_in(client, user)  # the session itself ended after 30 minutes idle
        assert client.get(link).status_code == 410


def _later(*, hours):
    import datetime

    import time_machine

    return time_machine.travel(datetime.datetime.now(datetime.UTC)
                               + datetime.timedelta(hours=hours))


def test_beheerder_sends_a_link_and_the_new_phone_replaces_the_lost_one(client, login_as,
                                                                        gemeente):
    from django.test import Client

    user = UserFactory(role=Role.BEGELEIDER, gemeente=gemeente)
    lost = TOTPDevice.objects.create(user=user, name="oude telefoon", confirmed=True)
    login_as(Role.BEHEERDER, gemeente=gemeente)
    response = client.post(reverse("admin:gemeenten_user_changelist"), {
        "action": "send_two_factor_setup_link", "_selected_action": [user.pk]})
    assert response.status_code == 302
    message = OutboxMessage.objects.get(to=user.email)
    link = re.search(r"https?://[^/\s]+(/account/2fa/set-up/[^/\s]+/)", message.body).group(1)

    own = Client()
    log_in(own, user)
    assert own.get(link).status_code == 302
    assert own.post(TWO_FACTOR_URL, {"token": current_code(user)}).status_code == 302
    assert own.get(reverse("initiatives:my_organisations")).status_code == 200
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    assert TOTPDevice.objects.get(user=user).confirmed


def test_the_demo_code_confirms_no_device_so_the_user_can_enrol_later(client, gemeente,
                                                                       settings):
    settings.DEBUG = True
    settings.EMBEDDED_DATABASE = True
    user = UserFactory(role=Role.REGISSEUR, gemeente=gemeente, is_demo=True)
    log_in(client, user)
    assert client.post(TWO_FACTOR_URL, {"token": "000000"}).status_code == 302
    assert client.get(reverse("initiatives:organisation_list")).status_code == 200
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    settings.DEBUG = False  # the installation is no longer the demo
    response = client.get(reverse("initiatives:organisation_list"))
    assert response["Location"].startswith(TWO_FACTOR_URL)
    assert client.get(set_up_link(client, user)).status_code == 302
    assert client.post(TWO_FACTOR_URL, {"token": current_code(user)}).status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
