"""Approval decides what the public sees; re-confirmation is one click."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from initiatives.choices import ApprovalState
from initiatives.models import Activity, Organisation, Presence
from tests.factories import ActivityFactory, UserFactory, organisation_in

from .test_kaart_support import rendered_form

pytestmark = pytest.mark.django_db


def test_unapproved_organisation_and_its_activities_are_public_only_after_approval(
    client, login_as, gemeente
):
    organisation = organisation_in(gemeente, approval=ApprovalState.PENDING, name="Nieuw Fictief")
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              email="coordinator@example.org")
    organisation.staff.add(coordinator)
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation)
    assert organisation not in Organisation.objects.public(gemeente)
    assert activity not in Activity.objects.public(gemeente)
    assert activity not in Activity.objects.public()

    login_as(Role.REGISSEUR, gemeente=gemeente)
    detail = client.get(reverse("initiatives:organisation_detail", args=[organisation.pk]))
    approve_url = reverse("initiatives:organisation_approve", args=[organisation.pk])
    assert approve_url in detail.content.decode()
    confirm = client.get(approve_url)
    data = rendered_form(confirm.content.decode(), "csrfmiddlewaretoken")
    response = client.post(approve_url, data, follow=True)
    assert response.status_code == 200
    assert "Nieuw Fictief" in response.content.decode()

    assert organisation in Organisation.objects.public(gemeente)
    assert activity in Activity.objects.public(gemeente)
    presence = Presence.objects.get(organisation=organisation)
    assert presence.approval == ApprovalState.APPROVED
    assert presence.approved_at is not None
    message = OutboxMessage.objects.get(to="coordinator@example.org")
    assert "Nieuw Fictief" in message.subject


def test_approve_asks_first_and_shows_what_the_infopunt_will_show(client, login_as, gemeente):
    organisation = organisation_in(gemeente, approval=ApprovalState.PENDING,
                                   name="Voorbeeld Fictief")
    ActivityFactory(gemeente=gemeente, organisation=organisation, title="Taalcafé Fictief",
                    phone="010 555 1234")
    ActivityFactory(gemeente=gemeente, organisation=organisation, title="Oud Fictief",
                    is_active=False)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:organisation_approve", args=[organisation.pk])

    page = client.get(url)  # the confirmation step changes nothing

    html = page.content.decode()
    assert page.status_code == 200
    assert organisation.presences.get().approval == ApprovalState.PENDING
    assert "Wat het informatiepunt gaat tonen" in html
    assert "Taalcafé Fictief" in html and "010 555 1234" in html
    assert "Oud Fictief" not in html  # an inactive activity does not go public
    # Nobody to tell: the page says so, and no e-mail is written.
    assert "niemand krijgt een e-mail" in html
    response = client.post(url, follow=True)
    assert organisation.presences.get().approval == ApprovalState.APPROVED
    assert "Niemand kreeg een e-mail" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_pending_filter_and_banner_show_organisations_awaiting_approval(
    client, login_as, gemeente
):
    organisation_in(gemeente, approval=ApprovalState.PENDING, name="Wacht Fictief")
    organisation_in(gemeente, name="Goed Fictief")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:organisation_list"))
    assert response.context["pending_count"] == 1
    assert "?approval=pending" in response.content.decode()
    pending = client.get(reverse("initiatives:organisation_list"), {"approval": "pending"})
    assert [o.name for o in pending.context["object_list"]] == ["Wacht Fictief"]


def test_coordinator_confirms_listing_with_one_click(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    Presence.objects.filter(organisation=organisation).update(
        last_confirmed=timezone.localdate() - dt.timedelta(days=400)
    )
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    page = client.get(reverse("initiatives:my_organisations"))
    assert "alert-warning" in page.content.decode()  # confirmation is due
    data = rendered_form(page.content.decode(), "next")
    response = client.post(reverse("initiatives:organisation_confirm", args=[organisation.pk]),
                           data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("initiatives:my_organisations")
    assert Presence.objects.get(organisation=organisation).last_confirmed == timezone.localdate()
    assert response.context["messages"]


def test_regisseur_adds_organisation_approved_without_joining_its_staff(
    client, login_as, gemeente
):
    user = login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:organisation_register")
    data = rendered_form(client.get(url).content.decode(), "name")
    data["name"] = ["Stichting Toegevoegd"]
    client.post(url, data)
    organisation = Organisation.objects.get(name="Stichting Toegevoegd")
    assert organisation in Organisation.objects.public(gemeente)
    assert user not in organisation.staff.all()


def test_regisseur_turns_a_registration_down_after_a_confirmation(client, login_as, gemeente):
    organisation = organisation_in(gemeente, approval=ApprovalState.PENDING,
                                   name="Reclame Fictief")
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              email="reclame.coordinator@example.org")
    organisation.staff.add(coordinator)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    reject_url = reverse("initiatives:organisation_reject", args=[organisation.pk])
    detail = client.get(reverse("initiatives:organisation_detail", args=[organisation.pk]))
    assert reject_url in detail.content.decode()

    confirm = client.get(reject_url)  # the confirmation page changes nothing
    assert confirm.status_code == 200
    assert "Wilt u “Reclame Fictief” echt niet goedkeuren?" in confirm.content.decode()
    assert organisation.presences.get().approval == ApprovalState.PENDING

    data = rendered_form(confirm.content.decode(), "reason")
    data["reason"] = ["Dit is geen activiteit voor nieuwkomers."]
    response = client.post(reject_url, data, follow=True)
    assert "is niet goedgekeurd" in response.content.decode()
    assert "Alsnog goedkeuren" in response.content.decode()
    assert organisation.presences.get().approval == ApprovalState.REJECTED
    assert organisation not in Organisation.objects.public(gemeente)
    message = OutboxMessage.objects.get(to="reclame.coordinator@example.org")
    assert "Reclame Fictief" in message.subject
    assert "Dit is geen activiteit voor nieuwkomers." in message.body

    client.post(reject_url, data)  # twice: no second e-mail
    assert OutboxMessage.objects.count() == 1

    client.force_login(coordinator)
    page = client.get(reverse("initiatives:organisation_detail", args=[organisation.pk]))
    assert "heeft uw aanmelding niet goedgekeurd" in page.content.decode()


def test_a_rejected_organisation_can_be_approved_after_all(client, login_as, gemeente):
    organisation = organisation_in(gemeente, approval=ApprovalState.REJECTED)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    client.post(reverse("initiatives:organisation_approve", args=[organisation.pk]))
    assert organisation in Organisation.objects.public(gemeente)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER])
def test_only_a_regisseur_turns_a_registration_down(client, login_as, gemeente, role):
    organisation = organisation_in(gemeente, approval=ApprovalState.PENDING)
    login_as(role, organisation=organisation, gemeente=gemeente)
    response = client.post(reverse("initiatives:organisation_reject", args=[organisation.pk]))
    assert response.status_code in (403, 404)
    assert organisation.presences.get().approval == ApprovalState.PENDING
