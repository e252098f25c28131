"""Vacancies and the sign-ups of volunteers on the coördinator's side: writing and closing a
vacancy, accepting a sign-up into the pool (with an invitation to an account, once), declining
it, inviting a pool volunteer, scoping and retention."""
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Language, OutboxMessage, Theme
from gemeenten.privacy import registry
from initiatives.models import Invitation
from tests.factories import UserFactory, organisation_in
from volunteers.models import (
    Membership,
    Vacancy,
    Volunteer,
    VolunteerApplication,
    VolunteerLanguage,
)
from volunteers.services import volunteer_application_accept

pytestmark = pytest.mark.django_db


def vacancy_of(organisation, gemeente, title="Taalmaatje gezocht", **fields):
    return Vacancy.objects.create(gemeente=gemeente, organisation=organisation, title=title,
                                  theme=Theme.objects.get(slug="taal"), **fields)


def application_for(organisation, gemeente, first_name="Aanmelder", email="aanmelder@example.org",
                    **fields):
    application = VolunteerApplication.objects.create(
        gemeente=gemeente, organisation=organisation, first_name=first_name,
        surname="Verzonnen", email=email, availability="di-avond", language="ar", **fields)
    application.languages.set(Language.objects.filter(code__in=["ar", "nl"]))
    application.interests.set(Theme.objects.filter(slug="taal"))
    return application


@pytest.fixture
def own(gemeente):
    return organisation_in(gemeente, name="Eigen Taalcafé")


@pytest.fixture
def coordinator(login_as, own, gemeente):
    return login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente,
                    first_name="Coördinator", last_name="Verzonnen")


def test_a_coordinator_writes_edits_and_closes_a_vacancy(client, coordinator, own, gemeente):
    form_url = reverse("volunteers:vacancy_create")
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {
        "organisation": own.pk, "title": "Gastvrouw taalcafé", "description": "Koffie en praten",
        "theme": Theme.objects.get(slug="taal").pk, "starts_on": "2026-12-01",
        "ends_on": "2027-03-01", "hours": "2 uur per week", "languages": ["ar", "uk"]})
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.gemeente == gemeente and vacancy.is_open
    assert sorted(vacancy.languages.values_list("code", flat=True)) == ["ar", "uk"]
    response = client.post(reverse("volunteers:vacancy_edit", args=[vacancy.pk]), {
        "organisation": own.pk, "title": "Gastheer taalcafé",
        "theme": Theme.objects.get(slug="taal").pk, "starts_on": "2026-12-01"})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Gastheer taalcafé" and vacancy.ends_on is None
    close_url = reverse("volunteers:vacancy_close", args=[vacancy.pk])
    page = client.get(close_url).content.decode()
    assert "Ja, sluiten" in page
    vacancy.refresh_from_db()
    assert vacancy.is_open  # the GET only asks
    response = client.post(close_url, follow=True)
    assert "is gesloten" in response.content.decode()
    vacancy.refresh_from_db()
    assert not vacancy.is_open and vacancy.closed_at is not None


def test_bad_vacancy_input_shows_dutch_errors_and_saves_nothing(client, coordinator, own):
    response = client.post(reverse("volunteers:vacancy_create"), {
        "organisation": own.pk, "title": "X" * 151, "theme": "",
        "starts_on": "2027-03-01", "ends_on": "2027-01-01", "languages": ["xx"]})
    page = response.content.decode()
    assert response.status_code == 200 and not Vacancy.objects.exists()
    assert "De einddatum komt na de begindatum." in page
    assert "Dit veld is verplicht." in page


def test_another_organisations_vacancy_and_sign_up_are_404(client, coordinator, gemeente):
    other = organisation_in(gemeente, name="Andere Club")
    vacancy = vacancy_of(other, gemeente)
    application = application_for(other, gemeente)
    for name, pk in (("vacancy_edit", vacancy.pk), ("vacancy_close", vacancy.pk),
                     ("application_detail", application.pk)):
        assert client.get(reverse(f"volunteers:{name}", args=[pk])).status_code == 404
    for name in ("vacancy_close", "application_accept", "application_decline"):
        pk = vacancy.pk if name == "vacancy_close" else application.pk
        assert client.post(reverse(f"volunteers:{name}", args=[pk])).status_code == 404
    vacancy.refresh_from_db()
    application.refresh_from_db()
    assert vacancy.is_open and application.state == "pending"
    assert "Andere Club" not in client.get(reverse("volunteers:vacancies")).content.decode()
    assert "Aanmelder Verzonnen" not in client.get(
        reverse("volunteers:applications")).content.decode()


def test_the_regisseur_reads_the_gemeentes_vacancies_but_writes_none(client, login_as,
                                                                      gemeente, own):
    vacancy_of(own, gemeente, title="Zichtbare vacature")
    application_for(own, gemeente)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("volunteers:vacancies")).content.decode()
    assert "Zichtbare vacature" in page and "Nieuwe vacature" not in page
    assert client.get(reverse("volunteers:vacancy_create")).status_code in (403, 404)
    assert client.get(reverse("volunteers:applications")).status_code in (403, 404)


def test_the_vacancy_list_takes_the_same_queries_for_3_and_30(
        client, coordinator, own, gemeente, django_assert_num_queries):
    arabic = Language.objects.get(code="ar")

    def make(n):
        for i in range(n):
            vacancy = vacancy_of(own, gemeente, title=f"Vacature {i}")
            vacancy.languages.add(arabic)
            application_for(own, gemeente, email=f"a{i}.{vacancy.pk}@example.org",
                            vacancy=vacancy)

    make(3)
    url = reverse("volunteers:vacancies")
    client.get(url)
    # session, user, count, gemeente (the header), the menu's four counts in one query
    # (aanmeldingen, contact requests, check-ins asking attention, sign-ups of volunteers:
    # gemeenten.navigation), the themes of the filter, the page of vacancies (organisation,
    # theme, wijk, the sign-ups waiting annotated), their languages
    with django_assert_num_queries(8):
        client.get(url)
    make(27)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_menu_counts_the_waiting_sign_ups(client, coordinator, own, gemeente):
    application_for(own, gemeente)
    application_for(own, gemeente, email="tweede@example.org", state="declined")
    page = client.get(reverse("volunteers:pool")).content.decode()
    assert re.search(r"Aanmelders <span[^>]*>1<", page)


def test_accepting_makes_one_volunteer_membership_and_invitation_even_twice(
        client, coordinator, own, gemeente):
    application = application_for(own, gemeente)
    detail = client.get(reverse("volunteers:application_detail", args=[application.pk]))
    assert "Opnemen in de pool" in detail.content.decode()
    url = reverse("volunteers:application_accept", args=[application.pk])
    response = client.post(url, {"kind": "core"}, follow=True)
    assert "krijgt een e-mail om een account te maken" in response.content.decode()
    client.post(url, {"kind": "occasional"})
    volunteer_application_accept(application=application, by=coordinator)  # once more
    volunteer = Volunteer.objects.get()
    assert (volunteer.first_name, volunteer.email) == ("Aanmelder", "aanmelder@example.org")
    assert volunteer.availability == "di-avond"
    assert list(Membership.objects.values_list("organisation", "kind")) == [(own.pk, "core")]
    assert VolunteerLanguage.objects.filter(volunteer=volunteer).count() == 2
    assert list(volunteer.interests.values_list("slug", flat=True)) == ["taal"]
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.email) == ("volunteer", "aanmelder@example.org")
    mail = OutboxMessage.objects.get(key=f"invitation:{invitation.pk}")
    assert "als vrijwilliger" in mail.body and "Eigen Taalcafé" in mail.body
    application.refresh_from_db()
    assert application.state == "accepted" and application.volunteer == volunteer


def test_an_accepted_sign_up_of_a_known_volunteer_adds_a_membership(coordinator, own,
                                                                      gemeente):
    elsewhere = organisation_in(gemeente, name="Andere Club")
    known = Volunteer.objects.create(gemeente=gemeente, first_name="Bekend", surname="Verzonnen",
                                     email="aanmelder@example.org")
    Membership.objects.create(volunteer=known, organisation=elsewhere)
    volunteer_application_accept(application=application_for(own, gemeente), by=coordinator)
    assert Volunteer.objects.count() == 1
    assert set(known.memberships.values_list("organisation", flat=True)) == {own.pk,
                                                                            elsewhere.pk}


def test_accepting_the_invitation_links_the_account_to_the_volunteer(client, coordinator,
                                                                       own, gemeente):
    from initiatives.accounts.services import invitation_accept

    application = application_for(own, gemeente)
    client.post(reverse("volunteers:application_accept", args=[application.pk]),
                {"kind": "occasional"})
    mail = OutboxMessage.objects.get(key__startswith="invitation:")
    token = re.search(r"/uitnodiging/([^/\s]+)/", mail.body) or re.search(
        r"/([A-Za-z0-9_\-]{40,})/", mail.body)
    user = invitation_accept(token=token.group(1), password="een-lang-wachtwoord-2026")
    assert user.role == Role.VOLUNTEER
    assert Volunteer.objects.get().user == user
    assert not own.staff.filter(pk=user.pk).exists()  # a volunteer is no staff


def test_declining_tells_the_applicant_in_their_language(client, coordinator, own, gemeente):
    application = application_for(own, gemeente)
    url = reverse("volunteers:application_decline", args=[application.pk])
    response = client.post(url, {"reason": "We zitten vol tot de zomer."}, follow=True)
    assert "is afgewezen" in response.content.decode()
    client.post(url, {"reason": "nog eens"})
    application.refresh_from_db()
    assert application.state == "declined"
    assert application.decline_reason == "We zitten vol tot de zomer."
    mail = OutboxMessage.objects.get()
    assert mail.to == "aanmelder@example.org"
    assert "شكرًا لتسجيلك" in mail.body and "We zitten vol" in mail.body
    assert not Volunteer.objects.exists()
    # a declined sign-up cannot be accepted afterwards
    client.post(reverse("volunteers:application_accept", args=[application.pk]),
                {"kind": "core"})
    assert not Volunteer.objects.exists()


def test_a_too_long_decline_reason_is_an_error_not_a_decline(client, coordinator, own,
                                                             gemeente):
    application = application_for(own, gemeente)
    response = client.post(reverse("volunteers:application_decline", args=[application.pk]),
                           {"reason": "x" * 501})
    assert response.status_code == 200 and "niet meer dan 500 tekens" in response.content.decode()
    application.refresh_from_db()
    assert application.state == "pending"


def test_a_coordinator_invites_a_volunteer_of_their_pool(client, coordinator, own, gemeente):
    volunteer = Volunteer.objects.create(gemeente=gemeente, first_name="Vera",
                                         surname="Verzonnen", email="vera@example.org")
    Membership.objects.create(volunteer=volunteer, organisation=own)
    assert "Uitnodigen voor een account" in client.get(
        reverse("volunteers:pool")).content.decode()
    url = reverse("volunteers:volunteer_invite", args=[volunteer.pk])
    assert "Ja, uitnodigen" in client.get(url).content.decode()
    assert not Invitation.objects.exists()
    client.post(url)
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.organisation) == ("volunteer", own)
    stranger = Volunteer.objects.create(gemeente=gemeente, first_name="Vreemd",
                                        surname="Verzonnen", email="vreemd@example.org")
    Membership.objects.create(volunteer=stranger,
                              organisation=organisation_in(gemeente, name="Ander"))
    assert client.post(reverse("volunteers:volunteer_invite", args=[stranger.pk])
                       ).status_code == 404


def test_a_regisseur_cannot_invite_a_volunteer_role(gemeente, own):
    from initiatives.accounts.services import InvitationError, invitation_create

    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    with pytest.raises(InvitationError):
        invitation_create(by=regisseur, email="x@example.org", role=Role.VOLUNTEER,
                          organisation=own)


def test_retention_deletes_decided_and_untouched_sign_ups(own, gemeente, settings):
    from gemeenten.scope import gemeente_scope

    today = date(2027, 6, 1)
    moment = timezone.make_aware(timezone.datetime(2027, 6, 1, 12))
    old_decided = application_for(own, gemeente, email="a@example.org", state="declined",
                                   decided_at=moment - timedelta(days=91))
    recent_decided = application_for(own, gemeente, email="b@example.org", state="declined",
                                     decided_at=moment - timedelta(days=30))
    untouched = application_for(own, gemeente, email="c@example.org",
                                created_at=moment - timedelta(days=400))
    waiting = application_for(own, gemeente, email="d@example.org",
                              created_at=moment - timedelta(days=100))
    handler, _per_gemeente = registry.retention["volunteer_applications"]
    with gemeente_scope(gemeente):
        assert handler(today) == 2
    left = set(VolunteerApplication.objects.values_list("pk", flat=True))
    assert left == {recent_decided.pk, waiting.pk}
    assert old_decided.pk not in left and untouched.pk not in left


@pytest.mark.sqlite_file
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_accepting_at_once_make_one_volunteer(gemeente):
    import threading

    from django.db import connection

    from gemeenten.scope import gemeente_scope

    own = organisation_in(gemeente, name="Eigen Taalcafé")
    coordinators = [UserFactory(role=Role.COORDINATOR, gemeente=gemeente) for _n in range(2)]
    for user in coordinators:
        own.staff.add(user)
    application = application_for(own, gemeente)
    barrier = threading.Barrier(2)
    errors = []

    def accept(user):
        try:
            barrier.wait(timeout=10)
            with gemeente_scope(gemeente):  # a thread starts outside any scope, as a request
                volunteer_application_accept(application=application, by=user)
        except Exception as error:  # noqa: BLE001  reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(user,)) for user in coordinators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Volunteer.objects.count() == 1 and Membership.objects.count() == 1
    assert Invitation.objects.count() == 1


def test_a_sign_up_without_e_mail_is_accepted_without_an_invitation(client, coordinator, own,
                                                                    gemeente):
    application = application_for(own, gemeente, email="", phone="06 1234 5678")
    response = client.post(reverse("volunteers:application_accept", args=[application.pk]),
                           {"kind": "occasional"}, follow=True)
    assert "krijgt een e-mail" not in response.content.decode()
    assert Volunteer.objects.get().phone == "06 1234 5678"
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()
