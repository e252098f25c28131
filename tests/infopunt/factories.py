"""Factories and a small public world for the infopunt tests; names are obviously invented."""
import datetime

from django.utils import timezone

from gemeenten.models import Language, TargetGroup, Theme
from initiatives.models import Activity
from initiatives.services import activities_refresh
from tests.factories import (
    ActivityFactory,
    ScheduleFactory,
    WijkFactory,
    organisation_in,
)


def public_activity(gemeente, *, themes=("taal",), languages=("nl",), wijk=None,
                    weekday=2, refresh=True, target_groups=(), **fields) -> Activity:
    """An approved organisation's activity with a weekly schedule, materialised."""
    activity = ActivityFactory(gemeente=gemeente, themes=list(themes),
                               languages=list(languages), wijk=wijk, **fields)
    if target_groups:
        activity.target_groups.set(TargetGroup.objects.filter(slug__in=target_groups))
    if weekday is not None:
        ScheduleFactory(activity=activity, weekdays=str(weekday),
                        valid_from=timezone.localdate() - datetime.timedelta(days=30))
    if refresh:
        activities_refresh([activity.pk])
    return activity


def many_public_activities(gemeente, n: int) -> list[Activity]:
    """n activities in bulk, each with a schedule, languages, themes and target groups."""
    wijk = WijkFactory(gemeente=gemeente, name="Wijk Verzonnen")
    organisation = organisation_in(gemeente, name="Stichting Bulkdorp")
    themes = list(Theme.objects.filter(slug__in=["taal", "werk"]))
    languages = list(Language.objects.filter(code__in=["ar", "ti", "nl"]))
    groups = list(TargetGroup.objects.filter(slug__in=["vrouwen", "jongeren"]))
    activities = []
    for i in range(n):
        activity = ActivityFactory(gemeente=gemeente, organisation=organisation,
                                   title=f"Taalcafé Verzonnen {i}", wijk=wijk)
        activity.themes.set(themes)
        activity.languages.set(languages)
        activity.target_groups.set(groups)
        ScheduleFactory(activity=activity, weekdays=str(i % 7))
        activities.append(activity)
    activities_refresh([a.pk for a in activities])
    return activities
