"""Fixed vocabularies of the volunteers app."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("basic")
    GOOD = "good", _("good")
    NATIVE = "native", _("native")


class MembershipKind(models.TextChoices):
    CORE = "core", _("core team")
    OCCASIONAL = "occasional", _("occasional helper")


class ApplicationState(models.TextChoices):
    PENDING = "pending", _("waiting")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
