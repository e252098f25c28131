"""Issue 22, faults: the broker (Redis) down, a worker killed mid-job, a database error in a
task. Nothing here needs a running Redis: "Redis stopped" is a Redis URL where nothing
listens, which is what the web process sees when the server is down."""
import os
import socket
import subprocess
import sys
from datetime import date

import pytest
from celery.app.task import Task
from django.conf import settings
from django.db import OperationalError, transaction
from django.test import Client
from django.urls import reverse

from gemeenten import tasks as gemeenten_tasks
from gemeenten.choices import Role
from gemeenten.models import OutboxMessage, Theme
from gemeenten.outbox import outbox_enqueue
from gemeenten.scope import TenantTask
from regie.celery import app
from statushouders.models import Begeleiding, Newcomer
from statushouders.referrals import referral_create

from ..factories import organisation_in


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The web process with its broker on a Redis that is not running: tasks are really
    published (not run eagerly), and publishing fails."""
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery prefers it to its configuration
    saved = {key: app.conf[key] for key in
             ("broker_url", "task_always_eager", "broker_transport_options",
              "task_publish_retry_policy")}
    app.conf.update(broker_url=url, task_always_eager=False,
                    broker_transport_options={"socket_connect_timeout": 1},
                    task_publish_retry_policy={"max_retries": 1, "interval_start": 0,
                                               "interval_step": 0.1, "interval_max": 0.1})
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app._pool = None  # no connection of the real broker is reused
    app.amqp._producer_pool = None
    yield url
    app.conf.update(saved)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_queuing_an_email_succeeds_and_the_sweep_sends_it_once_redis_is_back(
        redis_down, mailoutbox, caplog):
    with transaction.atomic():
        message = outbox_enqueue(key="fault:redis-down", to="test.ontvanger@example.org",
                                 subject="Proef", body="Een verzonnen bericht.")
    # The transaction committed although the task could not be queued (on_commit robust).
    message.refresh_from_db()
    assert message.sent_at is None and mailoutbox == []
    # It was really tried and refused (logged by Django's robust on_commit, no data in it).
    assert any("on_commit" in record.getMessage() for record in caplog.records)
    assert not any("test.ontvanger" in record.getMessage() for record in caplog.records)
    # Redis back: the periodic sweep (beat) sends what was never queued, once.
    app.conf.task_always_eager = True
    gemeenten_tasks.outbox_sweep_task.delay()
    gemeenten_tasks.outbox_sweep_task.delay()
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_pages_work_and_an_action_that_mails_and_queues_work_succeeds(
        redis_down, gemeente, login_as, mailoutbox):
    """Sessions, 2FA, lockouts and rate limits live in the database: logging in, reading
    pages and answering a referral (an e-mail to the referrer and the flags job queued)
    all work while Redis is down; /healthz says which part failed."""
    sender = organisation_in(gemeente, name="Stichting Storing")
    receiver = organisation_in(gemeente, name="Taalhuis Storing")
    coordinator_client = Client()
    coordinator = login_as(Role.COORDINATOR, organisation=receiver, gemeente=gemeente,
                           client=coordinator_client)
    begeleider = login_as(Role.BEGELEIDER, organisation=sender, gemeente=gemeente)
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=sender,
                                       registratienummer="R-S", first_name="Testa",
                                       surname="Storing")
    Begeleiding.objects.create(newcomer=newcomer, organisation=sender, start=date(2026, 1, 1),
                               planned_end=date(2026, 12, 31))
    from gemeenten.scope import gemeente_scope

    with gemeente_scope(gemeente):
        referral = referral_create(
            newcomer=newcomer, by=begeleider, from_organisation=sender, to_organisation=receiver,
            need=Theme.objects.get_or_create(slug="taal", defaults={"name": "Taal"})[0],
            shared_fields=["first_name", "need"],
            instemming_text="Ik stem in.", instemming_language="nl")
    assert coordinator_client.get(reverse("statushouders:aanmelding_list")).status_code == 200
    response = coordinator_client.post(
        reverse("statushouders:aanmelding_answer", args=[referral.pk]),
        {"to_state": "accepted", "version": referral.version})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == "accepted"
    waiting = OutboxMessage.objects.filter(to=begeleider.email, sent_at__isnull=True)
    assert waiting.count() == 1  # in the outbox, for the sweep once Redis is back
    # A fresh log-in works too (session, axes' records: the database).
    fresh = Client()
    assert fresh.get(reverse("login")).status_code == 200
    health = fresh.get("/healthz")
    assert health.status_code == 503 and health.json()["checks"]["broker"] == "fail"
    assert health.json()["checks"]["database"] == "ok"
    assert coordinator.is_active


@pytest.mark.django_db
def test_a_database_error_in_a_task_is_retried_with_back_off(monkeypatch):
    message = outbox_enqueue(key="fault:db-error", to="test.ontvanger@example.org",
                             subject="Proef", body="Een verzonnen bericht.")
    calls, countdowns = [], []
    real_send = gemeenten_tasks.outbox_send

    def flaky_send(*, message_id):
        calls.append(message_id)
        if len(calls) < 3:
            raise OperationalError("server closed the connection unexpectedly")
        return real_send(message_id=message_id)

    real_retry = Task.retry

    def retry(self, *args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        return real_retry(self, *args, **kwargs)

    monkeypatch.setattr(gemeenten_tasks, "outbox_send", flaky_send)
    monkeypatch.setattr(Task, "retry", retry)
    gemeenten_tasks.outbox_send_task.apply(args=(message.pk,)).get()
    assert calls == [message.pk] * 3
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    # Exponential back-off with full jitter: each wait is at most 5 s, 10 s, ...
    assert len(countdowns) == 2
    assert 0 <= countdowns[0] <= 5 and 0 <= countdowns[1] <= 10


@pytest.mark.django_db
def test_a_database_that_stays_away_gives_up_after_max_retries(monkeypatch):
    def broken(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(gemeenten_tasks, "outbox_send", broken)
    with pytest.raises(OperationalError):
        gemeenten_tasks.outbox_send_task.apply(args=(1,)).get()


def test_every_task_retries_database_errors_and_is_acked_late():
    app.loader.import_default_modules()  # every app's tasks.py, as a worker at start
    assert {"statushouders.tasks.raise_flags_task",
            "initiatives.tasks.sociale_kaart_import_task"} <= set(app.tasks)
    for name, task in app.tasks.items():
        if name.startswith("celery."):
            continue
        assert isinstance(task, TenantTask), name
        assert OperationalError in task.autoretry_for, name
        assert task.retry_backoff and task.max_retries, name
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert TenantTask.retry_backoff_max == settings.TASK_RETRY_BACKOFF_MAX


def test_the_redis_visibility_timeout_outlasts_the_longest_job_and_a_retry():
    """With acks_late a task still running when the visibility timeout passes is handed to
    a second worker: the timeout must be longer than the time limit of the longest job."""
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps([s.CELERY_BROKER_TRANSPORT_OPTIONS.get('visibility_timeout'), "
            "s.CELERY_TASK_TIME_LIMIT, s.TASK_RETRY_BACKOFF_MAX, s.IMPORT_LEASE_SECONDS]))")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "regie.settings", "DEBUG": "1",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    import json

    visibility, time_limit, backoff, lease = json.loads(out.strip().splitlines()[-1])
    assert visibility > time_limit + backoff
    # A task waiting for an import's lease is held by Redis no longer than the timeout.
    assert visibility > lease + time_limit
    assert settings.CELERY_TASK_TIME_LIMIT <= 30 * 60


