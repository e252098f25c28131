"""What importing checked rows into a gemeente would do, computed without writing.

Rules a gemeente can rely on (the foundation issue):
- organisations match by name (case- and space-insensitive) among the gemeente's presences,
  activities by organisation + title; a re-import of the same file changes nothing;
- an import never erases what it does not mention: a matched record takes the file's values
  where the file has one, and an empty cell keeps the stored value (clearing a field is a
  deliberate act in the form, not a side effect of a spreadsheet); an organisation's themes,
  languages and wijken are only ever added to; an activity without any schedule cells keeps
  its schedules; every change is shown as old -> new (`FieldChange`);
- a name the gemeente does not know yet (a wijk, or an organisation close to a known one) is
  never silently new: it gets the closest known names as suggestions and the regisseur
  chooses per name to map it to a known one or to add it (`UnknownName`, `NameChoices`); a
  wijk or organisation without any close known name is added unless the regisseur maps it;
- several rows with the same organisation and title are one activity with several schedules;
- an organisation's shared fields (what every gemeente sees) are written only where
  `Organisation.shared_fields_writable_by(gemeente)` says so; otherwise the import keeps them
  as the organisation keeps them and still writes the gemeente's own presence and activities.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gemeenten.models import Gemeente, Wijk
from gemeenten.text import closest_names, name_key

from ..choices import KIND_DUTCH_LABELS, WEEKDAY_SHORT, OrganisationKind
from ..models import Activity, Organisation, Presence, Schedule
from .columns import ActivityRow, ScheduleRow, SkippedRow, column_for

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
WIJK, ORGANISATION = "wijk", "organisation"
ADD = "add"
# {"wijk": {name_key: "add" | wijk pk}, "organisation": {name_key: "add" | organisation pk}}
NameChoices = dict[str, dict[str, Any]]
_KIND_LABELS = {str(kind): label for label, kind in KIND_DUTCH_LABELS.items()}


def display_value(value: Any) -> str:
    """A stored or imported value as the preview shows it ("" for empty)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | list | tuple):
        return ", ".join(sorted(display_value(v) for v in value))
    if isinstance(value, Schedule):
        return _schedule_text(value.frequency, value.weekday_list, value.start_time,
                              value.end_time)
    if isinstance(value, ScheduleRow):
        return _schedule_text(value.frequency, value.weekdays, value.start_time, value.end_time)
    return str(value)


def _schedule_text(frequency, weekdays, start, end) -> str:
    from ..choices import Frequency

    days = "/".join(WEEKDAY_SHORT[d] for d in weekdays)
    times = f"{start:%H:%M}" + (f"–{end:%H:%M}" if end else "")
    return " ".join(p for p in (str(Frequency(frequency).label), days, times) if p)


@dataclass(frozen=True)
class FieldChange:
    """One field the import changes (or would change but may not): column, old, new."""

    column: str
    old: str
    new: str


def _change(model: str, name: str, old: Any, new: Any) -> FieldChange:
    if name == "kind":
        old, new = _KIND_LABELS.get(old, old), _KIND_LABELS.get(new, new)
    return FieldChange(column_for(model, name), display_value(old), display_value(new))


@dataclass
class UnknownName:
    """A wijk or organisation the file names that the gemeente does not know (yet)."""

    kind: str  # WIJK or ORGANISATION
    name: str  # as the file first writes it
    key: str
    lines: list[int]
    suggestions: list[tuple[int, str]]  # (pk, name), closest first
    options: list[tuple[int, str]]  # what it may be mapped to
    choice: Any = None  # ADD, a pk from options, or None: the regisseur must still choose

    @property
    def field_name(self) -> str:
        return f"{self.kind}:{self.key}"

    @property
    def suggestion(self) -> str:
        return self.suggestions[0][1] if self.suggestions else ""

    @property
    def mapped_name(self) -> str:
        return next((n for pk, n in self.options if pk == self.choice), "")


@dataclass
class OrganisationPlan:
    name: str
    presence: Presence | None  # None: a new organisation
    fields: dict
    changed: list[str]
    add_themes: set
    add_languages: set
    add_wijken: list[str]  # wijk names (keys resolved when writing)
    changes: list[FieldChange] = field(default_factory=list)
    # The organisation manages its own details or also works in another gemeente: the
    # import leaves its shared fields alone; `kept` names what the file would have changed,
    # `kept_changes` shows each (what it is, what the file says), `kept_reason` why.
    keeps_own: bool = False
    kept: list[str] = field(default_factory=list)
    kept_changes: list[FieldChange] = field(default_factory=list)
    kept_reason: str = ""
    lines: list[int] = field(default_factory=list)

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
    changes: list[FieldChange] = field(default_factory=list)
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
    kept: int = 0  # organisations whose own details the file would have changed
    mapped: list[tuple[str, str]] = field(default_factory=list)  # (file's name, known name)
    skipped: list[SkippedRow] = field(default_factory=list)

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
        if self.mapped:
            parts.append(_("Read as a known name: %(pairs)s.") % {
                "pairs": ", ".join(f"{old} → {new}" for old, new in self.mapped)})
        if self.kept:
            parts.append(ngettext(
                "%(count)s organisation kept its own details: it manages them itself or also "
                "works in another municipality.",
                "%(count)s organisations kept their own details: they manage them themselves "
                "or also work in another municipality.",
                self.kept,
            ) % {"count": self.kept})
        if self.skipped:
            parts.append(ngettext(
                "%(count)s row was skipped:", "%(count)s rows were skipped:", len(self.skipped),
            ) % {"count": len(self.skipped)})
            parts.append("; ".join(
                _("line %(line)s (%(reason)s)") % {"line": row.line,
                                                  "reason": "; ".join(row.reasons)}
                for row in self.skipped
            ) + ".")
        return " ".join(parts)


@dataclass
class ImportPlan:
    organisations: list[OrganisationPlan]
    activities: list[ActivityPlan]
    new_wijken: list[str]
    wijken: dict[str, Wijk]
    unknown: list[UnknownName] = field(default_factory=list)

    @property
    def unresolved(self) -> list[UnknownName]:
        """Unknown names the regisseur has not chosen for yet: nothing is written until none
        is left."""
        return [u for u in self.unknown if u.choice is None]

    @property
    def choices(self) -> NameChoices:
        made: NameChoices = {WIJK: {}, ORGANISATION: {}}
        for unknown in self.unknown:
            if unknown.choice is not None:
                made[unknown.kind][unknown.key] = unknown.choice
        return made

    def report(self, **kwargs) -> ImportReport:
        return ImportReport(
            organisations=Counter(p.action for p in self.organisations),
            activities=Counter(p.action for p in self.activities),
            new_wijken=list(self.new_wijken),
            kept=sum(1 for p in self.organisations if p.kept),
            mapped=[(u.name, u.mapped_name) for u in self.unknown
                    if u.choice not in (None, ADD)],
            **kwargs,
        )


def _first(rows: list[ActivityRow], attribute: str, default: Any = "") -> Any:
    for row in rows:
        value = getattr(row, attribute)
        if value not in (None, ""):
            return value
    return default


def _unknown_names(
    kind: str, rows: list[ActivityRow], attribute: str, known: dict[str, tuple[int, str]],
    choices: dict[str, Any], *, map_to_any: bool, cutoff: float,
) -> list[UnknownName]:
    """The names in `attribute` of the rows that are not in `known` (name_key -> (pk, name)),
    each with its closest known names and the regisseur's choice where it is valid. A name
    without any close known name is added unless chosen otherwise."""
    found: dict[str, UnknownName] = {}
    known_names = {name: pk for pk, name in known.values()}
    for row in rows:
        name = getattr(row, attribute)
        key = name_key(name)
        if not name or key in known:
            continue
        if key in found:
            found[key].lines.append(row.line)
            continue
        suggestions = [(known_names[n], n)
                       for n in closest_names(name, list(known_names), cutoff=cutoff)]
        options = list(suggestions)  # the closest first, then (wijken) every other one
        if map_to_any:
            options += sorted((o for o in known.values() if o not in suggestions),
                              key=lambda o: o[1].casefold())
        choice = choices.get(key)
        if choice != ADD and choice not in {pk for pk, _n in options}:
            choice = None
        if choice is None and not suggestions:
            choice = ADD
        found[key] = UnknownName(kind, name, key, [row.line], suggestions, options, choice)
    return sorted(found.values(), key=lambda u: u.name.casefold())


def sociale_kaart_plan(
    *, gemeente: Gemeente | None, rows: list[ActivityRow], choices: NameChoices | None = None,
) -> ImportPlan:
    """What importing these rows into the gemeente would do, with the regisseur's choices
    for unknown names (`choices`; none given: every unknown name close to a known one is
    unresolved). Reads only."""
    choices = choices or {}
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

    unknown = _unknown_names(
        WIJK, rows, "wijk", {k: (w.pk, w.name) for k, w in wijken.items()},
        choices.get(WIJK, {}), map_to_any=True, cutoff=0.75,
    ) + _unknown_names(
        ORGANISATION, rows, "organisation",
        {k: (p.organisation_id, p.organisation.name) for k, p in presences.items()},
        # Organisation names are long and often share words ("Vluchtelingenwerk Noord",
        # "... Zuid"): only a name very like a known one asks for a choice.
        choices.get(ORGANISATION, {}), map_to_any=False, cutoff=0.88,
    )
    rows = _rows_mapped(rows, unknown)

    by_organisation: dict[str, list[ActivityRow]] = {}
    for row in rows:
        by_organisation.setdefault(name_key(row.organisation), []).append(row)

    # A wijk still to be chosen for is not shown as added to an organisation's wijken.
    undecided = {u.key for u in unknown if u.kind == WIJK and u.choice is None}
    organisation_plans, activity_plans = [], []
    for org_key, org_rows in by_organisation.items():
        presence = presences.get(org_key)
        organisation_plans.append(_plan_organisation(presence, org_rows, undecided))
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
        new_wijken=[u.name for u in unknown if u.kind == WIJK and u.choice == ADD],
        wijken=wijken,
        unknown=unknown,
    )


def _rows_mapped(rows: list[ActivityRow], unknown: list[UnknownName]) -> list[ActivityRow]:
    """The rows with every name the regisseur mapped replaced by the known name."""
    mapped = {(u.kind, u.key): u.mapped_name for u in unknown if u.choice not in (None, ADD)}
    if not mapped:
        return rows
    result = []
    for row in rows:
        changes = {}
        if (name := mapped.get((WIJK, name_key(row.wijk)))) and row.wijk:
            changes["wijk"] = name
        if name := mapped.get((ORGANISATION, name_key(row.organisation))):
            changes["organisation"] = name
        result.append(replace(row, **changes) if changes else row)
    return result


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


def _plan_organisation(presence: Presence | None, rows: list[ActivityRow],
                       undecided: set[str] = frozenset()) -> OrganisationPlan:
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
        if row.wijk and name_key(row.wijk) not in undecided:
            wijk_names.setdefault(name_key(row.wijk), row.wijk)
    lines = [r.line for r in rows]
    if presence is None:
        fields.update(
            name=rows[0].organisation,
            kind=kind or OrganisationKind.CITIZEN_INITIATIVE,
            newcomer_led=bool(newcomer_led),
        )
        return OrganisationPlan(
            name=rows[0].organisation, presence=None, fields=fields, changed=[],
            add_themes=themes, add_languages=languages, add_wijken=list(wijk_names.values()),
            lines=lines,
        )
    # An empty cell keeps what is stored: only what the file says is compared.
    fields = {name: value for name, value in fields.items() if value != ""}
    if kind is not None:
        fields["kind"] = kind
    if newcomer_led is not None:
        fields["newcomer_led"] = newcomer_led
    organisation = presence.organisation
    changed = [name for name, value in fields.items() if getattr(organisation, name) != value]
    changes = [_change("Organisation", name, getattr(organisation, name), fields[name])
               for name in changed]
    add_themes = themes - set(organisation.themes.all())
    add_languages = languages - set(organisation.languages.all())
    for name, added in (("themes", add_themes), ("languages", add_languages)):
        if added:
            have = set(getattr(organisation, name).all())
            changes.append(_change("Organisation", name, have, have | added))
    have_wijken = {name_key(w.name): w.name for w in presence.wijken.all()}
    add_wijken = [name for key, name in wijk_names.items() if key not in have_wijken]
    plan = OrganisationPlan(
        name=organisation.name,
        presence=presence,
        fields=fields,
        changed=changed,
        add_themes=add_themes,
        add_languages=add_languages,
        add_wijken=add_wijken,
        changes=changes,
        lines=lines,
    )
    if presence.organisation_has_staff or presence.organisation_elsewhere:
        # Its shared fields are not this gemeente's to write; its presence wijken are.
        plan.keeps_own = True
        plan.kept = changed + ["themes"] * bool(add_themes) + ["languages"] * bool(add_languages)
        plan.kept_changes, plan.changes = changes, []
        plan.kept_reason = (
            _("it manages its own details in the portal") if presence.organisation_has_staff
            else _("it also works in another municipality, which sees the same details")
        )
        plan.fields, plan.changed, plan.add_themes, plan.add_languages = {}, [], set(), set()
    if add_wijken:
        have = set(have_wijken.values())
        plan.changes.append(_change("Presence", "wijken", have, have | set(add_wijken)))
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
        "cost": next((r.cost for r in rows if r.cost is not None), None),
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
        plan.fields["cost"] = fields["cost"] or ""
        return plan
    # An empty cell keeps what is stored (an empty cost is "free" only for a new activity;
    # "gratis" or 0 makes an existing one free): only what the file says is compared.
    plan.fields = {
        name: value for name, value in fields.items()
        if value is not None and (value != "" or name == "cost")
    }
    for name, value in plan.fields.items():
        if not _same(getattr(activity, name), value):
            plan.changed.append(name)
            plan.changes.append(_change("Activity", name, getattr(activity, name), value))
    if plan.wijk:
        wijk = wijken.get(name_key(plan.wijk))
        if wijk is None or activity.wijk_id != wijk.pk:
            plan.changed.append("wijk")
            plan.changes.append(_change(
                "Activity", "wijk", activity.wijk.name if activity.wijk_id else "", plan.wijk,
            ))
    for name in ("themes", "target_groups", "languages"):
        wanted = getattr(plan, name)
        have = set(getattr(activity, name).all())
        if wanted and have != wanted:
            plan.changed.append(name)
            plan.changes.append(_change("Activity", name, have, wanted))
    if plan.schedules:
        current = list(activity.schedules.all())
        plan.schedules_same = _schedules_same(current, plan.schedules)
        if not plan.schedules_same:
            plan.changed.append("schedules")
            plan.changes.append(FieldChange(
                "dagen/tijden", "; ".join(display_value(s) for s in current),
                "; ".join(display_value(s) for s in plan.schedules),
            ))
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
