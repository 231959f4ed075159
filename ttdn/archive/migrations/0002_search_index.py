"""Full-text index over the folded columns of archive_searchentry, per database.

SQLite: an FTS5 table with external content kept in step by triggers. The text is folded
before it is stored, so the tokenizer must not fold again (remove_diacritics 0): its own
folding leaves đ alone, and remove_diacritics 1 fails on letters with two marks.
A later migration that rebuilds archive_searchentry on SQLite (Django copies the table to
alter it) drops these triggers and must create them again.

PostgreSQL: a stored generated tsvector ('simple' configuration: no stemming, no
unaccent — the columns are already folded) with a GIN index; the title weighs more.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE archive_search_fts USING fts5("
        "title_folded, body_folded, content='archive_searchentry', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')",
        "DROP TABLE IF EXISTS archive_search_fts",
    ),
    (
        "CREATE TRIGGER archive_search_ai AFTER INSERT ON archive_searchentry BEGIN "
        "INSERT INTO archive_search_fts(rowid, title_folded, body_folded) "
        "VALUES (new.id, new.title_folded, new.body_folded); END",
        "DROP TRIGGER IF EXISTS archive_search_ai",
    ),
    (
        "CREATE TRIGGER archive_search_ad AFTER DELETE ON archive_searchentry BEGIN "
        "INSERT INTO archive_search_fts(archive_search_fts, rowid, title_folded, body_folded) "
        "VALUES ('delete', old.id, old.title_folded, old.body_folded); END",
        "DROP TRIGGER IF EXISTS archive_search_ad",
    ),
    (
        "CREATE TRIGGER archive_search_au AFTER UPDATE ON archive_searchentry BEGIN "
        "INSERT INTO archive_search_fts(archive_search_fts, rowid, title_folded, body_folded) "
        "VALUES ('delete', old.id, old.title_folded, old.body_folded); "
        "INSERT INTO archive_search_fts(rowid, title_folded, body_folded) "
        "VALUES (new.id, new.title_folded, new.body_folded); END",
        "DROP TRIGGER IF EXISTS archive_search_au",
    ),
]

POSTGRESQL = [
    (
        "ALTER TABLE archive_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, body_folded), 'D')) STORED",
        "ALTER TABLE archive_searchentry DROP COLUMN IF EXISTS search_vector",
    ),
    (
        "CREATE INDEX archive_search_vector_gin ON archive_searchentry USING gin (search_vector)",
        "DROP INDEX IF EXISTS archive_search_vector_gin",
    ),
]


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        # A one-item list: a trigger body holds semicolons and must not be split.
        super().__init__([sql], [reverse_sql])
        self.vendor, self.raw = vendor, (sql, reverse_sql)

    def deconstruct(self):
        return self.__class__.__qualname__, [self.vendor, *self.raw], {}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [VendorRunSQL("sqlite", sql, reverse) for sql, reverse in SQLITE] + [
        VendorRunSQL("postgresql", sql, reverse) for sql, reverse in POSTGRESQL
    ]
