"""Overlap detection on planted overlaps: each planted one is found, clearly different
offers are not, coverage (the same offer in other wijken) is not overlap, decisions survive
recomputation and nothing is found twice; overload on hand-computed referral counts."""
from datetime import date, time

import pytest

from gemeenten.scope import scopes_disabled
from initiatives.models import Activity
from regie.models import OverlapFinding, OverlapKind, OverlapState
from regie.overlap.candidates import fingerprint
from regie.overlap.recruitment import clashes, vacancy_model
from tests.factories import GemeenteFactory, UserFactory, organisation_in

from .support import NOW, detect, offer, referrals, wijk

pytestmark = pytest.mark.django_db


def _pairs(kind=OverlapKind.DUPLICATE_OFFER):
    with scopes_disabled():
        return {tuple(s["id"] for s in f.subjects)
                for f in OverlapFinding.objects.filter(kind=kind, gone_at__isnull=True)}


def test_two_taalcafes_of_different_organisations_at_the_same_time_and_place_are_found(
        gemeente):
    brug = offer(gemeente, title="Taalcafé")
    bieb = offer(gemeente, title="Taalcafé in de bibliotheek",
                 description="Oefen je Nederlands met vrijwilligers.")
    run = detect(gemeente)
    assert _pairs() == {tuple(sorted([brug.pk, bieb.pk]))}
    assert run.pairs == {"duplicate_offer": 1, "recruitment_clash": 0, "overload": 0}
    finding = OverlapFinding.objects.get()
    assert finding.fingerprint == f"duplicate_offer:{min(brug.pk, bieb.pk)}-{max(brug.pk, bieb.pk)}"
    assert finding.facts["wijk"] == "Centrum"
    assert finding.facts["weekday"] == 1 and finding.facts["start"] == "19:30"
    assert finding.state == OverlapState.OPEN


def test_the_same_offer_in_three_wijken_is_coverage_not_overlap(gemeente):
    for name in ("Centrum", "Molenwijk", "De Akkers"):
        offer(gemeente, title="Formulierenspreekuur", wijk_name=name, themes=("papieren",),
              day=0, start=time(13, 30), end=time(15, 30))
    run = detect(gemeente)
    assert _pairs() == set()
    assert run.pairs["duplicate_offer"] == 0  # other wijken are never even compared


@pytest.mark.parametrize("change", [
    {"themes": ("sport",)},
    {"wijk_name": "Noorderpark"},
    {"start": time(21, 0), "end": time(22, 0)},  # right after: touching is not overlapping
    {"day": 3},
    {"groups": ("kinderen",)},
])
def test_clearly_different_offers_are_not_flagged(gemeente, change):
    offer(gemeente, groups=("volwassenen",))
    offer(gemeente, **{"title": "Taalcafé", **change})
    detect(gemeente)
    assert _pairs() == set()


def test_an_organisations_own_two_offers_are_not_overlap(gemeente):
    organisation = organisation_in(gemeente)
    offer(gemeente, organisation=organisation)
    offer(gemeente, organisation=organisation, title="Taalcafé II")
    assert detect(gemeente).pairs["duplicate_offer"] == 0
    assert _pairs() == set()


def test_everyone_overlaps_with_every_group_and_an_inactive_offer_with_none(gemeente):
    a = offer(gemeente, groups=("volwassenen",))
    b = offer(gemeente, groups=("iedereen",))
    c = offer(gemeente, groups=("volwassenen",))
    Activity.objects.filter(pk=c.pk).update(is_active=False)
    detect(gemeente)
    assert _pairs() == {(a.pk, b.pk)}


def test_similar_texts_score_higher_but_the_structure_decides(gemeente):
    alike = [offer(gemeente, title="Taalcafé De Brug"), offer(gemeente, title="Taalcafé")]
    other = [offer(gemeente, title="Conversatiegroep", wijk_name="Oost",
                   description="Oefenen met spreken."),
             offer(gemeente, title="Koffie-uurtje voor nieuwe buren", wijk_name="Oost",
                   description="Elkaar leren kennen.")]
    detect(gemeente)
    scores = {tuple(s["id"] for s in f.subjects): f.score for f in OverlapFinding.objects.all()}
    assert set(scores) == {tuple(sorted(a.pk for a in alike)), tuple(sorted(a.pk for a in other))}
    assert scores[tuple(sorted(a.pk for a in alike))] > scores[tuple(sorted(a.pk for a in other))]


def test_running_twice_creates_nothing_twice_and_decisions_survive(gemeente):
    offer(gemeente), offer(gemeente)
    assert detect(gemeente).created == 1
    finding = OverlapFinding.objects.get()
    regisseur = UserFactory(role="regisseur", gemeente=gemeente)
    finding.decide(state=OverlapState.INTENDED, by=regisseur, reason="Andere taalniveaus.")
    again = detect(gemeente, now=NOW.replace(hour=4))
    assert (again.created, again.updated, again.gone) == (0, 1, 0)
    finding.refresh_from_db()
    assert OverlapFinding.objects.count() == 1
    assert finding.state == OverlapState.INTENDED
    assert finding.decision_reason == "Andere taalniveaus."
    assert finding.decided_by == regisseur
    assert finding.last_found_at == NOW.replace(hour=4) and finding.first_found_at == NOW


def test_a_finding_that_no_longer_holds_is_marked_gone_and_comes_back_with_its_decision(
        gemeente):
    _a, b = offer(gemeente), offer(gemeente)
    detect(gemeente)
    OverlapFinding.objects.get().decide(state=OverlapState.RESOLVED, by=None)
    Activity.objects.filter(pk=b.pk).update(is_active=False)
    assert detect(gemeente, now=NOW.replace(hour=4)).gone == 1
    finding = OverlapFinding.objects.get()
    assert finding.gone_at == NOW.replace(hour=4) and finding.state == OverlapState.RESOLVED
    Activity.objects.filter(pk=b.pk).update(is_active=True)
    detect(gemeente, now=NOW.replace(hour=5))
    finding.refresh_from_db()
    assert finding.gone_at is None and finding.state == OverlapState.RESOLVED
    assert OverlapFinding.objects.count() == 1


def test_another_gemeentes_offers_are_never_compared(gemeente):
    elders = GemeenteFactory(name="Elderstad", slug="elderstad")
    offer(gemeente)
    offer(elders)
    assert detect(gemeente).pairs["duplicate_offer"] == 0
    assert not OverlapFinding.objects.exists()


def test_the_fingerprint_is_the_kind_and_the_sorted_ids():
    assert fingerprint("duplicate_offer", [{"id": 17}, {"id": 3}]) == "duplicate_offer:3-17"


# --- overload ----------------------------------------------------------------------------


@pytest.fixture
def pair(gemeente):
    """Two organisations with room for 10 referrals a month, both for taal in Centrum."""
    def make(name):
        organisation = organisation_in(gemeente, name=name, referral_capacity_per_month=10)
        organisation.themes.set(organisation.themes.model.objects.filter(slug="taal"))
        organisation.presences.get().wijken.set([wijk(gemeente, "Centrum")])
        return organisation
    return make("Taalhuis Druk"), make("Taalcafé Rustig")


@pytest.mark.parametrize("busy, quiet, found", [
    (16, 4, True),   # 16 > 1.5 x 10 and 4 < 0.5 x 10
    (15, 4, False),  # 15 is not more than 15
    (16, 5, False),  # 5 is not under 5
    (30, 0, True),
])
def test_overload_on_hand_computed_referral_counts(gemeente, pair, busy, quiet, found):
    druk, rustig = pair
    sender = referrals(gemeente, to=druk, count=busy)
    referrals(gemeente, to=rustig, count=quiet, sender=sender)
    run = detect(gemeente)
    findings = list(OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD))
    assert bool(findings) is found
    if found:
        facts = findings[0].facts
        assert facts["over"] == {"id": druk.pk, "received": busy, "capacity": 10}
        assert facts["under"] == {"id": rustig.pk, "received": quiet, "capacity": 10}
        assert facts["themes"] == ["taal"] and facts["wijken"] == ["Centrum"]
        assert run.pairs["overload"] == 1


def test_overload_counts_only_the_last_30_days_and_the_same_wijk(gemeente, pair):
    druk, rustig = pair
    sender = referrals(gemeente, to=druk, count=10, days_ago=3)
    referrals(gemeente, to=druk, count=10, days_ago=31, sender=sender)  # too long ago
    detect(gemeente)
    assert not OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD).exists()
    referrals(gemeente, to=druk, count=6, days_ago=29, sender=sender)  # 16 now
    rustig.presences.get().wijken.set([wijk(gemeente, "Noorderpark")])
    detect(gemeente)
    assert not OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD).exists()
    rustig.presences.get().wijken.add(wijk(gemeente, "Centrum"))
    detect(gemeente)
    assert OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD).count() == 1


def test_the_thresholds_are_settings_of_the_gemeente(gemeente, pair):
    druk, rustig = pair
    sender = referrals(gemeente, to=druk, count=12)
    referrals(gemeente, to=rustig, count=4, sender=sender)
    detect(gemeente)
    assert not OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD).exists()
    gemeente.settings = {**gemeente.settings, "overload_factor": 1.1}
    gemeente.save(update_fields=["settings"])
    detect(gemeente)
    assert OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD).count() == 1
    gemeente.settings = {**gemeente.settings, "overload_factor": "anderhalf"}  # typed wrongly
    gemeente.save(update_fields=["settings"])
    detect(gemeente)  # falls back to 1.5 rather than failing the nightly job
    assert OverlapFinding.objects.get(kind=OverlapKind.OVERLOAD).gone_at is not None


# --- recruitment clashes -----------------------------------------------------------------


def _vacancy(pk, organisation, theme=1, wijk=1, starts_on=None, ends_on=None, title="Taalmaatje"):
    return {"id": pk, "organisation": organisation, "theme": theme, "theme_slug": "taal",
            "wijk": wijk, "wijk_name": "Centrum", "starts_on": starts_on, "ends_on": ends_on,
            "title": title, "description": ""}


def test_recruitment_clashes_pair_open_vacancies_of_one_theme_wijk_and_period():
    found, compared = clashes([
        _vacancy(1, organisation=10, starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30)),
        _vacancy(2, organisation=20, starts_on=date(2027, 3, 1)),
        _vacancy(3, organisation=30, starts_on=date(2027, 7, 1)),  # after the first ends
        _vacancy(4, organisation=40, wijk=2),  # another wijk: never compared
        _vacancy(5, organisation=10, theme=2),  # another theme: never compared
    ])
    assert compared == 3  # 1-2, 1-3, 2-3
    assert {c.fingerprint for c in found} == {"recruitment_clash:1-2", "recruitment_clash:2-3"}
    first = next(c for c in found if c.fingerprint == "recruitment_clash:1-2")
    assert first.facts["from"] == "2027-03-01" and first.facts["until"] == "2027-06-30"


def test_one_organisations_own_vacancies_do_not_clash():
    found, compared = clashes([_vacancy(1, organisation=10), _vacancy(2, organisation=10)])
    assert (found, compared) == ([], 0)


def test_open_vacancies_of_two_organisations_in_one_wijk_clash(gemeente):
    from gemeenten.models import Theme

    Vacancy = vacancy_model()
    centrum, taal = wijk(gemeente, "Centrum"), Theme.objects.get(slug="taal")
    made = [Vacancy.objects.create(gemeente=gemeente, organisation=organisation_in(gemeente),
                                   title="Taalmaatje gezocht", theme=taal, wijk=centrum,
                                   starts_on=date(2026, 12, 1))
            for _ in range(2)]
    Vacancy.objects.create(gemeente=gemeente, organisation=organisation_in(gemeente),
                           title="Taalmaatje gezocht", theme=taal, wijk=centrum,
                           starts_on=date(2026, 12, 1), is_open=False)  # closed: no clash
    detect(gemeente)
    assert _pairs(OverlapKind.RECRUITMENT_CLASH) == {tuple(sorted(v.pk for v in made))}


def test_a_busy_organisation_is_paired_with_its_three_quietest_neighbours(gemeente, pair):
    druk, first_quiet = pair
    sender = referrals(gemeente, to=druk, count=20)
    quiet = [first_quiet]
    for n, received in enumerate([3, 1, 2, 4]):
        organisation = organisation_in(gemeente, name=f"Stil {n}", referral_capacity_per_month=10)
        organisation.themes.set(organisation.themes.model.objects.filter(slug="taal"))
        organisation.presences.get().wijken.set([wijk(gemeente, "Centrum")])
        referrals(gemeente, to=organisation, count=received, sender=sender)
        quiet.append(organisation)
    run = detect(gemeente)
    assert run.pairs["overload"] == 5
    partners = {f.facts["under"]["received"]
                for f in OverlapFinding.objects.filter(kind=OverlapKind.OVERLOAD)}
    assert partners == {0, 1, 2}  # the first quiet one received nothing
