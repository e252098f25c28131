"""The privacy officer's audit log search: their own gemeente only, every filter, time order,
a constant number of queries per page, and a CSV export that neutralises formulas and is
itself an audited event. The person lookup keeps the registration number out of the URL."""
import csv
import io
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.audit import Action, Purpose
from gemeenten.choices import Role
from gemeenten.models import AuditEvent

from ..factories import GemeenteFactory, UserFactory

pytestmark = pytest.mark.django_db
SEARCH = reverse("privacy:audit_search")
EXPORT = reverse("privacy:audit_export")


def _at(day: int, hour: int = 12):
    return timezone.make_aware(datetime(2026, 3, day, hour, 0))


def _event(gemeente, subject_id, *, at=None, actor=None, action=Action.VIEW,
           purpose=Purpose.BEGELEIDING, subject_type="newcomer", detail=""):
    return AuditEvent.objects.create(
        gemeente=gemeente, at=at or _at(10), actor_id=getattr(actor, "pk", None),
        actor_role=getattr(actor, "role", ""), action=action, purpose=purpose,
        subject_type=subject_type, subject_id=str(subject_id), detail=detail)


def _shown(response) -> list[str]:
    assert response.status_code == 200
    return [event.subject_id for event in response.context["events"]]


@pytest.fixture
def log(gemeente):
    """Six events in Testdam (subject ids 1-6), one in Elderstad (subject id 99)."""
    begeleider = UserFactory(role=Role.BEGELEIDER, gemeente=gemeente, username="bg-test")
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente, username="rg-test")
    _event(gemeente, 1, at=_at(1), actor=begeleider, action=Action.CREATE)
    _event(gemeente, 2, at=_at(5), actor=begeleider, action=Action.CHANGE)
    _event(gemeente, 3, at=_at(10), actor=regisseur, purpose=Purpose.REGIE,
           detail="Overdracht")
    _event(gemeente, 4, at=_at(15), actor=None, action=Action.ANONYMISE,
           purpose=Purpose.RETENTION)
    _event(gemeente, 5, at=_at(20), actor=regisseur, action=Action.EXPORT,
           purpose=Purpose.REGIE, subject_type="council_report")
    _event(gemeente, 6, at=_at(31, 23), actor=begeleider, purpose=Purpose.REFERRAL)
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    _event(elders, 99, at=_at(10), actor=UserFactory(role=Role.REGISSEUR, gemeente=elders))
    return {"begeleider": begeleider, "regisseur": regisseur}


def test_the_privacy_officer_sees_only_their_own_gemeentes_log(client, login_as, gemeente,
                                                               log):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    assert _shown(client.get(SEARCH)) == ["6", "5", "4", "3", "2", "1"]
    assert _shown(client.get(SEARCH, {"subject_id": "99"})) == []
    export = client.get(EXPORT).content.decode("utf-8-sig")
    assert ";99;" not in export and ";3;" in export


def test_the_log_page_names_accounts_and_never_a_person(client, login_as, gemeente, log):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    text = client.get(SEARCH).content.decode()
    assert "bg-test" in text and "rg-test" in text
    assert "een taak" in text  # the retention job's event has no account
    assert "Begeleider" in text and "geanonimiseerd" in text


@pytest.mark.parametrize(("query", "expected"), [
    ({"since": "2026-03-05"}, ["6", "5", "4", "3", "2"]),
    ({"until": "2026-03-10"}, ["3", "2", "1"]),
    ({"since": "2026-03-05", "until": "2026-03-15"}, ["4", "3", "2"]),
    ({"since": "2026-03-31", "until": "2026-03-31"}, ["6"]),  # late evening, local time
    ({"actor": "job"}, ["4"]),
    ({"action": Action.CHANGE}, ["2"]),
    ({"purpose": Purpose.REGIE}, ["5", "3"]),
    ({"subject_type": "council_report"}, ["5"]),
    ({"subject_type": "newcomer", "subject_id": "3"}, ["3"]),
    ({"o": "at"}, ["1", "2", "3", "4", "5", "6"]),
])
def test_each_filter_narrows_the_log(client, login_as, gemeente, log, query, expected):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    assert _shown(client.get(SEARCH, query)) == expected


def test_the_account_filter_offers_the_gemeentes_accounts(client, login_as, gemeente, log):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    response = client.get(SEARCH, {"actor": str(log["regisseur"].pk)})
    assert _shown(response) == ["5", "3"]
    choices = dict(response.context["filter"].form.fields["actor"].choices)
    assert choices[str(log["begeleider"].pk)] == "bg-test"
    assert "elders" not in " ".join(map(str, choices.values()))


@pytest.mark.parametrize("query", [
    {"since": "2026-03-20", "until": "2026-03-01"},
    {"since": "0001-01-01"},
    {"until": "9999-12-31"},
    {"actor": "123456789012345678901234567890"},
    {"subject_type": "=1+1"},
])
def test_a_wrong_search_is_an_error_in_dutch_not_a_500(client, login_as, gemeente, log, query):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    response = client.get(SEARCH, query)
    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert _shown(response) == []
    assert client.get(EXPORT, query).status_code == 302  # the export refuses it too


def test_the_empty_states_say_what_to_do(client, login_as, gemeente):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    assert "is nog leeg" in client.get(SEARCH).content.decode()
    text = client.get(SEARCH, {"subject_id": "7"}).content.decode()
    assert "Geen gebeurtenissen" in text and "Filters wissen" in text


def test_the_page_costs_the_same_queries_for_few_and_many_events(
        client, login_as, gemeente, django_assert_max_num_queries):
    """Session, user, 2FA device, the kinds of record and the accounts of the filters, the
    count, the page, the page's account names, the gemeente (huisstijl): 9 whatever the
    number of events."""
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    actors = [UserFactory(role=Role.BEGELEIDER, gemeente=gemeente) for _ in range(3)]
    for n in range(5):
        _event(gemeente, n, actor=actors[n % 3])
    with django_assert_max_num_queries(9):
        assert len(_shown(client.get(SEARCH))) == 5
    AuditEvent.objects.bulk_create(
        AuditEvent(gemeente=gemeente, at=_at(2) + timedelta(minutes=n), actor_id=actors[n % 3].pk,
                   actor_role=Role.BEGELEIDER, action=Action.VIEW,
                   purpose=Purpose.BEGELEIDING, subject_type="newcomer", subject_id=str(n))
        for n in range(120))
    with django_assert_max_num_queries(9):
        assert len(_shown(client.get(SEARCH, {"page": 2}))) == 50


def test_the_export_neutralises_formulas_and_is_an_audited_event(client, login_as, gemeente,
                                                                   log):
    officer = login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    _event(gemeente, 7, at=_at(12), detail="=HYPERLINK(\"http://x\")")
    response = client.get(EXPORT, {"since": "2026-03-11", "until": "2026-03-15"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Wanneer"
    assert [row[7] for row in rows[1:]] == ["4", "7"]  # newest first
    assert rows[2][8] == "'=HYPERLINK(\"http://x\")"
    event = AuditEvent.objects.get(purpose=Purpose.SUPERVISION)
    assert (event.actor_id, event.action, event.subject_type) == (
        officer.pk, Action.EXPORT, "audit_log")
    assert "2 rows" in event.detail and "since=2026-03-11" in event.detail


def test_other_roles_get_404_and_visitors_the_log_in(client, login_as, gemeente):
    for url in (SEARCH, EXPORT, reverse("privacy:processing")):
        assert client.get(url).status_code == 302
    login_as(Role.REGISSEUR, gemeente=gemeente)
    for url in (SEARCH, EXPORT, reverse("privacy:processing")):
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.exists()


def test_the_person_lookup_keeps_the_number_out_of_the_url_and_leads_to_their_events(
        client, login_as, gemeente):
    from statushouders.models import Newcomer
    from tests.factories import organisation_in

    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    organisation = organisation_in(gemeente, name="Stichting Proef")
    person = Newcomer.objects.create(gemeente=gemeente, organisation=organisation,
                                     registratienummer="Q-7", first_name="Testa")
    _event(gemeente, person.pk)
    lookup = reverse("statushouders:privacy_lookup")
    form = {"organisation": organisation.pk, "registratienummer": "Q-7"}
    assert client.get(lookup, form).context["newcomer"] is None  # a GET searches nothing
    found = client.post(lookup, form)
    assert found.context["newcomer"] == person
    link = f"{SEARCH}?subject_type=newcomer&amp;subject_id={person.pk}"
    assert link in found.content.decode()
    assert _shown(client.get(SEARCH, {"subject_type": "newcomer",
                                      "subject_id": person.pk})) == [str(person.pk)]
