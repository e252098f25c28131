"""The vacancies step of `generate_scale`: open and closed vacancies of the gemeenten's
organisations, about one per ten volunteers of the preset, weighted like the other steps
(the first gemeenten get most), with themes, wijken and periods that overlap now and then,
as recruitment clashes do. Drawn from a seeded random.Random; bulk_create."""
from __future__ import annotations

import time
from datetime import timedelta

from django.utils import timezone

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Theme, Wijk
from initiatives.models import Presence

from ..models import Vacancy

TITLES = ["Taalmaatje gezocht", "Hulp bij formulieren", "Begeleider sportmiddag",
          "Kookvrijwilliger", "Huiswerkbegeleiding", "Gastvrouw of gastheer taalcafé",
          "Chauffeur voor uitjes", "Maatje voor een gezin"]


def vacancies_generate(run: ScaleRun) -> None:
    rng = run.rng("vacancies")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    wanted = run.preset.volunteers // 10
    if not gemeente_ids or not wanted:
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
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    if not themes:
        return
    now = timezone.now()
    rows = []
    for gemeente_id, weight in zip(gemeente_ids, weights, strict=True):
        orgs = organisations.get(gemeente_id)
        if not orgs:
            continue
        for _n in range(max(1, round(wanted * weight / total))):
            starts = run.today + timedelta(days=rng.randrange(-90, 60))
            is_open = rng.random() < 0.7
            rows.append(Vacancy(
                gemeente_id=gemeente_id, organisation_id=rng.choice(orgs),
                title=rng.choice(TITLES), theme_id=rng.choice(themes),
                wijk_id=rng.choice(wijken[gemeente_id]) if wijken.get(gemeente_id) else None,
                starts_on=starts,
                ends_on=starts + timedelta(days=rng.randrange(30, 240))
                if rng.random() < 0.6 else None,
                hours=rng.choice(["2 uur per week", "1 dagdeel per week", "af en toe"]),
                is_open=is_open, closed_at=None if is_open else now))
    bulk_insert(Vacancy, rows, batch_size=5000)
    run.counts["vacancies"] += len(rows)
    run.timings["vacancies"] = time.monotonic() - started


def vacancies_delete(gemeenten) -> None:
    from ..models import VolunteerApplication

    VolunteerApplication.objects.filter(gemeente__in=gemeenten).delete()
    Vacancy.objects.filter(gemeente__in=gemeenten).delete()
