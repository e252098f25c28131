"""Recruitment clashes: open vacancies of different organisations with the same theme, in the
same wijk, with overlapping periods (they fish in the same pond for volunteers).

Written against ``apps.get_model("volunteers", "Vacancy")`` (fields organisation, title,
description, theme, wijk, starts_on, ends_on, is_open): while that model does not exist the
detector finds nothing and compares nothing."""
from collections import defaultdict
from datetime import date
from itertools import combinations

from django.apps import apps
from rapidfuzz import fuzz, utils

from .candidates import Candidate, subjects_of

VACANCY = "volunteers.vacancy"


def vacancy_model():
    try:
        return apps.get_model("volunteers", "Vacancy")
    except LookupError:
        return None


def _open_vacancies(gemeente) -> list[dict]:
    Vacancy = vacancy_model()
    if Vacancy is None:
        return []
    names = {f.name for f in Vacancy._meta.get_fields()}
    rows = Vacancy._default_manager.all()
    if hasattr(rows, "in_gemeente"):
        rows = rows.in_gemeente(gemeente)
    elif "gemeente" in names:
        rows = rows.filter(gemeente=gemeente)
    else:
        rows = rows.filter(wijk__gemeente=gemeente)
    if hasattr(rows, "open"):
        rows = rows.open()
    elif "is_open" in names:
        rows = rows.filter(is_open=True)
    elif "closed_at" in names:
        rows = rows.filter(closed_at__isnull=True)
    fields = ["pk", "organisation_id", "theme_id", "wijk_id", "wijk__name", "theme__slug",
              "starts_on", "ends_on", "title"]
    if "description" in names:
        fields.append("description")
    return [
        {"id": row["pk"], "organisation": row["organisation_id"], "theme": row["theme_id"],
         "theme_slug": row["theme__slug"], "wijk": row["wijk_id"], "wijk_name": row["wijk__name"],
         "starts_on": row["starts_on"], "ends_on": row["ends_on"], "title": row["title"] or "",
         "description": row.get("description") or ""}
        for row in rows.filter(theme__isnull=False, wijk__isnull=False).values(*fields)
    ]


def _period_overlap(a: dict, b: dict) -> tuple[date | None, date | None] | None:
    """The days both are open for (None: without a start or an end), or None if none."""
    starts = [d for d in (a["starts_on"], b["starts_on"]) if d]
    ends = [d for d in (a["ends_on"], b["ends_on"]) if d]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start and end and start > end:
        return None
    return start, end


def clashes(vacancies: list[dict]) -> tuple[list[Candidate], int]:
    """Pairs within each block of theme and wijk; the candidates and the pairs compared."""
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for vacancy in vacancies:
        blocks[(vacancy["theme"], vacancy["wijk"])].append(vacancy)
    compared = 0
    candidates = []
    for members in blocks.values():
        for a, b in combinations(sorted(members, key=lambda v: v["id"]), 2):
            if a["organisation"] == b["organisation"]:
                continue
            compared += 1
            both = _period_overlap(a, b)
            if both is None:
                continue
            alike = round(fuzz.token_set_ratio(
                f"{a['title']} {a['description']}", f"{b['title']} {b['description']}",
                processor=utils.default_process) / 100, 3)
            start, end = both
            facts = {"themes": [a["theme_slug"]], "wijk": a["wijk_name"],
                     "from": start.isoformat() if start else None,
                     "until": end.isoformat() if end else None, "similarity": alike}
            candidates.append(Candidate("recruitment_clash",
                                        subjects_of(VACANCY, a["id"], b["id"]),
                                        round(50 + 50 * alike, 1), facts))
    return candidates, compared


def recruitment_clashes(gemeente) -> tuple[list[Candidate], int]:
    return clashes(_open_vacancies(gemeente))
