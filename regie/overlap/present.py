"""A finding as people read it: why, in words of the reader's language, and what it
involves (activities, vacancies or organisations, each with its title and organisation),
for the pages and the command alike. The objects of a page of findings are fetched with one
query per kind of object, however many findings the page shows."""
from dataclasses import dataclass, field
from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gemeenten.models import Theme
from initiatives.choices import WEEKDAYS
from initiatives.models import Activity, Organisation

from ..models import OverlapKind
from .recruitment import vacancy_model

WEEKDAY_NAMES = dict(WEEKDAYS)


@dataclass
class Presented:
    finding: object
    reason: str
    involved: list[dict] = field(default_factory=list)


def _url(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _involved_objects(findings) -> dict[tuple[str, int], dict]:
    wanted: dict[str, set[int]] = {}
    for finding in findings:
        for subject in finding.subjects:
            wanted.setdefault(subject["model"], set()).add(int(subject["id"]))
    found: dict[tuple[str, int], dict] = {}
    if wanted.get("initiatives.activity"):
        for activity in Activity.objects.filter(pk__in=wanted["initiatives.activity"]) \
                .select_related("organisation", "wijk").only(
                    "pk", "title", "organisation__name", "wijk__name", "is_active"):
            found[("initiatives.activity", activity.pk)] = {
                "model": "activity", "id": activity.pk, "title": activity.title,
                "organisation": activity.organisation.name,
                "organisation_id": activity.organisation_id,
                "wijk": activity.wijk.name if activity.wijk_id else None,
                "url": _url("initiatives:activity_detail", activity.pk),
                "organisation_url": _url("initiatives:organisation_detail",
                                         activity.organisation_id),
            }
    Vacancy = vacancy_model()
    if wanted.get("volunteers.vacancy") and Vacancy is not None:
        for vacancy in Vacancy._default_manager.filter(pk__in=wanted["volunteers.vacancy"]) \
                .select_related("organisation", "wijk"):
            found[("volunteers.vacancy", vacancy.pk)] = {
                "model": "vacancy", "id": vacancy.pk, "title": vacancy.title,
                "organisation": vacancy.organisation.name,
                "organisation_id": vacancy.organisation_id,
                "wijk": vacancy.wijk.name if vacancy.wijk_id else None,
                "url": _url("volunteers:vacancy_detail", vacancy.pk)
                or _url("volunteers:vacancy_edit", vacancy.pk),
                "organisation_url": _url("initiatives:organisation_detail",
                                         vacancy.organisation_id),
            }
    if wanted.get("initiatives.organisation"):
        for organisation in Organisation.objects.filter(
                pk__in=wanted["initiatives.organisation"]).only("pk", "name"):
            url = _url("initiatives:organisation_detail", organisation.pk)
            found[("initiatives.organisation", organisation.pk)] = {
                "model": "organisation", "id": organisation.pk, "title": organisation.name,
                "organisation": organisation.name, "organisation_id": organisation.pk,
                "wijk": None, "url": url, "organisation_url": url,
            }
    return found


def _names(slugs, themes: dict[str, str]) -> str:
    return ", ".join(themes.get(slug, slug) for slug in slugs)


def _date(value: str | None) -> str:
    return date_format(date.fromisoformat(value), "DATE_FORMAT") if value else ""


def _percent(value) -> int:
    return round(float(value or 0) * 100)


def reason(finding, involved: list[dict], themes: dict[str, str]) -> str:
    """Why it was found, from its facts, in the active language."""
    facts = finding.facts or {}
    if finding.kind == OverlapKind.DUPLICATE_OFFER:
        together = facts.get("sessions_together", 0)
        weeks = max(1, round(facts.get("window_days", 91) / 7))
        return ngettext(
            "Both are about %(themes)s, in %(wijk)s, for the same people at the same time: "
            "%(weekday)s %(start)s–%(end)s, %(count)s time in the coming %(weeks)s weeks. "
            "Their titles and descriptions are %(similarity)s%% alike.",
            "Both are about %(themes)s, in %(wijk)s, for the same people at the same time: "
            "%(weekday)s %(start)s–%(end)s, %(count)s times in the coming %(weeks)s weeks. "
            "Their titles and descriptions are %(similarity)s%% alike.",
            together,
        ) % {"themes": _names(facts.get("themes", []), themes), "wijk": facts.get("wijk", ""),
             "weekday": str(WEEKDAY_NAMES.get(facts.get("weekday"), "")).lower(),
             "start": facts.get("start", ""), "end": facts.get("end", ""), "count": together,
             "weeks": weeks, "similarity": _percent(facts.get("similarity"))}
    if finding.kind == OverlapKind.RECRUITMENT_CLASH:
        start, end = _date(facts.get("from")), _date(facts.get("until"))
        if start and end:
            period = _("from %(start)s until %(end)s") % {"start": start, "end": end}
        elif start:
            period = _("from %(start)s on") % {"start": start}
        elif end:
            period = _("until %(end)s") % {"end": end}
        else:
            period = _("without an end date")
        return _(
            "Both look for volunteers for %(themes)s in %(wijk)s at the same time "
            "(%(period)s). Their texts are %(similarity)s%% alike."
        ) % {"themes": _names(facts.get("themes", []), themes), "wijk": facts.get("wijk", ""),
             "period": period, "similarity": _percent(facts.get("similarity"))}
    over, under = facts.get("over", {}), facts.get("under", {})
    names = {item["id"]: item["title"] for item in involved}
    return _(
        "%(busy)s received %(received)s referrals in the last %(days)s days with room for "
        "%(capacity)s a month (over %(factor)s times), while %(quiet)s, for %(themes)s in "
        "%(wijken)s too, received %(other)s with room for %(other_capacity)s a month (under "
        "%(under_factor)s times)."
    ) % {"busy": names.get(over.get("id"), "?"), "received": over.get("received", 0),
         "days": facts.get("window_days", 30), "capacity": over.get("capacity", 0),
         "factor": _number(facts.get("overload_factor", 1.5)),
         "quiet": names.get(under.get("id"), "?"),
         "themes": _names(facts.get("themes", []), themes),
         "wijken": ", ".join(facts.get("wijken", [])), "other": under.get("received", 0),
         "other_capacity": under.get("capacity", 0),
         "under_factor": _number(facts.get("underuse_factor", 0.5))}


def _number(value) -> str:
    value = float(value)
    return number_format(value, 0 if value == int(value) else 1)


def present(findings) -> list[Presented]:
    """The findings with their reason and what they involve, in the fingerprint's order
    (for an overload: the organisation that receives too much first)."""
    findings = list(findings)
    objects = _involved_objects(findings)
    themes = {theme.slug: theme.name for theme in Theme.objects.all()} if findings else {}
    result = []
    for finding in findings:
        involved = [objects[(s["model"], int(s["id"]))] for s in finding.subjects
                    if (s["model"], int(s["id"])) in objects]
        if finding.kind == OverlapKind.OVERLOAD:
            busy = (finding.facts or {}).get("over", {}).get("id")
            involved.sort(key=lambda item: item["id"] != busy)
        result.append(Presented(finding, reason(finding, involved, themes), involved))
    return result
