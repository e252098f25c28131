"""A small hand-built world for the dashboard: Testdam, whose figures are computed by hand in
the tests, and Elderstad beside it with one of everything, which must never be counted."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Theme
from initiatives.choices import ApprovalState
from initiatives.models import ContactRequest, Occurrence
from regie.models import ExpectedArrival, Taakstelling
from statushouders.choices import FlagKind, FlagState, ReferralState
from statushouders.models import Begeleiding, Flag, Newcomer, Referral
from tests.factories import (
    ActivityFactory,
    GemeenteFactory,
    OrganisationFactory,
    PresenceFactory,
    ScheduleFactory,
    UserFactory,
)
from volunteers.models import Membership, Volunteer

TODAY = date(2026, 11, 25)  # a Wednesday: the week is 23 .. 29 November


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass
class World:
    gemeente: object
    elders: object
    orgs: dict = field(default_factory=dict)
    regisseur: object = None


def _org(gemeente, name, *, approval=ApprovalState.APPROVED, confirmed=TODAY, **fields):
    organisation = OrganisationFactory(name=name, **fields)
    PresenceFactory(organisation=organisation, gemeente=gemeente, approval=approval,
                    last_confirmed=confirmed)
    return organisation


def _activity(gemeente, organisation, *, days, theme=None, capacity=None, active=True):
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation,
                               capacity=capacity, is_active=active,
                               themes=[theme] if theme else None)
    schedule = ScheduleFactory(activity=activity)
    for day in days:
        Occurrence.objects.create(activity=activity, schedule=schedule, date=day,
                                  starts_at=at(day, 19))
    return activity


def _person(gemeente, organisation, number, *, start, planned_end, actual_end=None):
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=organisation,
                                       registratienummer=number, first_name="Testa",
                                       surname=f"Verzonnen{number}")
    begeleiding = Begeleiding.objects.create(newcomer=newcomer, organisation=organisation,
                                             start=start, planned_end=planned_end,
                                             actual_end=actual_end)
    return newcomer, begeleiding


def _referral(gemeente, newcomer, source, target, state, *, sent_days_ago, answer_days=None,
              accepted=False):
    sent = at(TODAY - timedelta(days=sent_days_ago))
    answered = sent + timedelta(days=answer_days) if answer_days is not None else None
    return Referral.objects.create(
        gemeente=gemeente, newcomer=newcomer, from_organisation=source, to_organisation=target,
        state=state, created_at=sent, answered_at=answered,
        accepted_at=answered if accepted else None)


def _volunteer(gemeente, name, memberships, *, expert=False, anonymised=False):
    volunteer = Volunteer.objects.create(
        gemeente=gemeente, first_name="Vera", surname=name, ervaringsdeskundige=expert,
        anonymised_at=timezone.now() if anonymised else None)
    for organisation, active in memberships:
        Membership.objects.create(volunteer=volunteer, organisation=organisation,
                                  active=active)


@pytest.fixture
def world(db):
    gemeente = GemeenteFactory(name="Testdam", slug="testdam")
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    w = World(gemeente=gemeente, elders=elders)
    w.regisseur = UserFactory(role=Role.REGISSEUR, gemeente=gemeente)
    a = _org(gemeente, "Stichting Begeleiding Test", begeleiding_capacity=10)
    b = _org(gemeente, "Taalcafé Test", newcomer_led=True)
    c = _org(gemeente, "Zelforganisatie Test", newcomer_led=True,
             confirmed=TODAY - timedelta(days=300))
    d = _org(gemeente, "Wacht Op Goedkeuring", approval=ApprovalState.PENDING)
    e = _org(gemeente, "Nooit Bevestigd", confirmed=None)
    f = _org(gemeente, "Eiland Test")
    w.orgs = {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}
    # A coördinator reads A's contact requests; B has none (the regisseur reads B's).
    a.staff.add(UserFactory(role=Role.COORDINATOR, gemeente=gemeente))

    # Activities: this week two public ones (B's taal, A's maatje).
    _activity(gemeente, b, days=[date(2026, 11, 24), date(2026, 12, 1)], theme="taal",
              capacity=12)
    _activity(gemeente, a, days=[date(2026, 11, 26)], theme="maatje")
    _activity(gemeente, d, days=[date(2026, 11, 25)], theme="taal", capacity=50)  # pending
    _activity(gemeente, c, days=[date(2026, 11, 25)], active=False, capacity=40,
              theme="taal")  # inactive
    _activity(gemeente, e, days=[date(2026, 12, 2)])  # next week only

    # Volunteers: two active (one an ervaringsdeskundige, one in two organisations).
    _volunteer(gemeente, "Een", [(b, True)], expert=True)
    _volunteer(gemeente, "Twee", [(b, True), (a, True)])
    _volunteer(gemeente, "Drie", [(b, False)])
    _volunteer(gemeente, "Vier", [(b, True)], anonymised=True)

    # Newcomers of A: three in begeleiding, two of them ending within 90 days.
    n1, b1 = _person(gemeente, a, "T-1", start=date(2026, 1, 1),
                     planned_end=TODAY + timedelta(days=30))
    n2, b2 = _person(gemeente, a, "T-2", start=date(2026, 1, 1),
                     planned_end=TODAY + timedelta(days=200))
    _n3, _b3 = _person(gemeente, a, "T-3", start=date(2025, 6, 1), planned_end=date(2026, 6, 1),
                       actual_end=date(2026, 6, 1))
    n4, b4 = _person(gemeente, a, "T-4", start=date(2026, 1, 1),
                     planned_end=TODAY + timedelta(days=60))
    _person(gemeente, a, "T-5", start=TODAY + timedelta(days=40),
            planned_end=TODAY + timedelta(days=400))

    # Referrals (all from A).
    _referral(gemeente, n4, a, b, ReferralState.ACCEPTED, sent_days_ago=20, answer_days=2,
              accepted=True)  # the warm handover of T-4, answered in time
    _referral(gemeente, n1, a, b, ReferralState.PROPOSED, sent_days_ago=2)  # not yet due
    _referral(gemeente, n2, a, c, ReferralState.PROPOSED, sent_days_ago=30)  # overdue
    _referral(gemeente, n2, a, b, ReferralState.DECLINED, sent_days_ago=40,
              answer_days=30)  # answered late
    _referral(gemeente, n1, a, c, ReferralState.EXPIRED, sent_days_ago=50, answer_days=28)
    _referral(gemeente, n1, a, e, ReferralState.STOPPED, sent_days_ago=10,
              answer_days=1)  # the sender stopped it: no answer
    _referral(gemeente, n2, a, b, ReferralState.ACCEPTED, sent_days_ago=400, answer_days=1,
              accepted=True)  # before every period

    # Flags: two open on the regisseur's worklist.
    Flag.objects.create(gemeente=gemeente, kind=FlagKind.HANDOVER_URGENT, begeleiding=b1,
                        organisation=a, for_regisseur=True, raised_on=TODAY)
    Flag.objects.create(gemeente=gemeente, kind=FlagKind.NO_HANDOVER, begeleiding=b2,
                        organisation=a, for_regisseur=True, raised_on=TODAY)
    Flag.objects.create(gemeente=gemeente, kind=FlagKind.HANDOVER_DUE, begeleiding=b4,
                        organisation=a, for_regisseur=False, raised_on=TODAY)
    Flag.objects.create(gemeente=gemeente, kind=FlagKind.NO_HANDOVER, begeleiding=b4,
                        organisation=a, for_regisseur=True, raised_on=TODAY,
                        state=FlagState.RESOLVED)

    # Contact requests: two new ones, one of them for the regisseur.
    for organisation, state, held in ((b, "new", False), (a, "new", False),
                                      (b, "answered", False), (b, "new", True)):
        ContactRequest.objects.create(gemeente=gemeente, organisation=organisation,
                                      first_name="Verzonnen", email="bezoeker@example.org",
                                      state=state, held=held)

    # Taakstelling and arrivals.
    Taakstelling.objects.create(gemeente=gemeente, year=2026, half=2, number=40)
    for month, number in ((date(2026, 12, 1), 5), (date(2027, 1, 1), 7),
                          (date(2027, 2, 1), 3), (date(2027, 3, 1), 100)):
        ExpectedArrival.objects.create(gemeente=gemeente, month=month, number=number)

    _elderstad(elders)
    assert Theme.objects.filter(slug__in=["taal", "maatje"]).count() == 2
    return w


def _elderstad(elders):
    """One of everything in another gemeente: none of it may reach Testdam's figures."""
    g = _org(elders, "Elders Begeleiding", begeleiding_capacity=500, newcomer_led=True,
             confirmed=None)
    _org(elders, "Elders Eiland")
    _activity(elders, g, days=[date(2026, 11, 24)], theme="taal", capacity=99)
    _activity(elders, g, days=[date(2026, 11, 24)], theme="maatje", capacity=99)
    _volunteer(elders, "Elders", [(g, True)], expert=True)
    newcomer, begeleiding = _person(elders, g, "E-1", start=date(2026, 1, 1),
                                    planned_end=TODAY + timedelta(days=10))
    _referral(elders, newcomer, g, g, ReferralState.PROPOSED, sent_days_ago=30)
    _referral(elders, newcomer, g, g, ReferralState.ACCEPTED, sent_days_ago=5, answer_days=1,
              accepted=True)
    Flag.objects.create(gemeente=elders, kind=FlagKind.NO_HANDOVER, begeleiding=begeleiding,
                        organisation=g, for_regisseur=True, raised_on=TODAY)
    ContactRequest.objects.create(gemeente=elders, organisation=g, first_name="Verzonnen",
                                  email="elders@example.org")
    Taakstelling.objects.create(gemeente=elders, year=2026, half=2, number=999)
    ExpectedArrival.objects.create(gemeente=elders, month=date(2026, 12, 1), number=50)
