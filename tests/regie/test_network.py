"""The referral network on the world of conftest.py: counts per pair and acceptance rates
computed by hand, islands, the period filter, no people, and another gemeente never seen."""
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gemeenten.choices import Role
from regie.network import referral_network

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_today():
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


def _pairs(network):
    return {(p.from_name, p.to_name): (p.tally.sent, p.tally.accepted, p.tally.declined,
                                       p.tally.expired, p.tally.open, p.tally.rate)
            for p in network.pairs}


def test_counts_and_acceptance_rates_per_pair(world):
    network = referral_network(world.regisseur, start=date(2025, 12, 1), end=TODAY)
    assert _pairs(network) == {
        # accepted, declined, waiting: 1 of 2 decided
        ("Stichting Begeleiding Test", "Taalcafé Test"): (3, 1, 1, 0, 1, 50),
        # waiting, expired: 0 of 1 decided
        ("Stichting Begeleiding Test", "Zelforganisatie Test"): (2, 0, 0, 1, 1, 0),
        # stopped by the sender before an answer: nothing decided
        ("Stichting Begeleiding Test", "Nooit Bevestigd"): (1, 0, 0, 0, 0, None),
    }
    assert (network.total.sent, network.total.rate) == (6, 33)
    # Approved, and neither referred nor received: F. D is not approved; Elderstad's
    # organisations are not Testdam's.
    assert [name for _pk, name in network.islands] == ["Eiland Test"]
    nodes = {n.name: n for n in network.nodes}
    assert nodes["Taalcafé Test"].received.sent == 3
    assert nodes["Stichting Begeleiding Test"].sent.sent == 6
    # The ferry: A links three organisations; each of B, C and E only A.
    assert [(n.name, n.partner_count) for n in network.ferries] == [
        ("Stichting Begeleiding Test", 3), ("Taalcafé Test", 1),
        ("Zelforganisatie Test", 1), ("Nooit Bevestigd", 1)]


def test_the_period_decides_which_referrals_count(world):
    network = referral_network(world.regisseur, start=date(2025, 10, 1),
                               end=date(2025, 10, 31))
    # Only the referral of 400 days ago (22 October 2025).
    assert _pairs(network) == {
        ("Stichting Begeleiding Test", "Taalcafé Test"): (1, 1, 0, 0, 0, 100)}
    assert {name for _pk, name in network.islands} == {
        "Zelforganisatie Test", "Nooit Bevestigd", "Eiland Test"}


def test_the_page_shows_the_matrix_the_pairs_and_the_islands(client, login_as, world,
                                                            on_today):
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    response = client.get(reverse("regie:network"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-total="6"' in page
    assert "Eiland Test" in page and "Elders" not in page
    assert "T-1" not in page and "Verzonnen" not in page  # counts, never people
    assert "<meter" in page and 'data-table="matrix"' in page


def test_the_period_filter_and_bad_input(client, login_as, world, on_today):
    login_as(Role.REGISSEUR, gemeente=world.gemeente)
    response = client.get(reverse("regie:network"), {"start": "2025-10", "end": "2025-10"})
    assert 'data-total="1"' in response.content.decode()
    response = client.get(reverse("regie:network"), {"start": "2026-05", "end": "2026-01"})
    assert response.status_code == 200
    assert "De eerste maand ligt na de laatste." in response.content.decode()
    response = client.get(reverse("regie:network"), {"start": "gisteren", "page": "x\x00"})
    assert response.status_code == 200
    assert "Vul een maand in zoals 2026-09." in response.content.decode()


def test_the_network_makes_a_constant_number_of_queries(client, login_as, world, on_today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import _org, _person, _referral

    login_as(Role.REGISSEUR, gemeente=world.gemeente)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("regie:network"))
        return len(queries)

    before = count()
    # session, user, OTP device, gemeente; pairs, islands; the menu's four counts in one
    assert before == 7
    for n in range(3):
        organisation = _org(world.gemeente, f"Nieuw {n}")
        newcomer, _b = _person(world.gemeente, organisation, f"N-{n}",
                               start=date(2026, 1, 1), planned_end=date(2027, 1, 1))
        _referral(world.gemeente, newcomer, organisation, world.orgs["f"], "proposed",
                  sent_days_ago=3)
    assert count() == before
