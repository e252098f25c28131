"""The volunteers step of `generate_scale`: volunteers with languages, interests, availability
and a membership, spread over the gemeenten as the sociale kaart step weighted them, and
koppelingen for about half of the accepted or started referrals whose receiving organisation
has volunteers (some ended, some early), with a goal or two. Seeded random.Random;
bulk_create."""
from __future__ import annotations

import time
from datetime import timedelta

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Language, Theme, Wijk
from initiatives.models import Presence
from statushouders.choices import DAY_PARTS, WEEKDAY_CODES, ReferralState
from statushouders.models import Referral

from ..choices import LanguageLevel, MatchEndReason, MembershipKind
from ..models import CheckIn, Match, MatchGoal, Membership, Volunteer, VolunteerLanguage

FIRST = ["Vrij", "Hulp", "Maatje", "Helper", "Proef", "Demo", "Oefen", "Fictief"]
LAST = ["Willig", "Verzonnen", "Voorbeeld", "Schaalhulp", "Generator", "Testmaatje"]
LANGUAGES = ["nl", "en", "ar", "uk", "ti", "fa", "prs", "tr", "so", "ku", "fr", "de"]
LEVELS = [LanguageLevel.BASIC, LanguageLevel.GOOD, LanguageLevel.NATIVE]
SLOTS = [f"{day}-{part}" for day, _d in WEEKDAY_CODES for part, _p in DAY_PARTS]
GOALS = ["Zelf een afspraak maken", "Brieven begrijpen", "Boodschappen doen in het Nederlands",
         "De weg vinden naar de bibliotheek", "Een gesprek met de school voeren"]
EARLY = [MatchEndReason.NO_CLICK, MatchEndReason.VOLUNTEER_STOPPED,
         MatchEndReason.NEWCOMER_STOPPED, MatchEndReason.MOVED, MatchEndReason.OTHER]


def volunteers_generate(run: ScaleRun) -> None:
    rng = run.rng("volunteers")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids or not run.preset.volunteers:
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
    # The organisations that receive referrals get most volunteers: where koppelingen happen.
    receivers: dict[int, list[int]] = {}
    for gemeente_id, organisation_id in Referral.objects.filter(
            gemeente_id__in=gemeente_ids).order_by("gemeente_id", "to_organisation_id") \
            .values_list("gemeente_id", "to_organisation_id").distinct():
        receivers.setdefault(gemeente_id, []).append(organisation_id)
    languages = dict(Language.objects.filter(code__in=LANGUAGES).values_list("code", "pk"))
    themes = list(Theme.objects.exclude(slug="gezondheid").order_by("slug")
                  .values_list("pk", flat=True))
    people, plans = [], []
    for index, (gemeente_id, weight) in enumerate(zip(gemeente_ids, weights, strict=True)):
        orgs = organisations.get(gemeente_id, [])
        if not orgs:
            continue
        pond = receivers.get(gemeente_id) or orgs
        for n in range(max(1, round(run.preset.volunteers * weight / total))):
            people.append(Volunteer(
                gemeente_id=gemeente_id, first_name=rng.choice(FIRST), surname=rng.choice(LAST),
                email=f"v{index:03d}-{n:06d}@scale.example",
                wijk_id=rng.choice(wijken[gemeente_id]) if wijken.get(gemeente_id) else None,
                availability=",".join(sorted(rng.sample(SLOTS, rng.randrange(1, 6)))),
                ervaringsdeskundige=rng.random() < 0.15, max_koppelingen=rng.choice([1, 1, 2, 3]),
                vog=rng.random() < 0.7))
            spoken = ["nl"] + rng.sample(LANGUAGES[1:], rng.randrange(0, 3))
            plans.append((rng.choice(pond) if rng.random() < 0.8 else rng.choice(orgs),
                          [(code, LanguageLevel.NATIVE if code != "nl" and rng.random() < 0.6
                            else rng.choice(LEVELS)) for code in spoken],
                          rng.sample(themes, rng.randrange(1, 4))))
    bulk_insert(Volunteer, people, batch_size=5000)
    ids = list(Volunteer.objects.filter(gemeente_id__in=gemeente_ids).order_by("pk")
               .values_list("pk", flat=True))
    memberships, spoken_rows, interests = [], [], []
    pool: dict[int, list[int]] = {}
    for volunteer_id, (organisation_id, spoken, theme_ids) in zip(ids, plans, strict=True):
        memberships.append(Membership(
            volunteer_id=volunteer_id, organisation_id=organisation_id,
            kind=MembershipKind.CORE if rng.random() < 0.4 else MembershipKind.OCCASIONAL))
        pool.setdefault(organisation_id, []).append(volunteer_id)
        spoken_rows += [VolunteerLanguage(volunteer_id=volunteer_id, language_id=languages[c],
                                          level=level)
                        for c, level in spoken if c in languages]
        interests += [Volunteer.interests.through(volunteer_id=volunteer_id, theme_id=t)
                      for t in theme_ids]
    bulk_insert(Membership, memberships, batch_size=5000)
    bulk_insert(VolunteerLanguage, spoken_rows, batch_size=5000)
    bulk_insert(Volunteer.interests.through, interests, batch_size=5000)
    matches = _koppelingen(run, rng, gemeente_ids, pool)
    run.counts["volunteers"] += len(people)
    run.counts["memberships"] += len(memberships)
    run.counts["koppelingen"] += matches
    run.timings["volunteers, koppelingen"] = time.monotonic() - started


def _koppelingen(run, rng, gemeente_ids, pool) -> int:
    today = run.today
    matches, goal_plans = [], []
    for referral_id, gemeente_id, newcomer_id, organisation_id, accepted_at in (
            Referral.objects.filter(gemeente_id__in=gemeente_ids, state__in=[
                ReferralState.ACCEPTED, ReferralState.STARTED]).order_by("pk")
            .values_list("pk", "gemeente_id", "newcomer_id", "to_organisation_id",
                         "accepted_at")):
        volunteers = pool.get(organisation_id)
        if not volunteers or rng.random() < 0.5:
            continue
        starts_on = min(today, (accepted_at.date() if accepted_at else today)
                        + timedelta(days=rng.randrange(3, 30)))
        planned_end = starts_on + timedelta(days=182)
        ended_on, reason = None, ""
        if rng.random() < 0.3:
            ended_on = min(today, starts_on + timedelta(days=rng.randrange(14, 200)))
            reason = rng.choice(EARLY) if ended_on < planned_end else \
                rng.choice([MatchEndReason.GOALS_REACHED, MatchEndReason.PLANNED_END])
        matches.append(Match(gemeente_id=gemeente_id, volunteer_id=rng.choice(volunteers),
                             newcomer_id=newcomer_id, organisation_id=organisation_id,
                             referral_id=referral_id, starts_on=starts_on,
                             planned_end=planned_end, ended_on=ended_on, end_reason=reason))
        goal_plans.append(rng.sample(GOALS, rng.randrange(1, 3)))
    bulk_insert(Match, matches, batch_size=5000)
    made = list(Match.objects.filter(gemeente_id__in=gemeente_ids).order_by("pk")
                .values_list("pk", "starts_on"))
    bulk_insert(MatchGoal, [
        MatchGoal(match_id=pk, text=text, set_on=starts_on)
        for (pk, starts_on), texts in zip(made, goal_plans, strict=True) for text in texts],
        batch_size=5000)
    return len(matches)


def volunteers_delete(gemeenten) -> None:
    CheckIn.objects.filter(match__gemeente__in=gemeenten).delete()
    MatchGoal.objects.filter(match__gemeente__in=gemeenten).delete()
    Match.objects.filter(gemeente__in=gemeenten).delete()
    Volunteer.objects.filter(gemeente__in=gemeenten).delete()
