"""Text typed by others is shown to staff isolated (<bdi>), and its invisible direction
controls are gone before it is stored: a \u202e cannot turn the rest of a line around."""
import re
import time

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from initiatives.models import ContactRequest
from tests.infopunt.factories import public_activity
from tests.initiatives.test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db


def test_a_question_with_a_direction_override_is_stored_without_it_and_shown_isolated(
    client, gemeente, monkeypatch, login_as
):
    activity = public_activity(gemeente)
    url = f"/nl/infopunt/{gemeente.slug}/activiteit/{activity.pk}/contact/"
    data = rendered_form(client.get(url).content.decode(), "question")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    response = client.post(url, filled(
        data, first_name="Testa\u202e", phone="06 1234 5678",
        question="Kan ik \u202egnp.exe\u202c komen\u2066?\u2069",
    ))
    assert response.status_code == 303
    contact = ContactRequest.objects.get()
    assert (contact.first_name, contact.question) == ("Testa", "Kan ik gnp.exe komen?")

    login_as(Role.COORDINATOR, organisation=activity.organisation, gemeente=gemeente)
    html = client.get(reverse("initiatives:contact_detail", args=[contact.pk])).content.decode()
    assert re.search(r"<bdi>Kan ik gnp\.exe komen\?</bdi>", html)
    assert "<bdi>Testa</bdi>" in html


def test_names_titles_and_addresses_typed_by_others_are_isolated_on_the_staff_pages(
    client, gemeente, login_as
):
    """Stored before this check existed, or written another way: still shown isolated."""
    from initiatives.accounts.services import invitation_create
    from tests.factories import ActivityFactory, organisation_in

    organisation = organisation_in(gemeente, name="Stichting \u202eTest")
    ActivityFactory(gemeente=gemeente, organisation=organisation, title="Taalcafé \u202eTest")
    regisseur = login_as(Role.REGISSEUR, gemeente=gemeente)
    invitation_create(by=regisseur, email="uitgenodigd.test@example.org",
                      role=Role.COORDINATOR, organisation=organisation,
                      base_url="http://testserver/")
    pages = {
        reverse("initiatives:organisation_list"): ["Stichting \u202eTest"],
        reverse("initiatives:organisation_detail", args=[organisation.pk]): [
            "Stichting \u202eTest", "Taalcafé \u202eTest"],
        reverse("initiatives:activity_list"): ["Taalcafé \u202eTest", "Stichting \u202eTest"],
        reverse("initiatives:invitation_list"): ["uitgenodigd.test@example.org",
                                                 "Stichting \u202eTest"],
    }
    for url, texts in pages.items():
        html = client.get(url).content.decode()
        for text in texts:
            assert f"<bdi>{text}</bdi>" in html, (url, text)


def test_an_organisations_title_is_isolated_on_the_infopunt_result_card(client, gemeente):
    activity = public_activity(gemeente, title="Taalcafé \u202eTest")
    html = client.get(f"/nl/infopunt/{gemeente.slug}/aanbod/?q=taalcafe").content.decode()
    assert "<bdi>Taalcafé \u202eTest</bdi>" in html
    assert f"<bdi>{activity.organisation.name}</bdi>" in html
