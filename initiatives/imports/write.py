"""Writing an import plan into a gemeente: all or nothing, in sets, ending in one refresh."""
from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from gemeenten.models import Gemeente, Wijk
from gemeenten.scope import gemeente_scope
from gemeenten.text import name_key

from ..models import Activity, Organisation, Presence, Schedule
from ..services import activities_refresh, organisations_register_many
from .columns import ActivityRow, ScheduleRow
from .plan import (
    UNCHANGED,
    ActivityPlan,
    ImportPlan,
    ImportReport,
    NameChoices,
    SkippedRow,
    sociale_kaart_plan,
)


def gemeente_find(name: str) -> Gemeente | None:
    """The gemeente of this name or slug (case- and space-insensitive), or None. An import
    never creates a gemeente: a new tenant is the beheerder's deliberate act."""
    key = name_key(name)
    for gemeente in Gemeente.objects.all():
        if key in (name_key(gemeente.name), name_key(gemeente.slug)):
            return gemeente
    return None


class ImportChoicesMissing(Exception):
    """The file names a wijk or organisation close to a known one, and nobody chose whether
    it is that one or a new one: nothing is written."""

    def __init__(self, unresolved):
        self.unresolved = unresolved
        super().__init__(", ".join(u.name for u in unresolved))


@transaction.atomic
def sociale_kaart_import(
    *, gemeente: Gemeente, rows: list[ActivityRow], choices: NameChoices | None = None,
    today: date | None = None, skipped: list[SkippedRow] | None = None,
) -> ImportReport:
    """Write checked rows into a gemeente, all or nothing, and report what changed.

    `choices` are the regisseur's per unknown name (plan.py): a wijk or organisation close
    to a known one and not chosen for raises ImportChoicesMissing before anything is
    written. New organisations get an approved presence (the gemeente's own list vouches
    for them); existing presences keep their approval. `skipped` (the lines left out by
    "import only the correct rows") goes into the report.
    """
    today = today or timezone.localdate()
    # The whole import happens inside that gemeente's tenant scope.
    with gemeente_scope(gemeente):
        plan = sociale_kaart_plan(gemeente=gemeente, rows=rows, choices=choices)
        if plan.unresolved:
            raise ImportChoicesMissing(plan.unresolved)
        wijken = dict(plan.wijken)
        for name in plan.new_wijken:
            wijken[name_key(name)] = Wijk.objects.create(gemeente=gemeente, name=name)
        links = _Links()
        organisations = _organisations_write(plan, gemeente=gemeente, wijken=wijken, links=links)

        refresh_ids, new = [], []
        for act_plan in plan.activities:
            if act_plan.action == UNCHANGED:
                continue
            wijk = wijken.get(name_key(act_plan.wijk)) if act_plan.wijk else None
            activity = act_plan.activity
            if activity is None:
                new.append((act_plan, Activity(
                    organisation=organisations[act_plan.organisation_key], gemeente=gemeente,
                    wijk=wijk, **act_plan.fields,
                )))
                continue
            for name, value in act_plan.fields.items():
                setattr(activity, name, value)
            if wijk is not None:  # an empty wijk cell keeps the activity's wijk
                activity.wijk = wijk
            activity.save()
            for name in ("themes", "target_groups", "languages"):
                if name in act_plan.changed:
                    getattr(activity, name).set(getattr(act_plan, name))
            if not act_plan.schedules_same:
                _schedules_write(activity, act_plan.schedules, today=today)
            refresh_ids.append(activity.pk)

        # New activities in sets: one import may hold a gemeente's whole offer.
        Activity.objects.bulk_create([activity for _plan, activity in new], batch_size=500)
        schedules = []
        for act_plan, activity in new:
            links.activity(activity, act_plan)
            schedules += [
                Schedule(activity=activity, **row.values(valid_from=row.valid_from or today))
                for row in act_plan.schedules
            ]
            refresh_ids.append(activity.pk)
        Schedule.objects.bulk_create(schedules, batch_size=500)
        links.write()
        if refresh_ids:
            activities_refresh(refresh_ids, today=today)
        return plan.report(gemeente=gemeente.name, skipped=list(skipped or []))


class _Links:
    """Many-to-many rows gathered while writing and inserted in sets at the end."""

    def __init__(self):
        self.rows: dict[Any, list] = {}

    def add(self, relation, owner_field: str, owner_pk: int, target_field: str, targets):
        through = relation.through
        self.rows.setdefault(through, []).extend(
            through(**{f"{owner_field}_id": owner_pk, f"{target_field}_id": t.pk})
            for t in targets
        )

    def activity(self, activity: Activity, act_plan: ActivityPlan):
        self.add(Activity.themes, "activity", activity.pk, "theme", act_plan.themes)
        self.add(Activity.target_groups, "activity", activity.pk, "targetgroup",
                 act_plan.target_groups)
        self.add(Activity.languages, "activity", activity.pk, "language", act_plan.languages)

    def write(self):
        for through, rows in self.rows.items():
            through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _organisations_write(
    plan: ImportPlan, *, gemeente: Gemeente, wijken: dict[str, Wijk], links: _Links
) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    # New organisations in sets (a gemeente's first import may hold a thousand of them).
    new_plans = [org_plan for org_plan in plan.organisations if org_plan.presence is None]
    made = organisations_register_many(
        gemeente=gemeente, approved=True, rows=[dict(p.fields) for p in new_plans])
    new_ones = list(zip(new_plans, made, strict=True))
    for org_plan, organisation in new_ones:
        organisations[name_key(org_plan.name)] = organisation
    for org_plan in plan.organisations:
        if org_plan.presence is None:
            continue
        organisation = org_plan.presence.organisation
        if org_plan.changed:
            for name in org_plan.changed:
                setattr(organisation, name, org_plan.fields[name])
            organisation.save(update_fields=org_plan.changed)
        _organisation_links(links, org_plan, organisation.pk, org_plan.presence.pk, wijken)
        organisations[name_key(org_plan.name)] = organisation
    presence_ids = dict(
        Presence.objects.filter(
            gemeente=gemeente, organisation_id__in=[o.pk for _p, o in new_ones]
        ).values_list("organisation_id", "pk")
    )
    for org_plan, organisation in new_ones:
        _organisation_links(links, org_plan, organisation.pk, presence_ids[organisation.pk], wijken)
    return organisations


def _organisation_links(links, org_plan, organisation_pk, presence_pk, wijken):
    links.add(Organisation.themes, "organisation", organisation_pk, "theme", org_plan.add_themes)
    links.add(Organisation.languages, "organisation", organisation_pk, "language",
              org_plan.add_languages)
    links.add(Presence.wijken, "presence", presence_pk, "wijk",
              [wijken[name_key(n)] for n in org_plan.add_wijken])


def _schedules_write(activity: Activity, wanted: list[ScheduleRow], *, today: date) -> None:
    """Keep the schedules that match, change the others in place (so past occurrences
    stay for the calendar and tallies), delete the surplus and create what is missing."""
    remaining = list(activity.schedules.all())
    unmatched = []
    for row in wanted:
        hit = next((s for s in remaining if row.matches(s)), None)
        if hit is None:
            unmatched.append(row)
        else:
            remaining.remove(hit)
    for row in unmatched:
        if remaining:
            schedule = remaining.pop(0)
            for name, value in row.values(valid_from=row.valid_from or schedule.valid_from).items():
                setattr(schedule, name, value)
            schedule.save()
        else:
            Schedule.objects.create(activity=activity, **row.values(valid_from=row.valid_from or today))
    if remaining:
        Schedule.objects.filter(pk__in=[s.pk for s in remaining]).delete()
