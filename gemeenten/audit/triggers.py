"""The append-only trigger of the audit log, for PostgreSQL and SQLite.

The switch the test runner needs: on PostgreSQL the session setting
``regie.audit_maintenance``, on SQLite the function ``regie_audit_maintenance()`` that each
connection registers. Both say "off" unless this process turned maintenance on
(``allow_maintenance``), which only tests/conftest.py does.
"""
from django.db import connection, transaction
from django.db.backends.signals import connection_created

TABLE = "gemeenten_auditevent"
SETTING = "regie.audit_maintenance"
_maintenance = False


def allow_maintenance(on: bool = True) -> None:
    """For the test runner only: let it empty the audit table between tests."""
    global _maintenance
    _maintenance = on


def maintenance_allowed() -> bool:
    return _maintenance


def _on_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "regie_audit_maintenance", 0, lambda: int(_maintenance), deterministic=False
        )
    elif connection.vendor == "postgresql" and _maintenance:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [SETTING])


connection_created.connect(_on_connection, dispatch_uid="regie-audit-maintenance")


def install_sql(vendor: str, retention_days: int) -> list[str]:
    if vendor == "postgresql":
        return [
            f"""
            CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$
            BEGIN
                IF coalesce(current_setting('{SETTING}', true), '') = 'on' THEN
                    RETURN coalesce(NEW, OLD);
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    RAISE EXCEPTION 'audit events are append-only';
                END IF;
                IF TG_OP = 'TRUNCATE' THEN
                    RAISE EXCEPTION 'audit events are append-only';
                END IF;
                IF OLD.at > now() - interval '{int(retention_days)} days' THEN
                    RAISE EXCEPTION 'audit events are kept for {int(retention_days)} days';
                END IF;
                RETURN OLD;
            END
            $$ LANGUAGE plpgsql;
            """,
            f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
                FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only();""",
            f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
                FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_append_only();""",
        ]
    if vendor == "sqlite":
        return [
            f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
                WHEN regie_audit_maintenance() = 0
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;""",
            f"""CREATE TRIGGER {TABLE}_no_early_delete BEFORE DELETE ON {TABLE}
                WHEN regie_audit_maintenance() = 0
                 AND julianday(OLD.at) > julianday('now', '-{int(retention_days)} days')
                BEGIN SELECT RAISE(ABORT, 'audit events are kept for {int(retention_days)} days'); END;""",
        ]
    return []


def uninstall_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};",
            f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};",
            f"DROP FUNCTION IF EXISTS {TABLE}_append_only();",
        ]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {TABLE}_no_update;",
                f"DROP TRIGGER IF EXISTS {TABLE}_no_early_delete;"]
    return []


def generated_events_delete(gemeenten) -> int:
    """Delete the audit events of gemeenten that `generate_scale` made (their slugs start
    with "scale-"), for its --replace: invented events of invented gemeenten, not a log of
    anything that happened. The trigger's switch is on for this one DELETE only: on
    PostgreSQL transaction-locally and set back to what it was, on SQLite in this process."""
    from ..models import AuditEvent

    events = AuditEvent.objects.filter(gemeente__in=gemeenten.filter(slug__startswith="scale-"))
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(current_setting(%s, true), '')", [SETTING])
            before = cursor.fetchone()[0]
            cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
            try:
                deleted, _per_model = events.delete()
            finally:
                cursor.execute("SELECT set_config(%s, %s, true)", [SETTING, before])
        return deleted
    global _maintenance
    before = _maintenance
    _maintenance = True
    try:
        deleted, _per_model = events.delete()
    finally:
        _maintenance = before
    return deleted
