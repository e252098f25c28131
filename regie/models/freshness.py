"""The re-confirmation of listings (freshness of the sociale kaart): when the job asked an
organisation to confirm its listing in a gemeente, and what a person decided."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente
from initiatives.models import Presence

from ..querysets import ListingCheckQuerySet


class ConfirmedVia(models.TextChoices):
    LINK = "link", _("the link in the e-mail")
    REGISSEUR = "regisseur", _("the municipality, after contact")


class ListingCheck(models.Model):
    """One per presence: the last ask (its round numbers the signed link it carried) and the
    last decision. Presence.last_confirmed stays the one date the infopunt reads."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    presence = models.OneToOneField(Presence, on_delete=models.CASCADE,
                                    related_name="listing_check", verbose_name=_("presence"))
    asked_on = models.DateField(_("last asked on"), null=True, blank=True)
    # +1 with every ask; the e-mail's link names its round, so a link is used once.
    round = models.PositiveIntegerField(_("round"), default=0)
    asked_addresses = models.PositiveSmallIntegerField(_("addresses asked"), default=0)
    confirmed_round = models.PositiveIntegerField(_("round confirmed"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_via = models.CharField(_("confirmed through"), max_length=10,
                                     choices=ConfirmedVia.choices, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))

    objects = ListingCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("listing check")
        verbose_name_plural = _("listing checks")

    def __str__(self):
        return f"{self.presence_id}: {self.asked_on}"
