"""Invitations: a regisseur invites a begeleider or coordinator by e-mail (a one-time link
that expires). Through the real forms. (Self-registration: test_registration.py.)"""
import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from initiatives.accounts.services import InvitationError, invitation_create
from initiatives.models import Invitation
from tests.factories import GemeenteFactory, UserFactory, organisation_in

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "een-heel-lang-wachtwoord-77"


def nl(text: str) -> str:
    with translation.override("nl"):
        return gettext(text)


def invite(client, *, email="nieuwe.coordinator@example.org", role=Role.COORDINATOR,
           organisation=None):
    form = client.get(reverse("initiatives:invitation_create"))
    assert form.status_code == 200
    return client.post(reverse("initiatives:invitation_create"), {
        "email": email, "role": role,
        "organisation": organisation.pk if organisation else "",
    })


def link_in(message: OutboxMessage) -> str:
    return re.search(r"http://testserver(/account/invitation/[^/\s]+/)", message.body).group(1)


def accept(client, path, *, password=PASSWORD, first_name="Nieuwe"):
    return client.post(path, {"first_name": first_name, "last_name": "Testpersoon",
                              "password1": password, "password2": password})


# --- Inviting --------------------------------------------------------------------------------


def test_regisseur_invites_a_coordinator_and_one_outbox_message_holds_the_link(
    client, login_as, gemeente
):
    regisseur = login_as(Role.REGISSEUR, gemeente=gemeente)
    organisation = organisation_in(gemeente, name="Taalcafé De Testhoek")

    response = invite(client, organisation=organisation)

    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:invitation_list")
    invitation = Invitation.objects.get()
    assert (invitation.gemeente, invitation.organisation, invitation.invited_by) == (
        gemeente, organisation, regisseur
    )
    assert invitation.role == Role.COORDINATOR
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    message = OutboxMessage.objects.get()
    assert message.to == "nieuwe.coordinator@example.org"
    path = link_in(message)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    # Only the hash is stored; the token itself is in the e-mail and nowhere else.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()
    listing = client.get(reverse("initiatives:invitation_list"))
    assert "nieuwe.coordinator@example.org" in listing.content.decode()


def test_the_invitation_greets_by_name_when_given_and_the_account_form_starts_with_it(
    client, login_as, gemeente
):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client, email="zonder.naam@example.org")
    assert OutboxMessage.objects.get().body.startswith("Hallo,\n")
    form = client.get(reverse("initiatives:invitation_create")).content.decode()
    assert 'name="first_name"' in form and 'name="last_name"' in form
    client.post(reverse("initiatives:invitation_create"), {
        "first_name": "Fatima", "last_name": "el Testpersoon", "email": "met.naam@example.org",
        "role": Role.COORDINATOR, "organisation": "",
    })
    message = OutboxMessage.objects.get(to="met.naam@example.org")
    assert message.body.startswith("Beste Fatima el Testpersoon,\n")
    assert "Fatima el Testpersoon" in client.get(
        reverse("initiatives:invitation_list")).content.decode()
    client.post(reverse("logout"))
    accept_form = client.get(link_in(message)).content.decode()
    assert 'value="Fatima"' in accept_form and 'value="el Testpersoon"' in accept_form
    client.post(link_in(message), {"first_name": "Fatima", "last_name": "el Testpersoon",
                                   "password1": PASSWORD, "password2": PASSWORD})
    user = User.objects.get(username="met.naam@example.org")
    assert (user.first_name, user.last_name) == ("Fatima", "el Testpersoon")


def test_regisseur_cannot_invite_into_another_gemeentes_organisation(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    foreign = organisation_in(elders, name="Stichting Elders")

    response = invite(client, organisation=foreign)

    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Invitation.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert "Stichting Elders" not in response.content.decode()  # not even offered


def test_the_service_refuses_another_gemeentes_organisation_too(gemeente):
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    foreign = organisation_in(GemeenteFactory(name="Elderstad", slug="elderstad"))
    with pytest.raises(InvitationError):
        invitation_create(by=regisseur, email="x.test@example.org", role=Role.COORDINATOR,
                          organisation=foreign)
    assert not Invitation.objects.exists()


def test_a_begeleider_must_be_invited_into_an_organisation(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = invite(client, role=Role.BEGELEIDER)
    assert response.status_code == 200
    assert nl("A caseworker works for an organisation: choose it.") in (
        response.context["form"].errors["organisation"]
    )
    assert not Invitation.objects.exists()


def test_an_address_that_has_an_account_cannot_be_invited(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    UserFactory(email="bestaat.al@example.org", gemeente=gemeente)
    response = invite(client, email="Bestaat.Al@example.org")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER, Role.VOLUNTEER])
def test_only_a_regisseur_may_invite(client, login_as, role):
    login_as(role)
    assert client.get(reverse("initiatives:invitation_create")).status_code == 404
    assert client.get(reverse("initiatives:invitation_list")).status_code == 404


def test_inviting_again_withdraws_the_earlier_link(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client)
    first = link_in(OutboxMessage.objects.get())
    invite(client)
    assert OutboxMessage.objects.count() == 2
    client.post(reverse("logout"))
    assert client.get(first).status_code == 410


# --- Accepting -------------------------------------------------------------------------------


def test_accepted_invitation_makes_the_account_which_can_log_in(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    organisation = organisation_in(gemeente)
    invite(client, organisation=organisation)
    path = link_in(OutboxMessage.objects.get())
    client.post(reverse("logout"))

    form = client.get(path)
    assert form.status_code == 200
    assert "nieuwe.coordinator@example.org" in form.content.decode()
    response = accept(client, path)

    assert response.status_code == 302
    user = User.objects.get(username="nieuwe.coordinator@example.org")
    assert (user.role, user.gemeente, user.email) == (
        Role.COORDINATOR, gemeente, "nieuwe.coordinator@example.org"
    )
    assert list(user.organisations.all()) == [organisation]
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None and invitation.user == user
    # Logged in straight away, and able to log in again with the chosen password.
    assert client.get(reverse("initiatives:my_organisations")).status_code == 200
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "nieuwe.coordinator@example.org",
                                              "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("initiatives:my_organisations")).status_code == 200


def test_accepted_begeleider_goes_on_to_set_up_two_factor(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client, email="begeleider.test@example.org", role=Role.BEGELEIDER,
           organisation=organisation_in(gemeente))
    path = link_in(OutboxMessage.objects.get())
    client.post(reverse("logout"))

    response = accept(client, path, first_name="Bea")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/")
    user = User.objects.get(username="begeleider.test@example.org")
    assert user.role == Role.BEGELEIDER
    # The invitation grants the set-up in this same session (no e-mailed link needed).
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode()
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user)
    client.post("/account/2fa/", {"token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("initiatives:my_organisations")).status_code == 200


def test_weak_password_is_refused_in_dutch_and_creates_nothing(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client)
    path = link_in(OutboxMessage.objects.get())
    client.post(reverse("logout"))

    response = accept(client, path, password="kort")
    assert response.status_code == 200
    with translation.override("nl"):
        too_short = ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.", 12,
        ) % 12
    assert too_short in response.content.decode()
    common = accept(client, path, password="qwertyuiop")
    assert "Dit wachtwoord is te algemeen" in common.content.decode()
    mismatch = client.post(path, {"password1": PASSWORD, "password2": PASSWORD + "x"})
    assert "De twee wachtwoordvelden komen niet overeen" in mismatch.content.decode()
    assert not User.objects.filter(username="nieuwe.coordinator@example.org").exists()
    assert Invitation.objects.get().accepted_at is None  # still usable


def _age(invitation: Invitation, age: timedelta) -> None:
    """Move the invitation back in time as if it were sent `age` ago."""
    created = timezone.now() - age
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=created, expires_at=created + timedelta(days=7)
    )


def test_an_invitation_of_almost_seven_days_still_works(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client)
    _age(Invitation.objects.get(), timedelta(days=7) - timedelta(minutes=1))
    path = link_in(OutboxMessage.objects.get())
    client.post(reverse("logout"))
    assert client.get(path).status_code == 200
    assert accept(client, path).status_code == 302


def test_expired_invitation_is_refused_and_creates_nothing(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client)
    _age(Invitation.objects.get(), timedelta(days=7, minutes=1))
    path = link_in(OutboxMessage.objects.get())
    client.post(reverse("logout"))
    users = User.objects.count()

    page = client.get(path)
    assert page.status_code == 410
    assert nl("This invitation has expired or was withdrawn.") in page.content.decode()
    response = accept(client, path)
    assert response.status_code == 410
    assert User.objects.count() == users
    assert Invitation.objects.get().accepted_at is None


def test_a_used_invitation_cannot_be_used_twice(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client)
    path = link_in(OutboxMessage.objects.get())
    client.post(reverse("logout"))
    assert accept(client, path).status_code == 302
    client.post(reverse("logout"))
    users = User.objects.count()

    page = client.get(path)
    assert page.status_code == 410
    assert nl("This invitation has already been used: an account was made with it.") in (
        page.content.decode()
    )
    assert accept(client, path, password="een-ander-lang-wachtwoord-9").status_code == 410
    assert User.objects.count() == users


def test_an_unknown_link_is_a_404_with_an_explanation(client, db):
    response = client.get(reverse("invitation_accept", args=["niet-een-echte-token"]))
    assert response.status_code == 404
    assert nl("This invitation link no longer works") in response.content.decode()


# --- The list and withdrawing ---------------------------------------------------------------


def _invitations(gemeente, by, count):
    now = timezone.now()
    Invitation.objects.bulk_create([
        Invitation(gemeente=gemeente, email=f"persoon{n}@example.org", role=Role.COORDINATOR,
                   token_hash=f"{gemeente.pk}-{n:060d}", invited_by=by,
                   organisation=organisation_in(gemeente) if n % 2 else None,
                   expires_at=now + timedelta(days=7 if n % 3 else -1))
        for n in range(count)
    ])


@pytest.mark.parametrize("count", [3, 40])
def test_invitation_list_query_count_does_not_grow_with_the_rows(
    client, login_as, gemeente, django_assert_max_num_queries, count
):
    regisseur = login_as(Role.REGISSEUR, gemeente=gemeente)
    _invitations(gemeente, regisseur, count)
    # session, user, OTP device, count, the gemeente (huisstijl), one page of invitations
    # with organisation and inviter joined; the menu's counts: new contact requests, open
    # action points on the worklist and signals waiting for an answer.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("initiatives:invitation_list") + "?o=-state")
    assert response.status_code == 200
    assert len(response.context["invitations"]) == min(count, 25)


def test_invitation_list_searches_and_shows_only_the_own_gemeente(client, login_as, gemeente):
    regisseur = login_as(Role.REGISSEUR, gemeente=gemeente)
    _invitations(gemeente, regisseur, 3)
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    Invitation.objects.create(gemeente=elders, email="elders.test@example.org",
                              role=Role.COORDINATOR, token_hash="elders",
                              expires_at=timezone.now() + timedelta(days=7))
    body = client.get(reverse("initiatives:invitation_list")).content.decode()
    assert "persoon1@example.org" in body and "elders.test@example.org" not in body
    found = client.get(reverse("initiatives:invitation_list") + "?q=persoon2")
    assert [i.email for i in found.context["invitations"]] == ["persoon2@example.org"]


def test_withdrawing_asks_first_and_then_the_link_stops_working(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    invite(client)
    invitation = Invitation.objects.get()
    path = link_in(OutboxMessage.objects.get())
    url = reverse("initiatives:invitation_revoke", args=[invitation.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert Invitation.objects.get().is_usable  # asking changes nothing
    assert client.post(url).status_code == 302
    assert not Invitation.objects.get().is_usable
    client.post(reverse("logout"))
    assert client.get(path).status_code == 410


def test_another_gemeentes_invitation_cannot_be_withdrawn(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    foreign = Invitation.objects.create(
        gemeente=elders, email="elders.test@example.org", role=Role.COORDINATOR,
        token_hash="elders", expires_at=timezone.now() + timedelta(days=7),
    )
    url = reverse("initiatives:invitation_revoke", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Invitation.objects.get().is_usable
