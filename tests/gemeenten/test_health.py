"""/healthz, the periodic jobs in django-celery-beat, and the heartbeat each job writes."""
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from gemeenten.choices import Role
from gemeenten.heartbeats import PERIODIC_JOBS
from gemeenten.models import JobHeartbeat, OutboxMessage
from gemeenten.tasks import outbox_sweep_task, retention_task
from initiatives.tasks import occurrences_roll_forward_task
from regie.celery import app
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ALL_OK = {"database": "ok", "jobs": "ok", "mail": "ok", "broker": "ok"}


@pytest.fixture
def staff_client(client, login_as):
    """A regisseur who passed two-factor authentication: sees the details."""
    login_as(Role.REGISSEUR)
    return client


def _all_fresh():
    now = timezone.now()
    for name, hours in PERIODIC_JOBS.items():
        JobHeartbeat.objects.update_or_create(
            name=name, defaults={"last_success_at": now, "max_age_hours": hours})


def test_healthz_is_ok_with_fresh_heartbeats(client):
    _all_fresh()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}


def test_healthz_is_503_naming_a_daily_job_that_has_not_run_for_27_hours(staff_client):
    _all_fresh()
    JobHeartbeat.objects.filter(name="retention").update(
        last_success_at=timezone.now() - timedelta(hours=27))
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["job not run in time: retention"]


def test_healthz_stays_ok_for_a_daily_job_that_ran_25_hours_ago(client):
    _all_fresh()
    JobHeartbeat.objects.filter(name="occurrences_roll_forward").update(
        last_success_at=timezone.now() - timedelta(hours=25))
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_a_job_never_ran_since_it_was_registered_27_hours_ago(
    staff_client,
):
    _all_fresh()
    JobHeartbeat.objects.filter(name="occurrences_roll_forward").update(
        last_success_at=None, created_at=timezone.now() - timedelta(hours=27))
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert "job not run in time: occurrences_roll_forward" in response.json()["problems"]


def test_healthz_is_503_when_the_broker_is_down(staff_client, monkeypatch):
    _all_fresh()
    # Nothing listens on port 1: the broker is down whatever the run's real broker is.
    # Celery reads CELERY_BROKER_WRITE_URL before its configuration, also in a Redis run
    # whose CELERY_BROKER_URL comes from the environment.
    monkeypatch.setenv("CELERY_BROKER_WRITE_URL", "redis://127.0.0.1:1/0")
    saved = {"broker_transport_options": app.conf["broker_transport_options"]}
    app.conf.update(broker_transport_options={"socket_connect_timeout": 1})
    try:
        response = staff_client.get("/healthz")
    finally:
        app.conf.update(saved)
    assert response.status_code == 503
    assert response.json()["checks"] == ALL_OK | {"broker": "fail"}
    assert any(p.startswith("broker:") for p in response.json()["problems"])


def test_every_periodic_job_is_in_django_celery_beat_after_migrate():
    tasks = dict(PeriodicTask.objects.values_list("name", "task"))
    assert set(PERIODIC_JOBS) <= set(tasks)
    # As a worker does at start: every app's tasks.py (otherwise only what this test run
    # happened to import is registered, and the test depends on the order of tests).
    app.loader.import_default_modules()
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


# --- What the public sees, and what only staff see --------------------------------------

def _stale_job_and_failing_mail():
    _all_fresh()
    JobHeartbeat.objects.filter(name="retention").update(
        last_success_at=timezone.now() - timedelta(hours=27))
    OutboxMessage.objects.create(
        key="failing", to="regisseur@example.org", subject="Welkom", attempts=3,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        failing_since=timezone.now() - timedelta(minutes=45))


def test_an_anonymous_visitor_sees_only_ok_or_fail_per_part(client):
    _stale_job_and_failing_mail()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail",
                               "checks": ALL_OK | {"jobs": "fail", "mail": "fail"}}
    text = response.content.decode()
    for detail in ("sqlite", "postgresql", "retention", "SMTP", "minutes"):
        assert detail not in text


def test_a_regisseur_who_passed_two_factor_sees_the_details(staff_client, settings):
    _stale_job_and_failing_mail()
    body = staff_client.get("/healthz").json()
    assert body["checks"] == ALL_OK | {"jobs": "fail", "mail": "fail"}
    assert body["problems"] == [
        "job not run in time: retention",
        "mail: the mail server has been failing for 45 minutes",
    ]
    assert body["database_engine"] == settings.DATABASES["default"]["ENGINE"].rsplit(".")[-1]


def test_a_beheerder_who_passed_two_factor_sees_the_details(client, login_as):
    _stale_job_and_failing_mail()
    login_as(Role.BEHEERDER)
    assert "problems" in client.get("/healthz").json()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.BEGELEIDER, Role.VOLUNTEER,
                                  Role.PRIVACY_OFFICER])
def test_other_roles_see_what_the_public_sees(client, login_as, role):
    _stale_job_and_failing_mail()
    login_as(role)
    assert set(client.get("/healthz").json()) == {"status", "checks"}


def test_a_regisseur_who_has_not_passed_two_factor_sees_what_the_public_sees(client, gemeente):
    _stale_job_and_failing_mail()
    client.force_login(UserFactory(role=Role.REGISSEUR, gemeente=gemeente))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert set(response.json()) == {"status", "checks"}


# --- The mail server ----------------------------------------------------------------------

def _failing_message(minutes, **fields):
    return OutboxMessage.objects.create(
        key=f"failing-{minutes}", to="regisseur@example.org", subject="Welkom", attempts=2,
        last_error="TimeoutError: timed out",
        failing_since=timezone.now() - timedelta(minutes=minutes), **fields)


def test_healthz_is_503_mail_when_a_message_has_been_failing_longer_than_the_setting(
    client, settings,
):
    settings.OUTBOX_FAILING_ALERT_MINUTES = 30
    _all_fresh()
    _failing_message(31)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == ALL_OK | {"mail": "fail"}


def test_healthz_stays_ok_while_the_mail_server_has_failed_only_briefly(client, settings):
    settings.OUTBOX_FAILING_ALERT_MINUTES = 30
    _all_fresh()
    _failing_message(29)
    assert client.get("/healthz").status_code == 200


def test_a_message_refused_for_good_or_sent_since_does_not_make_healthz_fail(client, settings):
    """A wrong address is that message's fault, not the mail server's."""
    settings.OUTBOX_FAILING_ALERT_MINUTES = 30
    _all_fresh()
    _failing_message(60, failed_at=timezone.now())
    _failing_message(90, sent_at=timezone.now())
    assert client.get("/healthz").status_code == 200


def test_a_mail_server_that_keeps_failing_makes_healthz_fail_after_the_setting(
    client, settings,
):
    """Through the outbox itself: the sweep's failures are what /healthz reads."""
    import time_machine

    from gemeenten.outbox import outbox_enqueue, outbox_sweep

    settings.OUTBOX_FAILING_ALERT_MINUTES = 30
    outbox_enqueue(key="k", to="regisseur@example.org", subject="Welkom", body="Verzonnen.")
    start = timezone.now()
    refused = mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                         side_effect=ConnectionRefusedError("connection refused"))
    with refused:
        outbox_sweep()
        with time_machine.travel(start + timedelta(minutes=31)):
            outbox_sweep()
            _all_fresh()
            assert client.get("/healthz").status_code == 503
    outbox_sweep()  # the mail server works again
    assert client.get("/healthz").status_code == 200
