"""The audit log is append-only in the database, on SQLite and PostgreSQL alike."""
import subprocess
import sys
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from gemeenten.audit import Action, Purpose, audit_record, triggers
from gemeenten.choices import Role
from gemeenten.models import AuditEvent

from ..factories import GemeenteFactory, UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def enforced():
    """The trigger as production has it: the test runner's maintenance switch off."""
    connection.ensure_connection()
    triggers.allow_maintenance(False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'off', false)", [triggers.SETTING])
    try:
        yield
    finally:
        triggers.allow_maintenance(True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', false)", [triggers.SETTING])


def _event(gemeente, actor=None, **kwargs):
    return audit_record(
        gemeente=gemeente, actor=actor, action=Action.VIEW, purpose=Purpose.REGIE,
        subject_type="newcomer", subject_id=41, detail="test", **kwargs,
    )


def test_an_event_names_who_what_and_why_by_opaque_ids():
    gemeente = GemeenteFactory()
    user = UserFactory(gemeente=gemeente, role=Role.REGISSEUR)
    event = _event(gemeente, user)
    event.refresh_from_db()
    assert (event.actor_id, event.actor_role, event.subject_id) == (user.pk, "regisseur", "41")
    assert AuditEvent.objects.about("newcomer", 41).get() == event


def test_the_database_refuses_to_change_an_event():
    event = _event(GemeenteFactory())
    with enforced():
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(detail="changed")
    event.refresh_from_db()
    assert event.detail == "test"


def test_the_database_refuses_to_delete_a_young_event_but_not_an_old_one():
    gemeente = GemeenteFactory()
    young = _event(gemeente)
    old = _event(gemeente)
    # The test runner's switch is on: setting up an old event is allowed.
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=731))
    with enforced():
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=young.pk).delete()
        assert AuditEvent.objects.filter(pk=old.pk).delete()[0] == 1
    assert AuditEvent.objects.filter(pk=young.pk).exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_database_refuses_to_truncate_the_log():
    _event(GemeenteFactory())
    with enforced():
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {triggers.TABLE}")


def test_the_switch_is_off_in_a_process_that_is_not_the_test_runner():
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'regie.settings');"
        "django.setup();"
        "from gemeenten.audit.triggers import maintenance_allowed;"
        "print(maintenance_allowed())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"DEBUG": "1", "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False"
    assert triggers.maintenance_allowed()  # while this runner has it on


def test_the_retention_job_deletes_only_events_past_two_years():
    from gemeenten.privacy import retention_run

    gemeente = GemeenteFactory()
    young, old = _event(gemeente), _event(gemeente)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=740))
    with enforced():
        assert retention_run()["audit_events"] == 1
        assert retention_run()["audit_events"] == 0
    assert list(AuditEvent.objects.all()) == [young]
