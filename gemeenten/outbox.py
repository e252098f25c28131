"""The outbox: every e-mail is first a row, written with its cause, then sent at least once."""
import hashlib
import logging
import re
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.message import sanitize_address
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)

_SUBJECT_MAX = OutboxMessage._meta.get_field("subject").max_length
_KEY_MAX = OutboxMessage._meta.get_field("key").max_length
# Control characters (CR, LF, tab, NUL, C1) and the Unicode line and paragraph separators.
_NOT_IN_A_HEADER = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class OutboxSweepError(RuntimeError):
    """The sweep went through every message, but some hit an unexpected error."""


def clean_subject(subject: str) -> str:
    """One line that fits the column: a subject often holds a name someone typed (an
    organisation, an activity), and a line break in it would make Django refuse the whole
    message (BadHeaderError). Every run of control characters becomes one space."""
    subject = _NOT_IN_A_HEADER.sub(" ", subject).strip()
    if len(subject) > _SUBJECT_MAX:
        subject = subject[: _SUBJECT_MAX - 1].rstrip() + "…"
    return subject


def _fitting_key(key: str) -> str:
    """A key fits its column: a longer one (it may end in an e-mail address of up to 254
    characters) is shortened with a hash of the whole, so it stays one key per cause."""
    if len(key) <= _KEY_MAX:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{key[: _KEY_MAX - len(digest) - 1]}:{digest}"


def outbox_enqueue(
    *, key: str, to: str, subject: str, body: str, gemeente=None
) -> OutboxMessage:
    """Write the message (once per key) and queue its sending after the commit. `gemeente`:
    whose business it is (its beheerder sees it in the admin)."""
    message, created = OutboxMessage.objects.get_or_create(
        key=_fitting_key(key),
        defaults={"to": to.strip(), "subject": clean_subject(subject),
                  "body": body.replace("\x00", ""), "gemeente": gemeente},
    )
    if created:
        from .tasks import outbox_send_task

        # robust: a broker that is down must not undo the cause; the sweep sends it later.
        transaction.on_commit(lambda: outbox_send_task.delay(message.pk), robust=True)
    return message


def _committed():
    """A transaction of its own, never part of a caller's: what it writes is committed when
    it ends, and no lock of it is held while a mail server is being talked to."""
    return transaction.atomic(durable=True)


def _claim(message_id: int) -> OutboxMessage | None:
    """Take the message for OUTBOX_CLAIM_SECONDS, unless it is sent, failed for good, or
    held by another worker whose lease has not run out. One conditional UPDATE: of two
    workers only one gets the row."""
    now = timezone.now()
    with _committed():
        claimed = (
            OutboxMessage.objects
            .filter(pk=message_id, sent_at__isnull=True, failed_at__isnull=True)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .update(claimed_until=now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
                    attempts=F("attempts") + 1)
        )
    return OutboxMessage.objects.get(pk=message_id) if claimed else None


def _email(message: OutboxMessage) -> EmailMessage:
    """The e-mail, checked before any server is contacted: an invalid address, or a header
    with a line break (Django's BadHeaderError), raises ValueError; such a message can never
    be sent as it is."""
    email = EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL,
                         [message.to])
    try:
        validate_email(message.to)
    except ValidationError:
        raise ValueError("invalid recipient address") from None
    email.message()
    for address in [email.from_email, *email.recipients()]:
        sanitize_address(address, email.encoding or settings.DEFAULT_CHARSET)
    return email


def _is_permanent(exc: Exception) -> bool:
    """A failure of this message, not of the mail server: trying again cannot help."""
    if isinstance(exc, ValueError):  # BadHeaderError, an invalid address
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):  # the server refuses this content
        return exc.smtp_code >= 500
    return False


def _record_failure(message: OutboxMessage, exc: Exception) -> None:
    now = timezone.now()
    permanent = _is_permanent(exc)
    fields = {"claimed_until": None, "last_error": f"{type(exc).__name__}: {exc}"[:1000]}
    if permanent:
        fields["failed_at"] = now
    else:
        fields["failing_since"] = Coalesce(
            "failing_since", models.Value(now, output_field=models.DateTimeField()))
    with _committed():
        # Only while the lease is ours: a worker that took it over after it ran out owns it.
        OutboxMessage.objects.filter(
            pk=message.pk, sent_at__isnull=True, claimed_until=message.claimed_until,
        ).update(**fields)
    if permanent:
        log.error("outbox message %s cannot be sent: %s", message.pk, type(exc).__name__)
    elif message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        log.error("outbox message %s given up after %s attempts", message.pk, message.attempts)
    else:
        log.warning("outbox message %s not sent: %s", message.pk, type(exc).__name__)


def _record_sent(message: OutboxMessage) -> None:
    with _committed():
        recorded = OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), claimed_until=None, last_error="", failing_since=None)
    if not recorded:  # its lease ran out while the server took it, and another worker sent it
        log.warning("outbox message %s was sent twice", message.pk)


def outbox_send(*, message_id: int) -> bool:
    """Send one message unless it was sent already or another worker is sending it.
    Returns whether it was sent now.

    No database lock is held while the mail server is talked to (on SQLite a write lock is
    the whole database's, and a hanging server would hold it for EMAIL_TIMEOUT): the claim
    is committed first, the message is sent outside any transaction, and the outcome is
    recorded in a second short one. At least once: a worker that dies between the server's
    acceptance and that record leaves a lease that runs out, and the sweep sends the message
    again; that is the only way it goes out twice.
    """
    message = _claim(message_id)
    if message is None:
        return False
    try:
        _email(message).send()
    except Exception as exc:  # noqa: BLE001 - recorded; the sweep retries what may succeed
        _record_failure(message, exc)
        return False
    _record_sent(message)
    return True


def outbox_retry(message_ids) -> int:
    """Give unsent messages a fresh set of attempts and queue them. Returns how many."""
    from .tasks import outbox_send_task

    ids = list(OutboxMessage.objects.filter(pk__in=list(message_ids), sent_at__isnull=True)
               .values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=ids).update(
        attempts=0, last_error="", failed_at=None, failing_since=None)
    for pk in ids:
        transaction.on_commit(lambda pk=pk: outbox_send_task.delay(pk), robust=True)
    return len(ids)


def outbox_sweep() -> int:
    """Send everything still unsent (a failed enqueue, a broker that was down, a worker that
    died while sending), oldest first, except what failed for good or OUTBOX_MAX_ATTEMPTS
    times already: that needs a person, not another try. A message that fails never stops
    the others. Returns how many were sent."""
    now = timezone.now()
    due = (
        OutboxMessage.objects
        .filter(sent_at__isnull=True, failed_at__isnull=True,
                attempts__lt=settings.OUTBOX_MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    sent = unexpected = 0
    for pk in list(due):
        try:
            sent += outbox_send(message_id=pk)
        except Exception:  # noqa: BLE001 - e.g. the database refused the record; go on
            unexpected += 1
            log.exception("outbox message %s: unexpected error", pk)
    if unexpected:
        # After the others were sent: the job then writes no heartbeat, so /healthz tells.
        raise OutboxSweepError(f"{unexpected} outbox messages hit an unexpected error")
    return sent


def outbox_failing_since() -> datetime | None:
    """Since when the mail server has been failing: the oldest first failure of a message
    that is still unsent and could be sent (not refused for good). /healthz reads it."""
    return (
        OutboxMessage.objects
        .filter(sent_at__isnull=True, failed_at__isnull=True, failing_since__isnull=False)
        .order_by("failing_since")
        .values_list("failing_since", flat=True)
        .first()
    )
