"""'Please contact me': the form, its spam defences, the outbox e-mail and the coordinator's
list, which shows an organisation's requests to its own coordinators only."""
import re
import time

import pytest

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from initiatives.models import ContactRequest
from tests.factories import UserFactory

from .factories import public_activity

pytestmark = pytest.mark.django_db


def _form_page(client, activity, lang="nl", query=""):
    url = f"/{lang}/infopunt/testdam/activiteit/{activity.pk}/contact/{query}"
    response = client.get(url)
    assert response.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', response.text).group(1)
    return url, token


def _later(monkeypatch, seconds):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + seconds)


def _post(client, url, token, **fields):
    data = {"first_name": "Testa", "phone": "06 1234 5678", "email": "",
            "preferred_language": "ti", "question": "Mag ik komen?", "token": token,
            "homepage": ""}
    data.update(fields)
    return client.post(url, data)


def test_visitor_sends_a_request_and_the_coordinator_gets_an_email(csrf_client, gemeente,
                                                                   monkeypatch):
    activity = public_activity(gemeente, title="Taalcafé Verzonnen")
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              email="coordinator@example.org")
    activity.organisation.staff.add(coordinator)
    url, token = _form_page(csrf_client, activity, "ti", "?kiosk=1")
    _later(monkeypatch, 10)
    response = _post(csrf_client, url, token)  # no CSRF cookie or token: none is needed
    assert response.status_code == 303
    assert response["Location"].endswith(f"/activiteit/{activity.pk}/contact/verzonden/?kiosk=1")
    request = ContactRequest.objects.get()
    assert (request.first_name, request.phone, request.preferred_language) == (
        "Testa", "06 1234 5678", "ti")
    assert request.organisation == activity.organisation and request.state == "new"
    message = OutboxMessage.objects.get()
    assert message.to == "coordinator@example.org"
    assert f"/sociale-kaart/contactverzoeken/{request.pk}/" in message.body
    assert "06 1234 5678" not in message.body and "Testa" not in message.body
    assert csrf_client.get(response["Location"]).status_code == 200


def test_request_without_phone_or_email_gets_a_clear_error(client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    url, token = _form_page(client, activity, "en")
    _later(monkeypatch, 10)
    response = _post(client, url, token, phone="", email="")
    assert "Please fill in a phone number or an e-mail address" in response.text
    assert not ContactRequest.objects.exists()


@pytest.mark.parametrize(("delay", "token_change", "message"), [
    (0, None, "That was very fast"),
    (3 * 60 * 60, None, "This form was open for a long time"),
    (10, "forged", "Something went wrong"),
    (10, "other-activity", "Something went wrong"),
])
def test_form_token_refuses_bots_and_forgeries(client, gemeente, monkeypatch, delay,
                                               token_change, message):
    activity = public_activity(gemeente)
    url, token = _form_page(client, activity, "en")
    if token_change == "forged":
        token = token[:-3] + "abc"
    elif token_change == "other-activity":
        _other_url, token = _form_page(client, public_activity(gemeente), "en")
    _later(monkeypatch, delay)
    response = _post(client, url, token)
    assert response.status_code == 200
    assert message in response.text
    assert not ContactRequest.objects.exists()


def test_honeypot_looks_sent_but_stores_nothing(client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    url, token = _form_page(client, activity)
    _later(monkeypatch, 10)
    response = _post(client, url, token, homepage="http://spam.example")
    assert response.status_code == 303
    assert not ContactRequest.objects.exists() and not OutboxMessage.objects.exists()


def test_at_most_twenty_requests_per_organisation_per_hour(client, gemeente, monkeypatch,
                                                          settings):
    activity = public_activity(gemeente)
    url, token = _form_page(client, activity, "en")
    _later(monkeypatch, 10)
    for _ in range(20):
        assert _post(client, url, token).status_code == 303
    response = _post(client, url, token)
    assert "received many requests in the past hour" in response.text
    assert ContactRequest.objects.count() == 20
    settings.INFOPUNT_CONTACT_MAX_PER_HOUR = 21
    assert _post(client, url, token).status_code == 303


def test_contact_form_of_a_hidden_activity_is_404(client, gemeente):
    activity = public_activity(gemeente)
    activity.is_active = False
    activity.save()
    assert client.get(f"/nl/infopunt/testdam/activiteit/{activity.pk}/contact/").status_code == 404


def _request_for(gemeente, name="Testa"):
    activity = public_activity(gemeente)
    return ContactRequest.objects.create(
        gemeente=gemeente, organisation=activity.organisation, activity=activity,
        first_name=name, phone="0600000000",
    )


def test_coordinator_sees_own_organisations_requests_only(client, gemeente, login_as):
    own = _request_for(gemeente, "Eigenaar")
    other = _request_for(gemeente, "Buurman")
    login_as(Role.COORDINATOR, organisation=own.organisation, gemeente=gemeente)
    html = client.get("/sociale-kaart/contactverzoeken/").text
    assert "Eigenaar" in html and "Buurman" not in html
    assert client.get(f"/sociale-kaart/contactverzoeken/{own.pk}/").status_code == 200
    assert client.get(f"/sociale-kaart/contactverzoeken/{other.pk}/").status_code == 404
    assert client.post(
        f"/sociale-kaart/contactverzoeken/{other.pk}/closed/").status_code == 404


@pytest.mark.parametrize("role", [Role.REGISSEUR, Role.BEGELEIDER, Role.VOLUNTEER])
def test_other_roles_do_not_see_contact_requests(client, gemeente, login_as, role):
    contact = _request_for(gemeente)
    login_as(role, organisation=contact.organisation if role == Role.BEGELEIDER else None,
             gemeente=gemeente)
    assert client.get("/sociale-kaart/contactverzoeken/").status_code == 404
    assert client.get(f"/sociale-kaart/contactverzoeken/{contact.pk}/").status_code == 404


def test_coordinator_marks_answered_then_closes(client, gemeente, login_as):
    contact = _request_for(gemeente, "Vraagsteller")
    login_as(Role.COORDINATOR, organisation=contact.organisation, gemeente=gemeente)
    detail = client.get(f"/sociale-kaart/contactverzoeken/{contact.pk}/").text
    answered_url = f"/sociale-kaart/contactverzoeken/{contact.pk}/answered/"
    assert f'action="{answered_url}"' in detail
    response = client.post(answered_url, follow=True)
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.state == "answered" and contact.answered_at
    client.post(f"/sociale-kaart/contactverzoeken/{contact.pk}/closed/")
    contact.refresh_from_db()
    assert contact.state == "closed" and contact.closed_at
    assert "Vraagsteller" not in client.get("/sociale-kaart/contactverzoeken/?state=new").text
    assert "Vraagsteller" in client.get("/sociale-kaart/contactverzoeken/?state=closed").text
