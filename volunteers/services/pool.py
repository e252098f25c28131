"""Writes of the volunteer pool: a volunteer and their membership go together."""
from django.db import transaction
from django.utils import timezone

from ..models import Membership, Volunteer, VolunteerLanguage


@transaction.atomic
def volunteer_add(*, form, organisation, gemeente, kind, languages) -> Volunteer:
    volunteer = form.save(commit=False)
    volunteer.gemeente = gemeente
    volunteer.save()
    form.save_m2m()
    VolunteerLanguage.objects.bulk_create([
        VolunteerLanguage(volunteer=volunteer, language=language, level=level)
        for language, level in languages])
    Membership.objects.create(volunteer=volunteer, organisation=organisation, kind=kind)
    return volunteer


@transaction.atomic
def membership_end(*, membership: Membership) -> Membership:
    """The volunteer stops helping this organisation; their other memberships stay."""
    Membership.objects.filter(pk=membership.pk, active=True).update(
        active=False, ended_on=timezone.localdate())
    membership.refresh_from_db()
    return membership


