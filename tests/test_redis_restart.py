"""Issue 22, faults, against a real Redis server that this test stops and starts (its own,
on a free port, so the run's shared Redis is untouched): while it is stopped an action that
queues an e-mail succeeds; once it is back a real worker's sweep sends the e-mail, once."""
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from gemeenten.models import OutboxMessage
from gemeenten.outbox import outbox_enqueue
from regie.celery import app

from .test_worker_redis import _database_url

CELERY = Path(sys.executable).with_name("celery")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_start(port: int) -> subprocess.Popen:
    server = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--save", "",
                               "--appendonly", "no", "--bind", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("redis-server did not start")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _use_broker(url: str | None, saved: dict) -> None:
    app.conf.update(saved if url is None else {"broker_url": url})
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_redis_stopped_then_started_the_queued_email_is_sent_once(monkeypatch, caplog):
    port = _free_port()
    url = f"redis://127.0.0.1:{port}/0"
    queue = f"test-restart-{uuid.uuid4().hex[:8]}"
    keys = ("broker_url", "task_always_eager", "task_default_queue",
            "task_publish_retry_policy", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # Celery prefers it to its configuration
    app.conf.update(task_always_eager=False, task_default_queue=queue,
                    broker_transport_options={"socket_connect_timeout": 1},
                    task_publish_retry_policy={"max_retries": 1, "interval_start": 0,
                                               "interval_step": 0.1, "interval_max": 0.1})
    _use_broker(url, saved)
    server = _redis_start(port)
    worker = None
    try:
        _stop(server)  # Redis stopped
        with transaction.atomic():
            message = outbox_enqueue(key=f"restart-{queue}", to="test.ontvanger@example.org",
                                     subject="Proef", body="Een verzonnen bericht.")
        message.refresh_from_db()
        assert message.sent_at is None
        assert any("on_commit" in r.getMessage() for r in caplog.records)

        server = _redis_start(port)  # Redis back
        env = os.environ | {
            "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": url, "DEBUG": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        worker = subprocess.Popen(
            [str(CELERY), "-A", "regie", "worker", "--pool=solo", "-Q", queue,
             "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle",
             "--loglevel=WARNING"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        _use_broker(url, saved | {"broker_url": url})
        app.conf.update(task_always_eager=False, task_default_queue=queue)
        from gemeenten.tasks import outbox_sweep_task

        outbox_sweep_task.delay()  # what beat does every few minutes
        outbox_sweep_task.delay()  # twice: the second finds nothing to send
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            message.refresh_from_db()
            if message.sent_at is not None:
                break
            time.sleep(0.5)
        time.sleep(2)  # let the second sweep run too
        message.refresh_from_db()
        log = b""
        if message.sent_at is None:
            _stop(worker)
            log = worker.communicate(timeout=20)[0]
        assert message.sent_at is not None, f"not sent after Redis came back:\n{log.decode()}"
        assert message.attempts == 1
        assert OutboxMessage.objects.filter(key=f"restart-{queue}").count() == 1
    finally:
        if worker is not None:
            _stop(worker)
        _stop(server)
        _use_broker(None, saved)
