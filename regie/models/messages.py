"""Messages to partners: the regisseur writes to the coordinators of a selection of
organisations; each organisation keeps the messages it received as a thread."""
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Theme, Wijk
from initiatives.models import Organisation

from ..querysets import (
    MessageOptOutQuerySet,
    PartnerMessageQuerySet,
    PartnerMessageRecipientQuerySet,
)


class PartnerMessage(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+", verbose_name=_("by"))
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    essential = models.BooleanField(
        _("essential"), default=False,
        help_text=_("Essential messages reach every coordinator, also those who asked for no "
                    "other messages."))
    # The selection as the regisseur made it (empty: any).
    themes = models.ManyToManyField(Theme, blank=True, related_name="+",
                                    verbose_name=_("themes"))
    wijken = models.ManyToManyField(Wijk, blank=True, related_name="+",
                                    verbose_name=_("districts"))
    kinds = models.JSONField(_("kinds of organisation"), default=list, blank=True)
    newcomer_led_only = models.BooleanField(_("only by and for newcomers"), default=False)
    # One message per filled-in form: a second click on "send" finds the first.
    token = models.UUIDField(_("form token"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    organisation_count = models.PositiveIntegerField(_("organisations"), default=0)
    email_count = models.PositiveIntegerField(_("e-mails"), default=0)

    objects = PartnerMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("message to partners")
        verbose_name_plural = _("messages to partners")

    def __str__(self):
        return self.subject


class PartnerMessageRecipient(models.Model):
    """The message as received by one organisation: its thread on the organisation's page."""

    message = models.ForeignKey(PartnerMessage, on_delete=models.CASCADE,
                                related_name="recipients", verbose_name=_("message"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("organisation"))

    objects = PartnerMessageRecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("recipient of a message")
        verbose_name_plural = _("recipients of messages")
        constraints = [models.UniqueConstraint(fields=["message", "organisation"],
                                               name="partner_message_once_per_organisation")]

    def __str__(self):
        return f"{self.message_id} → {self.organisation_id}"


class MessageOptOut(models.Model):
    """A coordinator who wants no e-mail of the non-essential messages (they stay readable
    in the portal)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("user"))
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    objects = MessageOptOutQuerySet.as_manager()

    class Meta:
        verbose_name = _("opt-out of messages")
        verbose_name_plural = _("opt-outs of messages")

    def __str__(self):
        return str(self.user_id)
