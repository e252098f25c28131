"""Contact requests from the staff side: who reads one (the organisation's coordinator, or the
gemeente's regisseur while it has none), forwarding it by inviting a coordinator, the reader's
note, marking it done and reopening it, and the count of new ones in the navigation and on the
start page. (The visitor's side: tests/infopunt/test_contact.py.)"""
import re

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from gemeenten.scope import gemeente_scope
from initiatives.models import ContactRequest, Invitation
from initiatives.services import contact_request_create
from tests.factories import (
    ActivityFactory,
    GemeenteFactory,
    PresenceFactory,
    UserFactory,
    organisation_in,
)

pytestmark = pytest.mark.django_db
PASSWORD = "een-heel-lang-wachtwoord-77"


def request_to(organisation, gemeente, name="Verzonnen", **fields):
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation)
    return ContactRequest.objects.create(
        gemeente=gemeente, organisation=organisation, activity=activity, first_name=name,
        phone="0600000000", **fields,
    )


def detail(pk: int) -> str:
    return reverse("initiatives:contact_detail", args=[pk])


def test_regisseur_reads_only_the_requests_no_coordinator_reads(client, login_as, gemeente):
    with_coordinator = organisation_in(gemeente, name="Stichting Met Account")
    with_coordinator.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente))
    without = organisation_in(gemeente, name="Stichting Zonder Account")
    read_by_them = request_to(with_coordinator, gemeente, "Hunbezoeker")
    read_by_gemeente = request_to(without, gemeente, "Gemeentebezoeker")
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    foreign = request_to(organisation_in(elders), elders, "Eldersbezoeker")
    login_as(Role.REGISSEUR, gemeente=gemeente)

    listing = client.get(reverse("initiatives:contact_list")).text
    assert "Gemeentebezoeker" in listing
    assert "Hunbezoeker" not in listing and "Eldersbezoeker" not in listing
    assert client.get(detail(read_by_gemeente.pk)).status_code == 200
    assert client.get(detail(read_by_them.pk)).status_code == 404
    assert client.get(detail(foreign.pk)).status_code == 404
    assert client.post(detail(read_by_them.pk) + "closed/").status_code == 404
    assert 'href="/sociale-kaart/contactverzoeken/"' in listing  # in the navigation


def test_requests_follow_the_coordinator_accounts_as_they_are_now(gemeente):
    """No copy of the rule: the first coordinator takes the requests over, old ones too, and
    when the last one leaves they come back to the gemeente."""
    organisation = organisation_in(gemeente)
    contact = request_to(organisation, gemeente)
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    assert list(ContactRequest.objects.for_user(regisseur)) == [contact]

    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    organisation.staff.add(coordinator)
    assert list(ContactRequest.objects.for_user(coordinator)) == [contact]
    assert not ContactRequest.objects.for_user(regisseur).exists()

    coordinator.is_active = False
    coordinator.save()
    assert list(ContactRequest.objects.for_user(regisseur)) == [contact]


def test_a_coordinator_of_another_gemeente_does_not_take_the_request(gemeente):
    """The organisation works in two gemeenten; its coordinator's account belongs to the other
    one, where the portal shows them that gemeente's requests only. A request here is read by
    this gemeente, and the coordinator gets no e-mail with a link they cannot open."""
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    organisation = organisation_in(gemeente)
    PresenceFactory(organisation=organisation, gemeente=elders)
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=elders,
                              email="coordinator@elders.example")
    organisation.staff.add(coordinator)
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente,
                            email="regisseur@testdam.example")
    with gemeente_scope(gemeente):
        contact = contact_request_create(
            activity=ActivityFactory(gemeente=gemeente, organisation=organisation),
            first_name="Verzonnen", phone="0600000000", max_per_hour=20,
            base_url="http://testserver/")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [
        "regisseur@testdam.example"]
    assert list(ContactRequest.objects.for_user(regisseur)) == [contact]
    assert not ContactRequest.objects.for_user(coordinator).exists()


def test_regisseur_forwards_a_request_by_inviting_a_coordinator(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Doorstuur",
                                   email="info@doorstuur.example")
    contact = request_to(organisation, gemeente, "Doorgestuurde")
    login_as(Role.REGISSEUR, gemeente=gemeente, first_name="Regina")

    page = client.get(detail(contact.pk)).text
    assert "De gemeente leest dit verzoek" in page
    assert "info@doorstuur.example" in page  # the organisation's own contact details
    forward = f"/sociale-kaart/uitnodigingen/nieuw/?contactverzoek={contact.pk}"
    assert f'href="{forward}"' in page.replace("&amp;", "&")

    form = client.get(forward)
    assert form.status_code == 200
    html = form.text
    assert 'value="info@doorstuur.example"' in html
    assert re.search(rf'<option value="{organisation.pk}" selected>', html)
    assert re.search(r'value="coordinator"[^>]*checked', html)
    # The form posts to its own address, so the request is remembered.
    response = client.post(forward, {
        "first_name": "Fatima", "last_name": "Testpersoon", "email": "info@doorstuur.example",
        "role": Role.COORDINATOR, "organisation": organisation.pk,
    })
    assert response.status_code == 302 and response["Location"] == detail(contact.pk)
    invitation = Invitation.objects.get()
    assert (invitation.organisation, invitation.first_name) == (organisation, "Fatima")
    page = client.get(detail(contact.pk)).text
    assert "Doorgestuurd: op" in page and "info@doorstuur.example" in page

    message = OutboxMessage.objects.get()
    assert message.body.startswith("Beste Fatima Testpersoon,")
    assert ("1 persoon vroeg via het informatiepunt om contact met Stichting Doorstuur"
            in message.body)
    assert "Doorgestuurde" not in message.body and "0600000000" not in message.body

    # The invited coordinator accepts: the request is theirs, and off the regisseur's list.
    link = re.search(r"http://testserver(/account/invitation/[^/\s]+/)", message.body).group(1)
    client.post(reverse("logout"))
    accept_form = client.get(link).text
    assert 'value="Fatima"' in accept_form and 'value="Testpersoon"' in accept_form
    client.post(link, {"first_name": "Fatima", "last_name": "Testpersoon",
                       "password1": PASSWORD, "password2": PASSWORD})
    assert "Doorgestuurde" in client.get(reverse("initiatives:contact_list")).text
    assert client.get(detail(contact.pk)).status_code == 200
    regisseur = login_as(Role.REGISSEUR, gemeente=gemeente)
    assert not ContactRequest.objects.for_user(regisseur).exists()
    assert client.get(detail(contact.pk)).status_code == 404


def test_forwarding_a_request_of_an_organisation_without_an_email_address(
        client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Wandelclub Zonderpost", email="")
    contact = request_to(organisation, gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(detail(contact.pk)).text
    assert "De organisatie heeft geen e-mailadres of telefoonnummer op de sociale kaart" in page
    form = client.get(f"/sociale-kaart/uitnodigingen/nieuw/?contactverzoek={contact.pk}").text
    assert "De organisatie heeft geen e-mailadres op de sociale kaart" in form
    assert re.search(r'<input type="email" name="email"(?![^>]*value=)', form)


def test_forwarding_a_request_the_regisseur_does_not_read_prefills_nothing(
        client, login_as, gemeente):
    organisation = organisation_in(gemeente, email="info@eigen.example")
    organisation.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente))
    contact = request_to(organisation, gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    form = client.get(f"/sociale-kaart/uitnodigingen/nieuw/?contactverzoek={contact.pk}").text
    assert "info@eigen.example" not in form


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REGISSEUR])
def test_the_reader_notes_marks_done_and_reopens(client, login_as, gemeente, role):
    organisation = organisation_in(gemeente)
    contact = request_to(organisation, gemeente, "Notitiebezoeker")
    login_as(role, gemeente=gemeente,
             organisation=organisation if role == Role.COORDINATOR else None)

    page = client.get(detail(contact.pk)).text
    note_url = reverse("initiatives:contact_note", args=[contact.pk])
    assert f'action="{note_url}"' in page and 'name="note"' in page
    assert "Markeer als afgehandeld" in page
    assert ">Sluiten<" not in page  # not to be read as "close this page"
    client.post(note_url, {"note": "gebeld, komt vrijdag"})
    contact.refresh_from_db()
    assert contact.note == "gebeld, komt vrijdag"
    assert "gebeld, komt vrijdag" in client.get(reverse("initiatives:contact_list")).text

    client.post(detail(contact.pk) + "answered/")
    client.post(detail(contact.pk) + "closed/")
    contact.refresh_from_db()
    assert contact.state == "closed" and contact.closed_at
    page = client.get(detail(contact.pk)).text
    assert "afgehandeld" in page and "Heropenen" in page
    client.post(detail(contact.pk) + "reopen/")
    contact.refresh_from_db()
    # Back to where it was before it was done; the retention clock is the open one again.
    assert (contact.state, contact.closed_at) == ("answered", None)
    assert contact.answered_at is not None


def test_reopening_a_request_that_was_never_answered_makes_it_new(gemeente):
    contact = request_to(organisation_in(gemeente), gemeente)
    assert contact.close() and contact.reopen()
    assert contact.state == "new" and not contact.reopen()


def test_a_note_on_one_line_only(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    contact = request_to(organisation, gemeente, note="eerder")
    login_as(Role.COORDINATOR, gemeente=gemeente, organisation=organisation)
    client.post(reverse("initiatives:contact_note", args=[contact.pk]),
                {"note": "regel een\nregel twee"})
    contact.refresh_from_db()
    assert contact.note == "eerder"


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REGISSEUR])
def test_new_requests_are_counted_in_the_navigation_and_on_the_start_page(
        client, login_as, gemeente, role):
    organisation = organisation_in(gemeente)
    for n in range(3):
        request_to(organisation, gemeente, f"Nieuw{n}")
    request_to(organisation, gemeente, "Beantwoord", state=ContactRequest.State.ANSWERED)
    other = organisation_in(gemeente)
    other.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente))
    request_to(other, gemeente, "VanAnderen")  # read by its own coordinator: not counted
    login_as(role, gemeente=gemeente,
             organisation=organisation if role == Role.COORDINATOR else None)

    start = client.get("/", follow=True).text
    assert re.search(r'Contactverzoeken <span class="badge[^"]*">3<span class="visually-hidden">'
                     r' nieuw</span>', start)
    if role == Role.COORDINATOR:
        assert "U hebt 3 nieuwe contactverzoeken van het informatiepunt." in start
    else:
        # The regisseur lands on the dashboard: the requests they read are its figure.
        assert "Contactverzoeken nog niet beantwoord" in start
        assert "waarvan 3 voor jou" in start
    assert 'href="/sociale-kaart/contactverzoeken/?state=new"' in start


def test_the_count_waits_until_the_regisseur_passed_two_step_verification(client, gemeente):
    request_to(organisation_in(gemeente), gemeente)
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    assert ContactRequest.objects.for_user(regisseur).new().count() == 1
    client.force_login(regisseur)
    page = client.get(reverse("two_factor")).text
    assert "Tweestapsverificatie" in page and "badge rounded-pill" not in page


def test_no_new_requests_no_count(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    request_to(organisation, gemeente, state=ContactRequest.State.ANSWERED)
    login_as(Role.COORDINATOR, gemeente=gemeente, organisation=organisation)
    start = client.get("/", follow=True).text
    assert "nieuwe contactverzoek" not in start and "badge rounded-pill" not in start


def test_regisseur_reviews_the_held_requests_they_read(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    spam = request_to(organisation, gemeente, "Spam", held=True)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    held = client.get(reverse("initiatives:contact_held")).text
    assert f'name="request" value="{spam.pk}"' in held
    client.post(reverse("initiatives:contact_review"),
                {"request": [spam.pk], "action": "discard"})
    assert not ContactRequest.objects.exists()
