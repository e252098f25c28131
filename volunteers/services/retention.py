"""The coördinator's retention figures: who is active per month, who joined and left, how long
memberships last, and who may need a call. Reads in a few aggregate queries, whatever the size
of the pool."""
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Coalesce

from ..models import Membership, SessionTally, TrainingSignup, Volunteer

MONTHS = 12
# Without a tally or a training for this long, while still a member: maybe time for a call.
QUIET_DAYS = 91


@dataclass
class Month:
    start: date
    end: date
    active: int = 0
    joined: int = 0
    left: int = 0


def last_months(today: date, count: int = MONTHS) -> list[Month]:
    """The last `count` calendar months, the current one last."""
    months = []
    year, month = today.year, today.month
    for _n in range(count):
        start = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        months.append(Month(start=start, end=following - timedelta(days=1)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _ongoing_on(day_from: date, day_until: date) -> Q:
    """A membership that was active on some day between the two (both included)."""
    return Q(since__lte=day_until) & (Q(ended_on__gte=day_from)
                                      | Q(ended_on__isnull=True, active=True))


def monthly_figures(memberships, today: date) -> list[Month]:
    """Per month: distinct volunteers active, joined (a membership began) and left (a
    membership ended), in one query of 3 × 12 counts."""
    months = last_months(today)
    aggregates = {}
    for n, month in enumerate(months):
        aggregates[f"active_{n}"] = Count("volunteer", distinct=True,
                                          filter=_ongoing_on(month.start, month.end))
        aggregates[f"joined_{n}"] = Count("volunteer", distinct=True,
                                          filter=Q(since__range=(month.start, month.end)))
        aggregates[f"left_{n}"] = Count("volunteer", distinct=True,
                                        filter=Q(ended_on__range=(month.start, month.end)))
    figures = memberships.order_by().aggregate(**aggregates)
    for n, month in enumerate(months):
        month.active = figures[f"active_{n}"]
        month.joined = figures[f"joined_{n}"]
        month.left = figures[f"left_{n}"]
    return months


def average_durations(memberships, today: date) -> dict:
    """Average days of a membership: of those that ended, of those still going (up to
    today), and of all of them; None where there are none."""
    lasted = ExpressionWrapper(Coalesce(F("ended_on"), today) - F("since"),
                               output_field=DurationField())
    ended = Q(ended_on__isnull=False)
    figures = memberships.order_by().aggregate(
        ended=Avg(lasted, filter=ended), ongoing=Avg(lasted, filter=~ended), all=Avg(lasted))
    return {key: None if value is None else round(value.total_seconds() / 86400)
            for key, value in figures.items()}


def needing_support(organisations, today: date):
    """Volunteers with an active membership of at least QUIET_DAYS in these organisations who
    recorded no tally and had no training in the last QUIET_DAYS days."""
    since = today - timedelta(days=QUIET_DAYS)
    member = Membership.objects.filter(volunteer=OuterRef("pk"), organisation__in=organisations,
                                       active=True, since__lte=since)
    tallied = SessionTally.objects.filter(recorded_by=OuterRef("user_id"),
                                          session_date__gt=since)
    trained = TrainingSignup.objects.filter(
        volunteer=OuterRef("pk"), training__starts_at__date__gt=since,
        training__starts_at__date__lte=today)
    return (Volunteer.objects.filter(Exists(member), anonymised_at__isnull=True)
            .exclude(Exists(tallied)).exclude(Exists(trained))
            .order_by("surname", "first_name", "pk"))


def early_endings(organisations) -> list[dict]:
    """Koppelingen of these organisations that ended before their planned end, per reason,
    most first: [{"reason": label, "count": n}, ...] (one query)."""
    from ..choices import MatchEndReason
    from ..models import Match

    labels = dict(MatchEndReason.choices)
    return [{"reason": labels.get(row["end_reason"], row["end_reason"]), "count": row["n"]}
            for row in Match.objects.filter(organisation__in=organisations)
            .ended_early().end_reasons()]
