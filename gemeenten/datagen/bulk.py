"""Bulk inserts for the generators: PostgreSQL's COPY where it is available, bulk_create
elsewhere, with the same rows and the same ids either way.

`bulk_create` on PostgreSQL sends `INSERT ... SELECT * FROM UNNEST(...) RETURNING id` per
batch: the server parses and plans each batch and the rows come back for their ids. COPY
streams the rows in one statement; the ids are taken from the table's own sequence first
(`nextval` in order, which is what the INSERT would have drawn), so the objects get their
pk as bulk_create would give it and the through rows and later steps can name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from django.db import connections, models, router
from django.db.models import AutoField, BigAutoField, Model, SmallAutoField

AUTO_FIELDS = (AutoField, BigAutoField, SmallAutoField)
# Per field: the value types PostgreSQL takes as they are, for which get_db_prep_save
# would hand back the same value (a str for a text field, an int for a number or a
# foreign key to one, ...). Any other value (and every other field) goes through the
# field's own get_db_prep_save, as in bulk_create.
PLAIN = ((models.CharField, models.TextField), (str,))
AS_IS = [
    (models.BooleanField, (bool,)),
    (models.IntegerField, (int,)),
    (models.DateTimeField, (datetime,)),  # before DateField, its base class
    (models.DateField, (date,)),
    (models.TimeField, (time,)),
]


def _as_is(field: models.Field) -> tuple[type, ...]:
    """The value types this field writes unchanged; () when it needs get_db_prep_save."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return ()
    if isinstance(field, models.ForeignKey):
        field = field.target_field
        if not isinstance(field, models.IntegerField):
            return ()
    if isinstance(field, PLAIN[0]):
        return PLAIN[1]
    for kind, types in AS_IS:
        if isinstance(field, kind):
            return types
    return ()


def bulk_insert(model: type[Model], objs: Sequence[Model], *, batch_size: int = 5000) -> None:
    """Insert `objs` (unsaved, of `model`) and set their pk, like
    `model._base_manager.bulk_create(objs, batch_size=batch_size)`."""
    if not objs:
        return
    pk = model._meta.pk
    # The connection itself, not django.db.connection: every attribute of that proxy is a
    # lookup in a context-local, and the fields below are asked for one per value.
    connection = connections[router.db_for_write(model)]
    if (
        connection.vendor != "postgresql"
        or not isinstance(pk, AUTO_FIELDS)
        or any(obj.pk is not None for obj in objs)
    ):
        model._base_manager.using(connection.alias).bulk_create(objs, batch_size=batch_size)
        return
    for obj in objs:
        # What bulk_create does first: an object built around a related object that was
        # saved afterwards takes its id now.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    fields = [f for f in model._meta.concrete_fields if f is not pk]
    table = model._meta.db_table
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [pk.column] + [f.column for f in fields])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [quote(table), pk.column, len(objs)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
        plain = [(f, f.attname, _as_is(f)) for f in fields]
        with cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for obj, pk_value in zip(objs, ids, strict=True):
                row = [pk_value]
                for field, attname, types in plain:
                    value = getattr(obj, attname)
                    if types and (value is None or (type(value) in types and _naive_ok(value))):
                        row.append(value)
                    else:
                        row.append(field.get_db_prep_save(field.pre_save(obj, True), connection))
                copy.write_row(row)
    for obj, pk_value in zip(objs, ids, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = connection.alias


def _naive_ok(value) -> bool:
    """A datetime is written as it is only when aware (a naive one gets Django's warning and
    the current time zone in get_db_prep_save)."""
    return type(value) is not datetime or value.tzinfo is not None
