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

from django.db import connections, router
from django.db.models import AutoField, BigAutoField, Model, SmallAutoField

AUTO_FIELDS = (AutoField, BigAutoField, SmallAutoField)


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
        with cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for obj, pk_value in zip(objs, ids, strict=True):
                copy.write_row(
                    [pk_value]
                    + [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
    for obj, pk_value in zip(objs, ids, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = connection.alias
