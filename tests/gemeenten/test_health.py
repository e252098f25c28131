"""/healthz, the periodic jobs in django-celery-beat, and the heartbeat each job writes."""
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from gemeenten.heartbeats import PERIODIC_JOBS
from gemeenten.models import JobHeartbeat
from gemeenten.tasks import outbox_sweep_task, retention_task
from initiatives.tasks import occurrences_roll_forward_task
from regie.celery import app

pytestmark = pytest.mark.django_db


def _all_fresh():
    now = timezone.now()
    for name, hours in PERIODIC_JOBS.items():
        JobHeartbeat.objects.update_or_create(
            name=name, defaults={"last_success_at": now, "max_age_hours": hours})


def test_healthz_is_ok_with_fresh_heartbeats(client):
    _all_fresh()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["problems"] == []


def test_healthz_is_503_naming_a_daily_job_that_has_not_run_for_27_hours(client):
    _all_fresh()
    JobHeartbeat.objects.filter(name="retention").update(
        last_success_at=timezone.now() - timedelta(hours=27))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["job not run in time: retention"]


def test_healthz_stays_ok_for_a_daily_job_that_ran_25_hours_ago(client):
    _all_fresh()
    JobHeartbeat.objects.filter(name="occurrences_roll_forward").update(
        last_success_at=timezone.now() - timedelta(hours=25))
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_a_job_never_ran_since_it_was_registered_27_hours_ago(client):
    _all_fresh()
    JobHeartbeat.objects.filter(name="occurrences_roll_forward").update(
        last_success_at=None, created_at=timezone.now() - timedelta(hours=27))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "job not run in time: occurrences_roll_forward" in response.json()["problems"]


def test_healthz_is_503_when_the_broker_is_down(client, monkeypatch):
    _all_fresh()
    # Nothing listens on port 1: the broker is down whatever the run's real broker is.
    # Celery reads CELERY_BROKER_WRITE_URL before its configuration, also in a Redis run
    # whose CELERY_BROKER_URL comes from the environment.
    monkeypatch.setenv("CELERY_BROKER_WRITE_URL", "redis://127.0.0.1:1/0")
    saved = {"broker_transport_options": app.conf["broker_transport_options"]}
    app.conf.update(broker_transport_options={"socket_connect_timeout": 1})
    try:
        response = client.get("/healthz")
    finally:
        app.conf.update(saved)
    assert response.status_code == 503
    assert any(p.startswith("broker:") for p in response.json()["problems"])


def test_every_periodic_job_is_in_django_celery_beat_after_migrate():
    tasks = dict(PeriodicTask.objects.values_list("name", "task"))
    assert set(PERIODIC_JOBS) <= set(tasks)
    for name in PERIODIC_JOBS:
        assert PeriodicTask.objects.get(name=name).enabled
        assert tasks[name] in app.tasks, f"{tasks[name]} is not a registered Celery task"


@pytest.mark.parametrize(("task", "job"), [
    (outbox_sweep_task, "outbox_sweep"),
    (retention_task, "retention"),
    (occurrences_roll_forward_task, "occurrences_roll_forward"),
])
def test_each_periodic_task_writes_its_heartbeat(task, job):
    JobHeartbeat.objects.filter(name=job).update(last_success_at=None)
    before = timezone.now()
    task()
    assert JobHeartbeat.objects.get(name=job).last_success_at >= before


def test_a_failing_job_writes_no_heartbeat():
    JobHeartbeat.objects.filter(name="outbox_sweep").update(last_success_at=None)
    with mock.patch("gemeenten.tasks.outbox_sweep", side_effect=RuntimeError("boom")), \
            pytest.raises(RuntimeError):
        outbox_sweep_task()
    assert JobHeartbeat.objects.get(name="outbox_sweep").last_success_at is None
