"""Trainings one organisation offers, open to other organisations' volunteers or not."""
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente
from initiatives.models import Organisation

from ..querysets import TrainingQuerySet, TrainingSignupQuerySet
from .pool import Volunteer


class Training(models.Model):
    """A training one organisation offers; open to other organisations' volunteers or not."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="trainings",
                                 verbose_name=_("municipality"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="trainings", verbose_name=_("organisation"))
    topic = models.CharField(_("topic"), max_length=200)
    starts_at = models.DateTimeField(_("when"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    open_to_others = models.BooleanField(
        _("open to volunteers of other organisations"), default=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.topic


class TrainingSignup(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="signups",
                                 verbose_name=_("training"))
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE,
                                  related_name="training_signups",
                                  verbose_name=_("volunteer"))
    created_at = models.DateTimeField(_("signed up on"), default=timezone.now)

    objects = TrainingSignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("training sign-up")
        verbose_name_plural = _("training sign-ups")
        constraints = [models.UniqueConstraint(fields=["training", "volunteer"],
                                               name="training_signup_once")]

    def __str__(self):
        return f"{self.volunteer_id} → {self.training_id}"
