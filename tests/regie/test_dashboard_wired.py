"""The figures other parts feed into the dashboard (signals, overlap findings, koppelingen,
the volunteers' tallies), each against a value counted by hand on a small fixture, with
another gemeente's records beside it that must never count."""
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from gemeenten.scope import gemeente_scope
from regie.dashboard import DashboardContext, registered_figures
from regie.models import OverlapFinding, OverlapKind, OverlapState, Signal, SignalState
from tests.factories import (
    ActivityFactory,
    GemeenteFactory,
    UserFactory,
    WijkFactory,
    organisation_in,
)
from tests.volunteers.koppelingen import accepted_referral, make_world, volunteer
from volunteers.models import SessionTally
from volunteers.services import match_end, match_start

pytestmark = pytest.mark.django_db


def _compute(name, gemeente, regisseur, today):
    spec = next(s for s in registered_figures() if s.name == name)
    return spec.compute(DashboardContext(user=regisseur, gemeente=gemeente, today=today))


@pytest.fixture
def places():
    from gemeenten.choices import Role

    gemeente = GemeenteFactory(name="Telstad", slug="telstad")
    elders = GemeenteFactory(name="Anderdorp", slug="anderdorp")
    regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    return gemeente, elders, regisseur


def test_signals_waiting_and_overdue(places):
    gemeente, elders, regisseur = places
    now = timezone.now()
    today = timezone.localdate()
    for where in (gemeente, elders):
        organisation = organisation_in(where)
        for state, days in ((SignalState.OPEN, 1), (SignalState.OPEN, 40),
                            (SignalState.ANSWERED, 40), (SignalState.CLOSED, 40)):
            Signal.objects.create(
                gemeente=where, organisation=organisation, topic="Verzonnen", state=state,
                created_at=now - timedelta(days=days), last_message_at=now,
                waiting_since=now - timedelta(days=days) if state == SignalState.OPEN else None)
    with gemeente_scope(gemeente):
        figure = _compute("signals_waiting", gemeente, regisseur, today)
    # Waiting: the two open ones; overdue: the one waiting 40 days (> 10 working days).
    assert (figure.value, figure.numbers["overdue"], figure.attention) == (2, 1, True)


def test_overlap_findings_open_per_kind(places):
    gemeente, elders, regisseur = places
    rows = [(gemeente, OverlapKind.values[0], OverlapState.OPEN, None),
            (gemeente, OverlapKind.values[0], OverlapState.OPEN, None),
            (gemeente, OverlapKind.values[-1], OverlapState.OPEN, None),
            (gemeente, OverlapKind.values[0], OverlapState.INTENDED, None),
            (gemeente, OverlapKind.values[0], OverlapState.OPEN, timezone.now()),  # gone
            (elders, OverlapKind.values[0], OverlapState.OPEN, None)]
    for n, (where, kind, state, gone) in enumerate(rows):
        OverlapFinding.objects.create(gemeente=where, kind=kind, fingerprint=f"f{n}",
                                      state=state, gone_at=gone)
    with gemeente_scope(gemeente):
        figure = _compute("overlap_findings_open", gemeente, regisseur, timezone.localdate())
    # Open and still found: two of the first kind, one of the last; not the intended one,
    # not the one no longer found, not Anderdorp's.
    assert figure.value == 3
    assert figure.numbers[OverlapKind.values[-1]] == 1


def test_active_koppelingen(places):
    gemeente, elders, regisseur = places
    today = timezone.localdate()
    for where in (gemeente, elders):
        world = make_world(where)
        started = []
        for _n in range(3):
            with gemeente_scope(where):
                match, _ = match_start(referral=accepted_referral(world),
                                       volunteer=volunteer(world), by=world.coordinator,
                                       starts_on=today - timedelta(days=30))
            started.append(match)
        with gemeente_scope(where):
            match_end(match=started[0], by=world.coordinator, ended_on=today,
                      reason="no_click")
    with gemeente_scope(gemeente):
        figure = _compute("koppelingen_active", gemeente, regisseur, today)
    assert figure.value == 2  # three started, one ended; Anderdorp's never


def test_visits_of_the_last_four_weeks(places):
    gemeente, elders, regisseur = places
    today = timezone.localdate()
    noord, zuid = WijkFactory(gemeente=gemeente, name="Noord"), WijkFactory(
        gemeente=gemeente, name="Zuid")
    a = ActivityFactory(gemeente=gemeente, organisation=organisation_in(gemeente), wijk=noord)
    b = ActivityFactory(gemeente=gemeente, organisation=organisation_in(gemeente), wijk=zuid)
    far = ActivityFactory(gemeente=elders, organisation=organisation_in(elders))
    for activity, days, total in ((a, 1, 12), (a, 8, 9), (b, 27, 5), (b, 28, 40),
                                  (far, 1, 99)):
        SessionTally.objects.create(gemeente=activity.gemeente, activity=activity,
                                    session_date=today - timedelta(days=days), total=total,
                                    newcomers=0, first_timers=0)
    with gemeente_scope(gemeente):
        figure = _compute("visits_last_4_weeks", gemeente, regisseur, today)
    # 12 + 9 + 5 (27 days ago is the first day of the four weeks; 28 is outside).
    assert (figure.value, figure.numbers) == (26, {"sessions": 3, "wijken": 2})
    with translation.override("nl"), gemeente_scope(gemeente):
        figure = _compute("visits_last_4_weeks", gemeente, regisseur, today)
    assert figure.detail == "3 sessies geteld, in 2 wijken"


def test_one_visit_in_one_wijk_reads_in_the_singular(places):
    gemeente, _elders, regisseur = places
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation_in(gemeente),
                               wijk=WijkFactory(gemeente=gemeente, name="Noord"))
    SessionTally.objects.create(gemeente=gemeente, activity=activity,
                                session_date=timezone.localdate(), total=1, newcomers=0,
                                first_timers=0)
    with translation.override("nl"), gemeente_scope(gemeente):
        figure = _compute("visits_last_4_weeks", gemeente, regisseur, timezone.localdate())
        assert str(figure.detail) == "1 sessie geteld, in 1 wijk"

