"""No cookie, no personal data, never a 500, and the retention of what the infopunt keeps."""
import datetime
import re
import time

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from gemeenten.choices import Role
from gemeenten.privacy import registry, retention_run
from infopunt.models import SearchDay, SearchWordDay
from infopunt.services import search_record
from initiatives.models import Activity, ContactRequest
from tests.factories import UserFactory, WijkFactory

from .factories import public_activity

pytestmark = pytest.mark.django_db


def _world(gemeente):
    wijk = WijkFactory(gemeente=gemeente, name="Verzonnenwijk")
    activity = public_activity(gemeente, title="Taalcafé Verzonnen", wijk=wijk)
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente,
                              first_name="Geheimvoornaam", last_name="Geheimachternaam",
                              email="geheim.coordinator@example.org")
    activity.organisation.staff.add(coordinator)
    ContactRequest.objects.create(
        gemeente=gemeente, organisation=activity.organisation, activity=activity,
        first_name="Bezoekervoornaam", phone="0611112222", email="bezoeker@example.org",
        question="Een verzonnen vraag",
    )
    return activity, wijk


def _pages(activity, wijk):
    a = activity.pk
    base = "/{lang}/infopunt/testdam"
    return [
        "/infopunt/", "/{lang}/infopunt/", base + "/", base + "/aanbod/",
        base + f"/aanbod/?thema=taal&taal=ti&wijk={wijk.pk}&dag=1&week=on&gratis=on&voor=vrouwen&nieuwkomers=on&q=taal",
        base + f"/activiteit/{a}/", base + f"/lijst/?l={a}", base + f"/lijst/?l={a}&kiosk=1",
        base + f"/lijst/afdrukken/?l={a}", base + f"/activiteit/{a}/contact/",
        base + f"/activiteit/{a}/contact/verzonden/", base + "/over/privacy/",
        base + "/over/toegankelijkheid/",
    ]


PERSONAL = ["Geheimvoornaam", "Geheimachternaam", "geheim.coordinator@example.org",
            "Bezoekervoornaam", "0611112222", "bezoeker@example.org", "Een verzonnen vraag"]


@pytest.mark.parametrize("lang", ["nl", "ar", "ti", "so"])
def test_no_infopunt_response_sets_a_cookie_or_shows_personal_data(client, gemeente, lang,
                                                                 monkeypatch):
    activity, wijk = _world(gemeente)
    for url in _pages(activity, wijk):
        response = client.get(url.format(lang=lang), HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code in (200, 302), url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        for value in PERSONAL:
            assert value not in response.content.decode(), (url, value)
    # sending the contact form sets no cookie either
    url = f"/{lang}/infopunt/testdam/activiteit/{activity.pk}/contact/"
    token = re.search(r'name="token" value="([^"]+)"', client.get(url).text).group(1)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10)
    response = client.post(url, {"first_name": "Testa", "phone": "0612345678", "token": token})
    assert response.status_code == 303
    assert not response.cookies and "Set-Cookie" not in response.headers
    assert not client.cookies


BAD = [
    "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\x00", "1e9999", "-1",
    "[]", "{}", "٣", "١٢,٣٤", "9" * 40, "🙂", "../../etc/passwd", "taal;DROP TABLE x",
]
PARAMS = ["q", "thema", "taal", "wijk", "dag", "week", "gratis", "voor", "nieuwkomers", "page",
          "l", "kiosk", "added", "removed", "gemeente"]


@pytest.mark.parametrize("value", BAD)
def test_bad_query_values_never_give_a_500(client, gemeente, value):
    activity = public_activity(gemeente)
    for param in PARAMS:
        for path in ["/nl/infopunt/", "/nl/infopunt/testdam/aanbod/",
                     f"/nl/infopunt/testdam/activiteit/{activity.pk}/",
                     "/nl/infopunt/testdam/lijst/", "/nl/infopunt/testdam/lijst/afdrukken/"]:
            response = client.get(path, {param: value})
            assert response.status_code in (200, 302), (path, param, value)
            assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("path", ["/xx/infopunt/", "/nl/infopunt/nergens/",
                                  "/nl/infopunt/testdam/activiteit/0/",
                                  "/nl/infopunt/testdam/activiteit/99999999999/",
                                  "/nl/infopunt/testdam/over/geheim/"])
def test_unknown_language_gemeente_or_activity_is_a_404(client, gemeente, path):
    assert client.get(path).status_code == 404


@hsettings(max_examples=40, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(
    st.sampled_from(["first_name", "phone", "email", "preferred_language", "question",
                     "token", "homepage", "extra"]),
    st.one_of(st.text(max_size=3000), st.just("' OR 1=1 --"), st.just("<b>x</b>")),
))
def test_any_contact_form_input_gives_a_page_or_a_form_error(client, gemeente, data):
    activity = Activity.objects.filter(gemeente=gemeente).first() or public_activity(gemeente)
    data = {k: v.replace("\x00", "") for k, v in data.items()}
    response = client.post(f"/ar/infopunt/testdam/activiteit/{activity.pk}/contact/", data)
    assert response.status_code in (200, 303)
    assert not response.cookies


def test_contact_requests_are_deleted_as_the_retention_table_says(gemeente):
    activity = public_activity(gemeente)
    now = timezone.now()

    def make(state, created_days, closed_days=None):
        return ContactRequest.objects.create(
            gemeente=gemeente, organisation=activity.organisation, activity=activity,
            first_name="Testa", phone="0600000000", state=state,
            created_at=now - datetime.timedelta(days=created_days),
            closed_at=now - datetime.timedelta(days=closed_days) if closed_days else None,
        )

    keep = [make("closed", 200, 30), make("new", 100), make("answered", 170)]
    gone = [make("closed", 200, 100), make("new", 190), make("answered", 185)]
    assert "contact_requests" in registry.retention
    result = retention_run(today=timezone.localdate())
    assert result["contact_requests"] == 3
    remaining = set(ContactRequest.objects.values_list("pk", flat=True))
    assert remaining == {c.pk for c in keep}
    assert not remaining & {c.pk for c in gone}


def test_search_words_are_dropped_after_ninety_days_but_counts_stay(gemeente):
    today = timezone.localdate()
    for days in (10, 91):
        search_record(gemeente=gemeente, day=today - datetime.timedelta(days=days),
                      words=["verzonnenwoord"], result_count=0)
    result = retention_run(today=today)
    assert result["infopunt_search_words"] == 1
    assert SearchWordDay.objects.count() == 1
    assert SearchDay.objects.count() == 2
