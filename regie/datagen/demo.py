"""The demo's overlap findings: the sociale kaart of Demodam holds a planted overlap (two
taalcafés of different organisations on Tuesday 19:30 in Centrum) and a control (the
Formulierenspreekuur in several wijken on Monday 13:30, coverage rather than overlap); the
detection runs once, so the regisseur sees its findings without waiting for the night.
Idempotent like the detection itself."""
from gemeenten.datagen.registry import Demo
from gemeenten.scope import gemeente_scope

from ..overlap import overlap_detect


def demo_overlap(demo: Demo) -> None:
    with gemeente_scope(demo.gemeente):
        run = overlap_detect(gemeente=demo.gemeente)
    demo.created["overlap findings"] += run.created
