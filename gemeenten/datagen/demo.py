"""The demo gemeente Demodam: believable, invented data for `seed_demo` and `make run`.

Idempotent: every record is found by its natural key (gemeente slug, wijk name, and in each
app's step its own) and created only when missing, so a second run adds nothing. This module
makes the gemeente and its wijken, then runs every app's demo step (registry.py) in order;
`fn(demo)` gets the `Demo` with what was made before it.
"""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import Gemeente, Wijk, default_gemeente_settings
from .registry import Demo, demo_steps

DEMO_PASSWORD = "demo-wachtwoord-2026"
# Its newcomers' languages (Gemeente.newcomer_languages): the regisseur's overview of
# missing translations checks these; a few activities are translated into all of them.
GEMEENTE = {"name": "Demodam", "slug": "demodam", "cbs_code": "GM9999",
            "primary_colour": "#00577a",
            "settings": {**default_gemeente_settings(), "newcomer_languages": ["en", "ar", "uk"]}}
WIJKEN = [
    ("Centrum", "WK999900"), ("Oude Haven", "WK999901"), ("Molenwijk", "WK999902"),
    ("Bloemenbuurt", "WK999903"), ("Kanaalzone", "WK999904"), ("Noorderpark", "WK999905"),
    ("De Akkers", "WK999906"), ("Stationskwartier", "WK999907"), ("Zuiderveld", "WK999908"),
    ("Het Weiland", "WK999909"),
]


@transaction.atomic
def demo_seed(*, today: date | None = None) -> Demo:
    """Create what is missing of Demodam; running it again creates nothing."""
    today = today or timezone.localdate()
    gemeente, created = Gemeente.objects.get_or_create(
        slug=GEMEENTE["slug"], defaults={k: v for k, v in GEMEENTE.items() if k != "slug"}
    )
    demo = Demo(gemeente=gemeente, today=today)
    demo.created["gemeenten"] += created
    for name, code in WIJKEN:
        demo.wijken[name], created = Wijk.objects.get_or_create(
            gemeente=gemeente, name=name, defaults={"cbs_code": code}
        )
        demo.created["wijken"] += created
    for _name, step in demo_steps():
        step(demo)
    return demo
