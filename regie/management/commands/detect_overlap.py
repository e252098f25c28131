"""python manage.py detect_overlap --gemeente NAME [--json]: run the overlap detection for one
gemeente now and print its findings (those the run found; decisions as the regisseur made
them). With --json: a list of findings, each with kind, reason, score and state and the
activities, vacancies or organisations involved, each with its own title and organisation."""
import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gemeenten.models import Gemeente
from gemeenten.scope import gemeente_scope, scopes_disabled
from regie.models import OverlapFinding
from regie.overlap import overlap_detect
from regie.overlap.present import present

INVOLVED_KEY = {"duplicate_offer": "activities", "recruitment_clash": "vacancies",
                "overload": "organisations"}


def as_json(presented) -> dict:
    finding = presented.finding
    involved = [{"id": item["id"], "title": item["title"],
                 "organisation": item["organisation"], "wijk": item["wijk"]}
                for item in presented.involved]
    return {
        "kind": finding.kind, "reason": presented.reason, "score": finding.score,
        "state": finding.state, "fingerprint": finding.fingerprint,
        "decision_reason": finding.decision_reason,
        "first_found_at": finding.first_found_at.isoformat(),
        "last_found_at": finding.last_found_at.isoformat(),
        INVOLVED_KEY[finding.kind]: involved,
    }


class Command(BaseCommand):
    help = "Detect overlapping offers, recruitment and referrals in one gemeente and print them."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="the gemeente's name or slug")
        parser.add_argument("--json", action="store_true", help="print the findings as JSON")

    def handle(self, *args, gemeente, json: bool = False, **options):
        with scopes_disabled():
            found = Gemeente.objects.filter(Q(name__iexact=gemeente) | Q(slug=gemeente)).first()
        if found is None:
            raise CommandError(f"No gemeente named {gemeente!r}.")
        with gemeente_scope(found):
            run = overlap_detect(gemeente=found)
            findings = present(OverlapFinding.objects.in_gemeente(found).current()
                               .order_by("-score", "pk"))
        self.stderr.write(
            f"{found.name}: {run.pairs_compared} pairs compared "
            f"({', '.join(f'{k} {v}' for k, v in run.pairs.items())}); "
            f"{len(findings)} findings, {run.created} new, {run.gone} no longer found.")
        if json:
            self.stdout.write(_dumps([as_json(p) for p in findings]))
            return
        for item in findings:
            finding = item.finding
            self.stdout.write(f"[{finding.get_state_display()}] {finding.get_kind_display()} "
                              f"{finding.score:.0f}: {item.reason}")
            for involved in item.involved:
                self.stdout.write(f"    - {involved['title']} ({involved['organisation']})")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
