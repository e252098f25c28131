"""Session tallies: recording on a phone with bad input refused in Dutch, one tally per
session (recording again updates it), scoping, the counts of the regie report against
hand-computed values, and the went_well sentence cleared on its day."""
from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from gemeenten.choices import Role
from gemeenten.models import Language
from gemeenten.privacy import retention_run
from gemeenten.scope import gemeente_scope
from volunteers.models import Membership, SessionTally, Volunteer
from volunteers.privacy import clear_tally_stories

from ..factories import (
    ActivityFactory,
    GemeenteFactory,
    ScheduleFactory,
    UserFactory,
    WijkFactory,
    organisation_in,
)

pytestmark = pytest.mark.django_db
NEW = reverse("volunteers:tally_create")
LIST = reverse("volunteers:tallies")


def _form(activity, day=None, total="12", newcomers="8", first_timers="2", went_well=""):
    return {"activity": activity.pk, "session_date": (day or timezone.localdate()).isoformat(),
            "total": total, "newcomers": newcomers, "first_timers": first_timers,
            "went_well": went_well}


def _member(gemeente, organisation, user, *, active=True):
    volunteer = Volunteer.objects.create(gemeente=gemeente, first_name="Tel", surname="Vrijwillig",
                                         email="tel@example.org", user=user)
    Membership.objects.create(volunteer=volunteer, organisation=organisation, active=active)
    return volunteer


@pytest.fixture
def own(gemeente):
    return organisation_in(gemeente, name="Taalcafé Teller")


@pytest.fixture
def activity(gemeente, own):
    return ActivityFactory(gemeente=gemeente, organisation=own, title="Taalcafé dinsdag")


def test_a_volunteer_records_a_session_and_sees_it_in_their_tallies(
        client, login_as, gemeente, own, activity):
    user = login_as(Role.VOLUNTEER, gemeente=gemeente)
    _member(gemeente, own, user)
    form_page = client.get(NEW)
    assert 'inputmode="numeric"' in form_page.content.decode()
    response = client.post(NEW, _form(activity, went_well="Er werd veel gelachen."),
                           follow=True)
    page = response.content.decode()
    assert "12 bezoekers bij Taalcafé dinsdag" in page
    tally = SessionTally.objects.get()
    assert (tally.total, tally.newcomers, tally.first_timers) == (12, 8, 2)
    assert tally.recorded_by == user and tally.gemeente == gemeente
    assert "Er werd veel gelachen." in page
    one = client.post(NEW, _form(activity, day=timezone.localdate() - timedelta(days=1),
                                 total="1", newcomers="1", first_timers="0"), follow=True)
    assert "1 bezoeker bij Taalcafé dinsdag" in one.content.decode()


def test_recording_the_same_session_again_updates_it_and_says_so(
        client, login_as, gemeente, own, activity):
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    client.post(NEW, _form(activity, total="10", newcomers="5"))
    response = client.post(NEW, _form(activity, total="14", newcomers="9"), follow=True)
    assert "Deze bijeenkomst had al een telling" in response.content.decode()
    tally = SessionTally.objects.get()
    assert (tally.total, tally.newcomers) == (14, 9)


@pytest.mark.parametrize(("change", "message"), [
    ({"total": "3", "newcomers": "5"}, "Er kunnen niet meer nieuwkomers zijn dan bezoekers"),
    ({"total": "3", "first_timers": "4"}, "Er kunnen niet meer nieuwe bezoekers zijn dan"),
    ({"total": "-1", "newcomers": "0", "first_timers": "0"}, "kan niet onder de 0"),
    ({"newcomers": "-2"}, "kan niet onder de 0"),
    ({"total": "veel"}, "Typ een heel getal"),
    ({"total": ""}, "Typ een getal (0 als er niemand was)"),
    ({"total": "999999"}, "Dat is meer dan 2000"),
    ({"session_date": "morgen"}, "Geef een datum als 2026-03-14"),
    ({"went_well": "x" * 201}, "200"),
])
def test_bad_input_is_refused_in_dutch_and_saves_nothing(
        client, login_as, gemeente, own, activity, change, message):
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    response = client.post(NEW, _form(activity) | change)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SessionTally.objects.exists()


def test_a_future_date_or_one_long_ago_is_refused(client, login_as, gemeente, own, activity):
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    today = timezone.localdate()
    future = client.post(NEW, _form(activity, day=today + timedelta(days=1)))
    assert "Die datum moet nog komen" in future.content.decode()
    old = client.post(NEW, _form(activity, day=today - timedelta(days=61)))
    assert "meer dan 60 dagen geleden" in old.content.decode()
    assert not SessionTally.objects.exists()
    client.post(NEW, _form(activity, day=today - timedelta(days=60)))
    assert SessionTally.objects.count() == 1


def test_another_organisations_activity_is_a_form_error_or_a_404(
        client, login_as, gemeente, own, activity):
    other = ActivityFactory(gemeente=gemeente, organisation=organisation_in(gemeente),
                            title="Ander café")
    elsewhere = ActivityFactory(gemeente=GemeenteFactory(name="Elderstad", slug="elders"))
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    for foreign in (other, elsewhere):
        response = client.post(NEW, _form(foreign))
        assert "Kies een van de activiteiten van je organisatie." in response.content.decode()
        assert client.get(f"{NEW}?activiteit={foreign.pk}").status_code == 404
    assert client.get(f"{NEW}?activiteit=abc").status_code == 404
    detail = client.get(reverse("initiatives:activity_detail", args=[activity.pk]))
    assert f"{NEW}?activiteit={activity.pk}" in detail.content.decode()
    page = client.get(f"{NEW}?activiteit={activity.pk}").content.decode()
    assert f'<option value="{activity.pk}" selected>' in page
    assert "Ander café" not in page
    assert not SessionTally.objects.exists()


def test_a_volunteer_whose_membership_ended_cannot_record(client, login_as, gemeente, own,
                                                            activity):
    user = login_as(Role.VOLUNTEER, gemeente=gemeente)
    _member(gemeente, own, user, active=False)
    page = client.get(NEW).content.decode()
    assert "Er is geen activiteit waarvan je een bijeenkomst kunt tellen." in page
    client.post(NEW, _form(activity))
    assert not SessionTally.objects.exists()


@pytest.mark.parametrize("role", [Role.BEGELEIDER, Role.REGISSEUR])
def test_other_roles_do_not_record_or_list_tallies(client, login_as, gemeente, role):
    login_as(role, gemeente=gemeente)
    assert client.get(NEW).status_code == 404
    assert client.get(LIST).status_code == 404


def _tally(activity, day, total, newcomers=0, first_timers=0, by=None, went_well=""):
    return SessionTally.objects.create(
        gemeente=activity.gemeente, activity=activity, session_date=day, total=total,
        newcomers=newcomers, first_timers=first_timers, recorded_by=by, went_well=went_well)


def test_the_list_shows_the_own_organisations_tallies_in_fixed_queries(
        client, login_as, gemeente, own, activity, django_assert_max_num_queries):
    other = ActivityFactory(gemeente=gemeente, organisation=organisation_in(gemeente),
                            title="Vreemde activiteit")
    _tally(other, date(2026, 11, 2), 99)
    start = timezone.localdate() - timedelta(days=40)
    for n in range(30):
        _tally(activity, start + timedelta(days=n), 10 + n)
    login_as(Role.COORDINATOR, organisation=own, gemeente=gemeente)
    # session, user, the page's count, the totals, the gemeente (huisstijl), the menu's
    # aanmeldingen, contact requests, check-ins and sign-ups counts, the filter's activities,
    # the rows.
    with django_assert_max_num_queries(11):
        response = client.get(LIST + "?o=-visitors")
    assert response.context["paginator"].count == 30
    assert response.context["totals"]["visitors"] == sum(10 + n for n in range(30))
    rows = list(response.context["object_list"])
    assert [t.total for t in rows[:2]] == [39, 38]
    assert "Vreemde activiteit" not in response.content.decode()
    month = start.strftime("%Y-%m")
    in_month = client.get(LIST, {"month": month, "activity": activity.pk})
    assert in_month.context["paginator"].count == sum(
        1 for n in range(30) if (start + timedelta(days=n)).strftime("%Y-%m") == month)
    assert client.get(LIST, {"month": "dertien"}).status_code == 200


def test_a_volunteer_sees_only_the_tallies_they_recorded(client, login_as, gemeente, own,
                                                         activity):
    colleague = UserFactory(role=Role.VOLUNTEER, gemeente=gemeente)
    today = timezone.localdate()
    _tally(activity, today - timedelta(days=7), 5, by=colleague, went_well="Van een collega")
    user = login_as(Role.VOLUNTEER, gemeente=gemeente)
    _member(gemeente, own, user)
    _tally(activity, today, 6, by=user, went_well="Van mezelf")
    page = client.get(LIST).content.decode()
    assert "Van mezelf" in page and "Van een collega" not in page


def test_the_counts_per_wijk_language_and_organisation_match_hand_computed_values(gemeente):
    noord, zuid = WijkFactory(gemeente=gemeente, name="Noord"), WijkFactory(gemeente=gemeente,
                                                                             name="Zuid")
    a_org, b_org = organisation_in(gemeente, name="A"), organisation_in(gemeente, name="B")
    arabic, dutch = Language.objects.get(code="ar"), Language.objects.get(code="nl")
    cafe = ActivityFactory(gemeente=gemeente, organisation=a_org, wijk=noord)
    cafe.languages.set([arabic, dutch])
    walk = ActivityFactory(gemeente=gemeente, organisation=a_org, wijk=zuid)
    walk.languages.set([dutch])
    online = ActivityFactory(gemeente=gemeente, organisation=b_org, wijk=None)
    elsewhere = ActivityFactory(gemeente=GemeenteFactory(name="Elderstad", slug="elders"))
    _tally(cafe, date(2026, 10, 6), 12, newcomers=9, first_timers=2)
    _tally(cafe, date(2026, 10, 13), 10, newcomers=7, first_timers=1)
    _tally(walk, date(2026, 10, 8), 5, newcomers=5, first_timers=5)
    _tally(online, date(2026, 10, 31), 3, newcomers=1)
    _tally(cafe, date(2026, 9, 30), 50, newcomers=50)  # before the period
    _tally(walk, date(2026, 11, 1), 40)  # after it
    _tally(elsewhere, date(2026, 10, 10), 70)  # another gemeente
    with gemeente_scope(gemeente):
        october = SessionTally.objects.in_gemeente(gemeente).in_period(date(2026, 10, 1),
                                                                        date(2026, 10, 31))
        per_wijk = {row["wijk_name"]: row for row in october.per_wijk()}
        assert per_wijk["Noord"] | {} == {"wijk": noord.pk, "wijk_name": "Noord", "sessions": 2,
                                          "visitors": 22, "newcomers": 16, "first_timers": 3}
        assert (per_wijk["Zuid"]["sessions"], per_wijk["Zuid"]["visitors"],
                per_wijk["Zuid"]["first_timers"]) == (1, 5, 5)
        assert (per_wijk[None]["sessions"], per_wijk[None]["visitors"]) == (1, 3)
        assert len(per_wijk) == 3
        per_language = {row["language"]: (row["sessions"], row["visitors"], row["newcomers"])
                        for row in october.per_language()}
        assert per_language == {"ar": (2, 22, 16), "nl": (3, 27, 21), None: (1, 3, 1)}
        per_organisation = {row["organisation_name"]: (row["sessions"], row["visitors"])
                            for row in october.per_organisation()}
        assert per_organisation == {"A": (3, 27), "B": (1, 3)}
        assert october.totals() == {"sessions": 4, "visitors": 30, "newcomers": 22,
                                    "first_timers": 8}
        assert SessionTally.objects.in_gemeente(gemeente).in_period(
            date(2025, 1, 1), date(2025, 1, 31)).totals()["visitors"] == 0


def test_each_count_is_one_query(gemeente, django_assert_num_queries):
    activity = ActivityFactory(gemeente=gemeente, wijk=WijkFactory(gemeente=gemeente))
    for n in range(5):
        _tally(activity, date(2026, 10, 1) + timedelta(days=n), n)
    with gemeente_scope(gemeente):
        rows = SessionTally.objects.in_gemeente(gemeente).in_period(date(2026, 10, 1),
                                                                     date(2026, 10, 31))
        for method in ("per_wijk", "per_language", "per_organisation"):
            with django_assert_num_queries(1):
                list(getattr(rows, method)())
        with django_assert_num_queries(1):
            rows.totals()


@override_settings(TALLY_STORY_RETENTION_DAYS=100)
def test_went_well_is_cleared_on_its_day_and_the_counts_stay(gemeente):
    activity = ActivityFactory(gemeente=gemeente)
    session = date(2026, 3, 2)
    _tally(activity, session, 9, newcomers=4, went_well="Iedereen praatte mee.")
    with gemeente_scope(gemeente):
        assert clear_tally_stories(session + timedelta(days=100)) == 0
    assert SessionTally.objects.get().went_well == "Iedereen praatte mee."
    assert retention_run(today=session + timedelta(days=101))["tally_stories"] == 1
    tally = SessionTally.objects.get()
    assert (tally.went_well, tally.total, tally.newcomers) == ("", 9, 4)
    assert retention_run(today=session + timedelta(days=102))["tally_stories"] == 0


@pytest.mark.sqlite_file
@pytest.mark.django_db(transaction=True)
def test_two_volunteers_tallying_one_session_at_once_give_one_tally(gemeente):
    import threading

    from django.db import connection

    from volunteers.services import tally_record

    activity = ActivityFactory(gemeente=gemeente)
    users = [UserFactory(role=Role.VOLUNTEER, gemeente=gemeente) for _n in range(2)]
    barrier = threading.Barrier(2)
    outcome = []

    def record(user, total):
        try:
            barrier.wait(timeout=10)
            with gemeente_scope(gemeente):  # a thread starts outside any scope, as a request
                _tally, created = tally_record(
                    activity=activity, session_date=date(2026, 10, 6), by=user, total=total,
                    newcomers=0, first_timers=0)
            outcome.append(created)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(user, 10 + n))
               for n, user in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome) == [False, True]
    assert SessionTally.objects.get().total in (10, 11)


def test_a_tally_is_tied_to_the_schedules_date_when_there_is_one(gemeente):
    from datetime import datetime

    from initiatives.models import Occurrence
    from volunteers.services import tally_record

    activity = ActivityFactory(gemeente=gemeente)
    schedule = ScheduleFactory(activity=activity)
    occurrence = Occurrence.objects.create(
        activity=activity, schedule=schedule, date=date(2026, 10, 6),
        starts_at=timezone.make_aware(datetime(2026, 10, 6, 19)))
    with gemeente_scope(gemeente):
        on_schedule, _created = tally_record(activity=activity, session_date=date(2026, 10, 6),
                                             by=None, total=7, newcomers=3, first_timers=1)
        extra, _created = tally_record(activity=activity, session_date=date(2026, 10, 9),
                                       by=None, total=4, newcomers=4, first_timers=0)
    assert on_schedule.occurrence == occurrence and extra.occurrence is None
