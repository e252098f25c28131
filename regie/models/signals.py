"""Signals (signalen): an organisation tells the gemeente what it sees; the gemeente answers.
A thread of messages with a status; never personal data about newcomers."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente, Theme, Wijk
from initiatives.models import Organisation

from ..querysets import SignalMessageQuerySet, SignalQuerySet


class SignalState(models.TextChoices):
    OPEN = "open", _("waiting for an answer")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class Signal(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("municipality"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="signals", verbose_name=_("organisation"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("sent by"))
    topic = models.CharField(_("topic"), max_length=200)
    wijk = models.ForeignKey(Wijk, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("district"))
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("theme"))
    state = models.CharField(_("state"), max_length=10, choices=SignalState.choices,
                             default=SignalState.OPEN)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # Since when the organisation waits for the gemeente's answer (its newest message that
    # has none yet); empty while it waits for nothing. Overdue counts working days from it.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    answered_at = models.DateTimeField(_("last answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [models.Index(fields=["gemeente", "state", "waiting_since"])]

    def __str__(self):
        return self.topic


class SignalMessage(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="messages",
                               verbose_name=_("signal"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+", verbose_name=_("by"))
    from_gemeente = models.BooleanField(_("from the municipality"), default=False)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = SignalMessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message of a signal")
        verbose_name_plural = _("messages of signals")

    def __str__(self):
        return f"{self.signal_id}: {self.created_at:%Y-%m-%d}"
