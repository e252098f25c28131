"""Writing an import plan into a gemeente: all or nothing, in sets (new activities in batches
of 1,000 with what activities_refresh would derive; changed ones ending in one refresh)."""
from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from gemeenten.models import Gemeente, Wijk
from gemeenten.scope import gemeente_scope
from gemeenten.text import name_key

from ..models import Activity, Organisation, Presence, Schedule
from ..services import (
    activities_create_many,
    activities_refresh,
    activity_translation_defaults,
    organisations_register_many,
)
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


# New activities are written in batches of this many, one insert per table and batch: the
# queries grow with the batches, not the rows, and memory stays flat.
BATCH_ACTIVITIES = 1000


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

    Everything is written in sets: the organisations, then the activities the file changes,
    then the new activities in batches of BATCH_ACTIVITIES (`_activities_create`), each
    with its schedules, links and occurrences. One transaction: an error in any batch leaves
    nothing written.
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
        links.write()
        changed = [p for p in plan.activities
                   if p.activity is not None and p.action != UNCHANGED]
        if changed:
            _activities_update(changed, wijken=wijken, today=today)
        new = [p for p in plan.activities if p.activity is None]
        for start in range(0, len(new), BATCH_ACTIVITIES):
            _activities_create(new[start:start + BATCH_ACTIVITIES], gemeente=gemeente,
                               organisations=organisations, wijken=wijken, today=today)
        return plan.report(gemeente=gemeente.name, skipped=list(skipped or []))


def _activities_create(batch: list[ActivityPlan], *, gemeente: Gemeente,
                       organisations: dict[str, Organisation], wijken: dict[str, Wijk],
                       today: date) -> None:
    """One batch of new activities, with everything activities_refresh would derive."""
    activities, schedules = [], []
    links: dict[str, list[tuple]] = {name: [] for name in _ACTIVITY_LINKS}
    untranslated = activity_translation_defaults()
    for act_plan in batch:
        activity = Activity(
            organisation=organisations[act_plan.organisation_key], gemeente=gemeente,
            wijk=wijken.get(name_key(act_plan.wijk)) if act_plan.wijk else None,
            **(untranslated | act_plan.fields),
        )
        activities.append(activity)
        schedules += [
            Schedule(activity=activity, **row.values(valid_from=row.valid_from or today))
            for row in act_plan.schedules
        ]
        for name in _ACTIVITY_LINKS:
            links[name] += [(activity, item) for item in getattr(act_plan, name)]
    activities_create_many(activities, schedules, links=links, today=today)


_ACTIVITY_LINKS = ("themes", "target_groups", "languages")
_SCHEDULE_FIELDS = ["frequency", "weekdays", "week_of_month", "start_time", "end_time",
                    "valid_from", "valid_until"]


def _activities_update(plans: list[ActivityPlan], *, wijken: dict[str, Wijk],
                       today: date) -> None:
    """The matched activities the file changes: their fields in one bulk update, each
    changed link (themes, target groups, languages) replaced in one delete and one insert,
    their schedules matched in memory and written in sets, then one activities_refresh."""
    now, fields = timezone.now(), {"wijk", "updated_at"}
    relinked: dict[str, list[ActivityPlan]] = {name: [] for name in _ACTIVITY_LINKS}
    schedules_changed, schedules_new, schedules_gone = [], [], []
    for act_plan in plans:
        activity = act_plan.activity
        for name, value in act_plan.fields.items():
            setattr(activity, name, value)
            fields.add(name)
        wijk = wijken.get(name_key(act_plan.wijk)) if act_plan.wijk else None
        if wijk is not None:  # an empty wijk cell keeps the activity's wijk
            activity.wijk = wijk
        activity.updated_at = now
        for name in _ACTIVITY_LINKS:
            if name in act_plan.changed:
                relinked[name].append(act_plan)
        if not act_plan.schedules_same:
            changed, new, gone = _schedules_match(activity, act_plan.schedules, today=today)
            schedules_changed += changed
            schedules_new += new
            schedules_gone += gone
    Activity.objects.bulk_update([p.activity for p in plans], sorted(fields), batch_size=500)
    for name, relinked_plans in relinked.items():
        if not relinked_plans:
            continue
        relation = getattr(Activity, name)
        through, target = relation.through, relation.field.m2m_reverse_field_name()
        through.objects.filter(activity_id__in=[p.activity.pk for p in relinked_plans]).delete()
        through.objects.bulk_create(
            [through(activity_id=p.activity.pk, **{f"{target}_id": item.pk})
             for p in relinked_plans for item in getattr(p, name)], batch_size=2000)
    Schedule.objects.bulk_update(schedules_changed, _SCHEDULE_FIELDS, batch_size=500)
    Schedule.objects.bulk_create(schedules_new, batch_size=1000)
    if schedules_gone:
        Schedule.objects.filter(pk__in=schedules_gone).delete()
    activities_refresh([p.activity.pk for p in plans], today=today)


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
    changed, changed_fields = [], set()
    for org_plan in plan.organisations:
        if org_plan.presence is None:
            continue
        organisation = org_plan.presence.organisation
        if org_plan.changed:
            for name in org_plan.changed:
                setattr(organisation, name, org_plan.fields[name])
            changed.append(organisation)
            changed_fields.update(org_plan.changed)
        _organisation_links(links, org_plan, organisation.pk, org_plan.presence.pk, wijken)
        organisations[name_key(org_plan.name)] = organisation
    # One update for all (a field one of them does not change keeps the value just read).
    if changed:
        Organisation.objects.bulk_update(changed, sorted(changed_fields), batch_size=500)
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


def _schedules_match(activity: Activity, wanted: list[ScheduleRow], *, today: date):
    """Keep the schedules that match, change the others in place (so past occurrences
    stay for the calendar and tallies), delete the surplus and create what is missing:
    returns (changed, new, ids to delete), for the caller to write in sets. The activity's
    schedules come from the plan's prefetch."""
    remaining = list(activity.schedules.all())
    unmatched = []
    for row in wanted:
        hit = next((s for s in remaining if row.matches(s)), None)
        if hit is None:
            unmatched.append(row)
        else:
            remaining.remove(hit)
    changed, new = [], []
    for row in unmatched:
        if remaining:
            schedule = remaining.pop(0)
            for name, value in row.values(valid_from=row.valid_from or schedule.valid_from).items():
                setattr(schedule, name, value)
            changed.append(schedule)
        else:
            new.append(Schedule(activity=activity,
                                **row.values(valid_from=row.valid_from or today)))
    return changed, new, [s.pk for s in remaining]
