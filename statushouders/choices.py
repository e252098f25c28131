"""Fixed vocabularies of the statushouders app (DESIGN.md, "Domain model")."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidenceBasis(models.TextChoices):
    ASYLUM = "asylum", _("Refugee status holder (incl. family reunification)")
    FAMILY_MIGRATION = "family_migration", _("Family migrant")
    TEMPORARY_PROTECTION = "temporary_protection", _("Displaced from Ukraine")
    OTHER = "other", _("Other")


class LearningRoute(models.TextChoices):
    B1 = "b1", _("B1 route")
    EDUCATION = "onderwijs", _("Education route")
    Z = "z", _("Z route (self-reliance)")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed as planned")
    MOVED = "moved", _("Moved away")
    DECLINED = "declined", _("Declined further guidance")
    OTHER = "other", _("Other")


# Needs are themes, never this one: a referral to a health activity records no need.
NO_NEED_THEME = "gezondheid"
