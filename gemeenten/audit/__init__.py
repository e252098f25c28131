"""The audit log: who viewed, changed, exported or erased which person's data, when, and why.

In the bottom layer so every app writes it through ``audit_record``. Users and persons are
opaque ids, never foreign keys, so erasing a person never touches the log. Append-only: a
database trigger (``triggers.py``, installed by a migration) refuses every UPDATE, and every
DELETE of an event younger than ``AUDIT_RETENTION_DAYS``, on PostgreSQL and on SQLite.

The trigger has one switch, for the test runner only: between transactional tests Django
empties every table, the audit log included. ``maintenance_allowed()`` is false unless the
test session turned it on (tests/conftest.py), and a test proves it is off in a process that
did not. One narrow use besides: `generate_scale --replace` deletes the invented events of its
own invented gemeenten (slug ``scale-...``) with the switch on for that one DELETE
(``triggers.generated_events_delete``).
"""
from .models import Action, Purpose
from .services import audit_record

__all__ = ["Action", "Purpose", "audit_record"]
