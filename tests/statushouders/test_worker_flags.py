"""Against the real services: the scheduled raise_flags job, as django-celery-beat has it,
runs on a Celery worker over Redis and raises the expected flags in the test database."""
import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from gemeenten.models import JobHeartbeat
from regie.celery import app
from statushouders.choices import FlagKind
from statushouders.models import Begeleiding, Flag, Newcomer
from statushouders.tasks import raise_flags_task, weekly_worklist_task

from ..factories import GemeenteFactory, organisation_in

CELERY = Path(sys.executable).with_name("celery")


def _database_url() -> str:
    db = connection.settings_dict
    return (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_scheduled_job_runs_on_a_real_worker_and_raises_the_flags():
    gemeente = GemeenteFactory(name="Workerdam", slug="workerdam")
    organisation = organisation_in(gemeente)
    newcomer = Newcomer.objects.create(gemeente=gemeente, organisation=organisation,
                                       registratienummer="WK-1", first_name="Testa",
                                       surname="Werker")
    today = timezone.localdate()
    begeleiding = Begeleiding.objects.create(
        newcomer=newcomer, organisation=organisation, start=today - timedelta(days=300),
        planned_end=today + timedelta(days=20))
    queue = f"test-flags-{uuid.uuid4().hex[:8]}"
    env = os.environ | {"DATABASE_URL": _database_url(),
                        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL, "DEBUG": "1"}
    worker = subprocess.Popen(
        [str(CELERY), "-A", "regie", "worker", "--pool=solo", "-Q", queue,
         "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle",
         "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        app.send_task(raise_flags_task.name, queue=queue)  # what beat sends (test below)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and worker.poll() is None:
            if Flag.objects.filter(begeleiding=begeleiding).exists():
                break
            time.sleep(0.5)
        log = b""
        if not Flag.objects.filter(begeleiding=begeleiding).exists():
            worker.terminate()
            log = worker.communicate(timeout=20)[0]
        assert list(Flag.objects.filter(begeleiding=begeleiding).values_list(
            "kind", flat=True)) == [FlagKind.HANDOVER_URGENT], log.decode()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not JobHeartbeat.objects.filter(
                name="raise_flags", last_success_at__isnull=False).exists():
            time.sleep(0.2)
        assert JobHeartbeat.objects.get(name="raise_flags").last_success_at is not None
    finally:
        app.conf.task_always_eager = saved
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()


@pytest.mark.django_db
def test_the_data_migration_scheduled_both_jobs():
    jobs = {job.name: job for job in PeriodicTask.objects.filter(
        name__in=["raise_flags", "weekly_worklist"])}
    assert jobs["raise_flags"].task == raise_flags_task.name
    assert (jobs["raise_flags"].crontab.hour, jobs["raise_flags"].enabled) == ("6", True)
    assert jobs["weekly_worklist"].task == weekly_worklist_task.name
    assert jobs["weekly_worklist"].crontab.day_of_week == "1"
