"""The fixed lists an audit event is made of; the model itself is gemeenten.models.AuditEvent."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")
    ANONYMISE = "anonymise", _("anonymised")


class Purpose(models.TextChoices):
    """Why a person's data was processed: the tasks the legal basis covers (DESIGN.md)."""

    BEGELEIDING = "begeleiding", _("social guidance")
    REFERRAL = "referral", _("referral")
    HANDOVER = "handover", _("handover at the end of guidance")
    REGIE = "regie", _("coordination by the municipality")
    ACCESS_REQUEST = "access_request", _("request for access (GDPR)")
    ERASURE_REQUEST = "erasure_request", _("request for erasure (GDPR)")
    RETENTION = "retention", _("retention period ended")
    SUPERVISION = "supervision", _("supervision by the privacy officer")
