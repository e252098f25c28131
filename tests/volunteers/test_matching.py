"""Matching suggestions: a clearly better match ranks first, with the right reasons; what
the instemming does not share is left out of the ranking and said so; the warnings; a
constant number of queries; the database computes exactly `score_of`."""
from datetime import date

import pytest
from django.utils import translation

from gemeenten.scope import gemeente_scope
from volunteers.models import Match
from volunteers.services.matching import (
    INTEREST_WEIGHT,
    LANGUAGE_WEIGHT,
    SLOT_WEIGHT,
    WIJK_WEIGHT,
    Features,
    criteria_for,
    score_of,
    suggest,
)

from .koppelingen import BASIC, GOOD, NATIVE, accepted_referral, make_world, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(gemeente):
    return make_world(gemeente)


def _suggest(world, referral):
    with gemeente_scope(world.gemeente), translation.override("nl"):
        return suggest(referral)


def _start(world, referral, person):
    return Match.objects.create(
        gemeente=world.gemeente, volunteer=person, newcomer=world.newcomer,
        organisation=referral.to_organisation, referral=referral, starts_on=date(2026, 9, 1),
        planned_end=date(2027, 3, 1))


def test_a_clearly_better_match_ranks_first_with_its_reasons(world):
    best = volunteer(world, name="Beste", languages=[("ar", NATIVE), ("nl", GOOD)],
                     wijk=world.wijk, availability="di-avond,za-ochtend,zo-middag",
                     interests=["taal"])
    volunteer(world, name="Middel", languages=[("ar", BASIC)], wijk=world.other_wijk,
              availability="di-avond")
    volunteer(world, name="Geen", languages=[("uk", NATIVE)], availability="ma-ochtend")
    volunteer(world, name="Elders", organisation=world.other,
              languages=[("ar", NATIVE)], wijk=world.wijk, interests=["taal"])
    volunteer(world, name="Gestopt", active=False, languages=[("ar", NATIVE)])
    suggestions = _suggest(world, accepted_referral(world))
    names = [s.volunteer.first_name for s in suggestions]
    assert names == ["Beste", "Middel", "Geen"]  # not another organisation's, nor a former
    first = suggestions[0]
    assert first.volunteer == best
    assert first.score == 3 * LANGUAGE_WEIGHT + WIJK_WEIGHT + 2 * SLOT_WEIGHT + INTEREST_WEIGHT
    assert first.reasons == [
        "spreekt Arabisch (moedertaal)", "woont in dezelfde wijk (Testwijk)",
        "beschikbaar op dezelfde momenten: dinsdag avond, zaterdag ochtend",
        "geïnteresseerd in Taal"]
    assert suggestions[1].reasons == ["spreekt Arabisch (basis)",
                                      "beschikbaar op dezelfde momenten: dinsdag avond"]
    assert suggestions[2].reasons == ["geen gemeenschappelijke taal",
                                      "geen gemeenschappelijke momenten"]
    assert first.warnings == []


def test_the_level_of_a_shared_language_counts(world):
    volunteer(world, name="Basis", languages=[("ar", BASIC)])
    volunteer(world, name="Moedertaal", languages=[("ar", NATIVE)])
    volunteer(world, name="Twee", languages=[("ar", GOOD), ("ti", GOOD)])
    names = [s.volunteer.first_name for s in _suggest(world, accepted_referral(world))]
    assert names == ["Twee", "Moedertaal", "Basis"]


def test_what_the_instemming_does_not_share_is_left_out_and_said(world):
    volunteer(world, name="Taalmens", languages=[("ar", NATIVE)])
    volunteer(world, name="Buurman", wijk=world.wijk, interests=["taal"])
    referral = accepted_referral(world, shared=["first_name", "wijk", "need"])
    assert criteria_for(referral).languages is None
    suggestions = _suggest(world, referral)
    assert [s.volunteer.first_name for s in suggestions] == ["Buurman", "Taalmens"]
    assert suggestions[1].score == 0  # the language is not shared: it counts for nothing
    assert suggestions[1].reasons == ["taal niet gedeeld", "beschikbaarheid niet gedeeld"]
    assert "taal niet gedeeld" in suggestions[0].reasons
    assert "woont in dezelfde wijk (Testwijk)" in suggestions[0].reasons


def test_nothing_shared_but_the_first_name_ranks_by_room_then_name(world):
    full = volunteer(world, name="Aafke", languages=[("ar", NATIVE)], max_koppelingen=1)
    volunteer(world, name="Bert")
    referral = accepted_referral(world, shared=["first_name"])
    other_referral = accepted_referral(world, shared=["first_name"])
    _start(world, other_referral, full)
    suggestions = _suggest(world, referral)
    assert [s.volunteer.first_name for s in suggestions] == ["Bert", "Aafke"]
    assert {s.score for s in suggestions} == {0}
    assert suggestions[0].reasons == ["taal niet gedeeld", "wijk niet gedeeld",
                                      "beschikbaarheid niet gedeeld", "hulpvraag niet gedeeld"]


def test_warnings_maatje_here_capacity_and_no_vog(world):
    helper = volunteer(world, name="Druk", max_koppelingen=1, vog=False)
    first = accepted_referral(world)
    _start(world, first, helper)
    second = accepted_referral(world)
    [suggestion] = _suggest(world, second)
    assert suggestion.warnings == [
        "Deze nieuwkomer heeft al een actief maatje bij uw organisatie.",
        "Deze vrijwilliger heeft al 1 actieve koppeling(en) en kan er 1 tegelijk aan.",
        "Er is geen VOG (verklaring omtrent het gedrag) vastgelegd voor een één-op-één-"
        "koppeling."]


def test_a_maatje_elsewhere_is_warned_only_where_the_instemming_shares_it(world):
    elsewhere = volunteer(world, name="Ander", organisation=world.other)
    _start(world, accepted_referral(world, to=world.other), elsewhere)
    volunteer(world, name="Hier")
    shared = _suggest(world, accepted_referral(world))
    assert "Deze nieuwkomer heeft al een actief maatje bij een andere organisatie." in \
        shared[0].warnings
    not_shared = _suggest(world, accepted_referral(
        world, shared=["first_name", "languages", "need"]))
    assert not any("andere organisatie" in w for w in not_shared[0].warnings)


def test_an_ended_koppeling_no_longer_warns(world):
    helper = volunteer(world, name="Vrij", max_koppelingen=1)
    match = _start(world, accepted_referral(world), helper)
    Match.objects.filter(pk=match.pk).update(ended_on=date(2026, 10, 1), end_reason="no_click")
    [suggestion] = _suggest(world, accepted_referral(world))
    assert suggestion.warnings == []


def test_the_database_computes_score_of(world):
    for n in range(12):
        volunteer(world, languages=[("ar", [NATIVE, GOOD, BASIC][n % 3])] if n % 2 else [],
                  wijk=world.wijk if n % 3 == 0 else world.other_wijk,
                  availability=["di-avond", "di-avond,za-ochtend", "", "ma-avond"][n % 4],
                  interests=["taal"] if n % 5 == 0 else [])
    suggestions = _suggest(world, accepted_referral(world))
    assert len(suggestions) == 12
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions),
                                                    reverse=True)
    for suggestion in suggestions:
        assert suggestion.score == score_of(suggestion.features)


def test_score_of_caps_common_times():
    assert score_of(Features(common_slots=7)) == score_of(Features(common_slots=3))
    assert score_of(Features(language_points=2, same_wijk=True)) == 2 * LANGUAGE_WEIGHT \
        + WIJK_WEIGHT


def test_the_top_twenty_in_a_constant_number_of_queries(world, django_assert_num_queries):
    referral = accepted_referral(world)
    for n in range(30):
        volunteer(world, languages=[("ar", NATIVE)] if n % 2 else [], interests=["taal"])
    referral.refresh_from_db()
    from django.db import connection

    # The referral's instemming, newcomer (+ languages), need and wijk; a savepoint around
    # the ranked top (and on PostgreSQL "SET LOCAL jit = off"); the top's active
    # koppelingen, shared languages and interests; the newcomer's active maatjes.
    with django_assert_num_queries(12 + (connection.vendor == "postgresql")):
        suggestions = _suggest(world, referral)
    assert len(suggestions) == 20
