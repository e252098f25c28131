"""The registry of demo and scale data: the containers the steps get, and the hooks with which
each app adds its own data from its AppConfig.ready(). Steps run in registration order, which
is the order of INSTALLED_APPS (initiatives' sociale kaart first, then infopunt)."""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from ..models import Gemeente, User, Wijk

# --- demo (seed_demo) ---------------------------------------------------------------------------


@dataclass
class Demo:
    gemeente: Gemeente
    today: date
    wijken: dict[str, Wijk] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)  # initiatives' Organisation
    users: dict[str, User] = field(default_factory=dict)
    created: Counter = field(default_factory=Counter)


DemoStep = Callable[[Demo], None]
_demo_steps: list[tuple[str, DemoStep]] = []


def register_demo_step(name: str, fn: DemoStep) -> None:
    """Add an app's demo data; `fn(demo)` runs after the steps registered before it."""
    if name not in [n for n, _ in _demo_steps]:
        _demo_steps.append((name, fn))


def demo_steps() -> list[tuple[str, DemoStep]]:
    return list(_demo_steps)


# --- scale (generate_scale) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    gemeenten: int
    organisations: int
    activities: int
    newcomers: int  # made by the statushouders step (a later issue)
    volunteers: int  # made by the volunteers step (a later issue)
    wijken_max: int  # wijken of the largest gemeente; smaller ones get fewer


@dataclass
class ScaleRun:
    preset_name: str
    preset: Preset
    seed: int
    today: date
    gemeente_ids: list[int] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    timings: dict[str, float] = field(default_factory=dict)
    checksum: str = ""

    @property
    def tag(self) -> str:
        """Prefix of every gemeente slug of this run: how a re-run finds it."""
        return f"scale-{self.preset_name}-{self.seed}"

    def rng(self, step: str) -> random.Random:
        # A string seed is hashed with SHA-512 by random: stable across runs and machines.
        return random.Random(f"{self.seed}:{step}")


ScaleStep = Callable[[ScaleRun], None]
ScaleDelete = Callable[[QuerySet[Gemeente]], None]
_scale_steps: list[tuple[str, ScaleStep, ScaleDelete | None]] = []


def register_scale_step(name: str, fn: ScaleStep, *, delete: ScaleDelete | None = None) -> None:
    """Add an app's generator; `fn(run)` runs after the steps registered before it.
    `delete(gemeenten)` removes what it made in those gemeenten (`generate_scale --replace`)
    before the gemeenten themselves go."""
    if name not in [n for n, _fn, _delete in _scale_steps]:
        _scale_steps.append((name, fn, delete))


def scale_steps() -> list[tuple[str, ScaleStep]]:
    return [(name, fn) for name, fn, _delete in _scale_steps]


def scale_deletes() -> list[ScaleDelete]:
    """The steps' deletes, the last registered first."""
    return [delete for _name, _fn, delete in reversed(_scale_steps) if delete]
