"""`ttdn backup` and `ttdn restore` (ttdn/backup.py), on the engine the suite runs on.

The round trip fills an instance with the demonstration data, imported documents and
evidence files, backs it up while the site could run, restores into an empty instance of
its own (a second SQLite file, or a second PostgreSQL database made for the test) with
the command an administrator would type, and compares what people would see.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from ttdn import backup as backups
from ttdn.testing import make_unit

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "tests" / "data" / "samples"
QUERIES = ["thông tin đối ngoại", "hop bao", "Hà Nam", "du lịch biển Quy Nhơn"]


def fingerprint() -> dict:
    """What a restored instance must give back: rows per table, consolidated totals,
    search results, and the sha256 of every stored file."""
    from ttdn.archive import storage
    from ttdn.indicators.services import subtree_totals
    from ttdn.lib.periods import parse_period_id
    from ttdn.orgunits.models import OrgUnit
    from ttdn.search.services import search

    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            rows[table] = cursor.fetchone()[0]
    totals = {}
    for code in ("VN", "BDI", "NBH", "BDI-QN"):
        unit = OrgUnit.objects.get(code=code)
        for period in ("2024S1", "2024", "2025Q1"):
            result = subtree_totals(unit, parse_period_id(period))
            totals[f"{code} {period}"] = sorted(
                [
                    row.indicator.code,
                    row.option,
                    str(row.total),
                    str(row.previous),
                    row.reporting_units,
                ]
                for row in result.rows
            )
    found = {}
    for query in QUERIES:
        result = search(None, query, limit=50)
        found[query] = [
            result.total,
            [(h.entry.kind, h.entry.object_id, str(h.title)) for h in result.hits],
        ]
    files = {}
    for name, root in (("archive", storage.archive_root()), ("media", Path(settings.MEDIA_ROOT))):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            files[f"{name}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return json.loads(json.dumps({"rows": rows, "totals": totals, "search": found, "files": files}))


@pytest.fixture
def folders(tmp_path, settings):
    """The source instance's file folders, private to the test."""
    settings.ARCHIVE_ROOT = tmp_path / "source" / "archive"
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    return tmp_path


# What the migrations load: the indicator catalogue and the report forms.
MIGRATION_DATA = [
    ("ttdn.indicators.migrations.0002_default_catalogue", "load"),
    ("ttdn.indicators.migrations.0005_derived_values_and_estimates", "not_additive"),
    ("ttdn.reporting.migrations.0003_default_forms", "load"),
    ("ttdn.reporting.migrations.0005_report_drafts_and_register", "forward"),
]


def fill() -> None:
    """The demonstration data with originals, evidence files and a live session."""
    from django.apps import apps

    from ttdn.activities.models import Activity
    from ttdn.indicators.models import Indicator

    if not Indicator.objects.exists():  # another transactional test emptied the database
        for module, function in MIGRATION_DATA:
            getattr(importlib.import_module(module), function)(apps, None)
    call_command("demo", password="Mat-khau-thu-2024", verbosity=0)
    call_command(
        "import",
        str(SAMPLES / "ha-nam-6-thang-dau-2022.txt"),
        str(SAMPLES / "tuy-phuoc-nam-2022.txt"),
        unit="BDI",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    for number, activity in enumerate(Activity.objects.order_by("pk")[:3]):
        activity.evidence_file.save(
            f"bien-ban-{number}.pdf", ContentFile(b"%PDF-1.4 minh chung " + os.urandom(2000))
        )
    session = SessionStore()
    session["_auth_user_id"] = "1"
    session.create()


def run_ttdn(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ttdn.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def empty_instance(tmp_path: Path) -> tuple[dict[str, str], Callable[[], None]]:
    """The environment of an empty instance on the suite's engine, and how to drop it."""
    data = tmp_path / "target"
    data.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TTDN_ARCHIVE_ROOT", "TTDN_MEDIA_ROOT", "TTDN_DATA_DIR"}
    }
    env.update(
        PYTHONPATH=str(REPO), TTDN_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="ttdn.settings"
    )
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{data / 'ttdn.sqlite3'}"
        return env, lambda: None
    given = connection.settings_dict
    name = f"{given['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{given['PASSWORD']}" if given.get("PASSWORD") else ""
    env["DATABASE_URL"] = (
        f"postgres://{given['USER']}{password}@{given['HOST'] or '127.0.0.1'}:{given['PORT'] or 5432}/{name}"
    )

    def drop() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return env, drop


def need_pg_tools() -> None:
    if connection.vendor == "postgresql":
        for tool in ("pg_dump", "pg_restore"):
            if backups.shutil.which(tool) is None:
                pytest.skip(f"{tool} is not installed (Debian: apt-get install postgresql-client)")


@pytest.mark.django_db(transaction=True)
def test_a_restored_instance_gives_back_the_same_rows_totals_search_results_and_files(folders):
    need_pg_tools()
    fill()
    before = fingerprint()
    assert before["rows"]["django_session"] == 1
    assert len([f for f in before["files"] if f.startswith("archive/")]) == 2
    assert len([f for f in before["files"] if f.startswith("media/")]) == 3
    assert all(before["search"][q][0] for q in QUERIES), before["search"]
    assert before["totals"]["VN 2024S1"] and before["totals"]["BDI 2024"]
    (folders / "source" / "archive" / "incoming" / "half-checked").mkdir(parents=True)
    (folders / "source" / "archive" / "incoming" / "half-checked" / "upload.txt").write_text("x")

    out = io.StringIO()
    call_command("backup", out=str(folders), stdout=out)
    [made] = folders.glob("ttdn-*.tar")
    assert f"Đã sao lưu vào {made}" in out.getvalue()
    assert oct(made.stat().st_mode & 0o777) == "0o600"
    manifest = backups.read_manifest(made)
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["database"]["tables"]["django_session"] == 0
    assert {"orgunits", "reporting", "archive"} <= set(manifest["database"]["migrations"])
    assert not any("incoming" in f["name"] for f in manifest["files"])
    # The live site keeps its sessions: only the copy is without them.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_session")
        assert cursor.fetchone()[0] == 1

    env, drop = empty_instance(folders)
    try:
        restored = run_ttdn("restore", str(made), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "Đã khôi phục" in restored.stdout
        script = "import django, json; django.setup(); from tests.test_backup import fingerprint; print(json.dumps(fingerprint()))"
        after = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        after = json.loads(after.stdout)
    finally:
        drop()

    expected = {**before, "rows": {**before["rows"], "django_session": 0}}
    assert after["rows"] == expected["rows"]
    assert after["totals"] == expected["totals"]
    assert after["search"] == expected["search"]
    assert after["files"] == expected["files"]


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_holds_one_moment_while_people_write(folders, monkeypatch):
    """Units written while pg_dump runs are neither in the dump nor in its row counts,
    and the dump restores with the counts the manifest gives."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's backup API copies in one step")
    need_pg_tools()
    from ttdn.orgunits.models import OrgUnit

    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    run = backups._run

    def writing_meanwhile(command, *args):
        if "pg_dump" in command[0]:
            for number in range(5):  # committed at once: the test runs in autocommit
                make_unit(f"BDI-{number}", f"Xã {number}", "commune", province)
        run(command, *args)

    monkeypatch.setattr(backups, "_run", writing_meanwhile)
    call_command("backup", out=str(folders / "live.tar"), verbosity=0)
    monkeypatch.undo()
    assert OrgUnit.objects.count() == 6
    manifest = backups.read_manifest(folders / "live.tar")
    assert manifest["database"]["tables"][OrgUnit._meta.db_table] == 1

    env, drop = empty_instance(folders)
    try:
        restored = run_ttdn("restore", str(folders / "live.tar"), env=env)
        assert restored.returncode == 0, restored.stderr
        units = run_ttdn(
            "shell",
            "-c",
            "from ttdn.orgunits.models import OrgUnit; print(OrgUnit.objects.count())",
            env=env,
        )
    finally:
        drop()
    assert units.stdout.strip().splitlines()[-1] == "1"


# Refusals ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_backup_refuses_a_place_it_would_copy_into_itself_or_that_does_not_exist(folders):
    inside = Path(settings.MEDIA_ROOT) / "backups"
    inside.mkdir(parents=True)
    with pytest.raises(CommandError, match="Không đặt bản sao lưu trong thư mục được sao lưu"):
        call_command("backup", out=str(inside), verbosity=0)
    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command("backup", out=str(folders / "nowhere" / "x.tar"), verbosity=0)
    assert list(inside.iterdir()) == []


@pytest.fixture
def small_backup(folders) -> Path:
    """A backup of a small instance: two units, one original, one evidence file."""
    need_pg_tools()
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    original = Path(settings.ARCHIVE_ROOT) / "2025" / "01" / "a.txt"
    original.parent.mkdir(parents=True)
    original.write_text("Báo cáo công tác thông tin đối ngoại")
    evidence = Path(settings.MEDIA_ROOT) / "evidence" / "BDI" / "anh.jpg"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"\xff\xd8" + os.urandom(500))
    path = folders / "small.tar"
    call_command("backup", out=str(path), verbosity=0)
    return path


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes], manifest=None):
    """A copy of a backup with member contents changed (and the manifest, when given a
    function to change it)."""
    with tarfile.open(source) as tar, tarfile.open(target, "w") as out:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            data = change(member.name, data)
            if member.name == backups.MANIFEST and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


def state() -> tuple[list[str], list[str]]:
    """Unit codes and stored files of the target, to see it unchanged."""
    from ttdn.orgunits.models import OrgUnit

    files = [
        str(p.relative_to(root))
        for root in (Path(settings.ARCHIVE_ROOT), Path(settings.MEDIA_ROOT))
        for p in sorted(root.rglob("*"))
        if p.is_file()
    ]
    return sorted(OrgUnit.objects.values_list("code", flat=True)), files


def leftovers(folders: Path) -> list[str]:
    return [p.name for p in (folders / "source").iterdir() if "restoring" in p.name] + [
        p.name for p in Path(settings.DATA_DIR).glob(".ttdn-restore-*")
    ]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_file_that_is_not_a_backup(folders):
    junk = folders / "junk.tar"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(CommandError, match="không phải là tệp sao lưu TTĐN"):
        call_command("restore", str(junk), force=True, verbosity=0)
    with pytest.raises(CommandError, match="Không có tệp sao lưu"):
        call_command("restore", str(folders / "missing.tar"), force=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_truncated_backup_and_changes_nothing(folders, small_backup):
    make_unit("HNA", "Tỉnh Hà Nam", "province")
    before = state()
    cut = folders / "cut.tar"
    cut.write_bytes(small_backup.read_bytes()[: small_backup.stat().st_size // 2])
    with pytest.raises(CommandError, match="bị cắt cụt hoặc hỏng"):
        call_command("restore", str(cut), force=True, verbosity=0)
    assert state() == before
    assert leftovers(folders) == []


@pytest.mark.django_db(transaction=True)
def test_restore_names_the_file_whose_checksum_does_not_match_and_changes_nothing(
    folders, small_backup
):
    make_unit("HNA", "Tỉnh Hà Nam", "province")
    before = state()
    name = "files/media/evidence/BDI/anh.jpg"
    changed = rewrite(
        small_backup,
        folders / "changed.tar",
        lambda member, data: data[:-1] + bytes([data[-1] ^ 1]) if member == name else data,
    )
    with pytest.raises(CommandError, match=f"Sai mã kiểm tra \\(sha256\\) của {name}"):
        call_command("restore", str(changed), force=True, verbosity=0)
    assert state() == before
    assert leftovers(folders) == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_member_that_would_land_outside_its_folder(folders, small_backup):
    escape = "files/media/../../escaped.txt"
    sneaky = folders / "sneaky.tar"
    with tarfile.open(small_backup) as tar, tarfile.open(sneaky, "w") as out:
        manifest = json.loads(tar.extractfile(backups.MANIFEST).read())
        manifest["files"].append(
            {"name": escape, "size": 1, "sha256": hashlib.sha256(b"x").hexdigest()}
        )
        for member in tar.getmembers():
            if member.name != backups.MANIFEST:
                out.addfile(member, tar.extractfile(member))
        for name, data in ((escape, b"x"), (backups.MANIFEST, json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="Tên tệp không hợp lệ"):
        call_command("restore", str(sneaky), force=True, verbosity=0)
    assert not (folders / "escaped.txt").exists()
    assert not (folders / "source" / "escaped.txt").exists()
    assert leftovers(folders) == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_the_other_engine(folders, small_backup):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def engine(manifest):
        manifest["database"]["engine"] = other
        return manifest

    foreign = rewrite(small_backup, folders / "other.tar", lambda m, d: d, manifest=engine)
    with pytest.raises(CommandError, match=f"Bản sao lưu là của {other}"):
        call_command("restore", str(foreign), force=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_an_older_version_restores_and_asks_for_migrate(folders):
    need_pg_tools()
    make_unit("BDI", "Tỉnh Bình Định", "province")
    # As if made before the latest archive migration.
    recorded = MigrationRecorder.Migration.objects.filter(app="archive").order_by("-name")
    latest = recorded.first()
    latest.delete()
    try:
        call_command("backup", out=str(folders / "older.tar"), verbosity=0)
        err = io.StringIO()
        call_command(
            "restore", str(folders / "older.tar"), force=True, stdout=io.StringIO(), stderr=err
        )
    finally:
        MigrationRecorder.Migration.objects.get_or_create(app="archive", name=latest.name)
    assert "(1 migration chưa áp dụng): hãy chạy `ttdn migrate`" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_from_a_newer_version(folders, small_backup):
    def newer(manifest):
        manifest["database"]["migrations"]["orgunits"].append("9999_from_the_future")
        return manifest

    future = rewrite(small_backup, folders / "future.tar", lambda m, d: d, manifest=newer)
    with pytest.raises(CommandError, match="orgunits.9999_from_the_future"):
        call_command("restore", str(future), force=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_restore_over_data_needs_force_and_then_replaces_it(folders, small_backup):
    make_unit("HNA", "Tỉnh Hà Nam", "province")
    extra = Path(settings.MEDIA_ROOT) / "evidence" / "HNA" / "later.pdf"
    extra.parent.mkdir(parents=True)
    extra.write_bytes(b"%PDF later")
    before = state()
    with pytest.raises(CommandError, match=r"Hệ thống đích đã có dữ liệu \(3 đơn vị.*--force"):
        call_command("restore", str(small_backup), verbosity=0)
    assert state() == before

    out, err = io.StringIO(), io.StringIO()
    call_command("restore", str(small_backup), force=True, stdout=out, stderr=err)
    assert state() == (["BDI", "BDI-QN"], ["2025/01/a.txt", "evidence/BDI/anh.jpg"])
    assert "Đã khôi phục từ" in out.getvalue()
    # The files the restore replaced are kept aside, and the administrator told where.
    [aside] = (folders / "source").glob("media.before-restore-*")
    assert (aside / "evidence" / "HNA" / "later.pdf").read_bytes() == b"%PDF later"
    assert str(aside) in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_tables_the_backup_does_not_know_are_gone_or_named(folders, small_backup):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE extra_leftover (id integer)")
    err = io.StringIO()
    call_command("restore", str(small_backup), force=True, stdout=io.StringIO(), stderr=err)
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS extra_leftover")
    if connection.vendor == "sqlite":  # the whole file is replaced
        assert "extra_leftover" not in tables
    else:  # pg_restore --clean drops what the dump holds, nothing else
        assert "extra_leftover" in tables
        assert "không có trong bản sao lưu: extra_leftover" in err.getvalue()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["flipped", "cut"])
def test_a_database_copy_that_will_not_load_leaves_the_target_as_it_was(folders, small_backup, how):
    """The checksums match (the copy was damaged before they were taken): the copy itself
    must be found wanting — by gzip or SQLite's integrity check, or by pg_restore, which
    gives up inside its one transaction."""
    make_unit("HNA", "Tỉnh Hà Nam", "province")
    before = state()
    member = backups.DATABASE_MEMBERS[connection.vendor]
    sizes = {}

    def spoil(data: bytes) -> bytes:
        # Keep the header readable; on PostgreSQL flip only the last data blocks (the
        # table of contents comes first), so that pg_restore --list passes and the load
        # itself fails.
        keep = len(data) * (99 if connection.vendor == "postgresql" else 50) // 100
        if how == "cut":
            return data[: len(data) // 2]
        return data[:keep] + bytes(b ^ 0x5A for b in data[keep:])

    def damage(name, data):
        if name != member:
            return data
        if connection.vendor == "sqlite" and how == "flipped":
            damaged = gzip.compress(spoil(gzip.decompress(data)))
        else:
            damaged = spoil(data)
        sizes["sha256"], sizes["size"] = hashlib.sha256(damaged).hexdigest(), len(damaged)
        return damaged

    def matching(manifest):
        manifest["database"]["member"].update(sizes)
        return manifest

    broken = rewrite(small_backup, folders / "broken.tar", damage, manifest=matching)
    message = {
        ("sqlite", "flipped"): "cơ sở dữ liệu trong tệp sao lưu bị hỏng",
        ("sqlite", "cut"): "bị cắt cụt hoặc hỏng",
    }.get((connection.vendor, how), "pg_restore thất bại")
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(broken), force=True, verbosity=0)
    assert state() == before
    assert leftovers(folders) == []
    assert not list((folders / "source").glob("*.before-restore-*"))


@pytest.mark.django_db(transaction=True)
def test_when_loading_fails_the_previous_files_are_put_back(folders, small_backup, monkeypatch):
    make_unit("HNA", "Tỉnh Hà Nam", "province")
    extra = Path(settings.ARCHIVE_ROOT) / "2025" / "02" / "later.txt"
    extra.parent.mkdir(parents=True)
    extra.write_text("later")
    before = state()

    def refuse(connection, copy):
        raise backups.BackupError("the disk is full")

    monkeypatch.setattr(backups, f"_load_{connection.vendor}", refuse)
    with pytest.raises(CommandError, match="the disk is full"):
        call_command("restore", str(small_backup), force=True, verbosity=0)
    assert state() == before
    assert leftovers(folders) == []
    assert not list((folders / "source").glob("*.before-restore-*"))


@pytest.mark.django_db(transaction=True)
def test_restore_on_postgresql_waits_for_no_one_and_says_who_must_stop(folders, small_backup):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's backup API waits for writers itself")
    make_unit("HNA", "Tỉnh Hà Nam", "province")
    before = state()
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        with pytest.raises(CommandError, match="Có 1 kết nối khác"):
            call_command("restore", str(small_backup), force=True, verbosity=0)
    finally:
        other.close()
    assert state() == before


# PostgreSQL's client tools ---------------------------------------------------------------


def test_a_missing_pg_dump_names_the_package_to_install(monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(backups.BackupError, match="apt-get install postgresql-client-15"):
        backups.pg_tool("pg_dump", 15)


def test_a_pg_dump_older_than_the_server_is_refused_with_the_package_to_install(tmp_path):
    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.16 (Debian 13.16-0+deb11u1)'\n")
    old.chmod(0o755)
    with pytest.raises(
        backups.BackupError, match="13.16 cũ hơn PostgreSQL 15.*postgresql-client-15"
    ):
        backups._check_client(str(old), 15)
    assert backups._check_client(str(old), 13) == "13.16"


def test_a_client_tool_that_crashes_says_the_file_may_be_damaged():
    # pg_restore 15 dies of SIGSEGV on some damaged tables of contents, saying nothing.
    with pytest.raises(backups.BackupError, match="tín hiệu 11.*tệp có thể bị hỏng"):
        backups._run(["sh", "-c", "kill -SEGV $$"], connection, "pg_restore")
