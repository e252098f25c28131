"""Retention (DESIGN.md): a volunteer is anonymised 12 months after their last membership
ended; the row stays for the counts."""
from datetime import date, datetime, time, timedelta

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


@register_retention("volunteer_applications")
def delete_old_volunteer_applications(today: date) -> int:
    """A sign-up is deleted VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS after the
    coördinator decided (an accepted one lives on as the Volunteer record), or
    VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS after it came in when nobody did."""
    from .models import VolunteerApplication

    start = timezone.make_aware(datetime.combine(today, time.min))
    decided = start - timedelta(days=settings.VOLUNTEER_APPLICATION_RETENTION_DECIDED_DAYS)
    untouched = start - timedelta(days=settings.VOLUNTEER_APPLICATION_RETENTION_PENDING_DAYS)
    due = VolunteerApplication.objects.filter(
        Q(decided_at__lt=decided) | Q(decided_at__isnull=True, created_at__lt=untouched))
    count = due.count()
    due.delete()  # with their languages and interests
    return count
