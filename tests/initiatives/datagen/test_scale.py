"""generate_scale: the preset sizes, skew, determinism per seed, and the same occurrences
that activities_refresh writes."""
import re
from io import StringIO

import pytest
from django.core.management import call_command

from gemeenten.datagen.scale import PRESETS
from gemeenten.models import Gemeente, Wijk
from initiatives.datagen.scale import apportion, gemeente_weights
from initiatives.models import Activity, Occurrence, Organisation, Presence, Schedule
from initiatives.services import activities_refresh

pytestmark = pytest.mark.django_db


def _generate(*args) -> str:
    out = StringIO()
    call_command("generate_scale", *args, stdout=out)
    return out.getvalue()


def _snapshot(tag: str) -> tuple:
    """What a seed decides, by value (primary keys differ between runs)."""
    gemeenten = Gemeente.objects.filter(slug__startswith=f"{tag}-")
    activities = Activity.objects.filter(gemeente__in=gemeenten).order_by("pk")
    return (
        list(gemeenten.order_by("slug").values_list("name", "slug", "primary_colour")),
        list(Wijk.objects.filter(gemeente__in=gemeenten).order_by("pk").values_list("name")),
        list(Organisation.objects.filter(presences__gemeente__in=gemeenten).order_by("pk")
             .values_list("name", "kind", "newcomer_led", "communities_reached")),
        list(activities.values_list("title", "wijk__name", "cost", "is_active")),
        [sorted(a.languages.values_list("code", flat=True)) for a in activities],
        list(Schedule.objects.filter(activity__in=activities).order_by("pk").values_list(
            "frequency", "weekdays", "week_of_month", "start_time", "valid_from",
            "valid_until")),
        Occurrence.objects.filter(activity__in=activities).count(),
    )


def test_generate_scale_is_deterministic_per_seed():
    first_out = _generate("--preset", "tiny", "--seed", "5")
    first = _snapshot("scale-tiny-5")
    second_out = _generate("--preset", "tiny", "--seed", "5", "--replace")
    checksum = re.compile(r"checksum (\w+)")
    assert _snapshot("scale-tiny-5") == first
    assert checksum.search(first_out).group(1) == checksum.search(second_out).group(1)
    _generate("--preset", "tiny", "--seed", "6")
    assert _snapshot("scale-tiny-6")[2] != first[2]


def test_generate_scale_again_with_the_same_seed_adds_nothing():
    _generate("--preset", "tiny", "--seed", "1")
    counts = (Gemeente.objects.count(), Organisation.objects.count(), Activity.objects.count())
    out = _generate("--preset", "tiny", "--seed", "1")
    assert "exists already" in out
    assert (Gemeente.objects.count(), Organisation.objects.count(),
            Activity.objects.count()) == counts


def test_generate_scale_small_makes_the_preset_and_says_what_it_made():
    out = _generate("--preset", "small", "--seed", "3")
    assert Gemeente.objects.filter(slug__startswith="scale-small-3-").count() == 1
    assert Activity.objects.count() == PRESETS["small"].activities == 300
    assert Organisation.objects.count() == PRESETS["small"].organisations
    assert Presence.objects.count() == Organisation.objects.count()
    assert re.search(r"activities\s+300", out)
    assert re.search(r"occurrences\s+[\d,]+", out)
    # Every app makes its part now: nothing is "not generated yet".
    assert "newcomers" in out and "koppelingen" in out and "not generated yet" not in out
    assert re.search(r"Done in [\d.]+ s", out)
    # A progress bar as the steps finish (issue 21), the last one full.
    bars = re.findall(r"\[([#.]+)\]\s+(\d+)/(\d+) (\S+) \([\d.]+ s\)", out)
    assert len(bars) == int(bars[-1][2]) > 5 and set(bars[-1][0]) == {"#"}
    # Every kind of organisation, refugee-led ones among them, and Dutch the most spoken.
    assert Organisation.objects.filter(newcomer_led=True, kind="self_organisation").exists()
    assert Organisation.objects.values("kind").distinct().count() == 6
    dutch = Activity.objects.filter(languages__code="nl").count()
    arabic = Activity.objects.filter(languages__code="ar").count()
    assert dutch > 200 > arabic > 5


def test_generated_rows_are_what_activities_refresh_writes():
    _generate("--preset", "tiny", "--seed", "9")
    ids = list(Activity.objects.values_list("pk", flat=True))
    occurrences = set(Occurrence.objects.values_list("schedule_id", "date", "starts_at",
                                                     "ends_at"))
    search_texts = dict(Activity.objects.values_list("pk", "search_text"))
    assert occurrences
    activities_refresh(ids)
    assert set(Occurrence.objects.values_list("schedule_id", "date", "starts_at",
                                              "ends_at")) == occurrences
    assert dict(Activity.objects.values_list("pk", "search_text")) == search_texts


def test_national_sizes_are_skewed_towards_a_few_large_cities():
    weights = gemeente_weights(342)
    activities = apportion(PRESETS["national"].activities, weights, 3)
    assert sum(activities) == 15_000
    assert len(activities) == 342
    largest, smallest = activities[0], activities[-1]
    assert largest > 50 * smallest
    # As with the population: about 40% in the largest tenth of the gemeenten.
    assert sum(activities[:34]) > 0.4 * sum(activities)
