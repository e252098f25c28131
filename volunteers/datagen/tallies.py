"""Session tallies for seed_demo (a few weeks of two organisations in two wijken, so the regie
dashboard has visitors per wijk) and for generate_scale (skewed: a few busy activities, many
quiet ones, many never tallied). Counts and sentences are invented; never a name."""
from __future__ import annotations

import random
from datetime import timedelta

from gemeenten.datagen.registry import Demo, ScaleRun
from initiatives.models import Activity

from ..models import Membership, SessionTally, Volunteer

# organisation, usual visitors, share of newcomers
DEMO_ORGANISATIONS = [("Taalcafé De Brug", 14, 0.7), ("Buurtkamer De Linde", 9, 0.5)]
DEMO_WEEKS = 6
WENT_WELL = ["Er werd veel gelachen.", "Twee nieuwe mensen praatten meteen mee.",
             "Het spel met woordkaartjes werkte goed.", "", "", ""]


def demo_tallies(demo: Demo) -> None:
    _link_demo_volunteer(demo)
    rng = random.Random("demo-tallies")
    recorder = demo.users.get("coordinator")
    rows = []
    for name, usual, share in DEMO_ORGANISATIONS:
        organisation = demo.organisations.get(name)
        if organisation is None:
            continue
        activities = Activity.objects.filter(organisation=organisation, gemeente=demo.gemeente,
                                             is_active=True).order_by("pk")[:2]
        for activity in activities:
            for week in range(1, DEMO_WEEKS + 1):
                total = max(0, usual + rng.randint(-4, 4))
                rows.append(SessionTally(
                    gemeente=demo.gemeente, activity=activity,
                    session_date=demo.today - timedelta(days=7 * week),
                    recorded_by=recorder if name == "Taalcafé De Brug" else None,
                    total=total, newcomers=round(total * share),
                    first_timers=min(total, rng.randint(0, 3)),
                    went_well=rng.choice(WENT_WELL)))
    before = SessionTally.objects.filter(gemeente=demo.gemeente).count()
    SessionTally.objects.bulk_create(rows, ignore_conflicts=True)
    demo.created["session tallies"] += (
        SessionTally.objects.filter(gemeente=demo.gemeente).count() - before)


def _link_demo_volunteer(demo: Demo) -> None:
    """The demo `vrijwilliger` account is Vera of Taalcafé De Brug's pool, so that account
    can record a session; left alone when some volunteer has that account already."""
    user = demo.users.get("vrijwilliger")
    if user is None or Volunteer.objects.filter(user=user).exists():
        return
    vera = Volunteer.objects.filter(gemeente=demo.gemeente, user__isnull=True,
                                    email="vera.vrijwilligster@demodam.example").first()
    if vera is not None and Membership.objects.filter(volunteer=vera, active=True).exists():
        Volunteer.objects.filter(pk=vera.pk).update(user=user)


SCALE_WEEKS = 12
TALLIED_SHARE = 0.35  # of the activities; the others never record a session


def tallies_generate(run: ScaleRun) -> None:
    """Weekly tallies of the last SCALE_WEEKS weeks for a third of the activities, with a
    long tail: visitors drawn from a Pareto distribution, sessions skipped at random."""
    rng = run.rng("volunteer_tallies")
    rows, made = [], 0
    activities = Activity.objects.filter(gemeente_id__in=run.gemeente_ids).order_by("pk") \
        .values_list("pk", "gemeente_id")
    for activity_id, gemeente_id in activities.iterator(chunk_size=5000):
        if rng.random() >= TALLIED_SHARE:
            continue
        usual = min(200, int(rng.paretovariate(1.6) * 4))
        regular = rng.uniform(0.3, 1.0)
        for week in range(1, SCALE_WEEKS + 1):
            if rng.random() > regular:
                continue
            total = max(0, int(rng.gauss(usual, usual / 4 + 1)))
            newcomers = min(total, int(total * rng.uniform(0.2, 0.9)))
            rows.append(SessionTally(
                gemeente_id=gemeente_id, activity_id=activity_id,
                session_date=run.today - timedelta(days=7 * week), total=total,
                newcomers=newcomers, first_timers=min(total, int(rng.expovariate(0.7)))))
        if len(rows) >= 5000:
            SessionTally.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
            made, rows = made + len(rows), []
    SessionTally.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    run.counts["session tallies"] += made + len(rows)


def tallies_delete(gemeenten) -> None:
    SessionTally.objects.filter(gemeente__in=gemeenten).delete()
