"""Writes of the volunteer pool: a volunteer and their membership go together."""
from django.db import transaction
from django.utils import timezone

from .models import Membership, Training, TrainingSignup, Volunteer, VolunteerLanguage


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


class TrainingFull(Exception):
    """Every seat is taken."""


class NotOpenToYou(Exception):
    """The training is for the offering organisation's own volunteers."""


@transaction.atomic
def training_sign_up(*, training, volunteer, organisations) -> TrainingSignup:
    """One seat for the volunteer. The training's row is locked first, so of two sign-ups
    for the last seat at once the second finds it taken (PostgreSQL; SQLite's IMMEDIATE
    transactions serialise them already). Signing up twice is one sign-up."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if not locked.open_to_others and locked.organisation_id not in {
            o.pk for o in organisations}:
        raise NotOpenToYou
    existing = TrainingSignup.objects.filter(training=locked, volunteer=volunteer).first()
    if existing is not None:
        return existing
    if TrainingSignup.objects.filter(training=locked).count() >= locked.seats:
        raise TrainingFull
    return TrainingSignup.objects.create(training=locked, volunteer=volunteer)
