"""Newcomers from a begeleiding organisation's spreadsheet (`import_statushouders`): the same
reading rules as the sociale kaart import (initiatives.imports.read), all or nothing, every bad
row reported with its line, idempotent on registratienummer within the organisation. A
begeleiding organisation or wijk that is not known yet is reported with the nearest known name
and created only when asked (create_missing)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.choices import Role
from gemeenten.models import Language, User, Wijk
from initiatives.choices import ApprovalState
from initiatives.imports.columns import cell_text, is_empty
from initiatives.imports.read import HeaderSpec, spreadsheet_read
from initiatives.models import Organisation, Presence

from .choices import LearningRoute, ResidenceBasis
from .models import Begeleiding, Newcomer
from .services import SUBJECT

HEADERS = ("registratienummer", "voornaam", "achternaam", "geboortejaar", "verblijfsgrond",
           "talen", "huishouden", "wijk", "huisvestingsdatum", "leerroute",
           "begeleider_organisatie", "begeleider_email", "begeleiding_start",
           "begeleiding_eind_gepland", "begeleiding_eind_werkelijk")
REQUIRED = ("registratienummer", "voornaam", "achternaam", "begeleider_organisatie",
            "begeleiding_start")
SPEC = HeaderSpec(HEADERS, REQUIRED)
BASIS = {"": ResidenceBasis.ASYLUM, "asiel": ResidenceBasis.ASYLUM,
         "gezinsmigratie": ResidenceBasis.FAMILY_MIGRATION,
         "tijdelijke bescherming": ResidenceBasis.TEMPORARY_PROTECTION,
         "anders": ResidenceBasis.OTHER}
ROUTES = {"": "", "b1": LearningRoute.B1, "onderwijs": LearningRoute.EDUCATION,
          "z": LearningRoute.Z}


@dataclass
class ImportReport:
    errors: list[str] = field(default_factory=list)
    missing: dict[str, dict[str, str]] = field(default_factory=lambda: {"organisation": {},
                                                                         "wijk": {}})
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    open_caseworker: list[str] = field(default_factory=list)
    created_reference: list[str] = field(default_factory=list)
    rows: int = 0
    known: int = 0  # rows for a person the organisation has already (a dry run's estimate)

    @property
    def ok(self) -> bool:
        return not self.errors and not any(self.missing.values())


def _nearest(name: str, known: list[str]) -> str:
    match = difflib.get_close_matches(name.casefold(), [k.casefold() for k in known], n=1,
                                      cutoff=0.6)
    if not match:
        return ""
    return next(k for k in known if k.casefold() == match[0])


def _date(value, line, column, errors) -> date | None:
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(_("Line %(line)s: %(column)s %(value)r is not a date like 2026-09-01.")
                  % {"line": line, "column": column, "value": text})
    return None


def _int(value, line, column, errors, low, high) -> int | None:
    if is_empty(value):
        return None
    try:
        number = int(float(cell_text(value)))
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        errors.append(_("Line %(line)s: %(column)s must be a number from %(low)s to %(high)s.")
                      % {"line": line, "column": column, "low": low, "high": high})
        return None
    return number


def import_statushouders(*, gemeente, data: bytes, filename: str, create_missing: bool = False,
                         by=None, dry_run: bool = False,
                         own_organisations=None) -> ImportReport:
    """Read, check every row, and write all of it or nothing.

    ``own_organisations`` (a begeleider's upload in the browser): rows may only name these
    organisations, and only wijken are created when asked; the command line may name any
    organisation of the gemeente and create missing ones."""
    report = ImportReport()
    rows = spreadsheet_read(data, filename, SPEC)  # ImportFileError for a file that is not one
    report.rows = len(rows)
    if own_organisations is not None:
        organisations = {o.name.casefold(): o for o in own_organisations}
    else:
        organisations = {o.name.casefold(): o
                         for o in Organisation.objects.in_gemeente(gemeente)}
    wijken = {w.name.casefold(): w for w in Wijk.objects.filter(gemeente=gemeente)}
    languages = {}
    for language in Language.objects.all():
        for key in (language.code, language.name_nl, getattr(language, "name_en", "")):
            if key:
                languages[key.casefold()] = language
    parsed = []
    seen = set()
    for line, cells in rows:
        errors: list[str] = []
        text = {h: cell_text(cells.get(h)) if not is_empty(cells.get(h)) else ""
                for h in HEADERS}
        for column in REQUIRED:
            if not text[column]:
                errors.append(_("Line %(line)s: %(column)s is empty.")
                              % {"line": line, "column": column})
        organisation_name = text["begeleider_organisatie"]
        organisation = organisations.get(organisation_name.casefold())
        if organisation_name and organisation is None and own_organisations is not None:
            errors.append(_("Line %(line)s: %(name)s is not your organisation; you can import "
                            "only the people of %(own)s.")
                          % {"line": line, "name": organisation_name,
                             "own": ", ".join(o.name for o in own_organisations)})
        elif organisation_name and organisation is None:
            report.missing["organisation"].setdefault(
                organisation_name, _nearest(organisation_name,
                                            [o.name for o in organisations.values()]))
        wijk = wijken.get(text["wijk"].casefold()) if text["wijk"] else None
        if text["wijk"] and wijk is None:
            report.missing["wijk"].setdefault(
                text["wijk"], _nearest(text["wijk"], [w.name for w in wijken.values()]))
        basis = BASIS.get(text["verblijfsgrond"].casefold())
        if basis is None:
            errors.append(_("Line %(line)s: verblijfsgrond %(value)r is not one of asiel, "
                            "gezinsmigratie, tijdelijke bescherming, anders.")
                          % {"line": line, "value": text["verblijfsgrond"]})
        route = ROUTES.get(text["leerroute"].casefold())
        if route is None:
            errors.append(_("Line %(line)s: leerroute %(value)r is not one of B1, onderwijs, "
                            "Z.") % {"line": line, "value": text["leerroute"]})
        spoken = []
        for word in filter(None, (w.strip() for w in text["talen"].replace(";", ",")
                                  .split(","))):
            if word.casefold() in languages:
                spoken.append(languages[word.casefold()])
            else:
                errors.append(_("Line %(line)s: unknown language %(value)r.")
                              % {"line": line, "value": word})
        start = _date(cells.get("begeleiding_start"), line, "begeleiding_start", errors)
        planned = _date(cells.get("begeleiding_eind_gepland"), line, "begeleiding_eind_gepland",
                        errors)
        actual = _date(cells.get("begeleiding_eind_werkelijk"), line,
                       "begeleiding_eind_werkelijk", errors)
        housing = _date(cells.get("huisvestingsdatum"), line, "huisvestingsdatum", errors)
        if start and planned and planned < start:
            errors.append(_("Line %(line)s: the planned end is before the start.")
                          % {"line": line})
        if start and actual and actual < start:
            errors.append(_("Line %(line)s: the end is before the start.") % {"line": line})
        year = _int(cells.get("geboortejaar"), line, "geboortejaar", errors, 1900,
                    date.today().year)
        household = _int(cells.get("huishouden"), line, "huishouden", errors, 1, 30)
        for column, limit in (("registratienummer", 40), ("voornaam", 60), ("achternaam", 80)):
            if len(text[column]) > limit:
                errors.append(_("Line %(line)s: %(column)s is longer than %(max)s characters.")
                              % {"line": line, "column": column, "max": limit})
        key = (organisation_name.casefold(), text["registratienummer"])
        if key in seen:
            errors.append(_("Line %(line)s: registratienummer %(value)s appears twice for "
                            "this organisation.") % {"line": line,
                                                     "value": text["registratienummer"]})
        seen.add(key)
        report.errors.extend(errors)
        parsed.append(dict(line=line, text=text, organisation_name=organisation_name,
                           wijk_name=text["wijk"], basis=basis, route=route, spoken=spoken,
                           start=start, planned=planned, actual=actual, housing=housing,
                           year=year, household=household))
    if dry_run:
        numbers = {(row["organisation_name"].casefold(), row["text"]["registratienummer"])
                   for row in parsed}
        for organisation in {row["organisation_name"].casefold() for row in parsed}:
            if organisation in organisations:
                report.known += Newcomer.objects.filter(
                    organisation=organisations[organisation],
                    registratienummer__in=[n for o, n in numbers if o == organisation],
                ).count()
    if report.errors or (any(report.missing.values()) and not create_missing) or dry_run:
        return report
    with transaction.atomic():
        for name in report.missing["organisation"]:
            organisation = Organisation.objects.create(name=name)
            Presence.objects.create(organisation=organisation, gemeente=gemeente,
                                    approval=ApprovalState.PENDING)
            organisations[name.casefold()] = organisation
            report.created_reference.append(_("organisation %(name)s") % {"name": name})
        for name in report.missing["wijk"]:
            wijken[name.casefold()] = Wijk.objects.create(gemeente=gemeente, name=name)
            report.created_reference.append(_("wijk %(name)s") % {"name": name})
        report.missing = {"organisation": {}, "wijk": {}}
        for row in parsed:
            _write(row, gemeente, organisations, wijken, report, by)
    return report


def _write(row, gemeente, organisations, wijken, report, by):
    text = row["text"]
    organisation = organisations[row["organisation_name"].casefold()]
    values = dict(first_name=text["voornaam"], surname=text["achternaam"],
                  birth_year=row["year"], household_size=row["household"],
                  wijk=wijken.get(row["wijk_name"].casefold()) if row["wijk_name"] else None,
                  housing_date=row["housing"], residence_basis=row["basis"],
                  learning_route=row["route"])
    newcomer = Newcomer.objects.filter(organisation=organisation,
                                       registratienummer=text["registratienummer"]).first()
    if newcomer is None:
        newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=organisation,
                                           registratienummer=text["registratienummer"],
                                           **values)
        report.created += 1
        action = Action.CREATE
    else:
        changed = [k for k, v in values.items() if getattr(newcomer, k) != v]
        for key in changed:
            setattr(newcomer, key, values[key])
        if changed:
            newcomer.save()
        action = Action.CHANGE if changed else None
    if set(newcomer.languages.all()) != set(row["spoken"]):
        newcomer.languages.set(row["spoken"])
        action = action or Action.CHANGE
    caseworker = None
    if text["begeleider_email"]:
        caseworker = User.objects.filter(organisations=organisation, role=Role.BEGELEIDER,
                                         email__iexact=text["begeleider_email"]).first()
        if caseworker is None:
            report.open_caseworker.append(_("line %(line)s (%(email)s)")
                                          % {"line": row["line"],
                                             "email": text["begeleider_email"]})
    begeleiding, created = Begeleiding.objects.get_or_create(
        newcomer=newcomer, organisation=organisation, start=row["start"],
        defaults=dict(planned_end=row["planned"], actual_end=row["actual"],
                      caseworker=caseworker,
                      end_reason="completed" if row["actual"] else ""))
    if not created:
        wanted = dict(planned_end=row["planned"], actual_end=row["actual"],
                      caseworker=caseworker)
        changed = {k: v for k, v in wanted.items() if getattr(begeleiding, k) != v}
        if changed:
            Begeleiding.objects.filter(pk=begeleiding.pk).update(**changed)
            action = action or Action.CHANGE
    if action == Action.CHANGE:
        report.updated += 1
    elif action is None:
        report.unchanged += 1
    if action is not None:
        audit_record(gemeente=gemeente, actor=by, action=action, purpose=Purpose.BEGELEIDING,
                     subject_type=SUBJECT, subject_id=newcomer.pk, detail="import")
