"""Issue 22, faults, against the real services: a worker process killed (SIGKILL) in the
middle of a job leaves the job to run again, and nothing is done twice.

The outbox: the job sends an e-mail to a fake mail server whose first connection hangs; the
worker's pool process is killed while it waits. acks_late and task_reject_on_worker_lost
put the task back; the message's lease (OUTBOX_CLAIM_SECONDS, short here) keeps a second
run off while the first may still be sending, after which the sweep sends it: the server
receives the e-mail exactly once.

The import: the pool process is killed while its import waits to write the activities (the
test holds a lock on their table), its wijken and organisations written but not committed.
The task comes back, waits for the import's lease (IMPORT_LEASE_SECONDS, short here) and
then imports the file: every row once."""
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from gemeenten.outbox import outbox_enqueue
from initiatives.choices import ImportState
from initiatives.models import Activity, ImportUpload, Organisation
from regie.celery import app
from tests.factories import UserFactory
from tests.initiatives.files import sample_rows, to_csv

from .test_worker_redis import _database_url

CELERY = Path(sys.executable).with_name("celery")


class FakeMailServer:
    """The first connection is accepted and never answered; later ones speak enough SMTP to
    deliver. `delivered` counts the messages received whole."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(5)
        self.port = self.listener.getsockname()[1]
        self.connections, self.delivered, self.held = 0, 0, []
        self.first_connected = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _address = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            if self.connections == 1:
                self.held.append(conn)  # hangs: never a greeting
                self.first_connected.set()
                continue
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn):
        reader = conn.makefile("rb")

        def say(line):
            conn.sendall(line.encode() + b"\r\n")

        say("220 proef ESMTP")
        with conn:
            while line := reader.readline():
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO")):
                    say("250 proef")
                elif command.startswith((b"MAIL", b"RCPT", b"RSET", b"NOOP")):
                    say("250 ok")
                elif command == b"DATA":
                    say("354 go on")
                    while (data := reader.readline()) and data.rstrip(b"\r\n") != b".":
                        pass
                    self.delivered += 1
                    say("250 queued")
                elif command == b"QUIT":
                    say("221 bye")
                    return
                else:
                    say("502 no")

    def close(self):
        self.listener.close()
        for conn in self.held:
            conn.close()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_leaves_the_job_to_run_again_and_sends_once():
    server = FakeMailServer()
    queue = f"test-killed-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DEBUG": "1", "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(server.port), "EMAIL_TIMEOUT": "60",
        "OUTBOX_CLAIM_SECONDS": "5",
    }
    worker = subprocess.Popen(
        [str(CELERY), "-A", "regie", "worker", "--pool=prefork", "--concurrency=1", "-Q",
         queue, "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    try:
        with transaction.atomic():
            message = outbox_enqueue(key=f"killed-{queue}", to="test.ontvanger@example.org",
                                     subject="Proef", body="Een verzonnen bericht.")
        assert server.first_connected.wait(timeout=60), "the worker never tried to send"
        pool = _children(worker.pid)
        assert pool, "no pool process to kill"
        for pid in pool:
            os.kill(pid, signal.SIGKILL)  # mid-job: waiting for the mail server
        message.refresh_from_db()
        assert message.sent_at is None and message.attempts == 1
        time.sleep(6)  # the lease of the killed run runs out
        from gemeenten.tasks import outbox_sweep_task

        outbox_sweep_task.delay()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            message.refresh_from_db()
            if message.sent_at is not None:
                break
            time.sleep(0.5)
        time.sleep(3)  # a duplicate would arrive now
        message.refresh_from_db()
        log = b""
        if message.sent_at is None or server.delivered != 1:
            worker.terminate()
            log = worker.communicate(timeout=20)[0]
        assert message.sent_at is not None, f"never sent after the kill:\n{log.decode()}"
        assert server.delivered == 1, log.decode()
    finally:
        app.conf.update(saved)
        server.close()
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()


def _waiting_for_a_lock_on(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = %s::regclass",
                       [table])
        return cursor.fetchone()[0]


def _stopped(worker) -> str:
    if worker.poll() is None:
        worker.terminate()
    return worker.communicate(timeout=20)[0].decode()


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_import_runs_it_again_once_its_lease_ends_and_writes_each_row_once(
        gemeente):
    import importlib

    from django.apps import apps

    from initiatives.tasks import sociale_kaart_import_task

    # The themes, target groups and languages the file names, as the seed migration made
    # them: an earlier transactional test's flush removed them.
    importlib.import_module("gemeenten.migrations.0002_seed_taxonomy").seed(apps, None)
    rows = sample_rows()
    upload = ImportUpload.objects.create(
        gemeente=gemeente, uploaded_by=UserFactory(gemeente=gemeente), filename="kaart.csv",
        data=to_csv(rows), state=ImportState.QUEUED)
    queue = f"test-killed-import-{uuid.uuid4().hex[:8]}"
    env = os.environ | {
        "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DEBUG": "1", "CELERY_TASK_TIME_LIMIT": "15", "IMPORT_LEASE_SECONDS": "16",
    }
    worker = subprocess.Popen(
        [str(CELERY), "-A", "regie", "worker", "--pool=prefork", "--concurrency=1", "-Q",
         queue, "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    activities = Activity._meta.db_table
    try:
        with transaction.atomic():
            # Reads go on; the import's first write of an activity waits for this lock.
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {activities} IN EXCLUSIVE MODE")
            sociale_kaart_import_task.delay(upload.pk)
            deadline = time.monotonic() + 40
            while not _waiting_for_a_lock_on(activities):
                if time.monotonic() > deadline or worker.poll() is not None:
                    upload.refresh_from_db()
                    pytest.fail(f"the import never reached its write ({upload.state}: "
                                f"{upload.summary}):\n{_stopped(worker)}")
                time.sleep(0.2)
            upload.refresh_from_db()
            first_lease = upload.claimed_until
            assert upload.state == ImportState.RUNNING and first_lease is not None
            pool = _children(worker.pid)
            assert pool, "no pool process to kill"
            for pid in pool:
                os.kill(pid, signal.SIGKILL)  # mid-import: inside its write transaction
        # The killed run's transaction never commits: nothing of it is written.
        time.sleep(1)
        upload.refresh_from_db()
        assert upload.state == ImportState.RUNNING
        assert not Activity.objects.filter(gemeente=gemeente).exists()
        assert not Organisation.objects.filter(presences__gemeente=gemeente).exists()
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and worker.poll() is None:
            upload.refresh_from_db()
            if upload.state != ImportState.RUNNING:
                break
            time.sleep(0.5)
        log = _stopped(worker) if upload.state != ImportState.DONE else ""
        assert upload.state == ImportState.DONE, f"{upload.summary}\n{log}"
        # Run again only once the killed run's lease had ended, and every row once.
        assert upload.finished_at >= first_lease
        names = sorted(Activity.objects.filter(gemeente=gemeente)
                       .values_list("title", flat=True))
        expected = sorted(row[rows[0].index("activiteit")] for row in rows[1:])
        assert names == expected
        assert Organisation.objects.filter(presences__gemeente=gemeente).count() == 5
        assert (upload.rows_done, upload.rows_total) == (5, 5)
    finally:
        app.conf.update(saved)
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
