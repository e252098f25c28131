"""generate_scale --preset small|city|national|stress --seed N: test data at every scale."""
import time

from django.core.management.base import BaseCommand

from gemeenten.datagen.registry import scale_steps
from gemeenten.datagen.scale import LATER_MODELS, PRESETS, scale_generate
from gemeenten.scope import scopes_disabled


class Command(BaseCommand):
    help = (
        "Fill every model of the project's apps (gemeenten, the sociale kaart, accounts, "
        "newcomers, volunteers, infopunt statistics, regie) at a preset scale, "
        "deterministic per seed. A preset and seed that were generated before are skipped "
        "(use --replace to regenerate them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="small",
                            help="tiny is for tests; the others follow DESIGN.md")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--replace", action="store_true",
                            help="delete what this preset and seed made before, then regenerate")

    def progress(self, done: int, total: int, name: str, seconds: float) -> None:
        """One line per step as it finishes: a bar, the step and its time (a national run
        takes minutes; the counts follow at the end)."""
        width = 30
        filled = round(width * done / total)
        self.stdout.write(f"  [{'#' * filled}{'.' * (width - filled)}] {done:>2}/{total} "
                          f"{name} ({seconds:.1f} s)")
        self.stdout.flush()

    def handle(self, *args, preset, seed, replace, **options):
        sizes = PRESETS[preset]
        self.stdout.write(
            f"generate_scale --preset {preset} --seed {seed}: {sizes.gemeenten} gemeenten, "
            f"{sizes.organisations} organisations, {sizes.activities} activities"
        )
        started = time.monotonic()
        # Data for many gemeenten at once: deliberately across gemeenten.
        with scopes_disabled():
            run = scale_generate(preset_name=preset, seed=seed, replace=replace,
                                 progress=self.progress)
        if run is None:
            self.stdout.write(self.style.WARNING(
                f"Preset {preset} with seed {seed} exists already (gemeente slugs "
                f"scale-{preset}-{seed}-*); nothing was added. Use --replace to regenerate."
            ))
            return
        elapsed = time.monotonic() - started
        width = max(len(name) for name in run.counts)
        for name, count in run.counts.items():
            self.stdout.write(f"  {name:<{width}}  {count:>10,}")
        made = {name for name, _step in scale_steps()}
        for model, app in LATER_MODELS.items():
            if model not in made and not run.counts.get(model):
                planned = getattr(sizes, model)
                self.stdout.write(
                    f"  {model:<{width}}  {'-':>10}  ({planned:,} in this preset: "
                    f"added by the {app} issue, not generated yet)"
                )
        for name, seconds in run.timings.items():
            self.stdout.write(f"  time {name}: {seconds:.1f} s")
        self.stdout.write(f"  checksum {run.checksum} (the same for every run of this seed)")
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s."))
