"""Backups of a whole instance (`ttdn backup`, `ttdn restore`): the database and the files
people uploaded, in one tar file that restore can check before it changes anything.

Inside the tar::

    database/ttdn.pgdump      pg_dump's custom format (PostgreSQL), or
    database/ttdn.sqlite3.gz  a copy made by SQLite's online backup API, gzipped (fast
                              level: a quarter of the size for about 1 s per 150 MB)
    files/archive/…           originals of imported documents (TTDN_ARCHIVE_ROOT)
    files/media/…             activities' evidence files (TTDN_MEDIA_ROOT)
    manifest.json             format version, engine, migrations, rows per table and the
                              size and sha256 of every member above; written last, so a
                              cut-off file has none

Both database copies are consistent while the site runs: SQLite's backup API copies one
snapshot, and pg_dump reads the snapshot of a transaction that also counts the rows.
Sessions stay out (the copy's ``django_session`` is empty: a restored site logs everybody
out), and so do the archive's folder of uploads being checked and the collected static
files, which ``ttdn serve`` makes again.

Restore reads and checks everything (manifest, checksums, the database copy itself) into
folders beside the targets first; only then does it swap the file folders and load the
database in one transaction, and it swaps the folders back if the load fails.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, cast

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ttdn.archive import storage

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper

FORMAT = "ttdn-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SESSION_TABLE = "django_session"
DATABASE_MEMBERS = {"postgresql": "database/ttdn.pgdump", "sqlite": "database/ttdn.sqlite3.gz"}
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why and what to do."""


@dataclass
class Summary:
    path: Path
    engine: str
    tables: int
    rows: int
    files: int
    files_size: int
    size: int  # of the backup file
    seconds: float
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _(
            "%(tables)d bảng, %(rows)s dòng, %(files)d tệp (%(files_size)s); "
            "tệp sao lưu %(size)s; %(seconds)s giây."
        ) % {
            "tables": self.tables,
            "rows": number_format(self.rows, force_grouping=True),
            "files": self.files,
            "files_size": filesizeformat(self.files_size),
            "size": filesizeformat(self.size),
            "seconds": number_format(self.seconds, 2 if self.seconds < 10 else 1),
        }


def file_roots() -> dict[str, Path]:
    """The folders backed up, by their name inside the backup."""
    roots = {"archive": storage.archive_root(), "media": Path(settings.MEDIA_ROOT)}
    archive, media = (root.resolve() for root in roots.values())
    if archive == media or archive.is_relative_to(media) or media.is_relative_to(archive):
        raise BackupError(
            _(
                "TTDN_ARCHIVE_ROOT (%(archive)s) và TTDN_MEDIA_ROOT (%(media)s) phải là hai "
                "thư mục riêng, không thư mục nào nằm trong thư mục kia."
            )
            % {"archive": archive, "media": media}
        )
    return roots


# Inside a root, folders that hold nothing worth keeping: uploads still being checked.
SKIPPED = {"archive": {storage.SPOOL_FOLDER}}


# Backup ---------------------------------------------------------------------------------


def backup(
    output: Path, *, using: str = "default", progress: Progress = lambda line: None
) -> Summary:
    """Write a backup of the database ``using`` and of the file folders to ``output`` (a
    file, or a folder to name one in). The file appears only once complete."""
    started = time.monotonic()
    connection = connections[using]
    engine = _engine(connection)
    roots = file_roots()
    output = Path(output)
    if output.is_dir():
        output = output / f"ttdn-{timezone.localtime():%Y%m%d-%H%M%S}.tar"
    if not output.parent.is_dir():
        raise BackupError(_("Không có thư mục %(folder)s.") % {"folder": output.parent})
    for root in roots.values():
        if output.parent.resolve().is_relative_to(root.resolve()):
            raise BackupError(
                _("Không đặt bản sao lưu trong thư mục được sao lưu (%(root)s).") % {"root": root}
            )
    partial = output.with_name(output.name + ".partial")
    scratch = Path(tempfile.mkdtemp(prefix=".ttdn-backup-", dir=output.parent))
    try:
        copy = scratch / PurePosixPath(DATABASE_MEMBERS[engine]).name
        progress(_("Sao lưu cơ sở dữ liệu (%(engine)s) …") % {"engine": engine})
        if engine == "sqlite":
            database = _copy_sqlite(connection, copy)
        else:
            database = _dump_postgresql(connection, copy)
        rows = sum(database["tables"].values())
        progress(
            _("Cơ sở dữ liệu: %(tables)d bảng, %(rows)s dòng, %(size)s.")
            % {
                "tables": len(database["tables"]),
                "rows": number_format(rows, force_grouping=True),
                "size": filesizeformat(copy.stat().st_size),
            }
        )
        # Owner-only: the backup holds password hashes and everything people recorded.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                database["member"] = _add(tar, DATABASE_MEMBERS[engine], copy)
                copy.unlink()
                files, notes = _add_files(tar, roots, progress)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "ttdn_version": _version(),
                    "database": database,
                    "files": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
                tar.addfile(info, io.BytesIO(data))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BackupError(
                _("Không ghi được bản sao lưu %(path)s: %(error)s")
                % {"path": output, "error": error.strerror or error}
            ) from error
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Summary(
        path=output,
        engine=engine,
        tables=len(database["tables"]),
        rows=rows,
        files=len(files),
        files_size=sum(f["size"] for f in files),
        size=output.stat().st_size,
        seconds=time.monotonic() - started,
        notes=notes,
    )


def _engine(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Chỉ sao lưu được SQLite và PostgreSQL, không phải %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ttdn")
    except PackageNotFoundError:
        return ""


def _copy_sqlite(connection: BaseDatabaseWrapper, copy: Path) -> dict[str, Any]:
    connection.ensure_connection()
    plain = copy.with_suffix("")
    target = sqlite3.connect(plain)
    try:
        # One step: the copy is one snapshot of the live database, writers wait only
        # for the length of the copy (WAL: not at all).
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        # Zeroes what it deletes, so no session key stays behind in a free page.
        target.execute("PRAGMA secure_delete = ON")
        if _sqlite_tables(target) & {SESSION_TABLE}:
            target.execute(f'DELETE FROM "{SESSION_TABLE}"')
            target.commit()
        copied: dict[str, Any] = {
            "engine": "sqlite",
            "sqlite_version": sqlite3.sqlite_version,
            "migrations": _migrations(target.cursor()),
            "tables": _sqlite_counts(target),
        }
    finally:
        target.close()
    with plain.open("rb") as source, gzip.open(copy, "wb", compresslevel=1) as out:
        shutil.copyfileobj(source, out, CHUNK)
    copied["uncompressed_size"] = plain.stat().st_size
    plain.unlink()
    return copied


def _sqlite_tables(db: sqlite3.Connection) -> set[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {name for (name,) in rows}


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {
        name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in sorted(_sqlite_tables(db))
    }


def _migrations(cursor) -> dict[str, list[str]]:
    try:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
    except Exception as error:
        raise BackupError(
            _("Cơ sở dữ liệu chưa có bảng django_migrations: hãy chạy `ttdn migrate` trước.")
        ) from error
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _pg_version(connection: BaseDatabaseWrapper) -> int:
    """The PostgreSQL server's version number (150004 for 15.4)."""
    return cast("PostgresWrapper", connection).pg_version


def _dump_postgresql(connection: BaseDatabaseWrapper, copy: Path) -> dict[str, Any]:
    connection.ensure_connection()
    server = _pg_version(connection) // 10000
    pg_dump = pg_tool("pg_dump", server)
    client = _check_client(pg_dump, server)
    # pg_dump reads the snapshot this transaction exports, so the row counts below are
    # those of the dump even while people keep writing.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY 1"
            )
            tables = [name for (name,) in cursor.fetchall()]
            counts = {}
            for name in tables:
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
                counts[name] = cursor.fetchone()[0]
            if SESSION_TABLE in counts:
                counts[SESSION_TABLE] = 0
            migrations = _migrations(cursor)
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--exclude-table-data={SESSION_TABLE}",
                    "--no-password",
                    f"--file={copy}",
                ],
                connection,
                "pg_dump",
            )
            cursor.execute("COMMIT")
    finally:
        raw.close()
    return {
        "engine": "postgresql",
        "server_version": _pg_version(connection),
        "pg_dump_version": client,
        "migrations": migrations,
        "tables": counts,
    }


def pg_tool(name: str, server_major: int | None = None) -> str:
    """The path of ``name`` (pg_dump, pg_restore); a clear error naming the package when
    it is missing."""
    found = shutil.which(name)
    if found is None:
        package = f"postgresql-client-{server_major}" if server_major else "postgresql-client"
        raise BackupError(
            _(
                "Không tìm thấy lệnh %(tool)s. Hãy cài gói %(package)s (Debian, Ubuntu: "
                "apt-get install %(package)s), cùng phiên bản chính với máy chủ PostgreSQL."
            )
            % {"tool": name, "package": package}
        )
    return found


def _check_client(tool: str, server_major: int) -> str:
    """The client's version; refused when older than the server, which pg_dump cannot
    read."""
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"(\d+)(?:\.\d+)+", result.stdout)
    if match is None:
        raise BackupError(
            _("Không đọc được phiên bản của %(tool)s: %(out)s")
            % {"tool": tool, "out": (result.stdout or result.stderr).strip()}
        )
    if int(match.group(1)) < server_major:
        raise BackupError(
            _(
                "%(tool)s phiên bản %(client)s cũ hơn PostgreSQL %(server)d. Hãy cài gói "
                "postgresql-client-%(server)d (Debian, Ubuntu: từ kho apt.postgresql.org)."
            )
            % {"tool": Path(tool).name, "client": match.group(0), "server": server_major}
        )
    return match.group(0)


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """libpq's variables for the database Django talks to (the password stays off the
    command line)."""
    given = connection.settings_dict
    options = given.get("OPTIONS") or {}
    pairs = {
        "PGHOST": given.get("HOST"),
        "PGPORT": given.get("PORT"),
        "PGUSER": given.get("USER"),
        "PGPASSWORD": given.get("PASSWORD"),
        "PGDATABASE": given.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
    }
    return {**os.environ, **{key: str(value) for key, value in pairs.items() if value}}


def _run(command: list[str], connection: BaseDatabaseWrapper, tool: str) -> None:
    result = subprocess.run(
        command, env=_pg_environment(connection), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        error = _tail(result.stderr)
        if result.returncode < 0:  # pg_restore can crash on a damaged table of contents
            error = _("dừng bất thường (tín hiệu %(signal)d); tệp có thể bị hỏng. %(error)s") % {
                "signal": -result.returncode,
                "error": error,
            }
        raise BackupError(
            _("%(tool)s thất bại (mã %(code)d): %(error)s")
            % {"tool": tool, "code": result.returncode, "error": error}
        )


def _tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _walk(root: Path, skipped: set[str]) -> Iterator[Path]:
    """Regular files under ``root``, sorted; links are not followed."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        if here == root:
            dirs[:] = [d for d in dirs if d not in skipped]
        dirs.sort()
        for name in sorted(names):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path


def _add_files(
    tar: tarfile.TarFile, roots: dict[str, Path], progress: Progress
) -> tuple[list[dict[str, Any]], list[str]]:
    files: list[dict[str, Any]] = []
    notes: list[str] = []
    ticker = _Ticker(progress)
    for key, root in roots.items():
        for path in _walk(root, SKIPPED.get(key, set())):
            name = f"files/{key}/{path.relative_to(root).as_posix()}"
            try:
                files.append(_add(tar, name, path))
            except FileNotFoundError:
                # Deleted since the database was copied: the copy no longer names it.
                notes.append(_("Tệp đã bị xóa trong khi sao lưu: %(name)s") % {"name": name})
                continue
            ticker.tick(
                lambda: (
                    _("Tệp: %(n)d (%(size)s) …")
                    % {"n": len(files), "size": filesizeformat(sum(f["size"] for f in files))}
                )
            )
    return files, notes


def _add(tar: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        stat = os.fstat(fh.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
        reader = _HashingReader(fh)
        tar.addfile(info, reader)
    return {"name": name, "size": stat.st_size, "sha256": reader.hash.hexdigest()}


class _HashingReader:
    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.hash = fh, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.hash.update(data)
        return data


class _Ticker:
    """Calls ``progress`` at most every two seconds."""

    def __init__(self, progress: Progress, every: float = 2.0) -> None:
        self.progress, self.every, self.last = progress, every, time.monotonic()

    def tick(self, line: Callable[[], str]) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.progress(line())


# Restore --------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the backup at ``path``, checked for format and completeness."""
    with _open(path) as tar:
        return _manifest(tar, path)


class _open:
    """The backup as a tar file; unreadable, cut-off or foreign files are BackupErrors."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def __enter__(self) -> tarfile.TarFile:
        if not self.path.is_file():
            raise BackupError(_("Không có tệp sao lưu %(path)s.") % {"path": self.path})
        try:
            self.tar = tarfile.open(self.path, mode="r:")
        except tarfile.TarError as error:
            raise BackupError(
                _("%(path)s không phải là tệp sao lưu TTĐN hoặc đã hỏng (%(error)s).")
                % {"path": self.path, "error": error}
            ) from error
        except OSError as error:
            raise BackupError(
                _("Không đọc được tệp sao lưu %(path)s: %(error)s")
                % {"path": self.path, "error": error.strerror or error}
            ) from error
        return self.tar

    def __exit__(self, *exc: object) -> None:
        self.tar.close()


def _damaged(path: Path, error: object) -> BackupError:
    return BackupError(
        _("Tệp sao lưu %(path)s bị cắt cụt hoặc hỏng (%(error)s). Hãy dùng một bản sao lưu khác.")
        % {"path": path, "error": error}
    )


def _manifest(tar: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        data = tar.extractfile(member).read()  # type: ignore[union-attr]
        manifest = json.loads(data)
    except KeyError as error:
        raise _damaged(path, _("không có %(name)s") % {"name": MANIFEST}) from error
    except (tarfile.TarError, OSError, ValueError, AttributeError) as error:
        raise _damaged(path, error) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s không phải là tệp sao lưu TTĐN.") % {"path": path})
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _(
                "Tệp sao lưu có định dạng phiên bản %(version)s; phiên bản TTĐN này chỉ đọc "
                "được phiên bản %(known)d."
            )
            % {"version": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    if not _well_formed(manifest):
        raise _damaged(path, _("%(name)s không đầy đủ") % {"name": MANIFEST})
    return manifest


def _well_formed(manifest: dict[str, Any]) -> bool:
    def entry(item: Any) -> bool:
        return (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("size"), int)
            and isinstance(item.get("sha256"), str)
        )

    database = manifest.get("database")
    return (
        isinstance(database, dict)
        and isinstance(database.get("engine"), str)
        and entry(database.get("member"))
        and isinstance(database.get("migrations"), dict)
        and all(isinstance(names, list) for names in database["migrations"].values())
        and isinstance(database.get("tables"), dict)
        and isinstance(manifest.get("files"), list)
        and all(entry(item) for item in manifest["files"])
    )


@dataclass
class _Staged:
    """What restore has read and checked, before anything is changed."""

    scratch: Path
    database: Path
    folders: dict[str, Path]  # root key → checked folder beside the root
    files: int = 0
    files_size: int = 0


def restore(
    path: Path,
    *,
    force: bool = False,
    using: str = "default",
    progress: Progress = lambda line: None,
) -> Summary:
    """Replace the database ``using`` and the file folders by the backup at ``path``.

    Refused when the target already holds units, people or files, unless ``force``.
    Nothing changes until the whole backup has been read and checked; a failed load of
    the database puts the previous file folders back."""
    started = time.monotonic()
    path = Path(path)
    connection = connections[using]
    engine = _engine(connection)
    roots = file_roots()
    with _open(path) as tar:
        manifest = _manifest(tar, path)
        database = manifest["database"]
        if database.get("engine") != engine:
            raise BackupError(
                _(
                    "Bản sao lưu là của %(backup)s, còn hệ thống này dùng %(target)s: không "
                    "khôi phục được sang loại cơ sở dữ liệu khác."
                )
                % {"backup": database.get("engine"), "target": engine}
            )
        _check_migrations(database["migrations"])
        _check_not_mounted(roots)
        if engine == "postgresql":
            _check_alone(connection)
        if not force:
            _check_empty(connection, roots)
        staged = _stage(tar, path, manifest, roots, progress)
    try:
        if engine == "sqlite":
            staged.database = _gunzip(path, staged.database)
            _check_sqlite_copy(staged.database, database["tables"])
        else:
            _check_pg_dump(connection, staged.database, database.get("pg_dump_version", ""))
        progress(_("Bản sao lưu đã được kiểm tra đầy đủ; bắt đầu thay dữ liệu."))
        moved_aside = _swap_folders(roots, staged.folders)
        try:
            if engine == "sqlite":
                _load_sqlite(connection, staged.database)
            else:
                _load_postgresql(connection, staged.database)
        except BaseException:
            _swap_back(roots, staged.folders, moved_aside)
            raise
    finally:
        shutil.rmtree(staged.scratch, ignore_errors=True)
        for folder in staged.folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    notes = _keep_or_drop(moved_aside)
    counts = _counts(connection)
    differ = sorted(name for name, rows in database["tables"].items() if counts.get(name) != rows)
    if differ:
        raise BackupError(
            _("Đã khôi phục nhưng số dòng khác bản sao lưu ở các bảng: %(tables)s.")
            % {"tables": ", ".join(differ)}
        )
    left = sorted(set(counts) - set(database["tables"]))
    if left:
        # pg_restore --clean drops only what the dump holds.
        notes.append(
            _(
                "Cơ sở dữ liệu đích còn các bảng không có trong bản sao lưu: %(tables)s. Nếu "
                "không cần, hãy khôi phục vào một cơ sở dữ liệu mới tạo."
            )
            % {"tables": ", ".join(left)}
        )
    pending = _pending_migrations(connection)
    if pending:
        notes.append(
            _(
                "Bản sao lưu từ phiên bản TTĐN cũ hơn (%(n)d migration chưa áp dụng): hãy chạy "
                "`ttdn migrate`."
            )
            % {"n": len(pending)}
        )
    return Summary(
        path=path,
        engine=engine,
        tables=len(counts),
        rows=sum(counts.values()),
        files=staged.files,
        files_size=staged.files_size,
        size=path.stat().st_size,
        seconds=time.monotonic() - started,
        notes=notes,
    )


def _check_migrations(applied: dict[str, list[str]]) -> None:
    """Refuse a backup from a newer TTĐN, whose tables this code does not know."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    backup = {(app, name) for app, names in applied.items() for name in names}
    unknown = sorted(backup - known)
    if unknown:
        raise BackupError(
            _(
                "Bản sao lưu được tạo bởi phiên bản TTĐN mới hơn (có migration lạ: %(names)s). "
                "Hãy cài phiên bản đó hoặc mới hơn rồi khôi phục."
            )
            % {"names": ", ".join(f"{app}.{name}" for app, name in unknown[:5])}
        )


def _pending_migrations(connection: BaseDatabaseWrapper) -> list[Any]:
    """Migrations the restored database still needs (`ttdn migrate`), as migrate sees them."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _check_alone(connection: BaseDatabaseWrapper) -> None:
    """pg_restore would wait, without end, for the locks that other sessions hold."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        others = cursor.fetchone()[0]
    if others:
        raise BackupError(
            _(
                "Có %(n)d kết nối khác đang dùng cơ sở dữ liệu đích (trang web, `ttdn worker`?): "
                "hãy dừng chúng rồi khôi phục lại."
            )
            % {"n": others}
        )


def _check_not_mounted(roots: dict[str, Path]) -> None:
    """Restore swaps each folder for a checked one beside it, which a mount point does not
    allow."""
    for root in roots.values():
        if os.path.ismount(root):
            raise BackupError(
                _(
                    "%(root)s là điểm gắn (mount point) của một ổ đĩa nên không thay được. Hãy "
                    "đặt thư mục này vào một thư mục con trên ổ đĩa đó (docs/deployment.md)."
                )
                % {"root": root}
            )


def _check_empty(connection: BaseDatabaseWrapper, roots: dict[str, Path]) -> None:
    tables = set(connection.introspection.table_names())
    held = []
    for model in (apps.get_model("orgunits", "OrgUnit"), get_user_model()):
        if model._meta.db_table in tables:
            count = model._default_manager.using(connection.alias).count()
            if count:
                held.append(f"{count} {model._meta.verbose_name_plural}")
    for key, root in roots.items():
        count = sum(1 for _path in _walk(root, SKIPPED.get(key, set())))
        if count:
            held.append(_("%(n)d tệp trong %(root)s") % {"n": count, "root": root})
    if held:
        raise BackupError(
            _(
                "Hệ thống đích đã có dữ liệu (%(held)s). Khôi phục sẽ thay toàn bộ dữ liệu này; "
                "nếu đúng là muốn vậy, hãy sao lưu nó trước rồi chạy lại với --force."
            )
            % {"held": ", ".join(held)}
        )


def _stage(
    tar: tarfile.TarFile,
    path: Path,
    manifest: dict[str, Any],
    roots: dict[str, Path],
    progress: Progress,
) -> _Staged:
    """Extract every member into folders beside its target, checking size and sha256."""
    database = manifest["database"]["member"]
    expected = {entry["name"]: entry for entry in [database, *manifest["files"]]}
    try:
        members = {m.name: m for m in tar.getmembers() if m.name != MANIFEST}
    except (tarfile.TarError, OSError) as error:
        raise _damaged(path, error) from error
    missing = sorted(set(expected) - set(members))
    if missing:
        raise _damaged(path, _("thiếu %(names)s") % {"names": ", ".join(missing[:5])})
    extra = sorted(set(members) - set(expected))
    if extra:
        raise _damaged(path, _("có tệp lạ %(names)s") % {"names": ", ".join(extra[:5])})
    stamp = f"{os.getpid()}-{int(time.time())}"
    scratch = Path(tempfile.mkdtemp(prefix=".ttdn-restore-", dir=settings.DATA_DIR))
    staged = _Staged(scratch=scratch, database=scratch / "database", folders={})
    try:
        for key, root in roots.items():
            root.parent.mkdir(parents=True, exist_ok=True)
            folder = root.with_name(f"{root.name}.restoring-{stamp}")
            folder.mkdir()
            staged.folders[key] = folder
        ticker = _Ticker(progress)
        _extract(tar, path, members[database["name"]], database, staged.database)
        progress(
            _("Cơ sở dữ liệu trong bản sao lưu: %(size)s, đúng mã kiểm tra.")
            % {"size": filesizeformat(database["size"])}
        )
        for entry in manifest["files"]:
            key, relative = _target(entry["name"])
            if key not in staged.folders:
                raise _damaged(path, entry["name"])
            target = staged.folders[key] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _extract(tar, path, members[entry["name"]], entry, target)
            staged.files += 1
            staged.files_size += entry["size"]
            ticker.tick(
                lambda: (
                    _("Đã kiểm tra %(n)d/%(total)d tệp …")
                    % {"n": staged.files, "total": len(manifest["files"])}
                )
            )
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        for folder in staged.folders.values():
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return staged


def _target(name: str) -> tuple[str, PurePosixPath]:
    """(root key, relative path) of a member under files/; anything that could leave its
    folder is refused."""
    parts = PurePosixPath(name).parts
    if (
        len(parts) < 3
        or parts[0] != "files"
        or name.startswith("/")
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in name
    ):
        raise BackupError(_("Tên tệp không hợp lệ trong bản sao lưu: %(name)s") % {"name": name})
    return parts[1], PurePosixPath(*parts[2:])


def _extract(
    tar: tarfile.TarFile, path: Path, member: tarfile.TarInfo, entry: dict, target: Path
) -> None:
    if not member.isreg():
        raise _damaged(path, member.name)
    digest = hashlib.sha256()
    size = 0
    try:
        source = tar.extractfile(member)
        assert source is not None
        with target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except (tarfile.TarError, OSError) as error:
        raise _damaged(path, error) from error
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            _(
                "Sai mã kiểm tra (sha256) của %(name)s trong bản sao lưu: tệp đã bị thay đổi "
                "hoặc hỏng. Không có gì bị thay đổi trên hệ thống này."
            )
            % {"name": member.name}
        )


def _gunzip(path: Path, packed: Path) -> Path:
    plain = packed.with_name(packed.name + ".sqlite3")
    try:
        with gzip.open(packed, "rb") as source, plain.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)
    except (OSError, EOFError, zlib.error) as error:
        raise _damaged(path, error) from error
    packed.unlink()
    return plain


def _check_sqlite_copy(copy: Path, tables: dict[str, int]) -> None:
    try:
        db = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
            counts = _sqlite_counts(db)
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        problems, counts = [str(error)], {}
    if problems != ["ok"] or counts != tables:
        raise BackupError(
            _("Bản sao cơ sở dữ liệu trong tệp sao lưu bị hỏng (%(error)s).")
            % {"error": "; ".join(problems[:3]) if problems != ["ok"] else _("số dòng khác")}
        )


def _check_pg_dump(connection: BaseDatabaseWrapper, dump: Path, made_by: str) -> None:
    """pg_restore can read the dump: at least as new as the server and as the pg_dump
    that made it, and the dump's table of contents is whole."""
    connection.ensure_connection()
    server = _pg_version(connection) // 10000
    pg_restore = pg_tool("pg_restore", server)
    dumped = int(made_by.split(".")[0]) if made_by[:1].isdigit() else 0
    _check_client(pg_restore, max(server, dumped))
    _run([pg_restore, "--list", str(dump)], connection, "pg_restore")


def _load_sqlite(connection: BaseDatabaseWrapper, copy: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        # One step: the target holds the old database or the new one, never a mixture.
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            _("Không nạp được cơ sở dữ liệu (%(error)s); dữ liệu cũ vẫn nguyên.") % {"error": error}
        ) from error
    finally:
        source.close()


def _load_postgresql(connection: BaseDatabaseWrapper, dump: Path) -> None:
    pg_restore = pg_tool("pg_restore", _pg_version(connection) // 10000)
    connection.close()  # our own connection must not hold locks on the tables replaced
    _run(
        [
            pg_restore,
            "--single-transaction",  # all of it or, on the first error, nothing
            "--exit-on-error",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--no-password",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        connection,
        "pg_restore",
    )


def _swap_folders(roots: dict[str, Path], staged: dict[str, Path]) -> dict[str, Path]:
    """Put the checked folders in place; returns where the previous ones went."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    aside: dict[str, Path] = {}
    try:
        for key, root in roots.items():
            if root.exists():
                aside[key] = root.with_name(f"{root.name}.before-restore-{stamp}")
                root.rename(aside[key])
            staged[key].rename(root)
    except OSError as error:
        _swap_back(roots, staged, aside)
        raise BackupError(
            _("Không thay được thư mục %(root)s (%(error)s); dữ liệu cũ vẫn nguyên.")
            % {"root": error.filename or "", "error": error.strerror or error}
        ) from error
    return aside


def _swap_back(roots: dict[str, Path], staged: dict[str, Path], aside: dict[str, Path]) -> None:
    for key, root in roots.items():
        if key in aside and aside[key].exists():
            if root.exists():
                root.rename(staged[key])
            aside[key].rename(root)
        elif not staged[key].exists() and root.exists():
            root.rename(staged[key])


def _keep_or_drop(aside: dict[str, Path]) -> list[str]:
    """Previous folders that held files stay beside the new ones, for the administrator
    to delete; empty ones go."""
    notes = []
    for folder in aside.values():
        if any(path.is_file() for path in folder.rglob("*")):
            notes.append(
                _("Các tệp trước khi khôi phục được giữ ở %(folder)s; hãy xóa khi không cần.")
                % {"folder": folder}
            )
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return notes


def _counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Rows per table of the database ``connection`` talks to."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            names = _sqlite_tables(connection.connection)
        else:
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
            )
            names = {name for (name,) in cursor.fetchall()}
        counts = {}
        for name in sorted(names):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts
