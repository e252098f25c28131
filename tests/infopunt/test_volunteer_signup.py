"""Helping as a volunteer on the infopunt: the public list of open vacancies of approved
organisations, a vacancy, and the sign-up form with its defences against bad input."""
import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Language, OutboxMessage, Theme
from initiatives.choices import ApprovalState
from tests.factories import UserFactory, WijkFactory, organisation_in
from volunteers.models import Vacancy, VolunteerApplication

pytestmark = pytest.mark.django_db


def vacancy_of(organisation, gemeente, title="Taalmaatje gezocht", theme="taal", **fields):
    return Vacancy.objects.create(gemeente=gemeente, organisation=organisation, title=title,
                                  theme=Theme.objects.get(slug=theme), **fields)


def with_coordinator(organisation, gemeente):
    """Its coördinator account, who reads the sign-ups."""
    organisation.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                                       email=f"coordinator.{organisation.pk}@example.org"))
    return organisation


@pytest.fixture
def vacancy(gemeente):
    organisation = with_coordinator(organisation_in(gemeente, name="Taalcafé Verzonnen"),
                                    gemeente)
    return vacancy_of(organisation, gemeente, hours="2 uur per week")


def _form_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return re.search(r'name="token" value="([^"]+)"', response.text).group(1)


def _later(monkeypatch, seconds=10):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + seconds)


def _post(client, url, token, **fields):
    data = {"first_name": "Testa", "surname": "Helpvaardig", "email": "testa@example.org",
            "phone": "", "languages": ["ar", "nl"], "available": ["ma-avond"],
            "interests": [Theme.objects.get(slug="taal").pk], "ervaringsdeskundige": "on",
            "motivation": "Ik help graag.", "consent": "on", "token": token, "homepage": ""}
    data.update(fields)
    return client.post(url, data)


def test_the_list_shows_only_open_vacancies_of_approved_organisations(client, gemeente):
    approved = organisation_in(gemeente, name="Goedgekeurd")
    pending = organisation_in(gemeente, name="Wachtend", approval=ApprovalState.PENDING)
    vacancy_of(approved, gemeente, title="Open vacature")
    vacancy_of(approved, gemeente, title="Gesloten vacature", is_open=False)
    vacancy_of(approved, gemeente, title="Verlopen vacature",
               starts_on=timezone.localdate() - timedelta(days=60),
               ends_on=timezone.localdate() - timedelta(days=1))
    hidden = vacancy_of(pending, gemeente, title="Niet goedgekeurd")
    html = client.get("/nl/infopunt/testdam/vrijwilligers/").text
    assert "Open vacature" in html
    for title in ("Gesloten vacature", "Verlopen vacature", "Niet goedgekeurd"):
        assert title not in html
    assert client.get(f"/nl/infopunt/testdam/vrijwilligers/{hidden.pk}/").status_code == 404
    assert client.get(f"/nl/infopunt/testdam/vrijwilligers/{hidden.pk}/aanmelden/"
                      ).status_code == 404


def test_the_public_pages_set_no_cookie(client, vacancy):
    for url in ("/nl/infopunt/testdam/vrijwilligers/",
                f"/nl/infopunt/testdam/vrijwilligers/{vacancy.pk}/",
                f"/nl/infopunt/testdam/vrijwilligers/{vacancy.pk}/aanmelden/"):
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url


def test_filters_by_theme_and_wijk(client, gemeente):
    organisation = organisation_in(gemeente)
    wijk = WijkFactory(gemeente=gemeente, name="Verzonnenwijk")
    vacancy_of(organisation, gemeente, title="Taal in de wijk", wijk=wijk)
    vacancy_of(organisation, gemeente, title="Sportmaatje", theme="sport")
    html = client.get("/nl/infopunt/testdam/vrijwilligers/?thema=taal").text
    assert "Taal in de wijk" in html and "Sportmaatje" not in html
    html = client.get(f"/nl/infopunt/testdam/vrijwilligers/?wijk={wijk.pk}").text
    assert "Taal in de wijk" in html and "Sportmaatje" not in html
    # A forged filter shows the list, never an error.
    assert client.get("/nl/infopunt/testdam/vrijwilligers/?wijk=x%00&thema=%00&page=zz"
                      ).status_code == 200


def test_the_public_list_takes_the_same_queries_for_3_and_30_vacancies(
        client, gemeente, django_assert_num_queries):
    organisation = organisation_in(gemeente)
    arabic = Language.objects.get(code="ar")

    def make(n):
        for i in range(n):
            vacancy_of(organisation, gemeente, title=f"Vacature {i}").languages.add(arabic)

    make(3)
    client.get("/nl/infopunt/testdam/vrijwilligers/")  # warm the per-process caches
    # gemeente, count, page of vacancies (with organisation, theme, wijk), themes and
    # wijken for the filters
    with django_assert_num_queries(5):
        client.get("/nl/infopunt/testdam/vrijwilligers/")
    make(27)
    with django_assert_num_queries(5):
        assert client.get("/nl/infopunt/testdam/vrijwilligers/").status_code == 200


def test_a_visitor_signs_up_for_a_vacancy(client, vacancy, monkeypatch):
    url = f"/nl/infopunt/testdam/vrijwilligers/{vacancy.pk}/aanmelden/"
    token = _form_page(client, url)
    _later(monkeypatch)
    response = _post(client, url, token)
    assert response.status_code == 303
    assert response["Location"] == "/nl/infopunt/testdam/vrijwilligers/aanmelden/verzonden/"
    application = VolunteerApplication.objects.get()
    assert (application.vacancy, application.organisation) == (vacancy, vacancy.organisation)
    assert application.ervaringsdeskundige and application.availability == "ma-avond"
    assert sorted(application.languages.values_list("code", flat=True)) == ["ar", "nl"]
    assert application.state == "pending" and application.language == "nl"
    mail = OutboxMessage.objects.get()  # the coördinator hears, without the person's details
    assert mail.to == f"coordinator.{vacancy.organisation_id}@example.org"
    assert f"/vrijwilligers/aanmeldingen/{application.pk}/" in mail.body
    assert "Testa" not in mail.body and "testa@example.org" not in mail.body
    # The same form sent again (a double click) stores nothing more.
    assert _post(client, url, token).status_code == 303
    assert VolunteerApplication.objects.count() == 1


def test_a_general_sign_up_for_an_organisation(client, gemeente, monkeypatch):
    organisation = with_coordinator(organisation_in(gemeente, name="Stichting Zonder Vacature"),
                                    gemeente)
    url = f"/uk/infopunt/testdam/vrijwilligers/aanmelden/{organisation.pk}/"
    token = _form_page(client, url)
    _later(monkeypatch)
    assert _post(client, url, token, email="", phone="06 1234 5678").status_code == 303
    application = VolunteerApplication.objects.get()
    assert application.vacancy is None and application.organisation == organisation
    assert application.language == "uk"
    pending = organisation_in(gemeente, approval=ApprovalState.PENDING)
    assert client.get(f"/nl/infopunt/testdam/vrijwilligers/aanmelden/{pending.pk}/"
                      ).status_code == 404


def test_an_organisation_without_a_coordinator_account_takes_no_sign_ups(client, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Zonder Account")
    url = f"/nl/infopunt/testdam/vrijwilligers/aanmelden/{organisation.pk}/"
    html = client.get(url).text
    assert "neemt op deze website nog geen aanmeldingen aan" in html
    assert 'name="first_name"' not in html
    client.post(url, {"first_name": "Testa", "surname": "Verzonnen", "phone": "0612345678",
                      "consent": "on"})
    assert not VolunteerApplication.objects.exists()


@pytest.mark.parametrize(("fields", "message"), [
    ({"email": "", "phone": ""}, "Vul een telefoonnummer of een e-mailadres in"),
    ({"first_name": "X" * 61}, "Zorg dat deze waarde niet meer dan 60 tekens bevat"),
    ({"motivation": "woord " * 300}, "niet meer dan 1000 tekens"),
    ({"languages": ["xx"]}, "Selecteer een geldige keuze"),
    ({"available": ["ma-nacht"]}, "Selecteer een geldige keuze"),
    ({"phone": "bel me maar"}, "Gebruik alleen cijfers"),
    ({"consent": ""}, "Vink dit vakje aan"),
    ({"first_name": "Te\x00sta"}, "Null-tekens zijn niet toegestaan"),
])
def test_bad_input_shows_errors_in_the_page_language_and_stores_nothing(
        client, vacancy, monkeypatch, fields, message):
    url = f"/nl/infopunt/testdam/vrijwilligers/{vacancy.pk}/aanmelden/"
    token = _form_page(client, url)
    _later(monkeypatch)
    response = _post(client, url, token, **fields)
    assert response.status_code == 200
    assert message in response.text
    assert not VolunteerApplication.objects.exists()


def test_errors_are_in_arabic_on_an_arabic_page(client, vacancy, monkeypatch):
    url = f"/ar/infopunt/testdam/vrijwilligers/{vacancy.pk}/aanmelden/"
    token = _form_page(client, url)
    _later(monkeypatch)
    html = _post(client, url, token, email="", phone="", languages=["xx"]).text
    assert 'dir="rtl"' in html.split("<head>")[0]
    assert "Please fill in a phone number" not in html
    assert "Select a valid choice" not in html
    assert not VolunteerApplication.objects.exists()


def test_honeypot_and_a_too_fast_or_forged_form_store_nothing(client, vacancy, monkeypatch):
    url = f"/nl/infopunt/testdam/vrijwilligers/{vacancy.pk}/aanmelden/"
    token = _form_page(client, url)
    assert _post(client, url, token).status_code == 200  # sent within a second: too fast
    _later(monkeypatch)
    response = _post(client, url, token, homepage="http://spam.example")
    assert response.status_code == 303  # a bot is told nothing
    assert _post(client, url, "forged:token").status_code == 200
    # a token of another vacancy's form does not fit this one
    other = vacancy_of(vacancy.organisation, vacancy.gemeente, title="Andere")
    other_token = _form_page(client, f"/nl/infopunt/testdam/vrijwilligers/{other.pk}/aanmelden/")
    assert _post(client, url, other_token).status_code == 200
    assert not VolunteerApplication.objects.exists()


def test_above_the_hourly_cap_the_visitor_is_asked_to_try_later(
        client, vacancy, monkeypatch, settings):
    settings.VOLUNTEER_APPLICATION_MAX_PER_HOUR = 1
    url = f"/nl/infopunt/testdam/vrijwilligers/{vacancy.pk}/aanmelden/"
    first, second = _form_page(client, url), _form_page(client, url)
    _later(monkeypatch)
    assert _post(client, url, first).status_code == 303
    response = _post(client, url, second, email="ander@example.org")
    assert OutboxMessage.objects.count() == 1
    assert response.status_code == 429 and "Probeer het later opnieuw" in response.text
    assert VolunteerApplication.objects.count() == 1


@pytest.mark.parametrize(("lang", "direction", "words"), [
    ("ar", "rtl", "متطوع"),
    ("uk", "ltr", "волонтер"),
])
def test_the_public_pages_render_in_arabic_and_ukrainian(client, vacancy, lang, direction,
                                                         words):
    base = f"/{lang}/infopunt/testdam/vrijwilligers/"
    # (page, whether it names the volunteer in its heading)
    for url, named in ((base, True), (f"{base}{vacancy.pk}/", False),
                       (f"{base}{vacancy.pk}/aanmelden/", True),
                       (f"{base}aanmelden/verzonden/", False)):
        html = client.get(url).text
        assert f'<html lang="{lang}" dir="{direction}"' in html, url
        if named:
            assert words in html.lower(), url
        for english in ("Help as a volunteer", "Sign up as a volunteer", "Your surname",
                        "I would like to help", "Thank you", "When can you help?",
                        "morning"):
            assert english not in html, (url, english)
