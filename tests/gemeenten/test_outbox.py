"""The outbox: one message per key, queued on commit, sent once, never lost, body cleared."""
import smtplib
import socket
import threading
import time
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError, connections, transaction
from django.utils import timezone

from gemeenten.models import JobHeartbeat, OutboxMessage
from gemeenten.outbox import (
    OutboxSweepError,
    outbox_enqueue,
    outbox_send,
    outbox_sweep,
)
from gemeenten.privacy import retention_run

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Amsterdam")


def _server_fails(exc):
    """The test mail backend fails as a mail server would, after the message was built."""
    return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                      side_effect=exc)


def _enqueue(key="invite-1", **fields):
    values = {"to": "nieuwe.coordinator@example.org", "subject": "Welkom",
              "body": "Een verzonnen uitnodiging."} | fields
    return outbox_enqueue(key=key, **values)


def test_enqueue_queues_the_send_task_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with mock.patch("gemeenten.tasks.outbox_send_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                message = _enqueue()
                assert delay.call_count == 0  # not before the commit
    assert len(callbacks) == 1
    delay.assert_called_once_with(message.pk)


def test_a_rolled_back_cause_leaves_no_message_and_queues_nothing(
    django_capture_on_commit_callbacks,
):
    with mock.patch("gemeenten.tasks.outbox_send_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError), transaction.atomic():
                _enqueue()
                raise RuntimeError("the cause failed")
    assert not OutboxMessage.objects.exists()
    delay.assert_not_called()


def test_a_second_enqueue_with_the_same_key_adds_nothing(django_capture_on_commit_callbacks):
    with mock.patch("gemeenten.tasks.outbox_send_task.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            first = _enqueue(key="reset-7")
            second = _enqueue(key="reset-7", subject="Een ander onderwerp")
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert OutboxMessage.objects.get().subject == "Welkom"
    assert len(callbacks) == 1
    assert delay.call_count == 1


def test_the_eager_task_sends_the_message_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _enqueue()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuwe.coordinator@example.org"]
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.attempts == 1


def test_sending_twice_sends_once():
    message = _enqueue()
    assert outbox_send(message_id=message.pk) is True
    assert outbox_send(message_id=message.pk) is False
    assert len(mail.outbox) == 1


def test_the_sweep_sends_what_a_failed_enqueue_left_behind(django_capture_on_commit_callbacks):
    broker_down = mock.patch("gemeenten.tasks.outbox_send_task.delay",
                             side_effect=ConnectionError("broker down"))
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        message = _enqueue()  # robust on_commit: the cause stays committed
    message.refresh_from_db()
    assert message.sent_at is None
    assert mail.outbox == []
    assert outbox_sweep() == 1
    assert len(mail.outbox) == 1
    assert outbox_sweep() == 0
    assert len(mail.outbox) == 1


def test_a_transport_error_is_recorded_and_the_sweep_sends_later():
    message = _enqueue()
    with _server_fails(OSError("smtp unreachable")):
        assert outbox_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, 1)
    assert "smtp unreachable" in message.last_error
    assert outbox_sweep() == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert message.last_error == ""


def test_retention_clears_bodies_sent_more_than_30_days_ago_only():
    today = date(2026, 6, 15)
    old = _enqueue(key="old")
    recent = _enqueue(key="recent")
    unsent = _enqueue(key="unsent")
    OutboxMessage.objects.filter(pk=old.pk).update(
        sent_at=datetime(2026, 5, 14, 12, 0, tzinfo=TZ))  # 32 days ago
    OutboxMessage.objects.filter(pk=recent.pk).update(
        sent_at=datetime(2026, 5, 20, 12, 0, tzinfo=TZ))  # 26 days ago
    OutboxMessage.objects.filter(pk=unsent.pk).update(
        created_at=datetime(2026, 1, 1, tzinfo=TZ))
    result = retention_run(today=today)
    assert result["outbox_message_body"] == 1
    bodies = dict(OutboxMessage.objects.values_list("key", "body"))
    assert bodies == {"old": "", "recent": "Een verzonnen uitnodiging.",
                      "unsent": "Een verzonnen uitnodiging."}
    # The row stays (one message per key), only the body goes; a second run changes nothing.
    assert OutboxMessage.objects.get(key="old").subject == "Welkom"
    assert retention_run(today=today + timedelta(days=1))["outbox_message_body"] == 0


def test_the_sweep_gives_up_on_a_message_that_failed_too_often(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = _enqueue()
    with _server_fails(OSError("connection refused")):
        for _ in range(5):
            outbox_sweep()
    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, 3)
    assert outbox_sweep() == 0  # and it stays given up once the server works again
    assert mail.outbox == []


def test_the_beheerder_sends_a_given_up_message_again(client, login_as, settings,
                                                      django_capture_on_commit_callbacks):
    from django.urls import reverse

    from gemeenten.choices import Role

    settings.OUTBOX_MAX_ATTEMPTS = 1
    beheerder = login_as(Role.BEHEERDER)
    message = _enqueue(gemeente=beheerder.gemeente)
    sent = _enqueue(key="invite-2", gemeente=beheerder.gemeente)
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=1, last_error="no mailbox")
    outbox_send(message_id=sent.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:gemeenten_outboxmessage_changelist"), {
            "action": "send_again", "_selected_action": [message.pk, sent.pk],
        }, follow=True)
    assert "opnieuw te versturen: 1" in response.content.decode()
    message.refresh_from_db()
    assert message.sent_at is not None
    assert len(mail.outbox) == 2


# --- A mail server that hangs holds up a worker, never the database --------------------

EMAIL_TIMEOUT = 2  # seconds; every "meanwhile" below must take well under this


@pytest.fixture
def silent_mail_server(settings):
    """A real socket on 127.0.0.1 that accepts connections and never says a word, as the
    mail server of the security test did; the SMTP backend talks to it. Yields the list of
    accepted connections and an event set at the first one."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    accepted, connected, stop = [], threading.Event(), threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _address = server.accept()
            except OSError:  # the accept timeout: look at `stop` again
                continue
            accepted.append(conn)
            connected.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT
    yield accepted, connected
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def _in_thread(fn):
    """Run fn in a worker thread with its own database connection, as a Celery worker has."""
    outcome = {}

    def run():
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def _unsent(key="hang-1"):
    # Written directly: outbox_enqueue would queue the (eager) send task at once.
    return OutboxMessage.objects.create(key=key, to="nieuwe.coordinator@example.org",
                                        subject="Welkom", body="Een verzonnen uitnodiging.")


@pytest.mark.sqlite_file
@pytest.mark.django_db(transaction=True)
def test_while_the_mail_server_hangs_another_connection_writes_to_the_database(
    silent_mail_server,
):
    accepted, connected = silent_mail_server
    message = _unsent()
    worker, outcome = _in_thread(lambda: outbox_send(message_id=message.pk))
    try:
        assert connected.wait(5), "the worker never reached the mail server"
        # What a log-in or an infopunt search does meanwhile: a write transaction (on
        # SQLite an IMMEDIATE one, which needs the write lock of the whole database).
        started = time.monotonic()
        with transaction.atomic():
            JobHeartbeat.objects.create(name="written-while-the-mail-server-hangs")
        assert time.monotonic() - started < EMAIL_TIMEOUT / 2
        assert worker.is_alive()  # the send is still waiting for the server
        # The claim was committed before the server was contacted: others can see it.
        assert OutboxMessage.objects.get(pk=message.pk).claimed_until > timezone.now()
    finally:
        worker.join(EMAIL_TIMEOUT * 5)
    assert outcome == {"value": False}
    message.refresh_from_db()
    assert (message.sent_at, message.failed_at, message.claimed_until) == (None, None, None)
    assert message.attempts == 1
    assert message.failing_since is not None
    assert "timed out" in message.last_error
    assert len(accepted) == 1


@pytest.mark.sqlite_file
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_leaves_a_message_alone_while_the_first_is_sending_it(
    silent_mail_server,
):
    accepted, connected = silent_mail_server
    message = _unsent()
    worker, outcome = _in_thread(lambda: outbox_send(message_id=message.pk))
    try:
        assert connected.wait(5)
        started = time.monotonic()
        assert outbox_send(message_id=message.pk) is False  # the task queued twice
        assert outbox_sweep() == 0  # the periodic sweep
        assert time.monotonic() - started < EMAIL_TIMEOUT / 2  # neither waited for a lock
    finally:
        worker.join(EMAIL_TIMEOUT * 5)
    assert outcome == {"value": False}
    assert len(accepted) == 1  # only the first worker talked to the mail server
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 1


def test_a_message_claimed_by_another_worker_is_not_sent_until_its_lease_runs_out(settings):
    settings.OUTBOX_CLAIM_SECONDS = 600
    message = _enqueue()
    lease = timezone.now() + timedelta(minutes=5)
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=lease, attempts=1)
    assert outbox_send(message_id=message.pk) is False
    assert outbox_sweep() == 0
    assert mail.outbox == []
    # The worker died while sending: once its lease has run out the sweep takes it again.
    with time_machine.travel(lease + timedelta(seconds=1)):
        assert outbox_sweep() == 1
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.sent_at is not None
    assert (message.attempts, message.claimed_until) == (2, None)


def test_a_worker_that_dies_after_claiming_leaves_the_message_to_the_sweep(settings):
    from gemeenten.outbox import _claim

    settings.OUTBOX_CLAIM_SECONDS = 600
    message = _enqueue()
    assert _claim(message.pk) is not None  # ... and the worker is killed before it sends
    assert outbox_sweep() == 0
    with time_machine.travel(timezone.now() + timedelta(seconds=601)):
        assert outbox_sweep() == 1
    assert len(mail.outbox) == 1


def test_the_outcome_is_recorded_and_the_lease_released():
    message = _enqueue()
    with _server_fails(smtplib.SMTPServerDisconnected("Connection unexpectedly closed")):
        assert outbox_send(message_id=message.pk) is False
    message.refresh_from_db()
    first_failure = message.failing_since
    assert (message.sent_at, message.claimed_until, message.attempts) == (None, None, 1)
    assert first_failure is not None
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    with _server_fails(OSError("connection refused")):
        assert outbox_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.failing_since == first_failure  # since the first failure, not the last
    assert outbox_send(message_id=message.pk) is True
    message.refresh_from_db()
    assert message.sent_at is not None
    assert (message.claimed_until, message.failing_since, message.last_error) == (None, None, "")
    assert message.attempts == 3


def test_sending_refuses_to_run_inside_a_transaction():
    """Inside a caller's transaction the claim would not be committed before the mail server
    is contacted, and the caller's locks would be held meanwhile."""
    message = _enqueue()
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_send(message_id=message.pk)
    assert mail.outbox == []


# --- One bad message never blocks the others ---------------------------------------------

def test_a_sweep_sends_the_good_messages_around_a_poisoned_one():
    first = _enqueue(key="good-1")
    # Written before subjects were cleaned at enqueue: Django refuses the header.
    poisoned = OutboxMessage.objects.create(
        key="poisoned", to="regisseur@example.org", body="Een verzonnen melding.",
        subject="Nieuw initiatief: Taalcafé\r\nBcc: iedereen@example.org")
    second = _enqueue(key="good-2")
    assert outbox_sweep() == 2
    assert len(mail.outbox) == 2
    for message in (first, second):
        message.refresh_from_db()
        assert message.sent_at is not None
    poisoned.refresh_from_db()
    assert poisoned.sent_at is None
    assert poisoned.failed_at is not None  # for good: no ten more tries
    assert poisoned.last_error.startswith("BadHeaderError")
    assert outbox_sweep() == 0
    poisoned.refresh_from_db()
    assert poisoned.attempts == 1
    assert len(mail.outbox) == 2


def test_an_invalid_address_fails_for_good_without_contacting_the_mail_server():
    message = _enqueue(to="geen adres")
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages") as send:
        assert outbox_send(message_id=message.pk) is False
    send.assert_not_called()
    message.refresh_from_db()
    assert message.failed_at is not None
    assert "invalid recipient address" in message.last_error


@pytest.mark.parametrize(("code", "for_good"), [(550, True), (450, False)])
def test_a_refused_recipient_fails_for_good_only_on_a_permanent_reply(code, for_good):
    message = _enqueue()
    refused = smtplib.SMTPRecipientsRefused(
        {"nieuwe.coordinator@example.org": (code, b"mailbox unavailable")})
    with _server_fails(refused):
        assert outbox_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert (message.failed_at is not None) is for_good
    assert (message.failing_since is not None) is not for_good


def test_the_sweep_goes_on_after_an_unexpected_error_and_then_reports_it():
    first, second = _enqueue(key="one"), _enqueue(key="two")
    from gemeenten import outbox

    record = outbox._record_sent
    calls = iter([OperationalError("database is locked"), None])

    def flaky_record(message):
        error = next(calls)
        if error:
            raise error
        record(message)

    with mock.patch.object(outbox, "_record_sent", flaky_record), \
            pytest.raises(OutboxSweepError):
        outbox_sweep()
    assert len(mail.outbox) == 2  # the second was still sent
    second.refresh_from_db()
    assert second.sent_at is not None
    # The first went out but its record did not: it keeps its lease, and is sent again once
    # that runs out (at least once; the one way a message is sent twice).
    first.refresh_from_db()
    assert first.sent_at is None
    assert first.claimed_until is not None


@pytest.mark.parametrize("subject", [
    "Nieuw initiatief: Taalcafé\r\nBcc: iedereen@example.org",
    "Nieuw initiatief: Taalcafé\nBcc: iedereen@example.org",
    "Nieuw initiatief: Taalcafé\x00\x85\u2028Bcc: iedereen@example.org",
])
def test_enqueue_turns_line_breaks_and_control_characters_in_a_subject_into_a_space(subject):
    message = _enqueue(subject=subject)
    assert message.subject == "Nieuw initiatief: Taalcafé Bcc: iedereen@example.org"
    assert outbox_send(message_id=message.pk) is True
    assert mail.outbox[0].subject == message.subject
    assert mail.outbox[0].bcc == []


def test_enqueue_shortens_a_subject_longer_than_its_column():
    # "New initiative to approve: " + an organisation name of 200 characters: on
    # PostgreSQL a value too long for the column would undo the registration itself.
    message = _enqueue(subject="Nieuw initiatief: " + "Taalcafé " * 30)
    message.refresh_from_db()
    assert len(message.subject) == 200
    assert message.subject.endswith("…")


def test_enqueue_fits_a_long_key_into_its_column_and_keeps_it_one_message_per_key():
    # contact-request:<id>:<address>, with an address of up to 254 characters: on PostgreSQL
    # a key too long for the column would undo the contact request itself.
    address = "a" * 60 + "@" + "lange-naam-van-een-organisatie." * 5 + "example.org"
    key = f"contact-request:17:{address}"
    first = _enqueue(key=key, to=address)
    second = _enqueue(key=key, to=address)
    other = _enqueue(key=key.replace(":17:", ":18:"), to=address)
    first.refresh_from_db()
    assert len(first.key) <= 200
    assert first.key.startswith("contact-request:17:")
    assert second.pk == first.pk
    assert other.pk != first.pk
