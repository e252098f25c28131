"""Duplicate offers: activities of different organisations with the same theme, in the same
wijk, at overlapping times (from the materialised occurrences), for overlapping target groups.

The structural match decides; the similarity of title and description (rapidfuzz) orders the
findings and strengthens their score, since two initiatives rarely describe the same offer in
the same words. Blocked by wijk and theme: only activities sharing both are ever paired."""
from collections import defaultdict
from datetime import timedelta
from itertools import combinations

from django.conf import settings
from django.utils import timezone
from rapidfuzz import fuzz, utils

from gemeenten.models import TargetGroup, Theme
from initiatives.choices import ApprovalState
from initiatives.models import Activity, Occurrence, Presence

from .candidates import Candidate, number_setting, subjects_of

ACTIVITY = "initiatives.activity"
# Everyone: a group that overlaps with every other one (as does an activity naming none).
EVERYONE = "iedereen"


def similarity(a: dict, b: dict) -> float:
    """0..1: how alike title and description are, the title weighing more."""
    title = fuzz.token_set_ratio(a["title"], b["title"], processor=utils.default_process)
    text = fuzz.token_set_ratio(a["description"], b["description"],
                                processor=utils.default_process)
    return round((0.6 * title + 0.4 * text) / 100, 3)


def groups_overlap(a: set, b: set, everyone_id) -> bool:
    if not a or not b or everyone_id in a or everyone_id in b:
        return True
    return bool(a & b)


def _activities(gemeente):
    """The comparable activities: active, in a wijk, of an organisation whose presence in
    this gemeente is not rejected; as dicts with their themes and target groups."""
    dutch = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    listed = Presence.objects.in_gemeente(gemeente).exclude(
        approval=ApprovalState.REJECTED).values("organisation_id")
    rows = (
        Activity.objects.in_gemeente(gemeente).active()
        .filter(wijk__isnull=False, organisation_id__in=listed)
        .values("pk", "organisation_id", "wijk_id", "wijk__name", f"title_{dutch}",
                f"description_{dutch}")
    )
    activities = {
        row["pk"]: {"id": row["pk"], "organisation": row["organisation_id"],
                    "wijk": row["wijk_id"], "wijk_name": row["wijk__name"],
                    "title": row[f"title_{dutch}"] or "",
                    "description": row[f"description_{dutch}"] or "",
                    "themes": set(), "groups": set()}
        for row in rows
    }
    # The join tables have no tenant manager: filtered by the gemeente here, by hand.
    same = {"activity__gemeente": gemeente, "activity__is_active": True,
            "activity__wijk__isnull": False}
    for activity_id, theme_id in Activity.themes.through.objects.filter(**same).values_list(
            "activity_id", "theme_id"):
        if activity_id in activities:
            activities[activity_id]["themes"].add(theme_id)
    for activity_id, group_id in Activity.target_groups.through.objects.filter(
            **same).values_list("activity_id", "targetgroup_id"):
        if activity_id in activities:
            activities[activity_id]["groups"].add(group_id)
    return activities


def _sessions(gemeente, ids, *, start, end, default_minutes):
    """activity id -> {date: [(start, end) as aware datetimes]} within the window."""
    sessions: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    length = timedelta(minutes=default_minutes)
    for activity_id, day, starts_at, ends_at in (
        Occurrence.objects.in_gemeente(gemeente)
        .filter(activity__is_active=True, activity__wijk__isnull=False,
                date__gte=start, date__lte=end)
        .values_list("activity_id", "date", "starts_at", "ends_at").iterator(chunk_size=5000)
    ):
        if activity_id in ids:
            sessions[activity_id][day].append((starts_at, ends_at or starts_at + length))
    return sessions


def _together(a: dict, b: dict) -> list:
    """The sessions of a that overlap one of b in time: [(start, end)], by start."""
    shared = []
    for day in a.keys() & b.keys():
        for a_start, a_end in a[day]:
            if any(a_start < b_end and b_start < a_end for b_start, b_end in b[day]):
                shared.append((a_start, a_end))
    return sorted(shared)


def duplicate_offers(gemeente, *, today=None) -> tuple[list[Candidate], int]:
    """The candidates and the number of pairs compared."""
    today = today or timezone.localdate()
    window_days = int(number_setting(gemeente, "overlap_window_days")) or 1
    default_minutes = int(number_setting(gemeente, "overlap_default_minutes")) or 60
    activities = _activities(gemeente)
    sessions = _sessions(gemeente, activities.keys(), start=today,
                         end=today + timedelta(days=window_days - 1),
                         default_minutes=default_minutes)
    everyone = TargetGroup.objects.filter(slug=EVERYONE).values_list("pk", flat=True).first()
    theme_slugs = dict(Theme.objects.values_list("pk", "slug"))

    blocks: dict[tuple, list[int]] = defaultdict(list)
    for activity in activities.values():
        if activity["id"] not in sessions:
            continue  # nothing on in the window: nothing to overlap with
        for theme in activity["themes"]:
            blocks[(activity["wijk"], theme)].append(activity["id"])

    compared: set[tuple[int, int]] = set()
    candidates = []
    for members in blocks.values():
        for first, second in combinations(sorted(members), 2):
            if (first, second) in compared:
                continue
            a, b = activities[first], activities[second]
            if a["organisation"] == b["organisation"]:
                continue  # one organisation's own offer is its own business
            compared.add((first, second))
            if not groups_overlap(a["groups"], b["groups"], everyone):
                continue
            shared = _together(sessions[first], sessions[second])
            if not shared:
                continue
            candidates.append(_candidate(a, b, shared, sessions, theme_slugs, window_days))
    return candidates, len(compared)


def _candidate(a, b, shared, sessions, theme_slugs, window_days) -> Candidate:
    alike = similarity(a, b)
    fewest = min(sum(len(v) for v in sessions[a["id"]].values()),
                 sum(len(v) for v in sessions[b["id"]].values()))
    share = min(1.0, len(shared) / fewest) if fewest else 0.0
    first_start, first_end = shared[0]
    local_start = timezone.localtime(first_start)
    local_end = timezone.localtime(first_end)
    facts = {
        "themes": sorted(theme_slugs[t] for t in a["themes"] & b["themes"] if t in theme_slugs),
        "wijk": a["wijk_name"],
        "weekday": local_start.weekday(),
        "start": local_start.strftime("%H:%M"),
        "end": local_end.strftime("%H:%M"),
        "first_date": local_start.date().isoformat(),
        "sessions_together": len(shared),
        "window_days": window_days,
        "similarity": alike,
    }
    score = round(50 + 40 * alike + 10 * share, 1)
    return Candidate("duplicate_offer", subjects_of(ACTIVITY, a["id"], b["id"]), score, facts)
