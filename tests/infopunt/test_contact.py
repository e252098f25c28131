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


def test_one_form_token_makes_one_request(client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              email="coordinator@example.org")
    activity.organisation.staff.add(coordinator)
    url, token = _form_page(client, activity, "en")
    _later(monkeypatch, 10)
    first = _post(client, url, token)
    replays = [_post(client, url, token, first_name=f"Replay{n}") for n in range(5)]
    # A double click looks sent too; nothing after the first is stored or e-mailed.
    assert {r.status_code for r in [first, *replays]} == {303}
    assert list(ContactRequest.objects.values_list("first_name", flat=True)) == ["Testa"]
    assert OutboxMessage.objects.count() == 1
    _url, fresh = _form_page(client, activity, "en")
    _later(monkeypatch, 10)
    assert _post(client, url, fresh, first_name="Tweede").status_code == 303
    assert ContactRequest.objects.count() == 2


def test_above_the_cap_requests_are_held_for_review_not_refused(client, gemeente, monkeypatch,
                                                                settings):
    """One kiosk (one client, one address) sends many: nobody is refused, the coordinator
    gets an e-mail for the first ones and one notice for the held rest."""
    settings.INFOPUNT_CONTACT_MAX_PER_HOUR = 3
    activity = public_activity(gemeente)
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              email="coordinator@example.org")
    activity.organisation.staff.add(coordinator)
    tokens = [_form_page(client, activity, "en") for _ in range(6)]
    _later(monkeypatch, 10)
    for n, (url, token) in enumerate(tokens):
        response = _post(client, url, token, first_name=f"Bezoeker{n}")
        assert response.status_code == 303, n
        assert "/contact/verzonden/" in response["Location"]
    held = ContactRequest.objects.filter(held=True).values_list("first_name", flat=True)
    assert sorted(held) == ["Bezoeker3", "Bezoeker4", "Bezoeker5"]
    subjects = sorted(OutboxMessage.objects.values_list("subject", flat=True))
    assert len(subjects) == 4  # three requests, one notice of the held ones
    notice = OutboxMessage.objects.get(key__startswith="contact-held:")
    assert notice.to == "coordinator@example.org"
    assert "/sociale-kaart/contactverzoeken/vastgehouden/" in notice.body
    assert "Bezoeker" not in notice.body


def test_contact_form_of_a_hidden_activity_is_404(client, gemeente):
    activity = public_activity(gemeente)
    activity.is_active = False
    activity.save()
    assert client.get(f"/nl/infopunt/testdam/activiteit/{activity.pk}/contact/").status_code == 404


def _request_for(gemeente, name="Testa", *, activity=None, held=False):
    activity = activity or public_activity(gemeente)
    return ContactRequest.objects.create(
        gemeente=gemeente, organisation=activity.organisation, activity=activity,
        first_name=name, phone="0600000000", held=held,
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


@pytest.mark.parametrize("role", [Role.BEGELEIDER, Role.VOLUNTEER])
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


def test_coordinator_reviews_held_requests_as_one_batch(client, gemeente, login_as):
    ordinary = _request_for(gemeente, "Gewoon")
    activity = ordinary.activity
    genuine = _request_for(gemeente, "Echtgemeend", activity=activity, held=True)
    spam = [_request_for(gemeente, f"Spam{n}", activity=activity, held=True) for n in range(3)]
    login_as(Role.COORDINATOR, organisation=activity.organisation, gemeente=gemeente)

    listing = client.get("/sociale-kaart/contactverzoeken/").text
    assert "4 verzoeken worden vastgehouden" in listing
    assert 'href="/sociale-kaart/contactverzoeken/vastgehouden/"' in listing
    assert "Gewoon" in listing and "Spam0" not in listing  # held ones wait on their own page

    held_page = client.get("/sociale-kaart/contactverzoeken/vastgehouden/").text
    assert "Gewoon" not in held_page
    for contact in [genuine, *spam]:
        assert f'name="request" value="{contact.pk}"' in held_page
    review = "/sociale-kaart/contactverzoeken/vastgehouden/beoordelen/"
    assert f'action="{review}"' in held_page
    response = client.post(review, {"request": [c.pk for c in spam], "action": "discard"})
    assert response["Location"] == "/sociale-kaart/contactverzoeken/vastgehouden/"
    response = client.post(review, {"request": [genuine.pk], "action": "release"})
    assert response["Location"] == "/sociale-kaart/contactverzoeken/"
    assert sorted(ContactRequest.objects.values_list("first_name", "held")) == [
        ("Echtgemeend", False), ("Gewoon", False)]
    listing = client.get("/sociale-kaart/contactverzoeken/").text
    assert "Echtgemeend" in listing and "vastgehouden" not in listing


def test_held_request_detail_offers_the_review(client, gemeente, login_as):
    contact = _request_for(gemeente, "Vastgehouden", held=True)
    login_as(Role.COORDINATOR, organisation=contact.organisation, gemeente=gemeente)
    html = client.get(f"/sociale-kaart/contactverzoeken/{contact.pk}/").text
    assert f'name="request" value="{contact.pk}"' in html and 'value="discard"' in html
    assert "/answered/" not in html


def test_coordinator_cannot_review_another_organisations_held_requests(client, gemeente,
                                                                       login_as):
    own = _request_for(gemeente, "Eigen", held=True)
    other = _request_for(gemeente, "Buurman", held=True)
    login_as(Role.COORDINATOR, organisation=own.organisation, gemeente=gemeente)
    assert "Buurman" not in client.get("/sociale-kaart/contactverzoeken/vastgehouden/").text
    client.post("/sociale-kaart/contactverzoeken/vastgehouden/beoordelen/",
                {"request": [other.pk, own.pk], "action": "discard"})
    assert list(ContactRequest.objects.values_list("first_name", "held")) == [("Buurman", True)]


def test_contact_request_pages_cost_the_same_queries_for_more_rows(client, gemeente, login_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = _request_for(gemeente, "Eerste")
    login_as(Role.COORDINATOR, organisation=first.organisation, gemeente=gemeente)
    counts = []
    for extra in (2, 10):
        for n in range(extra):
            _request_for(gemeente, f"Extra{n}", activity=first.activity, held=bool(n % 2))
        with CaptureQueriesContext(connection) as list_page:
            assert client.get("/sociale-kaart/contactverzoeken/").status_code == 200
        with CaptureQueriesContext(connection) as held_page:
            assert client.get("/sociale-kaart/contactverzoeken/vastgehouden/").status_code == 200
        counts.append((len(list_page), len(held_page)))
    assert counts[0] == counts[1]


# --- Who reads the request: said before and after sending, and the e-mail goes to them -------


def _gemeente_staff(gemeente):
    """The gemeente's regisseur, and one of another gemeente who must hear nothing."""
    from tests.factories import GemeenteFactory

    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente,
                            email="regisseur@testdam.example")
    elders = UserFactory(role=Role.REGISSEUR, email="regisseur@elders.example",
                         gemeente=GemeenteFactory(name="Elderstad", slug="elders"))
    return regisseur, elders


def _send(client, monkeypatch, activity, lang="nl"):
    url, token = _form_page(client, activity, lang)
    _later(monkeypatch, 10)
    response = _post(client, url, token)
    assert response.status_code == 303
    return client.get(response["Location"]).text


def test_organisation_with_a_coordinator_reads_its_request(client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    organisation = activity.organisation
    organisation.name, organisation.email = "Taalcafé Verzonnen", "info@verzonnen.example"
    organisation.save()
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              email="coordinator@verzonnen.example")
    organisation.staff.add(coordinator)
    _gemeente_staff(gemeente)

    form = client.get(f"/nl/infopunt/testdam/activiteit/{activity.pk}/contact/").text
    assert "<bdi>Taalcafé Verzonnen</bdi> leest uw bericht. Zij bellen of mailen u." in form
    assert "gemeente <bdi>Testdam</bdi>" not in form
    sent = _send(client, monkeypatch, activity)
    assert "Uw bericht is verstuurd naar <bdi>Taalcafé Verzonnen</bdi>." in sent

    # Only the coordinator hears of it: not the general address, not the gemeente.
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [
        "coordinator@verzonnen.example"]


def test_organisation_without_an_account_has_its_request_read_by_the_gemeente(
        client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    organisation = activity.organisation
    organisation.name, organisation.email = "Stichting Zonderaccount", "info@zonder.example"
    organisation.save()
    # A begeleider of the organisation does not read contact requests: still the gemeente.
    organisation.staff.add(UserFactory(role=Role.BEGELEIDER, gemeente=gemeente,
                                       email="begeleider@zonder.example"))
    regisseur, _elders = _gemeente_staff(gemeente)

    form = client.get(f"/nl/infopunt/testdam/activiteit/{activity.pk}/contact/").text
    assert ("<bdi>Stichting Zonderaccount</bdi> kan op deze website nog geen berichten lezen. "
            "Daarom leest de gemeente <bdi>Testdam</bdi> uw bericht. De gemeente belt of mailt u, "
            "of stuurt uw bericht door naar <bdi>Stichting Zonderaccount</bdi>.") in form
    assert "Zonderaccount leest uw bericht" not in form
    sent = _send(client, monkeypatch, activity)
    assert "Uw bericht is verstuurd naar de gemeente <bdi>Testdam</bdi>" in sent
    assert "neemt snel contact met u op" not in sent

    request = ContactRequest.objects.get()
    message = OutboxMessage.objects.get()
    assert message.to == "regisseur@testdam.example"  # nobody else, never info@zonder
    assert f"/sociale-kaart/contactverzoeken/{request.pk}/" in message.body
    assert "Stichting Zonderaccount" in message.subject
    assert "06 1234 5678" not in message.body and "Mag ik komen?" not in message.body
    assert ContactRequest.objects.for_user(regisseur).get() == request


def test_organisation_without_an_email_address_has_its_request_read_by_the_gemeente(
        client, gemeente, monkeypatch):
    activity = public_activity(gemeente)
    organisation = activity.organisation
    organisation.name, organisation.email = "Wandelclub Zonderpost", ""
    organisation.save()
    regisseur, _elders = _gemeente_staff(gemeente)

    form = client.get(f"/nl/infopunt/testdam/activiteit/{activity.pk}/contact/").text
    assert "Daarom leest de gemeente <bdi>Testdam</bdi> uw bericht." in form
    sent = _send(client, monkeypatch, activity)
    assert "Uw bericht is verstuurd naar de gemeente <bdi>Testdam</bdi>" in sent
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [
        "regisseur@testdam.example"]
    assert ContactRequest.objects.for_user(regisseur).count() == 1


def test_held_requests_of_an_organisation_without_an_account_go_to_the_gemeente(
        client, gemeente, monkeypatch, settings):
    settings.INFOPUNT_CONTACT_MAX_PER_HOUR = 1
    activity = public_activity(gemeente)
    _gemeente_staff(gemeente)
    tokens = [_form_page(client, activity, "en") for _ in range(3)]
    _later(monkeypatch, 10)
    for url, token in tokens:
        assert _post(client, url, token).status_code == 303
    notice = OutboxMessage.objects.get(key__startswith="contact-held:")
    assert notice.to == "regisseur@testdam.example"
    assert set(OutboxMessage.objects.values_list("to", flat=True)) == {
        "regisseur@testdam.example"}


@pytest.mark.parametrize("lang", ["en", "ar", "uk", "ti", "fa", "tr", "so"])
@pytest.mark.parametrize("with_coordinator", [True, False])
def test_who_reads_it_is_said_in_every_language(client, gemeente, monkeypatch, lang,
                                                with_coordinator):
    from django.utils import translation

    activity = public_activity(gemeente)
    if with_coordinator:
        activity.organisation.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente))
        before, after = ("%(organisation)s reads your message. They will call or e-mail you.",
                         "Your message was sent to %(organisation)s. They will call or e-mail you.")
    else:
        before = ("%(organisation)s cannot read messages on this website yet. So the "
                  "municipality of %(gemeente)s reads your message. The municipality will call "
                  "or e-mail you, or pass your message on to %(organisation)s.")
        after = ("Your message was sent to the municipality of %(gemeente)s, because "
                 "%(organisation)s cannot read messages on this website yet. The municipality "
                 "will call or e-mail you, or pass your message on to %(organisation)s.")
    # The names isolated, so a Latin name keeps its place in an Arabic sentence.
    names = {"organisation": f"<bdi>{activity.organisation.name}</bdi>",
             "gemeente": "<bdi>Testdam</bdi>"}
    with translation.override(lang):
        expected = [translation.gettext(text) % names for text in (before, after)]
    if lang != "en":
        assert expected[0] != before % names and expected[1] != after % names
    form = client.get(f"/{lang}/infopunt/testdam/activiteit/{activity.pk}/contact/").text
    assert expected[0] in form
    assert expected[1] in _send(client, monkeypatch, activity, lang)


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "uk", "ti", "fa", "tr", "so"])
def test_preferred_language_starts_as_the_pages_language(client, gemeente, lang):
    activity = public_activity(gemeente)
    html = client.get(f"/{lang}/infopunt/testdam/activiteit/{activity.pk}/contact/").text
    select = re.search(r'<select name="preferred_language".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"[^>]*selected', select) == [lang]
