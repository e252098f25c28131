#!/usr/bin/env python
"""Matching suggestions at scale (issue 19): the top 20 for one accepted referral to an
organisation with 10,000 active volunteers.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_match \\
        .venv/bin/python bench/matching.py [--volunteers 10000] [--repeat 30] [--rebuild]

The goal is defined on PostgreSQL: under 200 ms for one call of `suggest(referral)`, with a
number of queries that does not grow with the pool. The script builds its own fixture in a
gemeente of its own (slug `bench-matching`; kept for the next run unless --rebuild): one
organisation with the volunteers (languages with levels, wijken, availability, interests, a
VOG for most), 2,000 newcomers with an accepted referral each and an active koppeling for
1,500 of them (so the count of each volunteer's koppelingen has rows to count), and the
referral that is measured. It is measured twice: with an instemming that shares everything the
ranking can use, and with one that shares only the first name (the cheapest query). The
query count is measured at the full size and at 100 volunteers, to show it is the same.
Use a dedicated database; on SQLite (--allow-sqlite) it runs the same, for the figure beside.
"""
import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 200.0
SLUG = "bench-matching"
ANALYZED = ["volunteers_volunteer", "volunteers_volunteerlanguage", "volunteers_membership",
            "volunteers_volunteer_interests", "volunteers_match", "statushouders_referral",
            "statushouders_instemming", "statushouders_newcomer"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--volunteers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--allow-sqlite", action="store_true")
    return parser.parse_args(argv)


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import secrets

    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


def build(size: int, slug: str):
    """The fixture: returns (gemeente, organisation). Deterministic (random.Random(19))."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from gemeenten.models import Gemeente, Language, Theme, Wijk
    from initiatives.models import Organisation, Presence
    from statushouders.choices import DAY_PARTS, WEEKDAY_CODES
    from statushouders.models import Instemming, Newcomer, Referral
    from volunteers.choices import LanguageLevel
    from volunteers.models import Match, Membership, Volunteer, VolunteerLanguage

    rng = random.Random(19)
    with transaction.atomic():
        gemeente = Gemeente.objects.create(name=f"Benchdam {slug}", slug=slug)
        wijken = Wijk.objects.bulk_create([Wijk(gemeente=gemeente, name=f"Benchwijk {n}")
                                           for n in range(25)])
        organisation = Organisation.objects.create(name=f"Maatjesproject {slug}")
        sender = Organisation.objects.create(name=f"Begeleiding {slug}")
        Presence.objects.bulk_create([Presence(organisation=o, gemeente=gemeente)
                                      for o in (organisation, sender)])
        languages = list(Language.objects.order_by("pk").values_list("pk", flat=True))
        dutch = Language.objects.get(code="nl").pk
        themes = list(Theme.objects.exclude(slug="gezondheid").values_list("pk", flat=True))
        slots = [f"{d}-{p}" for d, _l in WEEKDAY_CODES for p, _m in DAY_PARTS]
        people = Volunteer.objects.bulk_create([Volunteer(
            gemeente=gemeente, first_name=f"Bench{n}", surname="Vrijwilliger",
            email=f"bench{n}@example.org", wijk=rng.choice(wijken),
            availability=",".join(sorted(rng.sample(slots, rng.randrange(1, 6)))),
            max_koppelingen=rng.choice([1, 1, 2, 3]), vog=rng.random() < 0.7)
            for n in range(size)], batch_size=5000)
        Membership.objects.bulk_create([Membership(volunteer=v, organisation=organisation)
                                        for v in people], batch_size=5000)
        levels = list(LanguageLevel.values)
        spoken = []
        for volunteer in people:
            codes = {dutch, *rng.sample(languages, rng.randrange(0, 3))}
            spoken += [VolunteerLanguage(volunteer=volunteer, language_id=code,
                                         level=rng.choice(levels)) for code in codes]
        VolunteerLanguage.objects.bulk_create(spoken, batch_size=5000)
        Volunteer.interests.through.objects.bulk_create([
            Volunteer.interests.through(volunteer_id=v.pk, theme_id=t)
            for v in people for t in rng.sample(themes, rng.randrange(1, 4))], batch_size=5000)
        newcomers = Newcomer.objects.bulk_create([Newcomer(
            gemeente=gemeente, organisation=sender, registratienummer=f"B-{n}",
            first_name="Bench", surname=f"Nieuwkomer{n}", wijk=rng.choice(wijken))
            for n in range(2001)], batch_size=5000)
        now = timezone.now()
        referrals = Referral.objects.bulk_create([Referral(
            gemeente=gemeente, newcomer=n, from_organisation=sender,
            to_organisation=organisation, need_id=rng.choice(themes), state="accepted",
            availability=",".join(rng.sample(slots, 4)), accepted_at=now)
            for n in newcomers], batch_size=5000)
        shared = "first_name,languages,wijk,availability,need,maatjes"
        Instemming.objects.bulk_create([Instemming(referral=r, shared_fields=shared,
                                                   text="Bench.", language="nl")
                                        for r in referrals], batch_size=5000)
        Match.objects.bulk_create([Match(
            gemeente=gemeente, volunteer=rng.choice(people), newcomer_id=r.newcomer_id,
            organisation=organisation, referral=r, starts_on=date(2026, 6, 1),
            planned_end=date(2026, 6, 1) + timedelta(days=182)) for r in referrals[1:1501]],
            batch_size=5000)
        languages_of = newcomers[0]
        languages_of.languages.set(rng.sample(languages, 2))
    return gemeente, organisation


def ensure(size: int, rebuild: bool, slug: str):
    from gemeenten.models import Gemeente
    from gemeenten.scope import scopes_disabled
    from initiatives.models import Organisation

    with scopes_disabled():
        existing = Gemeente.objects.filter(slug=slug).first()
        if existing is not None and rebuild:
            _drop(existing)
            existing = None
        if existing is None:
            started = time.perf_counter()
            gemeente, organisation = build(size, slug)
            print(f"built {slug}: {size:,} volunteers in {time.perf_counter() - started:.1f} s")
        else:
            gemeente = existing
            organisation = Organisation.objects.get(name=f"Maatjesproject {slug}")
    analyze()
    return gemeente, organisation


def _drop(gemeente):
    from django.db import transaction

    from initiatives.models import Organisation
    from statushouders.models import Newcomer, Referral
    from volunteers.models import Match, Volunteer

    with transaction.atomic():
        Match.objects.filter(gemeente=gemeente).delete()
        Referral.objects.filter(gemeente=gemeente).delete()
        Newcomer.objects.filter(gemeente=gemeente).delete()
        Volunteer.objects.filter(gemeente=gemeente).delete()
        Organisation.objects.filter(presences__gemeente=gemeente).delete()
        gemeente.wijken.all().delete()
        gemeente.delete()


def analyze():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {table}")


def measure(gemeente, organisation, shared: str, repeat: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gemeenten.scope import gemeente_scope
    from statushouders.models import Instemming, Referral
    from volunteers.services.matching import suggest

    with gemeente_scope(gemeente):
        referral = (Referral.objects.filter(to_organisation=organisation,
                                            newcomer__registratienummer="B-0").get())
        Instemming.objects.filter(referral=referral).update(shared_fields=shared)
        timings = []
        # As the page reads it (volunteers.views.matches._aanmelding), afresh each time.
        as_read = Referral.objects.select_related("instemming", "newcomer", "newcomer__wijk",
                                                  "need")
        for attempt in range(repeat + 3):
            fresh = as_read.get(pk=referral.pk)
            started = time.perf_counter()
            suggestions = suggest(fresh)
            elapsed = (time.perf_counter() - started) * 1000
            if attempt >= 3:
                timings.append(elapsed)
        with CaptureQueriesContext(connection) as queries:
            suggest(as_read.get(pk=referral.pk))
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95, len(queries), suggestions


EVERYTHING = "first_name,languages,wijk,availability,need,maatjes"


def measurements(run):
    """For `manage.py bench` (main's bench/core.py; add "matching" to bench.MEASUREMENTS when
    merging): the suggestions at 10,000 volunteers, its own fixture whatever the preset."""
    from bench.core import Figure

    # The small presets (and the test that runs the bench on `small`) use a smaller pool.
    size = {"tiny": 100, "small": 500}.get(run.preset, 10_000)
    gemeente, organisation = ensure(size, False, f"{SLUG}-{size}" if size != 10_000 else SLUG)
    figures = []
    for label, shared in (("everything shared", EVERYTHING), ("first name only", "first_name")):
        median, p95, queries, _suggestions = measure(gemeente, organisation, shared,
                                                     run.repeat)
        figures.append(Figure(f"matching suggestions, {size:,} volunteers, {label}", median,
                              p95, queries, goal_ms=GOAL_MS))
    return figures


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    from django.db import connection

    vendor = connection.vendor
    if vendor != "postgresql" and not args.allow_sqlite:
        sys.exit("The goal is defined on PostgreSQL: set DATABASE_URL, or pass --allow-sqlite.")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    gemeente, organisation = ensure(args.volunteers, args.rebuild, SLUG)
    small, small_organisation = ensure(100, args.rebuild, f"{SLUG}-100")
    rows = []
    for label, shared in (("everything shared", EVERYTHING), ("first name only", "first_name")):
        median, p95, queries, suggestions = measure(gemeente, organisation, shared, args.repeat)
        _m, _p, small_queries, _s = measure(small, small_organisation, shared, 3)
        rows.append((label, median, p95, queries, small_queries, suggestions))
    print(f"\nmatching suggestions on {vendor}: {args.volunteers:,} volunteers in the pool, "
          f"{args.repeat} calls after 3 warm-ups")
    print(f"{'instemming':<20}{'median ms':>11}{'p95 ms':>9}{'queries':>9}"
          f"{'queries at 100':>16}  best score / 20th score")
    for label, median, p95, queries, small_queries, suggestions in rows:
        print(f"{label:<20}{median:>11.1f}{p95:>9.1f}{queries:>9}{small_queries:>16}"
              f"  {suggestions[0].score} / {suggestions[-1].score}")
    worst = max(median for _l, median, *_rest in rows)
    print(f"\nslowest median: {worst:.1f} ms (goal < {GOAL_MS:.0f} ms on PostgreSQL): "
          f"{'met' if worst < GOAL_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
