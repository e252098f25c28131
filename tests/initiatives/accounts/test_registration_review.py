"""What the regisseur judges a self-registered initiative by (who, which confirmed address,
what they wrote), the form in the infopunt's languages and the way to it, and the truth
about who hears of a decision. Through the real forms."""
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage, Wijk
from gemeenten.privacy import retention_run
from initiatives.choices import ApprovalState
from initiatives.models import InitiativeRegistration, Organisation, Presence
from tests.factories import GemeenteFactory, UserFactory, organisation_in

from ..test_kaart_support import rendered_form
from .test_registration import PASSWORD, confirm_link, form_url, register

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture(autouse=True)
def _no_time_check(settings):
    settings.REGISTRATION_FORM_MIN_SECONDS = 0


def registered_and_confirmed(client, gemeente, **fields):
    register(client, gemeente, **fields)
    client.post(confirm_link(OutboxMessage.objects.filter(
        to=fields.get("email", "wanda.test@example.org")).latest("created_at")))
    client.logout()
    return Organisation.objects.get(name=fields.get("name", "Wandelclub Testpad"))


def test_nobody_logs_in_and_nothing_is_public_before_the_address_is_confirmed(
    client, gemeente
):
    register(client, gemeente)
    response = client.post(reverse("login"), {"username": "wanda.test@example.org",
                                              "password": PASSWORD})
    assert "_auth_user_id" not in client.session and response.status_code == 200
    assert not Organisation.objects.exists()
    home = client.get(reverse("infopunt:results", args=[gemeente.slug]))
    assert "Wandelclub Testpad" not in home.content.decode()


def test_what_the_registrant_filled_in_becomes_the_organisation(client, gemeente):
    noord, zuid = Wijk.objects.create(gemeente=gemeente, name="Noord"), Wijk.objects.create(
        gemeente=gemeente, name="Zuid")
    organisation = registered_and_confirmed(client, gemeente, wijken=[noord.pk])

    assert organisation.description.startswith("Elke zaterdag")
    assert sorted(organisation.themes.values_list("slug", flat=True)) == ["ontmoeting", "sport"]
    assert sorted(organisation.languages.values_list("code", flat=True)) == ["ar", "nl"]
    assert (organisation.email, organisation.phone) == ("wandelen.test@example.org",
                                                       "010 555 0000")
    presence = Presence.objects.get(organisation=organisation)
    assert list(presence.wijken.all()) == [noord]
    registration = InitiativeRegistration.objects.get()
    assert registration.organisation == organisation and registration.confirmed_at
    assert zuid not in presence.wijken.all()


def test_a_wijk_of_another_gemeente_is_refused(client, gemeente):
    elders = Wijk.objects.create(gemeente=GemeenteFactory(name="Elders", slug="elders"),
                                 name="Elderswijk")
    Wijk.objects.create(gemeente=gemeente, name="Noord")
    response = register(client, gemeente, wijken=[elders.pk])
    assert response.status_code == 200 and "wijken" in response.context["form"].errors
    assert not InitiativeRegistration.objects.exists()


def test_the_form_asks_how_people_reach_the_initiative_and_what_it_does(client, gemeente):
    response = register(client, gemeente, contact_email="", phone="", description="",
                        themes=[])
    errors = response.context["form"].errors
    assert response.status_code == 200
    assert {"contact_email", "description", "themes"} <= set(errors)
    assert "Hoe kunnen mensen u bereiken?" in response.content.decode()
    assert not InitiativeRegistration.objects.exists()


def test_the_regisseur_sees_who_registered_what_with_which_confirmed_address(
    client, gemeente, login_as
):
    organisation = registered_and_confirmed(client, gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    html = client.get(reverse("initiatives:organisation_detail",
                              args=[organisation.pk])).content.decode()
    assert "Aangemeld door <bdi>Wanda</bdi> (<bdi>wanda.test@example.org</bdi>)" in html
    assert "E-mailadres bevestigd op" in html
    assert "Elke zaterdag wandelen we samen door het park." in html
    assert "wandelen.test@example.org" in html and "010 555 0000" in html
    assert "Sport en bewegen" in html  # not "Thema's —"
    # The approval button leads to a confirmation, not straight to the infopunt.
    approve = reverse("initiatives:organisation_approve", args=[organisation.pk])
    assert f'href="{approve}"' in html
    page = client.get(approve).content.decode()
    assert "wanda.test@example.org" in page  # who gets the e-mail
    assert Presence.objects.get(organisation=organisation).approval == ApprovalState.PENDING


def test_a_coordinator_does_not_see_the_registration_record(client, gemeente, login_as):
    organisation = registered_and_confirmed(client, gemeente)
    client.force_login(User.objects.get(username="wanda.test@example.org"))
    html = client.get(reverse("initiatives:organisation_detail",
                              args=[organisation.pk])).content.decode()
    assert "Aangemeld door" not in html


def test_the_registration_is_kept_until_the_regisseur_decides(client, gemeente):
    organisation = registered_and_confirmed(client, gemeente)
    later = timezone.localdate() + timedelta(days=30)
    retention_run(today=later)
    assert InitiativeRegistration.objects.filter(organisation=organisation).exists()
    Presence.objects.filter(organisation=organisation).update(approval=ApprovalState.APPROVED)
    assert retention_run(today=later)["initiative_registrations"] == 1
    assert not InitiativeRegistration.objects.exists()


def test_rejecting_an_organisation_without_accounts_says_nobody_was_told(
    client, login_as, gemeente
):
    organisation = organisation_in(gemeente, approval=ApprovalState.PENDING,
                                   name="Zonder Account Fictief")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:organisation_reject", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert "niemand krijgt een e-mail" in page
    assert "krijgen een e-mail" not in page
    assert 'name="reason"' not in page  # a reason would go nowhere: it is only e-mailed
    data = rendered_form(page, "csrfmiddlewaretoken")
    response = client.post(url, data, follow=True).content.decode()
    assert "Niemand kreeg een e-mail" in response
    assert "per e-mail" not in response
    assert not OutboxMessage.objects.exists()


def test_rejecting_tells_the_registrant_and_says_so(client, login_as, gemeente):
    organisation = registered_and_confirmed(client, gemeente)
    OutboxMessage.objects.all().delete()
    UserFactory(role=Role.COORDINATOR, gemeente=gemeente, email="weg.test@example.org",
                is_active=False).organisations.add(organisation)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:organisation_reject", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert "wanda.test@example.org" in page and "weg.test@example.org" not in page
    response = client.post(url, rendered_form(page, "reason"), follow=True).content.decode()
    assert "wanda.test@example.org" in response
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [
        "wanda.test@example.org"]  # an inactive account is not written to


# --- The way to the form, and its languages ------------------------------------------------


def test_the_infopunt_links_to_the_form_but_not_in_kiosk_mode(client, gemeente):
    for path in (reverse("infopunt:home", args=[gemeente.slug]),
                 reverse("infopunt:results", args=[gemeente.slug])):
        html = client.get(path).content.decode()
        assert f'href="{form_url(gemeente)}"' in html, path
        assert "Zelf iets organiseren? Meld uw initiatief aan" in html
    kiosk = client.get(reverse("infopunt:home", args=[gemeente.slug]) + "?kiosk=1")
    assert form_url(gemeente) not in kiosk.content.decode()


def test_the_old_address_and_the_gemeente_choice_lead_to_the_gemeente_form(client, gemeente):
    response = client.get("/account/register-initiative/?gemeente=" + gemeente.slug)
    assert response["Location"] == form_url(gemeente)
    assert client.get("/account/register-initiative/")["Location"] == "/nl/infopunt/aanmelden/"
    # With one gemeente, the choice is made.
    assert client.get("/nl/infopunt/aanmelden/")["Location"] == form_url(gemeente)
    GemeenteFactory(name="Anderdam", slug="anderdam")
    choice = client.get("/ar/infopunt/aanmelden/").content.decode()
    assert 'href="/ar/infopunt/anderdam/aanmelden/"' in choice
    assert f'href="{form_url(gemeente, "ar")}"' in choice
    # No cookie on the public form.
    assert not client.get(form_url(gemeente)).cookies


@pytest.mark.parametrize("language", ["ar", "uk", "fa", "so", "ti", "tr", "en"])
def test_the_form_and_the_confirmation_speak_the_registrants_language(
    client, gemeente, language
):
    page = client.get(form_url(gemeente, language)).content.decode()
    assert f'lang="{language}"' in page
    with translation.override(language):
        title = translation.gettext("Register your initiative")
        what = translation.gettext("What do you do?")
    if language != "en":
        assert title != "Register your initiative" and what != "What do you do?", language
    assert title in page and what in page

    response = register(client, gemeente, language=language)
    assert response.status_code == 303
    message = OutboxMessage.objects.get()
    assert InitiativeRegistration.objects.get().language == language
    link = confirm_link(message)
    assert link.startswith(f"/{language}/infopunt/aanmelden/bevestigen/")
    with translation.override(language):
        assert translation.gettext("Hello,") in message.body
        confirm_title = translation.gettext("Confirm your registration")
    confirm = client.get(link).content.decode()
    assert f'lang="{language}"' in confirm and confirm_title in confirm
    assert client.post(link).status_code == 302
    assert User.objects.filter(username="wanda.test@example.org").exists()


def test_a_link_from_before_the_move_still_confirms_in_dutch(client, gemeente):
    register(client, gemeente)
    token = confirm_link(OutboxMessage.objects.get()).rstrip("/").rsplit("/", 1)[1]
    old = client.get(f"/account/register-initiative/confirm/{token}/")
    assert old["Location"] == f"/nl/infopunt/aanmelden/bevestigen/{token}/"
    assert client.post(old["Location"]).status_code == 302
    assert User.objects.filter(username="wanda.test@example.org").exists()
