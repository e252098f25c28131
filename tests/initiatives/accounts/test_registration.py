"""Self-registration of an initiative: nothing exists until the address is confirmed through
an e-mailed one-time link; the answer is the same for a known address; a time check and
hourly limits per client address and per e-mail address (in the database). Through the
real forms."""
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from gemeenten.choices import Role
from gemeenten.models import Language, OutboxMessage, Theme
from gemeenten.privacy import retention_run
from initiatives.choices import ApprovalState
from initiatives.models import (
    InitiativeRegistration,
    Organisation,
    Presence,
    RegistrationAttempt,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "een-heel-lang-wachtwoord-77"


@pytest.fixture(autouse=True)
def _no_time_check(settings):
    """The time check has its own test; the others need not wait three seconds."""
    settings.REGISTRATION_FORM_MIN_SECONDS = 0


def form_url(gemeente, language="nl") -> str:
    with translation.override(language):
        return reverse("infopunt:register", args=[gemeente.slug])


def sent_url(gemeente, language="nl") -> str:
    with translation.override(language):
        return reverse("infopunt:register_sent", args=[gemeente.slug])


def register(client, gemeente, *, address="192.0.2.10", forwarded_for=None, language="nl",
             **fields):
    page = client.get(form_url(gemeente, language))
    assert page.status_code == 200
    started = re.search(r'name="started" value="([^"]+)"', page.content.decode()).group(1)
    values = {"name": "Wandelclub Testpad",
              "kind": "citizen_initiative", "newcomer_led": "on",
              "description": "Elke zaterdag wandelen we samen door het park.",
              "themes": [Theme.objects.get(slug="sport").pk,
                         Theme.objects.get(slug="ontmoeting").pk],
              "languages": [Language.objects.get(code="nl").pk,
                            Language.objects.get(code="ar").pk],
              "contact_email": "wandelen.test@example.org", "phone": "010 555 0000",
              "first_name": "Wanda",
              "email": "wanda.test@example.org", "password1": PASSWORD,
              "password2": PASSWORD, "started": started} | fields
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(form_url(gemeente, language), values, REMOTE_ADDR=address, **headers)


def confirm_link(message: OutboxMessage) -> str:
    return re.search(r"http://testserver(/[a-z]{2}/infopunt/aanmelden/bevestigen/[^/\s]+/)",
                     message.body).group(1)


def test_registration_makes_nothing_until_the_address_is_confirmed(client, gemeente):
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente,
                            email="regisseur.test@example.org")

    response = register(client, gemeente)

    assert response.status_code == 303
    assert response["Location"] == sent_url(gemeente)
    assert "e-mail" in client.get(response["Location"]).content.decode()
    assert not User.objects.filter(username="wanda.test@example.org").exists()
    assert not Organisation.objects.exists()
    assert "_auth_user_id" not in client.session
    message = OutboxMessage.objects.get()  # to the address only: the regisseur waits
    assert message.to == "wanda.test@example.org"
    link = confirm_link(message)

    # Opening the link (a person, or a mail scanner) makes nothing yet.
    page = client.get(link)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert not User.objects.filter(username="wanda.test@example.org").exists()

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:my_organisations")
    user = User.objects.get(username="wanda.test@example.org")
    assert (user.role, user.gemeente, user.first_name) == (Role.COORDINATOR, gemeente, "Wanda")
    assert user.is_active and user.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    organisation = Organisation.objects.get(name="Wandelclub Testpad")
    assert organisation.newcomer_led and list(organisation.staff.all()) == [user]
    presence = Presence.objects.get(organisation=organisation)
    assert (presence.gemeente, presence.approval) == (gemeente, ApprovalState.PENDING)
    assert not Organisation.objects.public(gemeente).filter(pk=organisation.pk).exists()
    told = OutboxMessage.objects.get(to=regisseur.email)
    assert f"/sociale-kaart/organisaties/{organisation.pk}/" in told.body
    assert "Wandelclub Testpad" in client.get(
        reverse("initiatives:my_organisations")).content.decode()
    assert InitiativeRegistration.objects.get().password == ""  # the hash is on the user now

    client.logout()
    assert client.post(link).status_code == 410  # one time only
    assert User.objects.filter(username="wanda.test@example.org").count() == 1


def test_a_known_address_gets_the_same_answer_and_an_email_to_its_owner(client, gemeente):
    UserFactory(username="wanda.test@example.org", email="wanda.test@example.org",
                gemeente=gemeente)
    unknown = register(client, gemeente, email="nieuw.test@example.org")
    users = User.objects.count()

    known = register(client, gemeente)

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert User.objects.count() == users and not Organisation.objects.exists()
    assert InitiativeRegistration.objects.count() == 1  # the unknown address's only
    message = OutboxMessage.objects.get(to="wanda.test@example.org")
    assert "/bevestigen/" not in message.body
    assert "http://testserver/account/login/" in message.body
    assert f"http://testserver{reverse('password_reset')}" in message.body


def test_the_form_no_longer_says_an_address_has_an_account(client, gemeente):
    UserFactory(username="wanda.test@example.org", email="wanda.test@example.org",
                gemeente=gemeente)
    response = register(client, gemeente, password2="anders-dan-het-eerste-99")
    html = response.content.decode()
    assert response.status_code == 200 and "password2" in response.context["form"].errors
    assert "email" not in response.context["form"].errors
    assert "Er is al een account met dit e-mailadres" not in html


def test_a_registration_sent_too_fast_is_refused(client, gemeente, settings):
    settings.REGISTRATION_FORM_MIN_SECONDS = 3
    response = register(client, gemeente)
    assert response.status_code == 200
    assert "Dat ging erg snel" in response.content.decode()
    assert not InitiativeRegistration.objects.exists() and not OutboxMessage.objects.exists()


def test_a_forged_start_time_is_refused(client, gemeente):
    response = register(client, gemeente, started="register:1:forged")
    assert response.status_code == 200
    assert not InitiativeRegistration.objects.exists()


def test_registrations_from_one_address_are_limited_per_hour(client, gemeente, settings):
    settings.REGISTRATION_MAX_PER_HOUR = 5
    for n in range(5):
        assert register(client, gemeente, email=f"test{n}@example.org").status_code == 303
    refused = register(client, gemeente, email="test9@example.org")
    assert refused.status_code == 429
    assert "probeer het later opnieuw" in refused.content.decode().lower()
    assert OutboxMessage.objects.count() == 5
    other = register(client, gemeente, email="test9@example.org", address="198.51.100.4")
    assert other.status_code == 303
    stored = " ".join(RegistrationAttempt.objects.values_list("address_hash", flat=True))
    assert "192.0.2" not in stored and "example.org" not in stored


def test_behind_the_trusted_proxy_the_limit_counts_each_client_not_the_proxy(
    client, gemeente, settings
):
    """Behind the TLS proxy every request comes from the proxy's address: the limit takes
    the client's address from X-Forwarded-For, as the log-in throttle does."""
    settings.TRUSTED_PROXY_IPS = ("10.0.0.2",)
    settings.REGISTRATION_MAX_PER_HOUR = 2
    for n in range(4):
        response = register(client, gemeente, email=f"proxy{n}@example.org",
                            address="10.0.0.2", forwarded_for=f"198.51.100.{n}")
        assert response.status_code == 303
    for n in range(2):
        register(client, gemeente, email=f"zelfde{n}@example.org", address="10.0.0.2",
                 forwarded_for="203.0.113.7")
    refused = register(client, gemeente, email="zelfde9@example.org", address="10.0.0.2",
                       forwarded_for="203.0.113.7")
    assert refused.status_code == 429


def test_registrations_for_one_email_address_are_limited_per_hour(client, gemeente, settings):
    settings.REGISTRATION_MAX_PER_EMAIL_PER_HOUR = 3
    for n in range(3):
        assert register(client, gemeente, address=f"192.0.2.{n}").status_code == 303
    assert register(client, gemeente, address="192.0.2.99").status_code == 429
    assert OutboxMessage.objects.count() == 3


def test_an_expired_or_unknown_link_makes_nothing(client, gemeente):
    register(client, gemeente)
    link = confirm_link(OutboxMessage.objects.get())
    InitiativeRegistration.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert client.get("/nl/infopunt/aanmelden/bevestigen/onbekend/").status_code == 404
    assert not User.objects.filter(username="wanda.test@example.org").exists()


def test_retention_drops_expired_registrations_and_old_attempts(client, gemeente):
    register(client, gemeente)
    today = timezone.localdate()
    retention_run(today=today)
    assert InitiativeRegistration.objects.count() == RegistrationAttempt.objects.count() == 1
    # The link works 24 hours and retention counts whole days: three days on, both are gone
    # whatever the hour of registering (found running the suite as if it were 23:50).
    result = retention_run(today=today + timedelta(days=3))
    assert (result["initiative_registrations"], result["registration_attempts"]) == (1, 1)
    assert not InitiativeRegistration.objects.exists() and not RegistrationAttempt.objects.exists()


def test_registering_with_a_weak_password_creates_nothing(client, gemeente):
    response = register(client, gemeente, password1="wanda.test@example",
                        password2="wanda.test@example")
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not InitiativeRegistration.objects.exists() and not OutboxMessage.objects.exists()


def test_a_logged_in_coordinator_is_sent_to_the_organisation_form(client, login_as):
    user = login_as(Role.COORDINATOR)
    response = client.get(form_url(user.gemeente))
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:organisation_register")


def test_a_bot_that_fills_the_honeypot_is_answered_the_same_and_creates_nothing(client,
                                                                                 gemeente):
    response = register(client, gemeente, homepage="https://spam.example.org")
    assert response.status_code == 303
    assert response["Location"] == sent_url(gemeente)
    assert not InitiativeRegistration.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not RegistrationAttempt.objects.exists()


def test_the_registration_form_shows_people_no_honeypot_field(client, gemeente):
    html = client.get(form_url(gemeente)).content.decode()
    assert html.count('name="homepage"') == 1
    assert 'class="portal-hp" aria-hidden="true"' in html
