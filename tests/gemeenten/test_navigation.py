"""The menu's counts: all of a role's counts in one query per page, each the same number its
own .count() gives, and a change shows on the next page (no count is cached; the query's SQL
text is, per user, role, scope and language)."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeenten.choices import Role
from gemeenten.navigation import NavCounts, count_querysets
from gemeenten.scope import gemeente_scope
from initiatives.models import ContactRequest, Organisation
from tests.factories import ActivityFactory, GemeenteFactory, organisation_in

pytestmark = pytest.mark.django_db

REGISSEUR_COUNTS = ["contact_requests", "worklist", "overlap", "signals_waiting"]
COORDINATOR_COUNTS = ["aanmeldingen", "contact_requests", "koppelingen",
                      "volunteer_applications"]


def _contact_request(organisation, gemeente, name="Verzonnen"):
    activity = ActivityFactory(gemeente=gemeente, organisation=organisation)
    return ContactRequest.objects.create(gemeente=gemeente, organisation=organisation,
                                         activity=activity, first_name=name, phone="0600000000")


def _verified(user):
    user.is_verified = lambda: True
    return user


@pytest.mark.parametrize(("role", "names"), [(Role.REGISSEUR, REGISSEUR_COUNTS),
                                             (Role.COORDINATOR, COORDINATOR_COUNTS),
                                             (Role.BEGELEIDER, ["worklist", "aanmeldingen"])])
def test_a_roles_menu_counts_are_one_query(login_as, gemeente, django_assert_num_queries,
                                           role, names):
    organisation = organisation_in(gemeente)
    user = _verified(login_as(role, gemeente=gemeente, organisation=organisation
                              if role != Role.REGISSEUR else None))
    counts = NavCounts(user)
    with gemeente_scope(gemeente), django_assert_num_queries(1):
        assert [counts[name] for name in names] == [0] * len(names)


def test_the_menu_shows_a_new_contact_request_on_the_next_page(client, login_as, gemeente):
    without_coordinator = organisation_in(gemeente, name="Stichting Zonder Account")
    login_as(Role.REGISSEUR, gemeente=gemeente)
    url = reverse("initiatives:organisation_list")
    badge = '<span class="visually-hidden"> nieuw</span>'
    assert badge not in client.get(url).text
    _contact_request(without_coordinator, gemeente)
    _contact_request(without_coordinator, gemeente, "Tweede")
    page = client.get(url).text
    assert f'2{badge}' in page


def test_counts_are_the_same_as_count(gemeente):
    """One SELECT of subqueries gives each QuerySet's .count(), joins, DISTINCT and empty
    results included."""
    elders = GemeenteFactory(name="Elderstad", slug="elders")
    for i in range(3):
        organisation_in(gemeente, name=f"Stichting {i}")
    organisation_in(elders, name="Stichting Elders")
    querysets = {
        "all": Organisation.objects.all(),
        "joined": Organisation.objects.filter(presences__gemeente__in=[gemeente, elders]),
        "distinct": Organisation.objects.filter(presences__gemeente__in=[gemeente, elders])
        .distinct(),
        "none": Organisation.objects.filter(pk__in=[]),
        "named": Organisation.objects.filter(name__startswith="Stichting E"),
    }
    with CaptureQueriesContext(connection) as queries:
        counts = count_querysets(querysets)
    assert len(queries) == 1
    assert counts == {name: qs.count() for name, qs in querysets.items()}


def test_no_counts_and_no_query_before_the_second_factor(login_as, gemeente,
                                                         django_assert_num_queries):
    user = login_as(Role.REGISSEUR, gemeente=gemeente)
    user.is_verified = lambda: False
    with django_assert_num_queries(0):
        assert NavCounts(user)["worklist"] == 0
        assert NavCounts(AnonymousUser())["contact_requests"] == 0


@pytest.fixture
def compiled():
    from gemeenten import navigation

    navigation._compiled.clear()
    yield navigation._compiled
    navigation._compiled.clear()


def test_the_second_page_reuses_the_sql_and_still_counts_anew(login_as, gemeente, compiled,
                                                              monkeypatch):
    from gemeenten import navigation

    without_coordinator = organisation_in(gemeente, name="Stichting Zonder Account")
    user = _verified(login_as(Role.REGISSEUR, gemeente=gemeente))
    with gemeente_scope(gemeente):
        assert NavCounts(user)["contact_requests"] == 0
        assert len(compiled._entries) == 1
        _contact_request(without_coordinator, gemeente)

        def must_not_compile(querysets):
            raise AssertionError("compiled again")

        monkeypatch.setattr(navigation, "compile_counts", must_not_compile)
        with CaptureQueriesContext(connection) as queries:
            assert NavCounts(user)["contact_requests"] == 1
        assert len(queries) == 1


def test_a_coordinator_sees_the_counts_of_an_organisation_they_join(login_as, gemeente,
                                                                    compiled):
    """The SQL joins on the user, it holds no list of their organisations: joining one
    shows its requests on the next page."""
    first, second = organisation_in(gemeente, name="Eerste"), organisation_in(gemeente,
                                                                              name="Tweede")
    user = _verified(login_as(Role.COORDINATOR, gemeente=gemeente, organisation=first))
    _contact_request(second, gemeente)
    with gemeente_scope(gemeente):
        assert NavCounts(user)["contact_requests"] == 0
        second.staff.add(user)
        assert NavCounts(user)["contact_requests"] == 1
    assert len(compiled._entries) == 1


def test_sql_that_read_the_database_or_holds_a_date_is_not_kept(login_as, gemeente, compiled,
                                                                monkeypatch):
    from datetime import date

    from gemeenten import navigation

    organisation_in(gemeente, name="Stichting Gelezen")
    user = _verified(login_as(Role.REGISSEUR, gemeente=gemeente))

    def read_ids(user):
        return Organisation.objects.filter(pk__in=list(Organisation.objects.values_list(
            "pk", flat=True)))

    for fn, expected in [
        (read_ids, 1),
        (lambda user: Organisation.objects.filter(created_at__date__lte=date(2100, 1, 1)), 1),
        (lambda user: 7, 7),
    ]:
        monkeypatch.setattr(navigation, "_counts", {"worklist": (fn, None)})
        with gemeente_scope(gemeente):
            assert NavCounts(user)["worklist"] == expected
        assert not compiled._entries
    monkeypatch.setattr(navigation, "_counts",
                        {"worklist": (lambda user: Organisation.objects.all(), None)})
    with gemeente_scope(gemeente):
        assert NavCounts(user)["worklist"] == 1
    assert len(compiled._entries) == 1  # the test above can fail
