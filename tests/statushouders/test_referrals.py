"""Referrals: only DESIGN.md's transitions, instemming enforced, no lost update."""
from datetime import date

import pytest

from gemeenten.audit import Action
from gemeenten.choices import Role
from gemeenten.models import AuditEvent, OutboxMessage, Theme
from statushouders.choices import REASON_CONSENT_WITHDRAWN, TRANSITIONS, ReferralState
from statushouders.models import Begeleiding, Newcomer, Referral
from statushouders.referrals import (
    ChangedMeanwhile,
    ReferralRefused,
    instemming_withdraw,
    open_referrals_for_need,
    referral_create,
    referral_transition,
)

from ..factories import ActivityFactory, UserFactory, organisation_in

pytestmark = pytest.mark.django_db
S = ReferralState


@pytest.fixture
def world(gemeente):
    sender = organisation_in(gemeente, name="Stichting Testbegeleiding")
    receiver = organisation_in(gemeente, name="Taalhuis Test")
    begeleider = UserFactory(gemeente=gemeente, role=Role.BEGELEIDER)
    sender.staff.add(begeleider)
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR)
    receiver.staff.add(coordinator)
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=sender,
                                       registratienummer="R-1", first_name="Testa",
                                       surname="Verzonnen")
    Begeleiding.objects.create(newcomer=newcomer, organisation=sender, start=date(2026, 1, 1),
                               planned_end=date(2026, 12, 31))
    return type("World", (), dict(sender=sender, receiver=receiver, begeleider=begeleider,
                                  coordinator=coordinator, newcomer=newcomer))


def _refer(world, **kwargs):
    fields = dict(newcomer=world.newcomer, by=world.begeleider,
                  from_organisation=world.sender, to_organisation=world.receiver,
                  need=Theme.objects.get(slug="taal"), shared_fields=["first_name", "need"],
                  instemming_text="Ik stem in met het delen van mijn voornaam.",
                  instemming_language="nl")
    return referral_create(**{**fields, **kwargs})


def _move(referral, state, by, reason="reden"):
    referral.refresh_from_db()
    return referral_transition(referral=referral, to_state=state, by=by,
                               version=referral.version, reason=reason)


def test_no_referral_without_instemming(world):
    with pytest.raises(ReferralRefused):
        _refer(world, shared_fields=[])
    with pytest.raises(ReferralRefused):
        _refer(world, instemming_text="  ")
    assert not Referral.objects.exists()


def test_a_new_referral_is_proposed_audited_and_announced_without_personal_data(world):
    referral = _refer(world)
    assert referral.state == S.PROPOSED and referral.instemming.shared == ["first_name", "need"]
    assert [(e.from_state, e.to_state) for e in referral.events.all()] == [("", S.PROPOSED)]
    assert AuditEvent.objects.get().action == Action.EXPORT
    message = OutboxMessage.objects.get()
    assert message.to == world.coordinator.email
    assert "Testa" not in message.body and "R-1" not in message.body


ALL_STATES = list(S)


@pytest.mark.parametrize("start", [S.PROPOSED, S.ACCEPTED, S.STARTED, S.DECLINED, S.EXPIRED,
                                   S.STOPPED, S.COMPLETED])
@pytest.mark.parametrize("target", ALL_STATES)
def test_only_the_designed_transitions_are_allowed(world, start, target):
    referral = _refer(world)
    Referral.objects.filter(pk=referral.pk).update(state=start)
    allowed = target in TRANSITIONS.get(start, set())
    if allowed:
        moved = _move(referral, target, world.coordinator)
        assert moved.state == target
        assert moved.events.last().to_state == target
    else:
        with pytest.raises(ReferralRefused) as refused:
            _move(referral, target, world.coordinator)
        assert "kan niet" in str(refused.value.message) or "cannot" in str(refused.value.message)
        referral.refresh_from_db()
        assert referral.state == start


def test_decline_and_stop_need_a_reason(world):
    referral = _refer(world)
    with pytest.raises(ReferralRefused):
        _move(referral, S.DECLINED, world.coordinator, reason=" ")
    assert _move(referral, S.DECLINED, world.coordinator, reason="vol").reason == "vol"


def test_the_second_of_two_simultaneous_changes_is_refused_not_lost(world):
    referral = _refer(world)
    seen = referral.version
    referral_transition(referral=referral, to_state=S.ACCEPTED, by=world.coordinator,
                        version=seen)
    with pytest.raises(ChangedMeanwhile):
        referral_transition(referral=referral, to_state=S.DECLINED, by=world.begeleider,
                            version=seen, reason="dubbel")
    referral.refresh_from_db()
    assert referral.state == S.ACCEPTED and referral.version == seen + 1


def test_accepting_tells_the_referrer_once(world):
    referral = _refer(world)
    _move(referral, S.ACCEPTED, world.coordinator)
    assert OutboxMessage.objects.filter(to=world.begeleider.email).count() == 1
    assert referral.__class__.objects.get(pk=referral.pk).accepted_at is not None


def test_withdrawing_the_instemming_stops_the_referral_and_hides_it_from_the_recipient(world):
    referral = _refer(world)
    assert Referral.objects.for_user(world.coordinator).filter(pk=referral.pk).exists()
    instemming_withdraw(instemming=referral.instemming, by=world.begeleider)
    instemming_withdraw(instemming=referral.instemming, by=world.begeleider)  # twice: once
    referral.refresh_from_db()
    assert (referral.state, referral.reason) == (S.STOPPED, REASON_CONSENT_WITHDRAWN)
    assert referral.events.filter(to_state=S.STOPPED).count() == 1
    assert not Referral.objects.for_user(world.coordinator).filter(pk=referral.pk).exists()
    assert Referral.objects.for_user(world.begeleider).filter(pk=referral.pk).exists()


def test_an_onward_referral_shares_at_most_what_the_coordinator_holds(world, gemeente):
    referral = _refer(world)
    third = organisation_in(gemeente, name="Sportclub Test")
    with pytest.raises(ReferralRefused):
        _refer(world, by=world.coordinator, from_organisation=world.receiver,
               to_organisation=third, shared_fields=["first_name", "contact"],
               held_fields=referral.instemming.shared)
    onward = _refer(world, by=world.coordinator, from_organisation=world.receiver,
                    to_organisation=third, shared_fields=["first_name"],
                    held_fields=referral.instemming.shared)
    assert onward.instemming.recorded_by == world.coordinator


def test_health_is_never_a_need(world):
    health_activity = ActivityFactory(gemeente=world.newcomer.gemeente,
                                      organisation=world.receiver, themes=["gezondheid"])
    with pytest.raises(ReferralRefused):
        _refer(world, to_activity=health_activity)
    assert _refer(world, to_activity=health_activity, need=None).need is None


def test_the_begeleider_is_warned_of_an_open_referral_for_the_same_need(world, gemeente):
    _refer(world)
    other = organisation_in(gemeente)
    taal = Theme.objects.get(slug="taal")
    assert open_referrals_for_need(world.newcomer, taal, exclude_organisation=other).count() == 1
    assert not open_referrals_for_need(world.newcomer, Theme.objects.get(slug="werk")).exists()
