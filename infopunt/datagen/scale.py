"""The infopunt's step of `generate_scale`: 90 days (what the statistics keep of the words)
of anonymous search counts per gemeente, a search a day per hundred newcomers,
aggregated per day and combination as `search_record` stores them; the query words follow a
long tail (a few words most days, many searched once). Seeded random.Random; bulk_create."""
from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from itertools import accumulate

from gemeenten.datagen.bulk import bulk_insert
from gemeenten.datagen.registry import ScaleRun
from gemeenten.models import Wijk

from ..models import RESULT_COUNT_CAP, SearchDay, SearchWordDay

DAYS = 90
SEARCHES_PER_100_NEWCOMERS = 1  # a day
THEMES = [("", 45), ("taal", 15), ("werk", 8), ("ontmoeting", 6), ("kinderen", 5),
          ("sport", 5), ("papieren", 4), ("gezondheid", 3), ("koken", 3), ("wonen", 2),
          ("juridisch", 2), ("kunst", 2)]
LANGUAGES = [("", 60), ("ar", 10), ("ti", 7), ("uk", 7), ("en", 6), ("fa", 4), ("so", 3),
             ("tr", 3)]
FILTERS = [("", 80), ("gratis", 8), ("dag=2", 4), ("week", 4), ("voor=kinderen", 4)]
# Common words first: searched by a Zipf-like curve, the later ones now and then.
WORDS = ["taalcafe", "zwemles", "fietsles", "huiswerk", "naaicursus", "koken", "werk",
         "voetbal", "vrouwen", "formulieren", "kleding", "computer", "yoga", "moskee", "kerk",
         "schuldhulp", "rijbewijs", "bibliotheek", "muziek", "dansen", "schilderen",
         "tuinieren", "wandelen", "schaken", "fitness", "oppas", "speeltuin", "meubels",
         "fiets", "juridisch", "belasting", "toeslagen", "huur", "tandarts", "huisarts",
         "inburgering", "examen", "stage", "vrijwilliger", "maatje"]
WORD_CUM_WEIGHTS = list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(WORDS))))


def search_counts_generate(run: ScaleRun) -> None:
    rng = run.rng("infopunt")
    started = time.monotonic()
    gemeente_ids = run.gemeente_ids
    if not gemeente_ids:
        return
    weights = [1 / (i + 1) ** 0.8 for i in range(len(gemeente_ids))]
    total = sum(weights)
    wijken: dict[int, list[int]] = {}
    for gemeente_id, wijk_id in Wijk.objects.filter(gemeente_id__in=gemeente_ids) \
            .order_by("pk").values_list("gemeente_id", "pk"):
        wijken.setdefault(gemeente_id, []).append(wijk_id)
    # Cumulative weights, computed once: random.choices would add them up on every call.
    themes, theme_w = zip(*THEMES, strict=True)
    languages, language_w = zip(*LANGUAGES, strict=True)
    filters, filter_w = zip(*FILTERS, strict=True)
    theme_w, language_w, filter_w = (list(accumulate(w)) for w in (theme_w, language_w,
                                                                   filter_w))
    days_made = words_made = 0
    for gemeente_id, weight in zip(gemeente_ids, weights, strict=True):
        per_day = run.preset.newcomers * weight / total * SEARCHES_PER_100_NEWCOMERS / 100
        combinations: Counter = Counter()
        words: Counter = Counter()
        for ago in range(1, DAYS + 1):
            day = run.today - timedelta(days=ago)
            for _n in range(max(0, round(rng.gauss(per_day, per_day ** 0.5 + 0.5)))):
                theme = rng.choices(themes, cum_weights=theme_w)[0]
                language = rng.choices(languages, cum_weights=language_w)[0]
                wijk = rng.choice(wijken[gemeente_id]) if wijken.get(gemeente_id) \
                    and rng.random() < 0.2 else None
                # Most searches find a handful or more, some nothing: the regisseur's gaps.
                found = min(RESULT_COUNT_CAP, int(rng.expovariate(0.15)))
                query = [rng.choices(WORDS, cum_weights=WORD_CUM_WEIGHTS)[0]] \
                    if rng.random() < 0.35 else []
                if query and rng.random() < 0.05:
                    query.append(f"proefwoord{'x' * rng.randrange(1, 8)}")  # the long tail
                signature = rng.choices(filters, cum_weights=filter_w)[0]
                combinations[(day, theme, language, wijk, signature, bool(query), found)] += 1
                for word in query:
                    words[(day, word, theme, language, wijk, found)] += 1
        bulk_insert(SearchDay, [
            SearchDay(gemeente_id=gemeente_id, date=day, theme=theme, language=language,
                      wijk_id=wijk, filters=signature, has_query=has_query,
                      result_count=found, searches=searches)
            for (day, theme, language, wijk, signature, has_query, found), searches
            in combinations.items()], batch_size=5000)
        bulk_insert(SearchWordDay, [
            SearchWordDay(gemeente_id=gemeente_id, date=day, word=word, theme=theme,
                          language=language, wijk_id=wijk, result_count=found,
                          searches=searches)
            for (day, word, theme, language, wijk, found), searches in words.items()],
            batch_size=5000)
        days_made += len(combinations)
        words_made += len(words)
    run.counts["search counts"] += days_made
    run.counts["search word counts"] += words_made
    run.timings["search counts"] = time.monotonic() - started


def search_counts_delete(gemeenten) -> None:
    SearchWordDay.objects.filter(gemeente__in=gemeenten).delete()
    SearchDay.objects.filter(gemeente__in=gemeenten).delete()
