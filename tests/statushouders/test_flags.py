"""The flag rules at their day boundaries, the warm-handover rule, idempotency."""
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import OutboxMessage
from initiatives.models import Funding, Presence
from statushouders.choices import FlagKind, FlagState, ReferralState
from statushouders.flags import raise_flags, working_days_back
from statushouders.models import Begeleiding, Flag, Instemming, Newcomer, Referral

from ..factories import UserFactory, organisation_in

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # a Monday


@pytest.fixture
def org(gemeente):
    organisation = organisation_in(gemeente, name="Stichting Testbegeleiding")
    return organisation


def _begeleiding(org, gemeente, *, planned_end, start=date(2026, 1, 1), actual_end=None,
                 number=None):
    newcomer = Newcomer.objects.create(
        gemeente=gemeente, organisation=org,
        registratienummer=number or f"F-{Newcomer.objects.count() + 1}",
        first_name="Testa", surname="Verzonnen")
    return Begeleiding.objects.create(newcomer=newcomer, organisation=org, start=start,
                                      planned_end=planned_end, actual_end=actual_end,
                                      end_reason="completed" if actual_end else "")


def _accepted_referral(begeleiding, to, accepted_on: date, state=ReferralState.ACCEPTED):
    referral = Referral.objects.create(
        gemeente=begeleiding.newcomer.gemeente, newcomer=begeleiding.newcomer,
        from_organisation=begeleiding.organisation, to_organisation=to, state=state,
        accepted_at=timezone.make_aware(datetime.combine(accepted_on, time(23, 30))))
    Instemming.objects.create(referral=referral, shared_fields="first_name", text="Ja",
                              language="nl")
    return referral


def _kinds(begeleiding):
    return set(Flag.objects.filter(begeleiding=begeleiding, state=FlagState.OPEN)
               .values_list("kind", flat=True))


@pytest.mark.parametrize("days, kinds", [
    (91, set()), (90, {FlagKind.HANDOVER_DUE}), (89, {FlagKind.HANDOVER_DUE}),
    (31, {FlagKind.HANDOVER_DUE}), (30, {FlagKind.HANDOVER_URGENT}), (0, {FlagKind.HANDOVER_URGENT}),
    (-1, {FlagKind.NO_HANDOVER}),
])
def test_handover_flags_at_their_day_boundaries(org, gemeente, days, kinds):
    begeleiding = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=days))
    raise_flags(gemeente=gemeente, today=TODAY)
    assert _kinds(begeleiding) == kinds


def test_each_kind_replaces_the_one_before(org, gemeente):
    begeleiding = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=31))
    raise_flags(gemeente=gemeente, today=TODAY)
    raise_flags(gemeente=gemeente, today=TODAY + timedelta(days=1))
    assert _kinds(begeleiding) == {FlagKind.HANDOVER_URGENT}
    due = Flag.objects.get(begeleiding=begeleiding, kind=FlagKind.HANDOVER_DUE)
    assert due.state == FlagState.RESOLVED
    raise_flags(gemeente=gemeente, today=TODAY + timedelta(days=32))
    assert _kinds(begeleiding) == {FlagKind.NO_HANDOVER}
    assert Flag.objects.get(begeleiding=begeleiding, kind=FlagKind.NO_HANDOVER).for_regisseur


@pytest.mark.parametrize("accepted, counts", [
    (date(2026, 12, 31), True),   # on the planned-end day
    (date(2027, 1, 1), False),    # the day after
    (date(2025, 12, 31), False),  # before the begeleiding started
    (date(2026, 6, 1), True),
])
def test_the_warm_handover_rule(org, gemeente, accepted, counts):
    begeleiding = _begeleiding(org, gemeente, planned_end=date(2026, 12, 31))
    _accepted_referral(begeleiding, organisation_in(gemeente), accepted)
    raise_flags(gemeente=gemeente, today=date(2027, 1, 2))
    assert _kinds(begeleiding) == (set() if counts else {FlagKind.NO_HANDOVER})


def test_a_handover_accepted_in_time_and_later_stopped_still_counts_but_not_to_itself(
        org, gemeente):
    begeleiding = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=20))
    _accepted_referral(begeleiding, organisation_in(gemeente), TODAY,
                       state=ReferralState.STOPPED)
    other = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=20))
    _accepted_referral(other, org, TODAY)  # to its own organisation: not a handover
    raise_flags(gemeente=gemeente, today=TODAY)
    assert _kinds(begeleiding) == set()
    assert _kinds(other) == {FlagKind.HANDOVER_URGENT}


def test_a_flag_resolves_when_a_handover_is_accepted_and_a_closed_one_stays_closed(
        org, gemeente):
    begeleiding = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=60))
    later = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=60))
    raise_flags(gemeente=gemeente, today=TODAY)
    _accepted_referral(begeleiding, organisation_in(gemeente), TODAY)
    Flag.objects.filter(begeleiding=later).update(state=FlagState.CLOSED, outcome="done")
    run = raise_flags(gemeente=gemeente, today=TODAY)
    assert Flag.objects.get(begeleiding=begeleiding).state == FlagState.RESOLVED
    assert run.resolved[FlagKind.HANDOVER_DUE] == 1
    assert Flag.objects.filter(begeleiding=later).count() == 1  # not raised again


def test_three_runs_change_nothing_more_and_send_nothing_twice(org, gemeente):
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR)
    receiver = organisation_in(gemeente)
    receiver.staff.add(coordinator)
    _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=10))
    newcomer = Newcomer.objects.first()
    referral = Referral.objects.create(
        gemeente=gemeente, newcomer=newcomer, from_organisation=org, to_organisation=receiver,
        created_at=timezone.make_aware(datetime(2026, 11, 20, 10)))
    Instemming.objects.create(referral=referral, shared_fields="first_name", text="Ja",
                              language="nl")
    for _run in range(3):
        raise_flags(gemeente=gemeente, today=TODAY)
    assert Flag.objects.count() == 1
    assert OutboxMessage.objects.filter(to=coordinator.email).count() == 1  # the reminder


def test_working_days_skip_weekends_and_dutch_public_holidays():
    # Christmas 2026: Friday 25 and Saturday 26 December (holidays), then Sunday.
    assert working_days_back(date(2026, 12, 28), 1) == date(2026, 12, 27)
    assert working_days_back(date(2026, 12, 28), 2) == date(2026, 12, 23)
    # Sent on Monday 23 November: Tuesday to Friday and Monday 30 make five.
    assert working_days_back(date(2026, 11, 30), 5) == date(2026, 11, 23)


@pytest.mark.parametrize("sent, expect", [
    (date(2026, 11, 24), (0, set(), ReferralState.PROPOSED)),  # 4 working days
    (date(2026, 11, 23), (1, set(), ReferralState.PROPOSED)),  # 5: the reminder
    (date(2026, 11, 17), (1, set(), ReferralState.PROPOSED)),  # 9
    (date(2026, 11, 16), (1, {FlagKind.REFERRAL_UNANSWERED}, ReferralState.PROPOSED)),  # 10
    (date(2026, 11, 1), (0, set(), ReferralState.EXPIRED)),
])
def test_referral_reminder_flag_and_expiry_in_working_days(org, gemeente, sent, expect):
    coordinator = UserFactory(gemeente=gemeente, role=Role.COORDINATOR)
    receiver = organisation_in(gemeente)
    receiver.staff.add(coordinator)
    referrer = UserFactory(gemeente=gemeente, role=Role.BEGELEIDER)
    begeleiding = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=300))
    referral = Referral.objects.create(
        gemeente=gemeente, newcomer=begeleiding.newcomer, from_organisation=org,
        from_user=referrer, to_organisation=receiver,
        created_at=timezone.make_aware(datetime.combine(sent, time(9))))
    Instemming.objects.create(referral=referral, shared_fields="first_name", text="Ja",
                              language="nl")
    raise_flags(gemeente=gemeente, today=TODAY)
    reminders, kinds, state = expect
    assert OutboxMessage.objects.filter(key__contains=":reminder:").count() == reminders
    assert set(Flag.objects.filter(referral=referral, state=FlagState.OPEN)
               .values_list("kind", flat=True)) == kinds
    referral.refresh_from_db()
    assert referral.state == state
    if state == ReferralState.EXPIRED:
        assert OutboxMessage.objects.filter(to=referrer.email).count() == 1


def test_funding_ends_per_presence_and_resolves_with_new_funding(org, gemeente):
    Funding.objects.create(organisation=org, source="Testfonds", start=date(2026, 1, 1),
                           end=TODAY + timedelta(days=60))
    raise_flags(gemeente=gemeente, today=TODAY)
    flag = Flag.objects.get(kind=FlagKind.FUNDING_ENDS)
    assert flag.presence == Presence.objects.get(organisation=org)
    Funding.objects.create(organisation=org, source="Testfonds", start=TODAY,
                           end=TODAY + timedelta(days=365))
    raise_flags(gemeente=gemeente, today=TODAY)
    flag.refresh_from_db()
    assert flag.state == FlagState.RESOLVED


def test_the_command_prints_what_it_raised(org, gemeente, capsys):
    _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=10))
    call_command("raise_flags", "--today", "2026-11-30")
    out = capsys.readouterr().out
    assert "handover_urgent 1" in out
    call_command("raise_flags", "--today", "2026-11-30")
    assert "raised -" in capsys.readouterr().out


def test_gemeenten_are_handled_together_with_their_own_settings_in_fixed_queries(
        django_assert_max_num_queries):
    from gemeenten.models import Gemeente
    from statushouders.jobs import raise_flags_for

    from ..factories import GemeenteFactory

    strict = GemeenteFactory(settings={"handover_due_days": 120})
    others = [GemeenteFactory() for _n in range(4)]
    for gemeente in [strict, *others]:
        _begeleiding(organisation_in(gemeente), gemeente,
                     planned_end=TODAY + timedelta(days=100))
    with django_assert_max_num_queries(40):  # two groups; the same for 5 or 500 gemeenten
        runs = raise_flags_for(list(Gemeente.objects.filter(pk__in=[strict.pk] + [
            g.pk for g in others])), today=TODAY)
    assert sorted(len(group) for group, _run in runs) == [1, 4]
    assert list(Flag.objects.values_list("gemeente", flat=True)) == [strict.pk]


def test_a_registration_near_its_end_is_on_the_worklist_at_once(
        client, login_as, gemeente, django_capture_on_commit_callbacks):
    from django.urls import reverse

    organisation = organisation_in(gemeente)
    login_as(Role.BEGELEIDER, organisation=organisation, gemeente=gemeente)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("statushouders:newcomer_create"), {
            "registratienummer": "NOW-1", "first_name": "Testa", "surname": "Direct",
            "residence_basis": "asylum",
            "begeleiding-start": str(today - timedelta(days=300)),
            "begeleiding-planned_end": str(today + timedelta(days=10))})
    assert list(Flag.objects.values_list("kind", flat=True)) == [FlagKind.HANDOVER_URGENT]


def test_each_kind_is_raised_with_its_worklist_date_and_subject(org, gemeente):
    """The flags are written by one INSERT … SELECT per kind: every column as the rules say."""
    caseworker = UserFactory(gemeente=gemeente, role=Role.BEGELEIDER)
    due = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=60))
    Begeleiding.objects.filter(pk=due.pk).update(caseworker=caseworker)
    ended = _begeleiding(org, gemeente, planned_end=TODAY + timedelta(days=5),
                         actual_end=TODAY - timedelta(days=3))
    receiver = organisation_in(gemeente)
    # Sent at 23:30 UTC on 12 November: 13 November in the portal's time zone.
    referral = Referral.objects.create(
        gemeente=gemeente, newcomer=due.newcomer, from_organisation=org, to_organisation=receiver,
        created_at=datetime(2026, 11, 12, 23, 30, tzinfo=UTC))
    Funding.objects.create(organisation=org, source="Testfonds", start=date(2026, 1, 1),
                           end=TODAY + timedelta(days=40))
    run = raise_flags(gemeente=gemeente, today=TODAY)

    fields = ("gemeente_id", "organisation_id", "caseworker_id", "for_regisseur", "due_date",
              "raised_on", "state", "outcome", "close_reason")
    rows = {kind: row for kind, *row in Flag.objects.values_list("kind", *fields)}
    assert rows == {
        FlagKind.HANDOVER_DUE: [gemeente.pk, org.pk, caseworker.pk, False,
                                TODAY + timedelta(days=60), TODAY, FlagState.OPEN, "", ""],
        FlagKind.NO_HANDOVER: [gemeente.pk, org.pk, None, True, TODAY - timedelta(days=3),
                               TODAY, FlagState.OPEN, "", ""],
        FlagKind.REFERRAL_UNANSWERED: [gemeente.pk, receiver.pk, None, True, date(2026, 11, 13),
                                       TODAY, FlagState.OPEN, "", ""],
        FlagKind.FUNDING_ENDS: [gemeente.pk, org.pk, None, True, TODAY + timedelta(days=40),
                                TODAY, FlagState.OPEN, "", ""],
    }
    assert Flag.objects.get(kind=FlagKind.NO_HANDOVER).begeleiding == ended
    assert Flag.objects.get(kind=FlagKind.REFERRAL_UNANSWERED).referral == referral
    assert Flag.objects.get(kind=FlagKind.FUNDING_ENDS).presence == Presence.objects.get(
        organisation=org)
    assert +run.raised == {kind: 1 for kind in rows}  # + drops the kinds with none
    assert not sum(raise_flags(gemeente=gemeente, today=TODAY).raised.values())
