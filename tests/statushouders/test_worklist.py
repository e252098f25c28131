"""The worklist: each sees their own open flags, most urgent first; the weekly e-mail has a
count and a link, no names, once per week, and can be switched off."""
from datetime import date, timedelta

import pytest
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from statushouders.choices import FlagKind, FlagState
from statushouders.flags import raise_flags
from statushouders.models import Begeleiding, Flag, Newcomer
from statushouders.worklist import weekly_worklist_emails

from ..factories import UserFactory, organisation_in

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


@pytest.fixture
def flagged(gemeente):
    org = organisation_in(gemeente, name="Stichting Testbegeleiding")
    for number, days in (("W-1", 60), ("W-2", 10), ("W-3", -5)):
        newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=org,
                                           registratienummer=number, first_name="Testa",
                                           surname=f"Lijst{number}")
        Begeleiding.objects.create(newcomer=newcomer, organisation=org,
                                   start=date(2026, 1, 1),
                                   planned_end=TODAY + timedelta(days=days))
    raise_flags(gemeente=gemeente, today=TODAY)
    return org


def test_the_begeleider_sees_their_flags_most_urgent_first(client, login_as, gemeente,
                                                           flagged):
    login_as(Role.BEGELEIDER, organisation=flagged, gemeente=gemeente)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("statushouders:worklist")
    kinds = [flag.kind for flag in response.context["flags"]]
    assert kinds == [FlagKind.NO_HANDOVER, FlagKind.HANDOVER_URGENT, FlagKind.HANDOVER_DUE]
    assert "LijstW-1" in response.content.decode()


def test_the_regisseur_sees_case_references_and_not_handover_due(client, login_as, gemeente,
                                                                  flagged):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    response = client.get(reverse("statushouders:worklist"))
    kinds = [flag.kind for flag in response.context["flags"]]
    assert kinds == [FlagKind.NO_HANDOVER, FlagKind.HANDOVER_URGENT]
    page = response.content.decode()
    assert "W-3" in page and "LijstW-3" not in page


def test_another_organisations_begeleider_sees_none_and_cannot_close_one(
        client, login_as, gemeente, flagged):
    login_as(Role.BEGELEIDER, organisation=organisation_in(gemeente), gemeente=gemeente)
    assert not client.get(reverse("statushouders:worklist")).context["flags"]
    flag = Flag.objects.first()
    assert client.get(reverse("statushouders:flag_close", args=[flag.pk])).status_code == 404


def test_closing_a_flag_needs_an_outcome_and_a_reason(client, login_as, gemeente, flagged):
    login_as(Role.REGISSEUR, gemeente=gemeente)
    flag = Flag.objects.get(kind=FlagKind.NO_HANDOVER)
    url = reverse("statushouders:flag_close", args=[flag.pk])
    assert client.post(url, {"outcome": "moved_away"}).status_code == 200
    client.post(url, {"outcome": "moved_away", "reason": "Verhuisd naar elders"})
    flag.refresh_from_db()
    assert (flag.state, flag.outcome) == (FlagState.CLOSED, "moved_away")
    raise_flags(gemeente=gemeente, today=TODAY)
    assert Flag.objects.filter(kind=FlagKind.NO_HANDOVER).count() == 1


def test_the_weekly_email_counts_without_names_once_a_week(gemeente, flagged):
    begeleider = UserFactory(gemeente=gemeente, role=Role.BEGELEIDER)
    flagged.staff.add(begeleider)
    quiet = UserFactory(gemeente=gemeente, role=Role.REGISSEUR, weekly_worklist_email=False)
    assert weekly_worklist_emails(today=TODAY) == 1
    assert weekly_worklist_emails(today=TODAY + timedelta(days=2)) == 0  # same week
    message = OutboxMessage.objects.get(to=begeleider.email)
    assert message.subject.startswith("3 ")
    assert "Lijst" not in message.body and "W-1" not in message.body
    assert not OutboxMessage.objects.filter(to=quiet.email).exists()


def test_the_begeleider_does_not_get_the_gemeentes_funding_or_referral_flags(
        client, login_as, gemeente, flagged):
    from initiatives.models import Funding

    Funding.objects.create(organisation=flagged, source="Testfonds", start=date(2026, 1, 1),
                           end=TODAY + timedelta(days=30))
    raise_flags(gemeente=gemeente, today=TODAY)
    assert Flag.objects.filter(kind=FlagKind.FUNDING_ENDS, organisation=flagged).exists()
    login_as(Role.BEGELEIDER, organisation=flagged, gemeente=gemeente)
    kinds = {flag.kind for flag in client.get(reverse("statushouders:worklist")).context["flags"]}
    assert FlagKind.FUNDING_ENDS not in kinds and kinds
