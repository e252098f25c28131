"""`make backup` / `make restore` (manage.py backup / restore): a backup restored into a fresh
database holds the same rows, table by table (counts and checksums), on the database the
suite runs on (SQLite, and PostgreSQL in CI's second run)."""
import copy
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import load_backend

from gemeenten.backup import BackupError, fingerprint, restore
from tests.factories import ActivityFactory, GemeenteFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database(tmp_path):
    """A second, empty database of the same kind (a connection of its own, outside the
    test's databases)."""
    settings = copy.deepcopy(connection.settings_dict)
    if connection.vendor == "postgresql":
        name = f"{settings['NAME']}_restored"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings["NAME"] = name
    else:
        settings["NAME"] = str(tmp_path / "restored.sqlite3")
    restored = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="restored")
    yield restored
    restored.close()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


def test_a_backup_restores_into_a_fresh_database_with_every_row(tmp_path, fresh_database):
    gemeente = GemeenteFactory(name="Backupdam", slug="backupdam")
    from gemeenten.scope import gemeente_scope

    with gemeente_scope(gemeente):
        ActivityFactory.create_batch(3, gemeente=gemeente, title="Verzonnen taalcafé")
    out = StringIO()
    target = tmp_path / "portal.backup"
    call_command("backup", output=str(target), stdout=out)
    assert "Backup written to" in out.getvalue()
    before = fingerprint()

    restore(target, connection=fresh_database)

    after = fingerprint(connection=fresh_database)
    assert after == before
    assert before["initiatives_activity"][0] == 3
    # Rows made after the backup are not in it.
    assert sum(count for count, _ in after.values()) > 0


def test_restore_refuses_a_missing_or_foreign_file_and_changes_nothing(tmp_path):
    GemeenteFactory(name="Blijfdam", slug="blijfdam")
    before = fingerprint()
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "nothing.dump"), yes=True)
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"this is not a backup")
    with pytest.raises(BackupError):
        restore(junk)
    assert fingerprint() == before


def test_restore_asks_before_it_replaces_anything(tmp_path, monkeypatch):
    target = tmp_path / "portal.backup"
    call_command("backup", output=str(target), stdout=StringIO())
    monkeypatch.setattr("builtins.input", lambda prompt: "nee")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(target))
