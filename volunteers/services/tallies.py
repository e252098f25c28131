"""Recording a session tally: one per activity and session date; recording again updates it."""
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from initiatives.models import Occurrence

from ..models import SessionTally


def tally_record(*, activity, session_date: date, by, total: int, newcomers: int,
                 first_timers: int, went_well: str = "") -> tuple[SessionTally, bool]:
    """Write the tally of this activity's session on this date; returns (tally, created).

    A second tally of the same session (two volunteers of one taalcafé, or a correction)
    replaces the figures of the first: the unique constraint makes "one per session" a fact,
    and of two saves at once the second becomes an update."""
    values = {"total": total, "newcomers": newcomers, "first_timers": first_timers,
              "went_well": went_well.strip(), "recorded_by": by,
              "updated_at": timezone.now(),
              "occurrence": Occurrence.objects.filter(activity=activity, date=session_date)
              .order_by("starts_at").first()}
    try:
        with transaction.atomic():
            return SessionTally.objects.update_or_create(
                activity=activity, session_date=session_date,
                defaults=values, create_defaults={**values, "gemeente_id": activity.gemeente_id})
    except IntegrityError:
        # The other save won the race between our look and our insert: update theirs.
        with transaction.atomic():
            return SessionTally.objects.update_or_create(
                activity=activity, session_date=session_date, defaults=values)
