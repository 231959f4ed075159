"""On PostgreSQL the unit path sorts and compares byte-wise ("C" collation), so prefix
scans (path LIKE 'x%') use the plain index whatever the database's locale."""

from django.db import migrations

FORWARD = [
    'ALTER TABLE orgunits_orgunit ALTER COLUMN path TYPE varchar(255) COLLATE "C"',
    "CREATE INDEX IF NOT EXISTS orgunits_orgunit_path_c ON orgunits_orgunit (path)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS orgunits_orgunit_path_c",
    'ALTER TABLE orgunits_orgunit ALTER COLUMN path TYPE varchar(255) COLLATE "default"',
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("orgunits", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
