"""The infopunt's word search (`search_text LIKE '%word%'`, infopunt.filters) from a trigram
index on PostgreSQL instead of reading the search text of every activity of the gemeente
from the table (issue 21: 8.8 -> 2.8 ms at `stress`). pg_trgm is a trusted extension
(PostgreSQL 13 and newer): the database's owner may create it. SQLite keeps the table scan.
Not in Activity.Meta.indexes: Django's GinIndex would be created on SQLite too."""
from django.db import migrations

INDEX = "activity_search_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON initiatives_activity "
        "USING gin (search_text gin_trgm_ops) WHERE is_active")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0017_activity_staff_list_index'),
    ]

    operations = [migrations.RunPython(create, drop)]
