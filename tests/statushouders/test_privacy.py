"""The privacy officer answers a person's request: access to everything held, and erasure,
both audited; the person is found by case reference only."""
from datetime import date

import pytest
from django.urls import reverse

from gemeenten.audit import Action, Purpose
from gemeenten.choices import Role
from gemeenten.models import AuditEvent
from statushouders.models import Begeleiding, Newcomer

from ..factories import organisation_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(gemeente):
    org = organisation_in(gemeente, name="Stichting Testbegeleiding")
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=org,
                                       registratienummer="P-1", first_name="Testa",
                                       surname="Inzagemens", phone="0622222222")
    Begeleiding.objects.create(newcomer=newcomer, organisation=org, start=date(2026, 1, 1))
    return newcomer


def test_access_shows_everything_held_and_is_audited(client, login_as, gemeente, person):
    officer = login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    found = client.post(reverse("statushouders:privacy_lookup"),
                       {"organisation": person.organisation.pk, "registratienummer": "P-1"})
    assert found.context["newcomer"] == person
    assert client.get(reverse("statushouders:privacy_report", args=[person.pk])).status_code \
        == 302  # a report is the answer to a POST, not a link
    report = client.post(reverse("statushouders:privacy_report", args=[person.pk]))
    text = report.content.decode()
    assert "Inzagemens" in text and "0622222222" in text and "2026-01-01" in text
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.action, event.purpose) == (
        officer.pk, Action.EXPORT, Purpose.ACCESS_REQUEST)


def test_erasure_needs_confirmation_and_leaves_only_the_audit(client, login_as, gemeente,
                                                             person):
    login_as(Role.PRIVACY_OFFICER, gemeente=gemeente)
    url = reverse("statushouders:privacy_erase", args=[person.pk])
    client.post(url, {"reason": "Verzoek 2026-17"})
    assert Newcomer.objects.filter(pk=person.pk).exists()
    client.post(url, {"reason": "Verzoek 2026-17", "confirm": "on"})
    assert not Newcomer.objects.filter(pk=person.pk).exists()
    assert not Begeleiding.objects.exists()
    event = AuditEvent.objects.get()
    assert (event.action, event.subject_id, event.detail) == (
        Action.ERASE, str(person.pk), "Verzoek 2026-17")


def test_other_roles_and_gemeenten_cannot(client, login_as, gemeente, person):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    assert client.get(reverse("statushouders:privacy_lookup")).status_code == 404
