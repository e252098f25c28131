"""Once, against the real services: a Celery worker on Redis sends an outbox message that a
committed transaction queued, using the test database."""
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from gemeenten.models import OutboxMessage
from gemeenten.outbox import outbox_enqueue
from regie.celery import app

CELERY = Path(sys.executable).with_name("celery")


def _database_url() -> str:
    db = connection.settings_dict
    return (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_sends_the_queued_outbox_message():
    queue = f"test-outbox-{uuid.uuid4().hex[:8]}"  # no other worker takes our message
    env = os.environ | {
        "DATABASE_URL": _database_url(),  # the test database, not the real one
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DEBUG": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    worker = subprocess.Popen(
        [str(CELERY), "-A", "regie", "worker", "--pool=solo", "-Q", queue,
         "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    try:
        with transaction.atomic():
            message = outbox_enqueue(key=f"worker-{queue}", to="test.ontvanger@example.org",
                                     subject="Proef", body="Een verzonnen bericht.")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            if OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=False).exists():
                break
            time.sleep(0.5)
        message.refresh_from_db()
        log = b""
        if message.sent_at is None:
            worker.terminate()
            log = worker.communicate(timeout=20)[0]
        assert message.sent_at is not None, f"the worker did not send it:\n{log.decode()}"
        assert message.attempts == 1
    finally:
        app.conf.update(saved)
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
