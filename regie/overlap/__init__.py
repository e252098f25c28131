"""Overlap detection for one gemeente (issue 20): duplicate offers, recruitment clashes and
overload, each blocked by theme and wijk so nothing is compared across the country or across
the whole gemeente; the findings are upserted by fingerprint (regie.overlap.store)."""
from dataclasses import dataclass, field

from django.utils import timezone

from ..models import OverlapKind
from .duplicates import duplicate_offers
from .overload import overloads
from .recruitment import recruitment_clashes
from .store import findings_store


@dataclass
class OverlapRun:
    pairs: dict[str, int] = field(default_factory=dict)  # kind -> pairs compared
    found: dict[str, int] = field(default_factory=dict)  # kind -> candidates found
    created: int = 0
    updated: int = 0
    gone: int = 0

    @property
    def pairs_compared(self) -> int:
        return sum(self.pairs.values())


def overlap_detect(*, gemeente, now=None) -> OverlapRun:
    """Find the overlaps of this gemeente and store them. Call it inside the gemeente's
    scope (a request, the task, the command); idempotent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    run = OverlapRun()
    candidates = []
    for kind, (found, pairs) in (
        (OverlapKind.DUPLICATE_OFFER, duplicate_offers(gemeente, today=today)),
        (OverlapKind.RECRUITMENT_CLASH, recruitment_clashes(gemeente)),
        (OverlapKind.OVERLOAD, overloads(gemeente, now=now)),
    ):
        run.pairs[kind.value], run.found[kind.value] = pairs, len(found)
        candidates += found
    counts = findings_store(gemeente=gemeente, candidates=candidates,
                            kinds=list(OverlapKind.values), now=now)
    run.created, run.updated, run.gone = counts["created"], counts["updated"], counts["gone"]
    return run
