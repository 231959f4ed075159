"""Many rows in one statement, without the ORM's per-value work: the one bulk writer.

``insert``, ``insert_returning`` and ``update`` take model instances or dicts (the
archive's documents, search entries and review rows); ``insert_tuples`` streams batches
of ready tuples (the national demo's millions of values), and ``bulk_load_mode`` drops
a table's indexes and keys for such a load and puts them back.

Importing a small report takes the extraction engine about 3 ms; Django's bulk_create
and save() spend about as long again preparing every value of every field of its ~10
rows. These helpers prepare only the values that need it (JSON, decimals, dates) and
send the rest as they are, which keeps a whole import within a fifth of bare extraction.
They skip signals and model validation: use them only for rows built by our own code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

_PREPARED = {"JSONField", "DecimalField", "DateTimeField", "DateField"}

# Rows per statement in ``insert_returning``: below SQLite's limit of 32,766 parameters
# for tables of up to 60 columns.
BATCH = 500

# A model instance, or a dict of attribute names (``unit_id``, not ``unit``) to values,
# which costs less to build; missing keys take the field's default.
Row = models.Model | dict


def _concrete(field: models.Field | models.ForeignObjectRel) -> models.Field:
    """A field with a column of its own; a reverse relation has none."""
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{field} has no column")
    return field


def _column(field: models.Field | models.ForeignObjectRel) -> str:
    return _concrete(field).column or ""


def _values(
    fields: Sequence[models.Field],
    objs: Sequence[Row],
    extra: Callable[[Any], Any] | None = None,
) -> list[list[Any]]:
    connection = connections[DEFAULT_DB_ALIAS]
    plan = [(f.attname, f if f.get_internal_type() in _PREPARED else None) for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    out = []
    for obj in objs:
        row = []
        for name, field in plan:
            value = obj.get(name, defaults[name]) if isinstance(obj, dict) else getattr(obj, name)
            row.append(value if field is None else field.get_db_prep_save(value, connection))
        if extra is not None:
            row.append(extra(obj))
        out.append(row)
    return out


def _stamp(objs: Sequence[Row], fields: Sequence[models.Field], insert: bool) -> None:
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or (insert and getattr(field, "auto_now_add", False)):
            for obj in objs:
                if isinstance(obj, dict):
                    obj[field.attname] = now
                else:
                    setattr(obj, field.attname, now)


class Progress(Protocol):
    """A progress bar (tqdm's) told how many rows were written."""

    def update(self, n: float) -> object: ...


def insert(model: type[models.Model], objs: Sequence[Row]) -> None:
    """INSERT ``objs`` (their primary keys are not read back)."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    _stamp(objs, fields, insert=True)
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(f)) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream for all rows; an INSERT per row costs the server a parse,
            # a plan and an execution each, several times the cost of the row itself.
            # The driver's own cursor: its errors are raised as Django's (IntegrityError).
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                for row in _values(fields, objs):
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", _values(fields, objs)
            )


def insert_returning(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """INSERT unsaved ``objs`` and set their primary keys, in statements of ``BATCH`` rows
    (both databases return the keys of a multi-row INSERT in the order of its rows)."""
    if not objs:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    _stamp(objs, fields, insert=True)
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(f)) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = _values(fields, objs)
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One array per column: a short statement whatever the number of rows,
                # which the driver parses once and the server plans once (a VALUES list
                # of 20,000 parameters costs both more than the rows themselves).
                aliases = ", ".join(f"c{n}" for n in range(len(fields)))
                arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
                cursor.execute(
                    f"INSERT INTO {quote(meta.db_table)} ({columns}) SELECT {aliases} "
                    f"FROM unnest({arrays}) WITH ORDINALITY AS u({aliases}, n) ORDER BY n "
                    f"RETURNING {quote(_column(meta.pk))}",
                    [list(column) for column in zip(*values, strict=True)],
                )
                for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
                    obj.pk = pk
                    obj._state.adding, obj._state.db = False, DEFAULT_DB_ALIAS
                return
            for start in range(0, len(objs), BATCH):
                chunk = values[start : start + BATCH]
                cursor.execute(
                    f"INSERT INTO {quote(meta.db_table)} ({columns}) "
                    f"VALUES {', '.join([row] * len(chunk))} RETURNING {quote(_column(meta.pk))}",
                    [value for row_values in chunk for value in row_values],
                )
                saved = zip(objs[start : start + BATCH], cursor.fetchall(), strict=True)
                for obj, (pk,) in saved:
                    obj.pk = pk
                    obj._state.adding, obj._state.db = False, DEFAULT_DB_ALIAS
    except BaseException:
        # The caller's transaction rolls back: keys of earlier statements are void.
        for obj in objs:
            obj.pk = None
            obj._state.adding, obj._state.db = True, None
        raise


def update(model: type[models.Model], objs: Sequence[models.Model], names: Sequence[str]) -> None:
    """UPDATE the fields ``names`` (plus any auto_now field) of saved ``objs``."""
    if not objs:
        return
    meta = model._meta
    fields = [_concrete(meta.get_field(n)) for n in names]
    fields += [f for f in meta.concrete_fields if getattr(f, "auto_now", False) and f not in fields]
    _stamp(objs, fields, insert=False)
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(_column(meta.pk))
    values = _values(fields, objs, extra=lambda obj: obj.pk)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement for all rows: the server plans it once.
            types = [f.db_type(connection) for f in fields] + [meta.pk.db_type(connection)]
            row = "(" + ", ".join(f"%s::{t}" for t in types) + ")"
            names = ", ".join(quote(_column(f)) for f in fields)
            assignments = ", ".join(f"{quote(_column(f))} = v.{quote(_column(f))}" for f in fields)
            cursor.execute(
                f"UPDATE {table} SET {assignments} "
                f"FROM (VALUES {', '.join([row] * len(values))}) AS v({names}, pk_) "
                f"WHERE {table}.{pk} = v.pk_",
                [value for row_values in values for value in row_values],
            )
        else:
            assignments = ", ".join(f"{quote(_column(f))} = %s" for f in fields)
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", values)


def insert_tuples(
    model: type[models.Model],
    fields: Sequence[str],
    batches: Iterable[Sequence[tuple]],
    progress: Progress | None = None,
) -> int:
    """INSERT batches of tuples (values in ``fields`` order, already as the database
    stores them) through the driver's own bulk path: COPY on PostgreSQL, executemany on
    SQLite; the number of rows written. For millions of generated rows (the national
    demo's values), where the ORM would take an hour. Values must not contain tabs,
    newlines or backslashes (COPY text format)."""
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(_column(model._meta.get_field(name))) for name in fields
    )
    connection.ensure_connection()
    raw = connection.connection
    written = 0
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for batch in batches:
                text = "".join(
                    "\t".join(r"\N" if x is None else str(x) for x in row) + "\n" for row in batch
                )
                copy.write(text.encode())
                written += len(batch)
                if progress is not None:
                    progress.update(len(batch))
        return written
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['?'] * len(fields))})"
    cursor = raw.cursor()
    try:
        for batch in batches:
            cursor.executemany(sql, batch)
            written += len(batch)
            if progress is not None:
                progress.update(len(batch))
    finally:
        cursor.close()
    return written


@contextmanager
def bulk_load_mode(model: type[models.Model]) -> Iterator[None]:
    """Drop a table's plain indexes (and on PostgreSQL its foreign keys) for a bulk load
    and restore them afterwards, as PostgreSQL's "Populating a Database" advises: one
    sort per index and one join per key are many times cheaper than upkeep row by row.
    Unique constraints stay, so duplicates still fail. Run inside a transaction; DDL is
    transactional on both databases, so a failed load keeps its indexes and keys."""
    connection = connections[DEFAULT_DB_ALIAS]
    table = model._meta.db_table
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # Run the deferred checks of rows written so far (the units): PostgreSQL will
        # not alter a foreign key while its tables have checks pending.
        connection.check_constraints()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND "
                "indexname NOT IN (SELECT conname FROM pg_constraint "
                "WHERE conrelid = %s::regclass)",
                [table, table],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            keys = cursor.fetchall()
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
            indexes, keys = cursor.fetchall(), []
        for name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
