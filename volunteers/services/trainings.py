"""Sign-ups for trainings: the training row is locked first, so the last seat goes once."""
from django.db import transaction

from ..models import Training, TrainingSignup


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
