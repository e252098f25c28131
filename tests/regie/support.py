"""Planting offers and referrals for the overlap tests: activities with a weekly schedule
and their occurrences as the service writes them, referrals received on given days."""
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gemeenten.models import TargetGroup, Wijk
from gemeenten.scope import gemeente_scope
from initiatives.models import Schedule
from initiatives.services import activities_refresh
from regie.overlap import overlap_detect
from statushouders.models import Newcomer, Referral
from tests.factories import ActivityFactory, organisation_in

TODAY = date(2026, 11, 30)  # a Monday
NOW = timezone.make_aware(datetime.combine(TODAY, time(3, 0)))


def wijk(gemeente, name: str) -> Wijk:
    return Wijk.objects.get_or_create(gemeente=gemeente, name=name)[0]


def offer(gemeente, *, title="Taalcafé", organisation=None, wijk_name="Centrum",
          themes=("taal",), groups=("volwassenen",), day=1, start=time(19, 30),
          end=time(21, 0), description="Samen Nederlands praten bij een kop koffie."):
    """An activity on `day` (Monday = 0) every week from a month ago on."""
    activity = ActivityFactory(
        gemeente=gemeente, organisation=organisation or organisation_in(gemeente),
        title=title, description=description, wijk=wijk(gemeente, wijk_name),
        themes=list(themes))
    activity.target_groups.set(TargetGroup.objects.filter(slug__in=groups))
    Schedule.objects.create(activity=activity, frequency="weekly", weekdays=str(day),
                            start_time=start, end_time=end,
                            valid_from=TODAY - timedelta(days=30))
    activities_refresh([activity.pk], today=TODAY)
    return activity


def detect(gemeente, now=NOW):
    with gemeente_scope(gemeente):
        return overlap_detect(gemeente=gemeente, now=now)


def referrals(gemeente, *, to, count: int, days_ago: int = 3, sender=None):
    """`count` referrals to `to`, sent `days_ago` days before NOW, of invented people."""
    sender = sender or organisation_in(gemeente, name="Stichting Verwijzer")
    for n in range(count):
        newcomer = Newcomer.objects.create(
            gemeente=gemeente, organisation=sender,
            registratienummer=f"OV-{to.pk}-{days_ago}-{n}",
            first_name="Testa", surname="Verzonnen")
        Referral.objects.create(gemeente=gemeente, newcomer=newcomer, from_organisation=sender,
                                to_organisation=to, created_at=NOW - timedelta(days=days_ago))
    return sender
