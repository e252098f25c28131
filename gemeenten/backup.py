"""Backup and restore of the portal's database (`make backup`, `make restore`).

PostgreSQL: pg_dump in its custom format and pg_restore (--clean, so a restore replaces what
is there). SQLite: the online backup API of the sqlite3 module, which copies a consistent
state while the portal keeps running, and the same API back. `fingerprint()` gives every
table's row count and a checksum of its rows in primary-key order, so a restore can be
checked against the database it came from.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection as default_connection


class BackupError(Exception):
    pass


def _pg_command(name: str, database: dict) -> tuple[list[str], dict]:
    binary = shutil.which(name)
    if binary is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    args = [binary, "--host", database.get("HOST") or "127.0.0.1",
            "--port", str(database.get("PORT") or 5432), "--username", database["USER"]]
    env = dict(os.environ, PGPASSWORD=database.get("PASSWORD") or "")
    return args, env


def backup(path: Path, *, connection=None) -> Path:
    """Write a backup of the database to `path` (made anew; its folder must exist)."""
    connection = connection or default_connection
    database = connection.settings_dict
    path = Path(path)
    if connection.vendor == "postgresql":
        args, env = _pg_command("pg_dump", database)
        result = subprocess.run(
            [*args, "--format", "custom", "--no-owner", "--file", str(path), database["NAME"]],
            env=env, capture_output=True, text=True, check=False)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"no backup for a {connection.vendor} database")
    return path


def restore(path: Path, *, connection=None) -> None:
    """Replace the database's content by the backup at `path`."""
    connection = connection or default_connection
    database = connection.settings_dict
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"there is no backup file {path}")
    if connection.vendor == "postgresql":
        connection.close()
        args, env = _pg_command("pg_restore", database)
        result = subprocess.run(
            [*args, "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", "--dbname", database["NAME"], str(path)],
            env=env, capture_output=True, text=True, check=False)
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    elif connection.vendor == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not an SQLite backup: {error}") from error
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"no restore for a {connection.vendor} database")


def fingerprint(*, connection=None) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of the rows in their columns' order)} for every table. Plain SQL
    on the connection, so it also reads a database Django has no alias for."""
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        tables_sql = ("SELECT table_name FROM information_schema.tables "
                      "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
        columns_sql = ("SELECT column_name FROM information_schema.columns WHERE "
                       "table_schema = 'public' AND table_name = %s ORDER BY ordinal_position")
    else:
        tables_sql = ("SELECT name FROM sqlite_master WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite_%'")
        columns_sql = "SELECT name FROM pragma_table_info(%s) ORDER BY cid"
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(tables_sql)
        for table in sorted(row[0] for row in cursor.fetchall()):
            cursor.execute(columns_sql, [table])
            columns = [row[0] for row in cursor.fetchall()]
            order = ", ".join(connection.ops.quote_name(c) for c in columns)
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608  names from the catalogue
            digest, count = hashlib.sha256(), 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_stable(value) for value in row)).encode())
                count += 1
            result[table] = (count, digest.hexdigest())
    return result


def _stable(value):
    """The same text for a value read back from either database driver."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value
