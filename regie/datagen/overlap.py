"""The overlap detection's data. seed_demo: Demodam's sociale kaart holds a planted overlap
(two taalcafés of different organisations on Tuesday 19:30 in Centrum) and a control (the
Formulierenspreekuur in several wijken on Monday 13:30: coverage, not overlap); the detection
runs once, so the regisseur sees its findings without waiting for the night (idempotent).

generate_scale: per gemeente one activity in 200 (at least one) gets a twin: another
organisation's activity is rewritten to the same wijk, themes, target groups and schedule,
with a near-identical title; the number of activities stays the preset's. bench/overlap.py
checks that each planted pair is found. What it changes goes with the sociale kaart's delete."""
from collections import defaultdict

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import Demo, ScaleRun
from gemeenten.scope import gemeente_scope
from initiatives.choices import ApprovalState, Frequency
from initiatives.models import Activity, Occurrence, Presence, Schedule
from initiatives.services import activities_refresh

from ..overlap import overlap_detect


def demo_overlap(demo: Demo) -> None:
    with gemeente_scope(demo.gemeente):
        run = overlap_detect(gemeente=demo.gemeente)
    demo.created["overlap findings"] += run.created


PLANT_ONE_IN = 200


def _pairs(run: ScaleRun, rng) -> list[tuple[Schedule, Activity]]:
    """(the source's schedule, the activity that becomes its twin), per gemeente."""
    approved = Presence.objects.filter(gemeente_id__in=run.gemeente_ids,
                                       approval=ApprovalState.APPROVED).values("organisation_id")
    activities = (Activity.objects.filter(gemeente_id__in=run.gemeente_ids, is_active=True,
                                          online=False, wijk__isnull=False,
                                          organisation_id__in=approved)
                  .order_by("gemeente_id", "pk").only("pk", "gemeente_id", "organisation_id"))
    by_gemeente = defaultdict(list)
    for activity in activities:
        by_gemeente[activity.gemeente_id].append(activity)
    # One weekly or biweekly rule without an end each: a twin that is on every week.
    repeating = {
        s.activity_id: s for s in Schedule.objects.filter(
            activity__gemeente_id__in=run.gemeente_ids, valid_until__isnull=True,
            frequency__in=[Frequency.WEEKLY, Frequency.BIWEEKLY]).order_by("pk")
    }
    pairs = []
    for gemeente_id in run.gemeente_ids:
        pool = by_gemeente.get(gemeente_id, [])
        sources = [a for a in pool if a.pk in repeating]
        if not sources or len(pool) < 2:
            continue
        taken = set()
        for source in rng.sample(sources, max(1, min(len(sources), len(pool) // PLANT_ONE_IN))):
            if source.pk in taken:
                continue
            twins = [a for a in pool if a.organisation_id != source.organisation_id
                     and a.pk not in taken and a.pk != source.pk]
            if not twins:
                continue
            twin = rng.choice(twins)
            taken.update({source.pk, twin.pk})
            pairs.append((repeating[source.pk], twin))
    return pairs


def overlap_plant(run: ScaleRun) -> None:
    if not run.gemeente_ids:
        return
    pairs = _pairs(run, run.rng("overlap"))
    if not pairs:
        return
    sources = {s.activity_id: s.activity for s in Schedule.objects.filter(
        pk__in=[s.pk for s, _t in pairs]).select_related("activity")}
    twin_ids = [twin.pk for _s, twin in pairs]
    Occurrence.objects.filter(activity_id__in=twin_ids).delete()
    Schedule.objects.filter(activity_id__in=twin_ids).delete()
    Theme, Group = Activity.themes.through, Activity.target_groups.through
    Theme.objects.filter(activity_id__in=twin_ids).delete()
    Group.objects.filter(activity_id__in=twin_ids).delete()
    themes, groups = defaultdict(list), defaultdict(list)
    for activity_id, theme_id in Theme.objects.filter(
            activity_id__in=list(sources)).values_list("activity_id", "theme_id"):
        themes[activity_id].append(theme_id)
    for activity_id, group_id in Group.objects.filter(
            activity_id__in=list(sources)).values_list("activity_id", "targetgroup_id"):
        groups[activity_id].append(group_id)
    twins = []
    for schedule, twin in pairs:
        source = sources[schedule.activity_id]
        twin.title_nl, twin.title_en = f"{source.title_nl} (ook hier)", \
            f"{source.title_en} (also here)"
        twin.description_nl = f"Ook bij ons: {source.title_nl}. Iedereen welkom."
        twin.description_en = f"With us too: {source.title_en}. Everyone welcome."
        twin.wijk_id = source.wijk_id
        twins.append(twin)
    Activity.objects.bulk_update(twins, ["title_nl", "title_en", "description_nl",
                                         "description_en", "wijk_id"], batch_size=1000)
    bulk_insert(Theme, [Theme(activity_id=twin.pk, theme_id=t)
                               for s, twin in pairs for t in themes[s.activity_id]])
    bulk_insert(Group, [Group(activity_id=twin.pk, targetgroup_id=g)
                               for s, twin in pairs for g in groups[s.activity_id]])
    bulk_insert(Schedule, [
        Schedule(activity_id=twin.pk, frequency=s.frequency, weekdays=s.weekdays,
                 week_of_month=s.week_of_month, start_time=s.start_time,
                 end_time=s.end_time, valid_from=s.valid_from, valid_until=s.valid_until)
        for s, twin in pairs
    ])
    # Occurrences, last date, facets and search text as the service writes them.
    activities_refresh(twin_ids, today=run.today)
    run.counts["planted overlaps"] += len(pairs)
