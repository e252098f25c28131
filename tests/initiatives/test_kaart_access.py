"""Scoping is the access check: another organisation's or gemeente's records are a 404."""
import pytest
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import Language
from initiatives.choices import ApprovalState
from initiatives.models import Activity, Organisation
from initiatives.services import activity_refresh
from tests.factories import ActivityFactory, GemeenteFactory, ScheduleFactory, organisation_in

from .test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_organisations(gemeente):
    own = organisation_in(gemeente, name="Eigen Initiatief")
    other = organisation_in(gemeente, name="Ander Initiatief")
    own_activity = ActivityFactory(gemeente=gemeente, organisation=own, title="Eigen taalcafé")
    other_activity = ActivityFactory(gemeente=gemeente, organisation=other, title="Andere kookclub")
    return own, other, own_activity, other_activity


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER])
@pytest.mark.parametrize("name,target", [
    ("initiatives:organisation_detail", "organisation"),
    ("initiatives:organisation_edit", "organisation"),
    ("initiatives:activity_create", "organisation"),
    ("initiatives:activity_detail", "activity"),
    ("initiatives:activity_edit", "activity"),
    ("initiatives:activity_delete", "activity"),
])
def test_organisation_staff_gets_404_for_another_organisations_records(
    client, login_as, gemeente, two_organisations, role, name, target
):
    own, other, own_activity, other_activity = two_organisations
    login_as(role, organisation=own, gemeente=gemeente)
    own_pk = own.pk if target == "organisation" else own_activity.pk
    other_pk = other.pk if target == "organisation" else other_activity.pk
    assert client.get(reverse(name, args=[own_pk])).status_code == 200
    assert client.get(reverse(name, args=[other_pk])).status_code == 404


def test_coordinator_cannot_post_to_another_organisations_activity(
    client, login_as, gemeente, two_organisations
):
    own, other, own_activity, other_activity = two_organisations
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    edit = client.get(reverse("initiatives:activity_edit", args=[own_activity.pk]))
    data = filled(rendered_form(edit.content.decode(), "title"), title="Overgenomen")
    assert client.post(reverse("initiatives:activity_edit", args=[other_activity.pk]),
                       data).status_code == 404
    assert client.post(reverse("initiatives:activity_delete", args=[other_activity.pk])
                       ).status_code == 404
    assert client.post(reverse("initiatives:organisation_confirm", args=[other.pk])
                       ).status_code == 404
    other_activity.refresh_from_db()
    assert other_activity.title == "Andere kookclub"
    assert Activity.objects.filter(pk=other_activity.pk).exists()


def test_coordinator_does_not_see_the_regisseurs_lists(client, login_as, gemeente,
                                                        two_organisations):
    own, *_ = two_organisations
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    assert client.get(reverse("initiatives:organisation_list")).status_code == 404
    assert client.get(reverse("initiatives:activity_list")).status_code == 404
    assert client.post(reverse("initiatives:organisation_approve", args=[own.pk])
                       ).status_code == 404


def test_my_organisations_lists_only_own(client, login_as, gemeente, two_organisations):
    own, *_ = two_organisations
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    body = client.get(reverse("initiatives:my_organisations")).content.decode()
    assert "Eigen Initiatief" in body and "Eigen taalcafé" in body
    assert "Ander Initiatief" not in body and "Andere kookclub" not in body


@pytest.fixture
def elsewhere():
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    organisation = organisation_in(elders, name="Elders Initiatief",
                                   approval=ApprovalState.PENDING)
    activity = ActivityFactory(gemeente=elders, organisation=organisation, title="Elders café")
    return organisation, activity


@pytest.mark.parametrize("name,target", [
    ("initiatives:organisation_detail", "organisation"),
    ("initiatives:organisation_edit", "organisation"),
    ("initiatives:activity_create", "organisation"),
    ("initiatives:activity_detail", "activity"),
    ("initiatives:activity_edit", "activity"),
    ("initiatives:activity_delete", "activity"),
])
def test_regisseur_gets_404_for_another_gemeentes_records(
    client, login_as, gemeente, elsewhere, name, target
):
    organisation, activity = elsewhere
    login_as(Role.REGISSEUR, gemeente=gemeente)
    pk = organisation.pk if target == "organisation" else activity.pk
    assert client.get(reverse(name, args=[pk])).status_code == 404


def test_regisseur_cannot_approve_another_gemeentes_organisation(
    client, login_as, gemeente, elsewhere
):
    organisation, _activity = elsewhere
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.post(reverse("initiatives:organisation_approve", args=[organisation.pk]))
    assert response.status_code == 404
    assert organisation.presences.get().approval == ApprovalState.PENDING


def test_regisseur_lists_leave_out_another_gemeente(client, login_as, gemeente, elsewhere):
    ActivityFactory(gemeente=gemeente, title="Hier café")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    activities = client.get(reverse("initiatives:activity_list")).content.decode()
    organisations = client.get(reverse("initiatives:organisation_list")).content.decode()
    assert "Hier café" in activities and "Elders café" not in activities
    assert "Elders Initiatief" not in organisations


def test_regisseur_sees_own_gemeentes_detail_with_next_dates_and_free(
    client, login_as, gemeente
):
    activity = ActivityFactory(gemeente=gemeente, title="Kenniscafé", cost="", languages=["prs"])
    ScheduleFactory(activity=activity, weekdays="3")
    activity_refresh(activity)
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("initiatives:activity_detail", args=[activity.pk]))
    assert response.status_code == 200
    assert len(response.context["upcoming"]) == 8
    body = response.content.decode()
    assert Language.objects.get(code="prs").name_nl in body
    assert "gratis" in body.lower() or "free" in body.lower()


def test_organisation_unknown_pk_is_404_not_500(client, login_as, gemeente):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    assert not Organisation.objects.filter(pk=424242).exists()
    assert client.get(reverse("initiatives:organisation_detail", args=[424242])).status_code == 404
