"""The outbox: every e-mail is first a row, written with its cause, then sent at least once."""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)


def outbox_enqueue(
    *, key: str, to: str, subject: str, body: str, gemeente=None
) -> OutboxMessage:
    """Write the message (once per key) and queue its sending after the commit. `gemeente`:
    whose business it is (its beheerder sees it in the admin)."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body, "gemeente": gemeente}
    )
    if created:
        from .tasks import outbox_send_task

        # robust: a broker that is down must not undo the cause; the sweep sends it later.
        transaction.on_commit(lambda: outbox_send_task.delay(message.pk), robust=True)
    return message


def outbox_send(*, message_id: int) -> bool:
    """Send one message unless it was sent already. Returns whether it was sent now."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        try:
            send_mail(
                message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to]
            )
        except Exception as exc:  # noqa: BLE001 - any transport error is retried by the sweep
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=message.attempts + 1, last_error=str(exc)[:1000]
            )
            log.warning("outbox message %s not sent: %s", message.pk, type(exc).__name__)
            if message.attempts + 1 >= settings.OUTBOX_MAX_ATTEMPTS:
                log.error("outbox message %s given up after %s attempts", message.pk,
                          message.attempts + 1)
            return False
        message.sent_at = timezone.now()
        message.attempts += 1
        message.last_error = ""
        message.save(update_fields=["sent_at", "attempts", "last_error"])
        return True


def outbox_retry(message_ids) -> int:
    """Give unsent messages a fresh set of attempts and queue them. Returns how many."""
    from .tasks import outbox_send_task

    ids = list(OutboxMessage.objects.filter(pk__in=list(message_ids), sent_at__isnull=True)
               .values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=ids).update(attempts=0, last_error="")
    for pk in ids:
        transaction.on_commit(lambda pk=pk: outbox_send_task.delay(pk), robust=True)
    return len(ids)


def outbox_sweep() -> int:
    """Send everything still unsent (a failed enqueue, a broker that was down), except what
    failed OUTBOX_MAX_ATTEMPTS times already: that needs a person, not another try."""
    sent = 0
    unsent = OutboxMessage.objects.filter(
        sent_at__isnull=True, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS
    )
    for pk in unsent.values_list("pk", flat=True):
        sent += outbox_send(message_id=pk)
    return sent
