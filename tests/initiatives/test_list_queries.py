"""The remaining list pages cost the same number of queries with few and with many rows:
the coordinator's contact requests and organisation page, and the regisseur's list of
searches with few results."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Wijk
from infopunt.services import search_record
from initiatives.models import ContactRequest
from tests.factories import ActivityFactory, ScheduleFactory, organisation_in

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _contact_requests(gemeente, organisation, activity, n):
    ContactRequest.objects.bulk_create([
        ContactRequest(gemeente=gemeente, organisation=organisation, activity=activity,
                       first_name=f"Testa {i}", phone="0600000000",
                       state=["new", "answered", "closed"][i % 3])
        for i in range(n)
    ])


def test_contact_request_list_costs_the_same_at_3_and_at_60_requests(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Verzonnen")
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation)
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:contact_list")
    _contact_requests(gemeente, organisation, activity, 3)
    few = _queries(client, url)
    _contact_requests(gemeente, organisation, activity, 57)
    assert _queries(client, url) == few
    assert _queries(client, url + "?state=new") == few


def test_my_organisation_page_costs_the_same_at_2_and_at_40_activities(client, login_as, gemeente):
    organisation = organisation_in(gemeente, name="Stichting Verzonnen")
    login_as(Role.COORDINATOR, organisation=organisation, gemeente=gemeente)
    url = reverse("initiatives:my_organisations")

    def add(n):
        for _ in range(n):
            activity = ActivityFactory(gemeente=gemeente, organisation=organisation)
            ScheduleFactory(activity=activity, weekdays="1")

    add(2)
    few = _queries(client, url)
    add(38)
    assert _queries(client, url) == few


def test_search_gap_list_costs_the_same_with_few_and_many_combinations(
    client, login_as, gemeente,
):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("infopunt_search_gaps")
    today = timezone.localdate()
    wijken = Wijk.objects.bulk_create(
        [Wijk(gemeente=gemeente, name=f"Verzonnen wijk {i}") for i in range(6)]
    )

    def searches(themes, words):
        for theme in themes:
            for wijk in wijken:
                for _ in range(3):
                    search_record(gemeente=gemeente, day=today, theme=theme, language="ti",
                                  wijk=wijk, words=words, result_count=0)

    searches(["werk"], ["zwemles"])
    few = _queries(client, url)
    searches(["taal", "sport", "kinderen", "gezondheid"], ["naaicursus", "fietsles"])
    assert _queries(client, url) == few
