"""Overload: an organisation that received more than overload_factor (1.5) x its referral
capacity per month in referrals over the last overload_window_days (30), while another with
the same theme in the same wijk received under underuse_factor (0.5) x its own. Blocked by
theme and wijk (the organisation's themes and its wijken in this gemeente); only
organisations that state a capacity take part. Each busy organisation is paired with at most
overload_partners_max (3) quiet ones, the quietest first."""
from collections import defaultdict
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from gemeenten.models import Theme
from initiatives.choices import ApprovalState
from initiatives.models import Organisation, Presence
from statushouders.models import Referral

from .candidates import Candidate, number_setting, subjects_of

ORGANISATION = "initiatives.organisation"


def _organisations(gemeente) -> dict[int, dict]:
    """Approved organisations of the gemeente with a capacity, with themes and wijken."""
    presences = Presence.objects.in_gemeente(gemeente).filter(
        gemeente=gemeente, approval=ApprovalState.APPROVED,
        organisation__referral_capacity_per_month__gt=0)
    organisations = {
        org_id: {"id": org_id, "name": name, "capacity": capacity, "themes": set(),
                 "wijken": {}}
        for org_id, name, capacity in presences.values_list(
            "organisation_id", "organisation__name", "organisation__referral_capacity_per_month")
    }
    for org_id, wijk_id, wijk_name in presences.filter(wijken__isnull=False).values_list(
            "organisation_id", "wijken__id", "wijken__name"):
        organisations[org_id]["wijken"][wijk_id] = wijk_name
    for org_id, theme_id in Organisation.themes.through.objects.filter(
            organisation_id__in=presences.values("organisation_id")).values_list(
            "organisation_id", "theme_id"):
        organisations[org_id]["themes"].add(theme_id)
    return organisations


def overloads(gemeente, *, now=None) -> tuple[list[Candidate], int]:
    now = now or timezone.now()
    days = int(number_setting(gemeente, "overload_window_days")) or 30
    over_factor = number_setting(gemeente, "overload_factor")
    under_factor = number_setting(gemeente, "underuse_factor")
    organisations = _organisations(gemeente)
    received = dict(
        Referral.objects.in_gemeente(gemeente)
        .filter(created_at__gte=now - timedelta(days=days),
                to_organisation_id__in=list(organisations))
        .values("to_organisation_id").annotate(n=Count("pk"))
        .values_list("to_organisation_id", "n")
    )
    months = days / 30
    over, under = set(), set()
    for org in organisations.values():
        org["received"] = received.get(org["id"], 0)
        allowance = org["capacity"] * months
        org["ratio"] = org["received"] / allowance
        if org["received"] > over_factor * allowance:
            over.add(org["id"])
        elif org["received"] < under_factor * allowance:
            under.add(org["id"])
    blocks: dict[tuple, dict[str, set]] = defaultdict(lambda: {"over": set(), "under": set()})
    for org in organisations.values():
        side = "over" if org["id"] in over else "under" if org["id"] in under else None
        if side is None:
            continue
        for theme in org["themes"]:
            for wijk in org["wijken"]:
                blocks[(theme, wijk)][side].add(org["id"])
    theme_slugs = dict(Theme.objects.values_list("pk", "slug"))
    pairs: dict[tuple[int, int], dict] = {}
    for (theme, wijk), sides in blocks.items():
        for busy in sides["over"]:
            for quiet in sides["under"]:
                pair = pairs.setdefault((busy, quiet), {"themes": set(), "wijken": set()})
                pair["themes"].add(theme_slugs.get(theme, ""))
                pair["wijken"].add(organisations[busy]["wijken"][wijk])
    # Per busy organisation only its quietest partners (where referrals could go instead):
    # a busy one in a wijk full of quiet ones is one story, not dozens of findings.
    partners_max = int(number_setting(gemeente, "overload_partners_max")) or 1
    by_busy: dict[int, list[int]] = defaultdict(list)
    for busy, quiet in pairs:
        by_busy[busy].append(quiet)
    kept = {(busy, quiet) for busy, quiets in by_busy.items()
            for quiet in sorted(quiets, key=lambda q: (organisations[q]["ratio"], q))[:partners_max]}
    candidates = []
    for (busy, quiet), shared in pairs.items():
        if (busy, quiet) not in kept:
            continue
        a, b = organisations[busy], organisations[quiet]
        facts = {
            "themes": sorted(t for t in shared["themes"] if t),
            "wijken": sorted(shared["wijken"]),
            "window_days": days,
            "over": {"id": busy, "received": a["received"], "capacity": a["capacity"]},
            "under": {"id": quiet, "received": b["received"], "capacity": b["capacity"]},
            "overload_factor": over_factor, "underuse_factor": under_factor,
        }
        score = 50 + min(30.0, 20 * (a["ratio"] - over_factor)) \
            + min(20.0, 40 * (under_factor - b["ratio"]))
        candidates.append(Candidate("overload", subjects_of(ORGANISATION, busy, quiet),
                                    round(score, 1), facts))
    return candidates, len(pairs)
