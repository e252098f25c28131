"""Retention (DESIGN.md): a volunteer is anonymised 12 months after their last membership
ended; the row stays for the counts."""
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gemeenten.privacy import register_retention


@register_retention("volunteers")
def anonymise_volunteers(today: date) -> int:
    from .models import Membership, Volunteer

    cutoff = today - timedelta(days=settings.VOLUNTEER_RETENTION_DAYS)
    recent = Membership.objects.filter(volunteer=OuterRef("pk")).filter(
        Q(active=True) | Q(ended_on__gte=cutoff))
    due = Volunteer.objects.filter(anonymised_at__isnull=True, memberships__isnull=False) \
        .exclude(Exists(recent)).distinct()
    done = 0
    for volunteer in due:
        volunteer.first_name = volunteer.surname = volunteer.email = volunteer.phone = ""
        volunteer.vog_date = None
        volunteer.availability = ""
        volunteer.anonymised_at = timezone.now()
        volunteer.save()
        volunteer.languages.all().delete()
        done += 1
    return done


@register_retention("tally_stories")
def clear_tally_stories(today: date) -> int:
    """A tally's counts are anonymous and stay (they feed the report); its sentence of what
    went well may still name or describe someone, so it goes TALLY_STORY_RETENTION_DAYS after
    the session: a session on day D keeps it through D + N days and loses it the day after."""
    from .models import SessionTally

    cutoff = today - timedelta(days=settings.TALLY_STORY_RETENTION_DAYS)
    return SessionTally.objects.filter(session_date__lt=cutoff).exclude(went_well="") \
        .update(went_well="")
