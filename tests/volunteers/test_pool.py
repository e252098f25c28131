"""The coördinator's volunteer pool: their own organisations' volunteers only; the regisseur
sees counts, never names; retention after the last membership ended."""
from datetime import date, timedelta

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from volunteers.models import Membership, Volunteer

from ..factories import WijkFactory, organisation_in

pytestmark = pytest.mark.django_db


def _volunteer(gemeente, organisation, name="Testa", **kwargs):
    volunteer = Volunteer.objects.create(gemeente=gemeente, first_name=name,
                                         surname="Helpvaardig", email=f"{name}@example.org",
                                         **kwargs)
    Membership.objects.create(volunteer=volunteer, organisation=organisation)
    return volunteer


def test_a_coordinator_adds_a_volunteer_to_their_pool(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Taalcafé Test")
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    wijk = WijkFactory(gemeente=gemeente)
    response = client.post(reverse("volunteers:volunteer_create"), {
        "first_name": "Vrij", "surname": "Willig", "email": "vrij@example.org",
        "wijk": wijk.pk, "organisation": organisation.pk, "kind": "core",
        "spoken": ["ar", "nl"], "level": "native", "available": ["ma-avond"],
        "max_koppelingen": "2"})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert volunteer.memberships.get().kind == "core"
    assert sorted(volunteer.languages.values_list("language__code", flat=True)) == ["ar", "nl"]
    assert volunteer.availability == "ma-avond"
    page = client.get(reverse("volunteers:pool")).content.decode()
    assert "Vrij Willig" in page


def test_bad_input_changes_nothing(client, login_as, gemeente):
    organisation = organisation_in(gemeente)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    response = client.post(reverse("volunteers:volunteer_create"), {
        "first_name": "X" * 61, "surname": "", "organisation": organisation.pk,
        "kind": "core", "level": "good", "max_koppelingen": "99", "vog_date": "2026-01-01"})
    assert response.status_code == 200 and not Volunteer.objects.exists()
    assert "Geef een e-mailadres of een telefoonnummer." in response.content.decode()


def test_the_pool_shows_only_the_own_organisations_volunteers_in_fixed_queries(
        client, login_as, gemeente, django_assert_max_num_queries):
    own = organisation_in(gemeente, name="Eigen Club")
    other = organisation_in(gemeente, name="Andere Club")
    for n in range(20):
        _volunteer(gemeente, own, name=f"Eigen{n}")
    _volunteer(gemeente, other, name="Vreemde")
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("volunteers:pool"))
    assert response.context["paginator"].count == 20
    assert "Vreemde" not in response.content.decode()


def test_the_regisseur_sees_counts_not_names(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Telclub")
    _volunteer(gemeente, organisation, name="Geheim")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    page = client.get(reverse("volunteers:counts")).content.decode()
    assert "Telclub" in page and "Geheim" not in page
    assert client.get(reverse("volunteers:pool")).status_code == 404


def test_a_volunteer_is_anonymised_a_year_after_their_last_membership(gemeente):
    from gemeenten.privacy import retention_run

    organisation = organisation_in(gemeente)
    gone = _volunteer(gemeente, organisation, name="Vertrokken")
    gone.memberships.update(active=False, ended_on=date(2025, 6, 1))
    still = _volunteer(gemeente, organisation, name="Actief")
    today = date(2026, 7, 1)
    assert retention_run(today=today)["volunteers"] == 1
    assert retention_run(today=today)["volunteers"] == 0
    gone.refresh_from_db()
    assert gone.first_name == "" and gone.anonymised_at is not None
    assert Volunteer.objects.get(pk=still.pk).first_name == "Actief"
    assert today - timedelta(days=365) > date(2025, 6, 1)
