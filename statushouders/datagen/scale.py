"""The statushouders step of `generate_scale`: newcomers, their begeleidingen and referrals in
every state, spread over the gemeenten as the sociale kaart step weighted them (Zipf-like), so
`raise_flags` meets every case at scale. Drawn from a seeded random.Random; bulk_create."""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as clock

from django.utils import timezone

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Wijk
from initiatives.models import Presence

from ..choices import ReferralState, ResidenceBasis
from ..models import Begeleiding, Flag, Instemming, Newcomer, Referral, ReferralEvent

FIRST = ["Testa", "Demo", "Proef", "Oefen", "Fictief", "Verzon", "Voorbeeld", "Nepper"]
LAST = ["Achternaam", "Voorbeeldig", "Testpersoon", "Proefnaam", "Schaalmens", "Generator"]
BASES = [(ResidenceBasis.ASYLUM, 70), (ResidenceBasis.FAMILY_MIGRATION, 15),
         (ResidenceBasis.TEMPORARY_PROTECTION, 12), (ResidenceBasis.OTHER, 3)]
STATES = [(ReferralState.PROPOSED, 25), (ReferralState.ACCEPTED, 35),
          (ReferralState.DECLINED, 8), (ReferralState.EXPIRED, 2), (ReferralState.STARTED, 15),
          (ReferralState.COMPLETED, 10), (ReferralState.STOPPED, 5)]


def _weighted(rng, pairs):
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def newcomers_generate(run: ScaleRun) -> None:
    rng = run.rng("statushouders")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids or not run.preset.newcomers:
        return
    weights = [1 / (i + 1) ** 0.8 for i in range(len(gemeente_ids))]
    total = sum(weights)
    organisations: dict[int, list[int]] = {}
    for gemeente_id, organisation_id in Presence.objects.filter(
            gemeente_id__in=gemeente_ids).order_by("gemeente_id", "organisation_id") \
            .values_list("gemeente_id", "organisation_id"):
        organisations.setdefault(gemeente_id, []).append(organisation_id)
    wijken: dict[int, list[int]] = {}
    for gemeente_id, wijk_id in Wijk.objects.filter(gemeente_id__in=gemeente_ids) \
            .order_by("pk").values_list("gemeente_id", "pk"):
        wijken.setdefault(gemeente_id, []).append(wijk_id)
    today = run.today
    newcomers, plans = [], []
    for index, (gemeente_id, weight) in enumerate(zip(gemeente_ids, weights, strict=True)):
        orgs = organisations.get(gemeente_id, [])
        if len(orgs) < 2:
            continue
        begeleiders = orgs[:max(1, len(orgs) // 20)]  # a few give begeleiding
        count = max(1, round(run.preset.newcomers * weight / total))
        for n in range(count):
            organisation = begeleiders[n % len(begeleiders)]
            newcomers.append(Newcomer(
                gemeente_id=gemeente_id, organisation_id=organisation,
                registratienummer=f"S{index:03d}-{n:06d}", first_name=rng.choice(FIRST),
                surname=rng.choice(LAST), birth_year=rng.randrange(1950, 2008),
                household_size=rng.randrange(1, 7),
                wijk_id=rng.choice(wijken[gemeente_id]) if wijken.get(gemeente_id) else None,
                residence_basis=_weighted(rng, BASES),
            ))
            # Planned ends from two months ago to two years ahead (begeleiding lasts up to
            # three years); some ended already.
            planned_end = today + timedelta(days=rng.randrange(-60, 731))
            start = min(planned_end - timedelta(days=365), today - timedelta(days=30))
            ended = planned_end < today and rng.random() < 0.5
            receiver = rng.choice([o for o in orgs if o != organisation] or orgs)
            referral = rng.random() < 0.4
            plans.append((organisation, start, planned_end, ended, receiver, referral))
    bulk_insert(Newcomer, newcomers, batch_size=5000)
    ids = list(Newcomer.objects.filter(gemeente_id__in=gemeente_ids).order_by("pk")
               .values_list("pk", "gemeente_id"))
    begeleidingen, referrals = [], []
    for (newcomer_id, gemeente_id), (organisation, start, planned_end, ended, receiver,
                                      referral) in zip(ids, plans, strict=True):
        begeleidingen.append(Begeleiding(
            newcomer_id=newcomer_id, organisation_id=organisation, start=start,
            planned_end=planned_end, actual_end=planned_end if ended else None,
            end_reason="completed" if ended else ""))
        if referral:
            state = _weighted(rng, STATES)
            sent = timezone.make_aware(datetime.combine(
                min(today, start + timedelta(days=rng.randrange(30, 400))), clock(10)))
            accepted = state in (ReferralState.ACCEPTED, ReferralState.STARTED,
                                 ReferralState.COMPLETED)
            referrals.append(Referral(
                gemeente_id=gemeente_id, newcomer_id=newcomer_id,
                from_organisation_id=organisation, to_organisation_id=receiver, state=state,
                created_at=sent, accepted_at=sent + timedelta(days=3) if accepted else None,
                answered_at=None if state == ReferralState.PROPOSED else sent + timedelta(days=3),
            ))
    bulk_insert(Begeleiding, begeleidingen, batch_size=5000)
    bulk_insert(Referral, referrals, batch_size=5000)
    referral_ids = list(Referral.objects.filter(gemeente_id__in=gemeente_ids)
                        .values_list("pk", flat=True))
    bulk_insert(Instemming, [
        Instemming(referral_id=pk, shared_fields="first_name,need", text="Generated.",
                   language="nl") for pk in referral_ids], batch_size=5000)
    run.counts["newcomers"] += len(newcomers)
    run.counts["begeleidingen"] += len(begeleidingen)
    run.counts["referrals"] += len(referrals)
    run.timings["newcomers, begeleidingen, referrals"] = time.monotonic() - started


def newcomers_delete(gemeenten) -> None:
    Flag.objects.filter(gemeente__in=gemeenten).delete()
    ReferralEvent.objects.filter(referral__gemeente__in=gemeenten).delete()
    Instemming.objects.filter(referral__gemeente__in=gemeenten).delete()
    Referral.objects.filter(gemeente__in=gemeenten).delete()
    Begeleiding.objects.filter(newcomer__gemeente__in=gemeenten).delete()
    Newcomer.objects.filter(gemeente__in=gemeenten).delete()
