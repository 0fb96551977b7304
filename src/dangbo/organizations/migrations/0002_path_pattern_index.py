"""Index the materialized path for prefix (subtree) filters.

PostgreSQL: LIKE 'p%' uses a btree index only with text_pattern_ops (or the C collation), so
we add one. SQLite: the unique index on path already serves our range filters (accounts.scope).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS org_path_pattern ON organizations_organization "
            "(path text_pattern_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS org_path_pattern")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
