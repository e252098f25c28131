"""Taakstelling and expected arrivals: the regisseur records them with the real forms, bad
input gets a Dutch error (never a 500), a month or half year is recorded once, another
gemeente's rows are a 404, and deleting asks first."""
from datetime import date

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from regie.models import ExpectedArrival, Taakstelling
from tests.factories import GemeenteFactory
from tests.initiatives.test_kaart_support import filled, rendered_form

pytestmark = pytest.mark.django_db
URL = "/regie/taakstelling/"


@pytest.fixture
def regisseur(login_as, gemeente):
    return login_as(Role.REGISSEUR, gemeente=gemeente)


def _form(client, field):
    return rendered_form(client.get(URL).content.decode(), field)


def _post_arrival(client, **values):
    data = filled(_form(client, "aankomst-month"), **values)
    data["form"] = "aankomst"
    return client.post(URL, data)


def _post_taak(client, **values):
    data = filled(_form(client, "halfjaar-number"), **values)
    data["form"] = "halfjaar"
    return client.post(URL, data)


def test_the_page_is_dutch_and_says_what_to_do_when_empty(client, regisseur):
    assert URL == reverse("regie:taakstelling")
    page = client.get(URL).content.decode()
    assert "Nog geen taakstelling vastgelegd" in page
    assert "Nog geen verwachte instroom vastgelegd" in page


def test_the_regisseur_records_a_taakstelling_and_arrivals(client, regisseur, gemeente):
    response = _post_taak(client, **{"halfjaar-year": "2027", "halfjaar-half": "1",
                                     "halfjaar-number": "40"})
    assert response.status_code == 302
    response = _post_arrival(client, **{"aankomst-month": "2027-03", "aankomst-number": "12",
                                        "aankomst-note": "vooral gezinnen"})
    assert response.status_code == 302
    taak = Taakstelling.objects.get()
    assert (taak.gemeente, taak.year, taak.half, taak.number) == (gemeente, 2027, 1, 40)
    arrival = ExpectedArrival.objects.get()
    assert (arrival.month, arrival.number, arrival.changed_by) == (date(2027, 3, 1), 12,
                                                                   regisseur)
    page = client.get(URL).content.decode()
    assert "Opgeslagen." in page
    # The half year shows its arrivals recorded and what is not yet in a month: 40 - 12.
    assert 'data-col="arrivals">12<' in page and 'data-col="unplanned">28<' in page


@pytest.mark.parametrize(("values", "message"), [
    ({"aankomst-number": "-3"}, "Vul 0 of meer in."),
    ({"aankomst-number": "drie"}, "Vul een heel getal in"),
    ({"aankomst-number": "1000000"}, "Vul een getal in tot en met 100000."),
    ({"aankomst-month": "maart"}, "Vul een maand in zoals 2026-09."),
    ({"aankomst-month": "2027-13"}, "Vul een maand in zoals 2026-09."),
    ({"aankomst-month": ""}, "Dit veld is verplicht."),
])
def test_bad_arrivals_get_a_dutch_error(client, regisseur, values, message):
    data = {"aankomst-month": "2027-03", "aankomst-number": "5", **values}
    response = _post_arrival(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExpectedArrival.objects.exists()


def test_a_month_is_recorded_once(client, regisseur, gemeente):
    ExpectedArrival.objects.create(gemeente=gemeente, month=date(2027, 3, 1), number=4)
    response = _post_arrival(client, **{"aankomst-month": "2027-03", "aankomst-number": "9"})
    assert response.status_code == 400
    assert "Deze maand heeft al een verwachte instroom" in response.content.decode()
    assert ExpectedArrival.objects.get().number == 4


def test_the_same_month_in_another_gemeente_is_no_conflict(client, regisseur):
    ExpectedArrival.objects.create(gemeente=GemeenteFactory(name="Elderstad", slug="elders"),
                                   month=date(2027, 3, 1), number=4)
    response = _post_arrival(client, **{"aankomst-month": "2027-03", "aankomst-number": "9"})
    assert response.status_code == 302


def test_a_half_year_is_recorded_once_and_numbers_are_not_negative(client, regisseur,
                                                                    gemeente):
    Taakstelling.objects.create(gemeente=gemeente, year=2027, half=1, number=40)
    response = _post_taak(client, **{"halfjaar-year": "2027", "halfjaar-half": "1",
                                     "halfjaar-number": "50"})
    assert "Dit halfjaar heeft al een taakstelling" in response.content.decode()
    response = _post_taak(client, **{"halfjaar-year": "2027", "halfjaar-half": "2",
                                     "halfjaar-number": "-1"})
    assert "Vul 0 of meer in." in response.content.decode()
    assert Taakstelling.objects.count() == 1


def test_the_database_refuses_a_second_row_for_a_month(gemeente):
    from django.db import IntegrityError, transaction

    ExpectedArrival.objects.create(gemeente=gemeente, month=date(2027, 3, 1), number=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpectedArrival.objects.create(gemeente=gemeente, month=date(2027, 3, 1), number=5)


def test_a_row_is_changed_and_deleted_after_confirming(client, regisseur, gemeente):
    arrival = ExpectedArrival.objects.create(gemeente=gemeente, month=date(2027, 3, 1),
                                             number=4)
    url = reverse("regie:aankomst_edit", args=[arrival.pk])
    data = filled(rendered_form(client.get(url).content.decode(), "number"), number="6")
    assert data["month"] == ["2027-03"]
    assert client.post(url, data).status_code == 302
    arrival.refresh_from_db()
    assert arrival.number == 6
    delete = reverse("regie:aankomst_delete", args=[arrival.pk])
    assert "Deze regel verwijderen?" in client.get(delete).content.decode()
    assert ExpectedArrival.objects.exists()
    assert client.post(delete).status_code == 302
    assert not ExpectedArrival.objects.exists()


def test_another_gemeentes_row_is_a_404(client, regisseur):
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    arrival = ExpectedArrival.objects.create(gemeente=elders, month=date(2027, 3, 1), number=4)
    taak = Taakstelling.objects.create(gemeente=elders, year=2027, half=1, number=4)
    for url in (reverse("regie:aankomst_edit", args=[arrival.pk]),
                reverse("regie:aankomst_delete", args=[arrival.pk]),
                reverse("regie:halfjaar_edit", args=[taak.pk]),
                reverse("regie:halfjaar_delete", args=[taak.pk])):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert ExpectedArrival.objects.exists() and Taakstelling.objects.exists()
    assert "Elderstad" not in client.get(URL).content.decode()


def test_the_page_makes_a_constant_number_of_queries(client, regisseur, gemeente):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    before = count()
    # session, user, OTP device, gemeente (4); half years, arrivals for them, the arrival
    # rows, their total (4); the capacity table (5); the menu's four counts in one query
    assert before == 14
    for month in range(1, 13):
        ExpectedArrival.objects.create(gemeente=gemeente, month=date(2028, month, 1),
                                       number=month)
    Taakstelling.objects.create(gemeente=gemeente, year=2028, half=1, number=10)
    assert count() == before
