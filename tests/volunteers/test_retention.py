"""The coördinator's retention view: per month active, joined and left; average durations;
who may need support; only the own organisations; a constant number of queries."""
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.scope import gemeente_scope
from volunteers.models import Membership, SessionTally, Training, TrainingSignup, Volunteer
from volunteers.services.retention import (
    average_durations,
    early_endings,
    last_months,
    monthly_figures,
    needing_support,
)

from ..factories import ActivityFactory, UserFactory, organisation_in

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)
URL = reverse("volunteers:retention")


def _member(gemeente, organisation, name, since, ended_on=None, user=None):
    volunteer = Volunteer.objects.filter(first_name=name).first() or Volunteer.objects.create(
        gemeente=gemeente, first_name=name, surname="Verloop", email=f"{name}@example.org",
        user=user)
    Membership.objects.create(volunteer=volunteer, organisation=organisation, since=since,
                              ended_on=ended_on, active=ended_on is None)
    return volunteer


@pytest.fixture
def pool(gemeente):
    """Own organisation: A (long, ongoing), B (March to August), C (joined this month),
    D (left before the window), E (since January, also elsewhere), G and H (long, with
    tallies recent and old). Another organisation: F."""
    own = organisation_in(gemeente, name="Eigen Taalhuis")
    other = organisation_in(gemeente, name="Ander Taalhuis")
    users = {name: UserFactory(role=Role.VOLUNTEER, gemeente=gemeente) for name in "AGH"}
    members = {
        "A": _member(gemeente, own, "A", date(2025, 6, 1), user=users["A"]),
        "B": _member(gemeente, own, "B", date(2026, 3, 15), date(2026, 8, 10)),
        "C": _member(gemeente, own, "C", date(2026, 11, 2)),
        "D": _member(gemeente, own, "D", date(2024, 1, 1), date(2025, 11, 21)),
        "E": _member(gemeente, own, "E", date(2026, 1, 10)),
        "F": _member(gemeente, other, "F", date(2026, 5, 1)),
    }
    _member(gemeente, other, "E", date(2025, 1, 1))
    activity = ActivityFactory(gemeente=gemeente, organisation=own)
    for name, day in (("G", date(2026, 11, 20)), ("H", date(2026, 8, 20))):
        members[name] = _member(gemeente, own, name, date(2025, 2, 1), user=users[name])
        SessionTally.objects.create(gemeente=gemeente, activity=activity, session_date=day,
                                    total=4, recorded_by=users[name])
    training = Training.objects.create(
        gemeente=gemeente, organisation=own, topic="Verhalen over vlucht", seats=10,
        starts_at=timezone.make_aware(datetime(2026, 10, 1, 19)))
    TrainingSignup.objects.create(training=training, volunteer=members["E"])
    return own, other, members


def test_the_last_twelve_months_end_with_this_one():
    months = last_months(TODAY)
    assert (months[0].start, months[-1].start, months[-1].end) == (
        date(2025, 12, 1), date(2026, 11, 1), date(2026, 11, 30))
    assert last_months(date(2026, 1, 15))[-2].end == date(2025, 12, 31)


def test_monthly_figures_match_hand_counted_values(login_as, gemeente, pool):
    own, _other, _members = pool
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    own.staff.add(coordinator)
    with gemeente_scope(gemeente):
        months = monthly_figures(Membership.objects.for_user(coordinator), TODAY)
    # G and H are active all year besides A; E from January; B March to August; C November.
    assert [m.active for m in months] == [3, 4, 4, 5, 5, 5, 5, 5, 5, 4, 4, 5]
    assert [m.joined for m in months] == [0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert [m.left for m in months] == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]


def test_average_durations_of_ended_and_ongoing_memberships(gemeente, pool):
    own, _other, _members = pool
    coordinator = UserFactory(role=Role.COORDINATOR, gemeente=gemeente)
    own.staff.add(coordinator)
    with gemeente_scope(gemeente):
        durations = average_durations(Membership.objects.for_user(coordinator), TODAY)
    # ended: B 148 and D 690 days; ongoing: A 547, C 28, E 324, G and H 667 days each.
    assert durations == {"ended": 419, "ongoing": round((547 + 28 + 324 + 667 + 667) / 5),
                         "all": round((148 + 690 + 547 + 28 + 324 + 667 + 667) / 7)}
    with gemeente_scope(gemeente):
        assert average_durations(Membership.objects.none(), TODAY) == {
            "ended": None, "ongoing": None, "all": None}


def test_who_may_need_support(gemeente, pool):
    own, _other, members = pool
    with gemeente_scope(gemeente):
        quiet = list(needing_support([own], TODAY))
        assert early_endings([own]) == []
    # A: nothing; H: a tally in August, too long ago. Not C (new), E (training), G (tally),
    # B and D (stopped), F (another organisation).
    assert quiet == [members["A"], members["H"]]


def test_the_view_shows_only_the_own_organisations_in_constant_queries(
        client, login_as, gemeente, pool, django_assert_max_num_queries):
    own, other, _members = pool
    with time_machine.travel(datetime(2026, 11, 30, 12), tick=False):
        login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
        # session, user; the 12 months in one aggregate, the durations in one, who needs
        # support in one (the own organisations are a subquery), the early endings per
        # reason in one; the gemeente and the four counts of the menu (contact requests,
        # aanmeldingen, check-ins asking attention, volunteers' sign-ups).
        with django_assert_max_num_queries(11):
            response = client.get(URL)
        page = response.content.decode()
        assert [m.active for m in response.context["months"]][-1] == 5
        assert "A Verloop" in page and "H Verloop" in page and "F Verloop" not in page
        assert "13,8 maanden" in page  # those who stopped: 419 days on average
        assert "Wie kan wat steun gebruiken" in page
        assert "Geen koppeling eindigde voor het geplande einde." in page
        for n in range(15):
            _member(gemeente, own, f"Extra{n}", date(2025, 1, 1) + timedelta(days=9 * n))
        with django_assert_max_num_queries(11):
            assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BEGELEIDER, Role.REGISSEUR])
def test_only_coordinators_see_the_retention_view(client, login_as, gemeente, role):
    login_as(role, gemeente=gemeente)
    assert client.get(URL).status_code == 404
