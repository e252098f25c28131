"""Signals: a coördinator tells the gemeente what they see; the regisseur answers. Each new
message is an e-mail to the other side (through the outbox, one per message and address),
saying only that something waits and where: no text of the signal leaves the portal.

States: open (waiting for the gemeente's answer, since ``waiting_since``), answered, closed.
An answer of the gemeente makes it answered; a new message of the organisation makes it wait
again (from the first message that is not answered). Either side may close it; a closed
signal takes no new messages (a new signal is one click away).
"""
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gemeenten.choices import Role
from gemeenten.outbox import outbox_enqueue

from ..models import Signal, SignalMessage, SignalState
from .common import coordinator_addresses, portal_link, regisseur_addresses


class SignalClosed(Exception):
    message = gettext_lazy("This signal is closed. Start a new signal if there is more to say.")


def _notify(signal: Signal, message: SignalMessage) -> None:
    names = {"organisation": signal.organisation.name}
    with translation.override(settings.STAFF_LANGUAGE):
        if message.from_gemeente:
            to = coordinator_addresses(signal.organisation, signal.gemeente)
            subject = _("The municipality answered a signal of %(organisation)s") % names
            body = _("The municipality has answered a signal of %(organisation)s in the regie "
                     "portal. Log in to read it:") % names
        else:
            to = regisseur_addresses(signal.gemeente)
            subject = _("A signal of %(organisation)s waits for an answer") % names
            body = _("%(organisation)s has sent a signal to the municipality in the regie "
                     "portal. Log in to read and answer it:") % names
    link = portal_link(reverse("regie:signal_detail", args=[signal.pk]))
    for address in to:
        outbox_enqueue(key=f"signal:{signal.pk}:message:{message.pk}:{address}", to=address,
                       subject=subject, body=f"{body}\n{link}", gemeente=signal.gemeente)


@transaction.atomic
def signal_create(*, organisation, by, topic: str, text: str, wijk=None, theme=None) -> Signal:
    """A coördinator's new signal for the gemeente of their account."""
    now = timezone.now()
    signal = Signal.objects.create(
        gemeente=by.gemeente, organisation=organisation, created_by=by, topic=topic,
        wijk=wijk, theme=theme, state=SignalState.OPEN, created_at=now, waiting_since=now,
        last_message_at=now)
    message = SignalMessage.objects.create(signal=signal, author=by, text=text, created_at=now)
    _notify(signal, message)
    return signal


@transaction.atomic
def signal_reply(*, signal: Signal, by, text: str) -> SignalMessage:
    """A message in the thread: the regisseur's is an answer, the organisation's waits for
    one. Raises SignalClosed on a closed signal."""
    now = timezone.now()
    from_gemeente = by.role == Role.REGISSEUR
    rows = Signal.objects.filter(pk=signal.pk).exclude(state=SignalState.CLOSED)
    if from_gemeente:
        changed = rows.update(state=SignalState.ANSWERED, answered_at=now, waiting_since=None,
                              last_message_at=now)
    else:
        # Still waiting: it keeps waiting since its first unanswered message.
        waiting = rows.filter(state=SignalState.OPEN).update(last_message_at=now)
        changed = waiting or rows.update(state=SignalState.OPEN, waiting_since=now,
                                         last_message_at=now)
    if not changed:
        raise SignalClosed
    message = SignalMessage.objects.create(signal=signal, author=by, text=text,
                                           from_gemeente=from_gemeente, created_at=now)
    _notify(signal, message)
    return message


@transaction.atomic
def signal_close(*, signal: Signal, by) -> bool:
    """Close the thread (either side). False when it was closed already."""
    return bool(Signal.objects.filter(pk=signal.pk).exclude(state=SignalState.CLOSED).update(
        state=SignalState.CLOSED, closed_at=timezone.now(), waiting_since=None))
