"""Data at every scale for `generate_scale`: the presets and the run.

Every app adds its generator with `register_scale_step(name, fn)` (registry.py) from its
`ready()`; `fn(run)` gets the `ScaleRun` (preset, seed, the gemeenten made, a counter). Each
step draws from `run.rng(step)`, a `random.Random` seeded per step, in a fixed order, so one
seed gives the same data on every machine. The sociale kaart's step (gemeenten, wijken,
organisations, activities) is initiatives/datagen/scale.py.
"""
from __future__ import annotations

import time
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..models import Gemeente
from .registry import Preset, ScaleRun, scale_deletes, scale_steps

# Sizes from DESIGN.md "Technical decisions". `tiny` is for tests only.
PRESETS: dict[str, Preset] = {
    "tiny": Preset(1, 12, 30, 50, 20, 4),
    "small": Preset(1, 80, 300, 1_000, 150, 12),
    "city": Preset(1, 900, 4_000, 20_000, 3_000, 40),
    "national": Preset(342, 8_500, 15_000, 90_000, 40_000, 60),
    "stress": Preset(342, 8_500, 100_000, 250_000, 40_000, 60),
}

# Models that later issues generate; the command says honestly that they are not made yet.
LATER_MODELS = {"newcomers": "statushouders", "volunteers": "volunteers"}


def scale_existing(tag: str):
    return Gemeente.objects.filter(slug__startswith=f"{tag}-")


def scale_delete(tag: str) -> None:
    """Remove what an earlier run with this preset and seed made: each step's rows (the last
    step first), then the gemeenten."""
    gemeenten = scale_existing(tag)
    for delete in scale_deletes():
        delete(gemeenten)
    gemeenten.delete()


def scale_generate(*, preset_name: str, seed: int, today: date | None = None,
                   replace: bool = False, steps=None, progress=None) -> ScaleRun | None:
    """Generate one preset for one seed, in one transaction (a crash leaves nothing).

    Returns None when this preset and seed were generated before and `replace` is off:
    a re-run skips rather than duplicates. `progress(done, total, name, seconds)` is called
    after each step (the command's progress bar).
    """
    run = ScaleRun(preset_name=preset_name, preset=PRESETS[preset_name], seed=seed,
                   today=today or timezone.localdate())
    with transaction.atomic():
        if scale_existing(run.tag).exists():
            if not replace:
                return None
            scale_delete(run.tag)
        steps = list(steps or scale_steps())
        for done, (name, step) in enumerate(steps, start=1):
            started = time.monotonic()
            step(run)
            run.timings.setdefault(name, time.monotonic() - started)
            if progress is not None:
                progress(done, len(steps), name, time.monotonic() - started)
    return run
