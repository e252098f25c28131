"""The outbox: one message per key, queued on commit, sent once, never lost, body cleared."""
from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction

from gemeenten.models import OutboxMessage
from gemeenten.outbox import outbox_enqueue, outbox_send, outbox_sweep
from gemeenten.privacy import retention_run

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Amsterdam")


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
    with mock.patch("gemeenten.outbox.send_mail", side_effect=OSError("smtp unreachable")):
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
    with mock.patch("gemeenten.outbox.send_mail", side_effect=OSError("no such mailbox")):
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
