"""Writing a run's candidates: upsert by fingerprint, keeping every decision."""
from django.db import transaction
from django.utils import timezone

from ..models import OverlapFinding


def findings_store(*, gemeente, candidates, kinds, now=None) -> dict[str, int]:
    """New fingerprints become open findings; known ones get their new score, facts and
    last_found_at (and lose gone_at, should they have been gone); findings of these kinds
    that the run did not find get gone_at. State and decision are never touched here.

    Idempotent: a second run with the same candidates creates nothing and changes only
    last_found_at. Two runs at once cannot duplicate a finding (the unique constraint on
    gemeente and fingerprint, and ignore_conflicts)."""
    now = now or timezone.now()
    by_fingerprint = {c.fingerprint: c for c in candidates}
    with transaction.atomic():
        known = {
            f.fingerprint: f
            for f in OverlapFinding.objects.in_gemeente(gemeente).filter(kind__in=kinds)
            .only("pk", "fingerprint", "gone_at", "score", "facts", "subjects")
        }
        changed, seen = [], []
        for fp, candidate in by_fingerprint.items():
            finding = known.get(fp)
            if finding is None:
                continue
            seen.append(finding.pk)
            if (finding.score, finding.facts, finding.subjects, finding.gone_at) != (
                    candidate.score, candidate.facts, candidate.subjects, None):
                finding.score, finding.facts = candidate.score, candidate.facts
                finding.subjects, finding.gone_at = candidate.subjects, None
                changed.append(finding)
        # Only what changed is written row by row; "found again" is one UPDATE per 500.
        OverlapFinding.objects.bulk_update(changed, ["score", "facts", "subjects", "gone_at"],
                                           batch_size=500)
        for offset in range(0, len(seen), 500):
            OverlapFinding.objects.in_gemeente(gemeente).filter(
                pk__in=seen[offset:offset + 500]).update(last_found_at=now)
        new = [
            OverlapFinding(gemeente=gemeente, kind=c.kind, fingerprint=fp, score=c.score,
                           subjects=c.subjects, facts=c.facts, first_found_at=now,
                           last_found_at=now)
            for fp, c in by_fingerprint.items() if fp not in known
        ]
        OverlapFinding.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        gone_ids = [f.pk for fp, f in known.items()
                    if fp not in by_fingerprint and f.gone_at is None]
        gone = 0
        for offset in range(0, len(gone_ids), 500):
            gone += OverlapFinding.objects.in_gemeente(gemeente).filter(
                pk__in=gone_ids[offset:offset + 500]).update(gone_at=now)
    return {"created": len(new), "updated": len(seen), "changed": len(changed), "gone": gone}
