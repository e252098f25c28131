"""/healthz, the periodic jobs in django-celery-beat, the heartbeat each job writes, tasks
retrying a database error, and leases nobody took up again (an import, an outbox message)."""
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from gemeenten import tasks as gemeenten_tasks
from gemeenten.choices import Role
from gemeenten.heartbeats import PERIODIC_JOBS
from gemeenten.models import JobHeartbeat, OutboxMessage, TaskRetry
from gemeenten.scope import scopes_disabled
from gemeenten.tasks import outbox_sweep_task, retention_task
from initiatives.choices import ImportState
from initiatives.models import ImportUpload
from initiatives.tasks import occurrences_roll_forward_task
from regie.celery import app
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ALL_OK = {"database": "ok", "jobs": "ok", "mail": "ok", "outbox": "ok", "tasks": "ok",
          "imports": "ok", "broker": "ok"}


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


# --- Tasks waiting out a database error (TenantTask's retries) ---------------------------

def _retrying(minutes, **fields):
    return TaskRetry.objects.create(
        task_id=f"task-{minutes}-{len(fields)}", name="gemeenten.tasks.outbox_send_task",
        attempts=3, error="OperationalError",
        since=timezone.now() - timedelta(minutes=minutes), **fields)


def test_a_task_retrying_briefly_is_reported_to_staff_but_is_not_a_failure(
        staff_client, settings):
    settings.TASK_RETRYING_ALERT_MINUTES = 10
    _all_fresh()
    _retrying(4, next_at=timezone.now() + timedelta(seconds=40))
    response = staff_client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["checks"]) == ("ok", ALL_OK | {"tasks": "retrying"})
    assert body["problems"] == []
    assert body["notes"] == ["task retrying for 4 minutes (3 attempts, OperationalError): "
                             "gemeenten.tasks.outbox_send_task"]


def test_healthz_is_503_tasks_when_a_task_has_been_retrying_longer_than_the_setting(
        staff_client, settings):
    settings.TASK_RETRYING_ALERT_MINUTES = 10
    _all_fresh()
    _retrying(11)
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == ALL_OK | {"tasks": "fail"}
    assert response.json()["problems"] == [
        "task retrying for 11 minutes (3 attempts, OperationalError): "
        "gemeenten.tasks.outbox_send_task"]


def test_healthz_is_503_tasks_when_a_task_gave_up_and_the_public_sees_no_name(client):
    _all_fresh()
    _retrying(20, gave_up_at=timezone.now() - timedelta(minutes=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": ALL_OK | {"tasks": "fail"}}
    assert "outbox_send_task" not in response.content.decode()


def test_a_database_error_in_a_task_is_recorded_while_it_waits_and_cleared_by_success(
        monkeypatch):
    """Through a real (eager) task: while the retry waits the task's state is in the
    database, with no argument of the task in it; the success removes it."""
    message = OutboxMessage.objects.create(key="retry-state", to="test.ontvanger@example.org",
                                           subject="Proef")
    seen = []
    real_send = gemeenten_tasks.outbox_send

    def flaky_send(*, message_id):
        seen.append(list(TaskRetry.objects.values("name", "attempts", "error", "gave_up_at")))
        if len(seen) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_send(message_id=message_id)

    monkeypatch.setattr(gemeenten_tasks, "outbox_send", flaky_send)
    started = timezone.now()
    gemeenten_tasks.outbox_send_task.apply(args=(message.pk,)).get()
    assert seen == [[], [{"name": "gemeenten.tasks.outbox_send_task", "attempts": 1,
                          "error": "OperationalError", "gave_up_at": None}]]
    assert not TaskRetry.objects.exists()
    message.refresh_from_db()
    assert message.sent_at is not None
    assert started <= message.sent_at


def test_a_task_that_gives_up_makes_healthz_fail_until_it_succeeds_again(
        staff_client, monkeypatch):
    _all_fresh()
    message = OutboxMessage.objects.create(key="gives-up", to="test.ontvanger@example.org",
                                           subject="Proef")
    real_send = gemeenten_tasks.outbox_send

    def broken(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(gemeenten_tasks, "outbox_send", broken)
    with pytest.raises(OperationalError):
        gemeenten_tasks.outbox_send_task.apply(args=(message.pk,)).get()
    gave_up = TaskRetry.objects.get()
    assert (gave_up.attempts, gave_up.error) == (9, "OperationalError")  # 1 + 8 retries
    assert gave_up.gave_up_at is not None and gave_up.next_at is None
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == ALL_OK | {"tasks": "fail"}
    assert response.json()["problems"] == [
        "task gave up after 9 attempts (OperationalError): "
        "gemeenten.tasks.outbox_send_task, 0 minutes ago"]
    # The database is back: the same task succeeds (the sweep's or a new message's send).
    monkeypatch.setattr(gemeenten_tasks, "outbox_send", real_send)
    gemeenten_tasks.outbox_send_task.apply(args=(message.pk,)).get()
    assert not TaskRetry.objects.exists()
    assert staff_client.get("/healthz").status_code == 200


def test_a_database_that_refuses_the_retry_state_does_not_stop_the_retry(monkeypatch, caplog):
    message = OutboxMessage.objects.create(key="no-state", to="test.ontvanger@example.org",
                                           subject="Proef")
    calls = []
    real_send = gemeenten_tasks.outbox_send

    def flaky_send(*, message_id):
        calls.append(message_id)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_send(message_id=message_id)

    def refused(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(gemeenten_tasks, "outbox_send", flaky_send)
    monkeypatch.setattr(TaskRetry.objects, "update_or_create", refused)
    gemeenten_tasks.outbox_send_task.apply(args=(message.pk,)).get()
    message.refresh_from_db()
    assert len(calls) == 2 and message.sent_at is not None
    assert "task retry state not recorded: OperationalError" in caplog.text


def test_a_task_called_directly_records_no_retry_state(monkeypatch):
    """Called as a function (a test, a command) there is no retry: nothing to report."""
    monkeypatch.setattr(gemeenten_tasks, "outbox_sweep",
                        mock.Mock(side_effect=OperationalError("database is locked")))
    with pytest.raises(OperationalError):
        gemeenten_tasks.outbox_sweep_task()
    assert not TaskRetry.objects.exists()


# --- An import left running, an outbox message left claimed -------------------------------

def _import_upload(gemeente, **fields):
    with scopes_disabled():
        return ImportUpload.objects.create(
            gemeente=gemeente, uploaded_by=UserFactory(gemeente=gemeente),
            filename="kaart.csv", data=b"", **fields)


def test_healthz_is_503_imports_when_an_import_is_left_running_past_its_lease(
        staff_client, gemeente):
    _all_fresh()
    _import_upload(gemeente, state=ImportState.RUNNING,
                   claimed_until=timezone.now() - timedelta(minutes=25))
    _import_upload(gemeente, state=ImportState.RUNNING,
                   claimed_until=timezone.now() - timedelta(minutes=12))
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == ALL_OK | {"imports": "fail"}
    assert response.json()["problems"] == [
        "imports: 2 left running by a worker that stopped, the oldest lease ended 25 "
        "minutes ago"]
    assert "kaart.csv" not in response.content.decode()


def test_an_import_running_within_its_lease_or_finished_is_healthy(client, gemeente):
    _all_fresh()
    _import_upload(gemeente, state=ImportState.RUNNING,
                   claimed_until=timezone.now() + timedelta(minutes=20))
    # Its lease just ran out: the waiting task takes it up again within seconds.
    _import_upload(gemeente, state=ImportState.RUNNING,
                   claimed_until=timezone.now() - timedelta(minutes=2))
    _import_upload(gemeente, state=ImportState.DONE,
                   claimed_until=timezone.now() - timedelta(hours=3))
    _import_upload(gemeente, state=ImportState.FAILED,
                   claimed_until=timezone.now() - timedelta(hours=3))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == ALL_OK


def test_healthz_is_503_outbox_for_a_message_its_last_worker_left_claimed(
        staff_client, settings):
    """Found: a message whose worker died on its last allowed claim is left by the sweep
    (attempts used up) and has no error, so the mail check never saw it."""
    from gemeenten.outbox import outbox_sweep

    settings.OUTBOX_MAX_ATTEMPTS = 3
    _all_fresh()
    message = OutboxMessage.objects.create(
        key="left-claimed", to="test.ontvanger@example.org", subject="Proef", attempts=3,
        claimed_until=timezone.now() - timedelta(minutes=15))
    assert outbox_sweep() == 0
    message.refresh_from_db()
    assert message.sent_at is None and message.failing_since is None
    response = staff_client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == ALL_OK | {"outbox": "fail"}
    assert response.json()["problems"] == [
        "outbox: 1 messages left claimed by a worker that stopped, the oldest lease ended "
        "15 minutes ago"]
    assert "test.ontvanger" not in response.content.decode()


def test_an_outbox_lease_that_just_ran_out_waits_for_the_next_sweep(client, settings):
    _all_fresh()
    OutboxMessage.objects.create(
        key="lease-ran-out", to="test.ontvanger@example.org", subject="Proef", attempts=1,
        claimed_until=timezone.now() - timedelta(minutes=4))
    OutboxMessage.objects.create(
        key="sent-long-ago", to="test.ontvanger@example.org", subject="Proef", attempts=1,
        claimed_until=timezone.now() - timedelta(hours=4), sent_at=timezone.now())
    assert client.get("/healthz").status_code == 200


def test_healthz_makes_the_same_few_queries_however_many_rows_fail(
        client, gemeente, django_assert_num_queries):
    """SELECT 1, the heartbeats, the mail server's first failure, the outbox's stale leases,
    the retrying tasks, the imports left running: six for the public, whatever the rows."""
    _all_fresh()
    for minutes in (3, 30, 300):
        _retrying(minutes)
        _import_upload(gemeente, state=ImportState.RUNNING,
                       claimed_until=timezone.now() - timedelta(minutes=minutes + 10))
    with django_assert_num_queries(6):
        assert client.get("/healthz").status_code == 503
