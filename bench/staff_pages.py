#!/usr/bin/env python
"""Staff pages at scale (issue 21): the regisseur's organisation and activity lists and a
begeleider's worklist, in the preset's largest gemeente.

    DATABASE_URL=postgres://regie:regie@127.0.0.1:5432/regie_bench \\
        .venv/bin/python bench/staff_pages.py [--preset national] [--seed 1] [--repeat 30] [--reuse]

Goals (issue 21, PostgreSQL, `national`): the regisseur's lists under 30 ms median; every page
under 150 ms; query counts the same at every preset. Each page is set against a trivial
Django view requested with the same logged-in client.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.core import (  # noqa: E402
    BenchRun,
    Figure,
    ensure_preset,
    install_trivial_view,
    print_table,
    setup_django,
)

LIST_GOAL_MS = 30.0
PAGE_GOAL_MS = 150.0


def measurements(run: BenchRun) -> list[Figure]:
    from django.db.models import Count

    from gemeenten.choices import Role
    from gemeenten.scope import gemeente_scope
    from statushouders.models import Flag

    gemeente = run.largest_gemeente()
    with gemeente_scope(gemeente):
        regisseur = run.staff_client(Role.REGISSEUR, gemeente)
        busiest = (Flag.objects.filter(gemeente=gemeente).open()
                   .exclude(organisation=None).values("organisation")
                   .annotate(n=Count("pk")).order_by("-n").first())
        figures = run.page_figures(regisseur, "regisseur", [
            ("regisseur: organisation list", "/sociale-kaart/organisaties/"),
            ("regisseur: activity list", "/sociale-kaart/activiteiten/"),
        ], goal_ms=LIST_GOAL_MS)
        figures += run.page_figures(regisseur, "regisseur", [
            ("regisseur: activity list, search", "/sociale-kaart/activiteiten/?q=taal"),
            ("regisseur: worklist", "/werkvoorraad/"),
        ], goal_ms=PAGE_GOAL_MS)
        if busiest:
            from initiatives.models import Organisation

            organisation = Organisation.objects.get(pk=busiest["organisation"])
            begeleider = run.staff_client(Role.BEGELEIDER, gemeente, organisation)
            figures += run.page_figures(begeleider, "begeleider", [
                (f"begeleider: worklist ({busiest['n']} open)", "/werkvoorraad/"),
            ], goal_ms=PAGE_GOAL_MS)
        note = f"{gemeente.activities.count():,} activities"
    for figure in figures:
        figure.note = note
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args(argv)
    setup_django()
    install_trivial_view()
    ensure_preset(args.preset, args.seed, reuse=args.reuse)
    figures = measurements(BenchRun(preset=args.preset, seed=args.seed, repeat=args.repeat))
    print_table(figures)
    return 0 if all(f.met is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
