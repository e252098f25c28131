"""Retention of newcomers (DESIGN.md): anonymised 12 months after the last begeleiding
ended; the row stays for the counts. (Referrals, when they come, add "and the last referral
closed" to the condition.)"""
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from gemeenten.audit import Action, Purpose, audit_record
from gemeenten.privacy import register_retention

from .services import SUBJECT


@register_retention("newcomers")
def anonymise_newcomers(today: date) -> int:
    from .models import Begeleiding, Newcomer

    cutoff = today - timedelta(days=settings.NEWCOMER_RETENTION_DAYS)
    still_held = Begeleiding.objects.filter(newcomer=OuterRef("pk")).exclude(
        actual_end__lt=cutoff)
    due = (Newcomer.objects.filter(anonymised_at__isnull=True, begeleidingen__isnull=False)
           .exclude(Exists(still_held)).distinct())
    done = 0
    now = timezone.make_aware(datetime.combine(today, time(hour=3)))
    for newcomer in due:
        with transaction.atomic():
            newcomer.first_name = newcomer.surname = newcomer.phone = newcomer.email = ""
            newcomer.registratienummer = f"anon-{newcomer.pk}"
            newcomer.birth_year = newcomer.household_size = newcomer.housing_date = None
            newcomer.anonymised_at = now
            newcomer.save()
            newcomer.languages.clear()
            audit_record(gemeente=newcomer.gemeente_id, actor=None, action=Action.ANONYMISE,
                         purpose=Purpose.RETENTION, subject_type=SUBJECT,
                         subject_id=newcomer.pk)
        done += 1
    return done
