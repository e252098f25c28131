"""Fixed vocabularies of the gemeenten app."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGISSEUR = "regisseur", _("Coordinator (municipality)")
    BEGELEIDER = "begeleider", _("Caseworker")
    COORDINATOR = "coordinator", _("Initiative coordinator")
    VOLUNTEER = "volunteer", _("Volunteer")
    BEHEERDER = "beheerder", _("Administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


# Roles that must pass TOTP two-factor authentication before they see anything.
TWO_FACTOR_ROLES = {Role.REGISSEUR, Role.BEGELEIDER, Role.BEHEERDER, Role.PRIVACY_OFFICER}
# Roles that act on behalf of an organisation.
ORGANISATION_ROLES = {Role.COORDINATOR, Role.BEGELEIDER}

TARGET_GROUPS = [
    ("iedereen", _("Everyone")),
    ("kinderen", _("Children")),
    ("jongeren", _("Young people")),
    ("volwassenen", _("Adults")),
    ("ouderen", _("Older people")),
    ("vrouwen", _("Women")),
    ("mannen", _("Men")),
    ("gezinnen", _("Families")),
]
