"""Each view, change, export or erasure of a person's data writes exactly one audit event per
person, with who (an opaque actor id and role), what (the action and the person's opaque id),
when and the purpose; never a personal field in it (issue 22, Audit)."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gemeenten.audit import Action, Purpose
from gemeenten.choices import Role
from gemeenten.models import AuditEvent
from gemeenten.scope import gemeente_scope

from .factories import UserFactory
from .volunteers.koppelingen import accepted_referral, make_world, volunteer
from .volunteers.test_matches import _login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(gemeente):
    return make_world(gemeente)


def _started(world):
    from volunteers.services.matches import match_start

    with gemeente_scope(world.gemeente):
        match, _created = match_start(referral=accepted_referral(world),
                                      volunteer=volunteer(world), by=world.coordinator,
                                      starts_on=timezone.localdate() - timedelta(days=7))
    return match


def _the_one_event(before: int, *, world, actor, action, purpose):
    """The request wrote exactly one event, about the world's newcomer, by `actor`, now."""
    events = list(AuditEvent.objects.filter(pk__gt=before))
    assert len(events) == 1, [(e.action, e.subject_id, e.detail) for e in events]
    event = events[0]
    assert (event.gemeente_id, event.actor_id, event.actor_role, event.action, event.purpose,
            event.subject_id) == (world.gemeente.pk, actor.pk, actor.role, action, purpose,
                                  str(world.newcomer.pk))
    assert timezone.now() - event.at < timedelta(minutes=1)
    for personal in ("Nieuwa", "Geheimnaam", "K-1"):
        assert personal not in event.detail
    return event


def _last() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_begeleider_opening_a_person_is_one_view_for_the_begeleiding(client, world):
    _login(client, world.begeleider)
    before = _last()
    response = client.get(reverse("statushouders:newcomer_detail", args=[world.newcomer.pk]))
    assert response.status_code == 200
    _the_one_event(before, world=world, actor=world.begeleider, action=Action.VIEW,
                   purpose=Purpose.BEGELEIDING)


def test_the_regisseur_opening_a_person_with_a_reason_is_one_view(client, world):
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=world.gemeente)
    _login(client, regisseur)
    url = reverse("statushouders:newcomer_open", args=[world.newcomer.pk])
    before = _last()
    assert client.get(url).status_code == 200
    assert _last() == before  # the form alone shows nothing and logs nothing
    response = client.post(url, {"purpose": Purpose.HANDOVER,
                                 "reason": "Overdracht loopt vast, bel de begeleider"})
    assert "Geheimnaam" in response.content.decode()
    event = _the_one_event(before, world=world, actor=regisseur, action=Action.VIEW,
                           purpose=Purpose.HANDOVER)
    assert event.detail == "Overdracht loopt vast, bel de begeleider"


def test_the_receiver_opening_an_aanmelding_is_one_view_for_the_referral(client, world):
    referral = accepted_referral(world)
    _login(client, world.coordinator)
    before = _last()
    response = client.get(reverse("statushouders:aanmelding_detail", args=[referral.pk]))
    assert response.status_code == 200
    _the_one_event(before, world=world, actor=world.coordinator, action=Action.VIEW,
                   purpose=Purpose.REFERRAL)


def test_opening_a_koppeling_is_one_view(client, world):
    match = _started(world)
    _login(client, world.coordinator)
    before = _last()
    assert client.get(reverse("volunteers:match_detail", args=[match.pk])).status_code == 200
    _the_one_event(before, world=world, actor=world.coordinator, action=Action.VIEW,
                   purpose=Purpose.REFERRAL)


def test_the_begeleider_reading_a_persons_koppelingen_is_one_view(client, world):
    _started(world)
    _login(client, world.begeleider)
    before = _last()
    response = client.get(reverse("volunteers:newcomer_matches", args=[world.newcomer.pk]))
    assert response.status_code == 200
    _the_one_event(before, world=world, actor=world.begeleider, action=Action.VIEW,
                   purpose=Purpose.REFERRAL)


def test_a_new_referral_is_one_export_to_its_recipient(world):
    before = _last()
    accepted_referral(world)
    events = list(AuditEvent.objects.filter(pk__gt=before, action=Action.EXPORT))
    assert [(e.actor_id, e.purpose, e.subject_id) for e in events] == [
        (world.begeleider.pk, Purpose.REFERRAL, str(world.newcomer.pk))]


def test_an_access_request_is_one_export_and_an_erasure_one_erasure(client, world):
    officer = UserFactory(role=Role.PRIVACY_OFFICER, gemeente=world.gemeente)
    _login(client, officer)
    before = _last()
    client.post(reverse("statushouders:privacy_report", args=[world.newcomer.pk]))
    _the_one_event(before, world=world, actor=officer, action=Action.EXPORT,
                   purpose=Purpose.ACCESS_REQUEST)
    before = _last()
    client.post(reverse("statushouders:privacy_erase", args=[world.newcomer.pk]),
                {"reason": "Verzoek 2026-99", "confirm": "on"})
    _the_one_event(before, world=world, actor=officer, action=Action.ERASE,
                   purpose=Purpose.ERASURE_REQUEST)


@pytest.mark.parametrize("closed_first", [False, True])
def test_withdrawing_an_instemming_is_one_change(client, world, closed_first):
    """Of an open referral (which then stops) and of a closed one alike: the person's consent
    changed, so one event; before the fix a closed referral's withdrawal left none."""
    from statushouders.choices import ReferralState
    from statushouders.referrals import referral_transition

    referral = accepted_referral(world)
    if closed_first:
        referral = referral_transition(referral=referral, to_state=ReferralState.STOPPED,
                                       by=world.coordinator, version=referral.version,
                                       reason="Verhuisd")
    _login(client, world.begeleider)
    before = _last()
    response = client.post(reverse("statushouders:instemming_withdraw", args=[referral.pk]))
    assert response.status_code == 302
    referral.instemming.refresh_from_db()
    assert referral.instemming.withdrawn_at is not None
    _the_one_event(before, world=world, actor=world.begeleider, action=Action.CHANGE,
                   purpose=Purpose.REFERRAL)


def test_the_regisseur_opening_an_aanmelding_is_one_view_for_the_regie(client, world):
    """Found by the walk (tests/test_personal_data_walk.py): the regisseur saw the person's
    referral, its reasons and history, without an event."""
    referral = accepted_referral(world)
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=world.gemeente)
    _login(client, regisseur)
    before = _last()
    response = client.get(reverse("statushouders:aanmelding_detail", args=[referral.pk]))
    assert response.status_code == 200
    _the_one_event(before, world=world, actor=regisseur, action=Action.VIEW,
                   purpose=Purpose.REGIE)


def test_marking_a_check_in_handled_is_one_change(client, world):
    from volunteers.models import CheckIn

    match = _started(world)
    checkin = CheckIn.objects.create(match=match, on=timezone.localdate(), text="Zorg",
                                     needs_attention=True)
    _login(client, world.coordinator)
    url = reverse("volunteers:checkin_handled", args=[checkin.pk])
    before = _last()
    assert client.post(url).status_code == 302
    _the_one_event(before, world=world, actor=world.coordinator, action=Action.CHANGE,
                   purpose=Purpose.REFERRAL)
    before = _last()
    client.post(url)  # handled already: nothing changes, nothing is logged
    assert _last() == before
