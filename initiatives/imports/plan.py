"""What importing checked rows into a gemeente would do, computed without writing.

Rules a gemeente can rely on (the foundation issue):
- organisations match by name (case- and space-insensitive) among the gemeente's presences,
  activities by organisation + title; a re-import of the same file changes nothing;
- the file is the source: a matched record takes the file's values, except that an empty
  `soort`, `door_nieuwkomers` or `aanmelden` leaves the stored value alone (they have no
  "empty" value); an organisation's themes, languages and wijken are only ever added to;
- several rows with the same organisation and title are one activity with several schedules;
- an organisation's shared fields (what every gemeente sees) are written only where
  `Organisation.shared_fields_writable_by(gemeente)` says so; otherwise the import keeps them
  as the organisation keeps them and still writes the gemeente's own presence and activities.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gemeenten.models import Gemeente, Wijk
from gemeenten.text import name_key

from ..choices import OrganisationKind
from ..models import Activity, Organisation, Presence, Schedule
from .columns import ActivityRow, ScheduleRow, column_for

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class OrganisationPlan:
    name: str
    presence: Presence | None  # None: a new organisation
    fields: dict
    changed: list[str]
    add_themes: set
    add_languages: set
    add_wijken: list[str]  # wijk names (keys resolved when writing)
    # The organisation manages its own details or also works in another gemeente: the
    # import leaves its shared fields alone; `kept` names what the file would have changed.
    keeps_own: bool = False
    kept: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.presence is None:
            return CREATED
        if self.changed or self.add_themes or self.add_languages or self.add_wijken:
            return UPDATED
        return UNCHANGED

    @property
    def changed_labels(self) -> list[str]:
        labels = [column_for("Organisation", name) for name in self.changed]
        for added, column in ((self.add_themes, column_for("Organisation", "themes")),
                              (self.add_languages, column_for("Organisation", "languages")),
                              (self.add_wijken, column_for("Presence", "wijken"))):
            if added:
                labels.append(f"+{column}")
        return labels

    @property
    def kept_labels(self) -> list[str]:
        return [column_for("Organisation", name) for name in self.kept]


@dataclass
class ActivityPlan:
    organisation_key: str
    organisation_name: str
    title: str
    lines: list[int]
    activity: Activity | None
    fields: dict
    wijk: str
    themes: set
    target_groups: set
    languages: set
    schedules: list[ScheduleRow]
    changed: list[str] = field(default_factory=list)
    schedules_same: bool = True

    @property
    def action(self) -> str:
        if self.activity is None:
            return CREATED
        return UPDATED if self.changed else UNCHANGED

    @property
    def changed_labels(self) -> list[str]:
        """Where each change comes from, named by the file's own column."""
        return [
            "dagen/tijden" if name == "schedules" else column_for("Activity", name)
            for name in self.changed
        ]


@dataclass
class ImportReport:
    organisations: Counter
    activities: Counter
    new_wijken: list[str]
    gemeente: str = ""
    gemeente_created: bool = False
    kept: int = 0  # organisations whose own details the file would have changed


    def summary(self) -> str:
        parts = [
            _("Organisations: %(created)s created, %(updated)s updated, %(unchanged)s "
              "unchanged.") % {k: self.organisations[k] for k in (CREATED, UPDATED, UNCHANGED)},
            _("Activities: %(created)s created, %(updated)s updated, %(unchanged)s "
              "unchanged.") % {k: self.activities[k] for k in (CREATED, UPDATED, UNCHANGED)},
        ]
        if self.new_wijken:
            parts.append(ngettext("New wijk: %(names)s.", "New wijken: %(names)s.",
                                  len(self.new_wijken)) % {"names": ", ".join(self.new_wijken)})
        if self.kept:
            parts.append(ngettext(
                "%(count)s organisation kept its own details: it manages them itself or also "
                "works in another municipality.",
                "%(count)s organisations kept their own details: they manage them themselves "
                "or also work in another municipality.",
                self.kept,
            ) % {"count": self.kept})
        if self.gemeente_created:
            parts.insert(0, _("Gemeente %(name)s created.") % {"name": self.gemeente})
        return " ".join(parts)


@dataclass
class ImportPlan:
    organisations: list[OrganisationPlan]
    activities: list[ActivityPlan]
    new_wijken: list[str]
    wijken: dict[str, Wijk]

    def report(self, **kwargs) -> ImportReport:
        return ImportReport(
            organisations=Counter(p.action for p in self.organisations),
            activities=Counter(p.action for p in self.activities),
            new_wijken=list(self.new_wijken),
            kept=sum(1 for p in self.organisations if p.kept),
            **kwargs,
        )


def _first(rows: list[ActivityRow], attribute: str, default: Any = "") -> Any:
    for row in rows:
        value = getattr(row, attribute)
        if value not in (None, ""):
            return value
    return default


def sociale_kaart_plan(*, gemeente: Gemeente | None, rows: list[ActivityRow]) -> ImportPlan:
    """What importing these rows into the gemeente would do. Reads only."""
    presences: dict[str, Presence] = {}
    wijken: dict[str, Wijk] = {}
    existing: dict[tuple[int, str], Activity] = {}
    if gemeente is not None and gemeente.pk:
        for presence in (
            Presence.objects.filter(gemeente=gemeente).select_related("organisation")
            .annotate(**_keeps_own_annotations(gemeente))
            .prefetch_related("organisation__themes", "organisation__languages", "wijken")
            .order_by("pk")
        ):
            presences.setdefault(name_key(presence.organisation.name), presence)
        wijken = {name_key(w.name): w for w in Wijk.objects.filter(gemeente=gemeente)}
        for activity in (
            Activity.objects.filter(
                gemeente=gemeente,
                organisation_id__in=Presence.objects.filter(gemeente=gemeente)
                .values("organisation_id"),
            )
            .select_related("wijk")
            .prefetch_related("themes", "target_groups", "languages", "schedules")
            .order_by("pk")
        ):
            key = (activity.organisation_id, name_key(activity.title_nl or activity.title))
            existing.setdefault(key, activity)

    by_organisation: dict[str, list[ActivityRow]] = {}
    for row in rows:
        by_organisation.setdefault(name_key(row.organisation), []).append(row)

    new_wijken: dict[str, str] = {}
    for row in rows:
        key = name_key(row.wijk)
        if row.wijk and key not in wijken and key not in new_wijken:
            new_wijken[key] = row.wijk

    organisation_plans, activity_plans = [], []
    for org_key, org_rows in by_organisation.items():
        presence = presences.get(org_key)
        organisation_plans.append(_plan_organisation(presence, org_rows))
        by_title: dict[str, list[ActivityRow]] = {}
        for row in org_rows:
            by_title.setdefault(name_key(row.title), []).append(row)
        for title_key, title_rows in by_title.items():
            activity = (
                existing.get((presence.organisation_id, title_key)) if presence else None
            )
            activity_plans.append(_plan_activity(
                org_key, organisation_plans[-1].name, activity, title_rows, wijken
            ))
    return ImportPlan(
        organisations=organisation_plans,
        activities=activity_plans,
        new_wijken=sorted(new_wijken.values(), key=str.casefold),
        wijken=wijken,
    )


def _keeps_own_annotations(gemeente: Gemeente) -> dict:
    """Organisation.shared_fields_writable_by(gemeente) for every presence at once, in the
    presences' own query (so planning takes the same queries for 5 or 5,000 rows): the
    organisation has staff, or a presence in another gemeente. Keep the two in step; a test
    compares them."""
    return {
        "organisation_has_staff": Exists(
            Organisation.staff.through.objects.filter(organisation_id=OuterRef("organisation_id"))
        ),
        # Deliberately across gemeenten (the base manager, outside the tenant scope), as in
        # the model method: only a yes/no leaves it.
        "organisation_elsewhere": Exists(
            Presence._base_manager.filter(organisation_id=OuterRef("organisation_id"))
            .exclude(gemeente=gemeente)
        ),
    }



def _plan_organisation(presence: Presence | None, rows: list[ActivityRow]) -> OrganisationPlan:
    fields = {
        "website": _first(rows, "website"),
        "email": _first(rows, "email"),
        "phone": _first(rows, "phone"),
    }
    kind = _first(rows, "kind", None)
    newcomer_led = next((r.newcomer_led for r in rows if r.newcomer_led is not None), None)
    themes = {t for r in rows for t in r.themes}
    languages = {lang for r in rows for lang in r.languages}
    wijk_names = {}
    for row in rows:
        if row.wijk:
            wijk_names.setdefault(name_key(row.wijk), row.wijk)
    if presence is None:
        fields.update(
            name=rows[0].organisation,
            kind=kind or OrganisationKind.CITIZEN_INITIATIVE,
            newcomer_led=bool(newcomer_led),
        )
        return OrganisationPlan(
            name=rows[0].organisation, presence=None, fields=fields, changed=[],
            add_themes=themes, add_languages=languages, add_wijken=list(wijk_names.values()),
        )
    if kind is not None:
        fields["kind"] = kind
    if newcomer_led is not None:
        fields["newcomer_led"] = newcomer_led
    organisation = presence.organisation
    changed = [name for name, value in fields.items() if getattr(organisation, name) != value]
    add_themes = themes - set(organisation.themes.all())
    add_languages = languages - set(organisation.languages.all())
    have_wijken = {name_key(w.name) for w in presence.wijken.all()}
    plan = OrganisationPlan(
        name=organisation.name,
        presence=presence,
        fields=fields,
        changed=changed,
        add_themes=add_themes,
        add_languages=add_languages,
        add_wijken=[name for key, name in wijk_names.items() if key not in have_wijken],
    )
    if presence.organisation_has_staff or presence.organisation_elsewhere:
        # Its shared fields are not this gemeente's to write; its presence wijken are.
        plan.keeps_own = True
        plan.kept = changed + ["themes"] * bool(add_themes) + ["languages"] * bool(add_languages)
        plan.fields, plan.changed, plan.add_themes, plan.add_languages = {}, [], set(), set()
    return plan


def _plan_activity(
    org_key: str, org_name: str, activity: Activity | None, rows: list[ActivityRow],
    wijken: dict[str, Wijk],
) -> ActivityPlan:
    signup = next((r.signup_required for r in rows if r.signup_required is not None), None)
    fields = {
        "description_nl": _first(rows, "description"),
        "address": _first(rows, "address"),
        "postcode": _first(rows, "postcode"),
        "city": _first(rows, "city"),
        "capacity": _first(rows, "capacity", None),
        "cost": _first(rows, "cost"),
        "email": _first(rows, "email"),
        "phone": _first(rows, "phone"),
    }
    if signup is not None or activity is None:
        fields["signup_required"] = bool(signup)
    plan = ActivityPlan(
        organisation_key=org_key,
        organisation_name=org_name,
        title=activity.title_nl or activity.title if activity else rows[0].title,
        lines=[r.line for r in rows],
        activity=activity,
        fields=fields,
        wijk=_first(rows, "wijk"),
        themes={t for r in rows for t in r.themes},
        target_groups={g for r in rows for g in r.target_groups},
        languages={lang for r in rows for lang in r.languages},
        schedules=[r.schedule for r in rows if r.schedule is not None],
    )
    if activity is None:
        plan.fields["title_nl"] = rows[0].title
        return plan
    plan.changed = [
        name for name, value in fields.items() if not _same(getattr(activity, name), value)
    ]
    wijk = wijken.get(name_key(plan.wijk)) if plan.wijk else None
    if activity.wijk_id != (wijk.pk if wijk else None) or (plan.wijk and wijk is None):
        plan.changed.append("wijk")
    for name in ("themes", "target_groups", "languages"):
        if set(getattr(activity, name).all()) != getattr(plan, name):
            plan.changed.append(name)
    plan.schedules_same = _schedules_same(list(activity.schedules.all()), plan.schedules)
    if not plan.schedules_same:
        plan.changed.append("schedules")
    return plan


def _same(stored: Any, wanted: Any) -> bool:
    """None and "" are the same empty value (translated fields may hold None)."""
    return (stored if stored is not None else "") == (wanted if wanted is not None else "")


def _schedules_same(existing: list[Schedule], wanted: list[ScheduleRow]) -> bool:
    remaining = list(existing)
    for row in wanted:
        hit = next((s for s in remaining if row.matches(s)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return not remaining


