"""Concurrent writers, a kill -9 in the middle of a write and a tree edit during writes:
afterwards the subtree sums always equal a fresh sum of the values (`ttdn rollup verify`).

Each test runs real processes against a database of its own, of the kind the suite runs
on: a SQLite file, or a fresh PostgreSQL database when the suite runs on PostgreSQL.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

WRITER = str(Path(__file__).with_name("writer.py"))
ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from django.contrib.auth import get_user_model
from ttdn.orgunits.models import OrgUnit
get_user_model().objects.create_superuser("quantri", password="x-Mat-khau-1")
a = OrgUnit(code="A", name="Tỉnh A", kind="province"); a.save()
b = OrgUnit(code="B", name="Tỉnh B", kind="province"); b.save()
for code, parent in [("A1", a), ("A2", a), ("B1", b)]:
    OrgUnit(code=code, name="Xã " + code, kind="commune", parent=parent).save()
"""


def postgres_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def backend() -> str:
    return "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("faults")
    kind = backend()
    if kind == "postgres":
        if not postgres_up():
            pytest.fail("the suite runs on PostgreSQL but none answers on 127.0.0.1:5432")
        import psycopg

        name = f"ttdn_faults_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'faults.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "ttdn.settings",
        "TTDN_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    ttdn(env, "migrate", "-v0")
    ttdn(env, "shell", "-c", SETUP)
    yield env
    if kind == "postgres":
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def ttdn(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "ttdn.cli", *args],
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=300,
    )


def writer(env, *args):
    return subprocess.Popen(
        [sys.executable, WRITER, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def verify(env):
    result = ttdn(env, "rollup", "verify", check=False)
    assert result.returncode == 0, result.stderr[-3000:]


def test_concurrent_writes_to_the_same_unit_are_never_double_counted(database):
    procs = [writer(database, "save", "A1", str(seed), "25") for seed in range(3)]
    procs.append(writer(database, "save", "A2", "9", "25"))
    for proc in procs:
        _out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
    verify(database)


def test_a_kill_in_the_middle_of_writing_leaves_the_sums_consistent(database):
    proc = writer(database, "save", "A1", "1", "100000")
    deadline = time.monotonic() + 60
    written = 0
    while written < 30 and time.monotonic() < deadline:  # let it get well under way
        line = proc.stdout.readline()
        written = int(line) if line.strip().isdigit() else written
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert written >= 30
    verify(database)


def test_moving_a_commune_while_others_write_keeps_the_sums_consistent(database):
    procs = [
        writer(database, "save", "A1", "3", "25"),
        writer(database, "save", "B1", "4", "25"),
        writer(database, "move", "A1", "B", "A", "10"),
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
    verify(database)


def test_reports_issued_at_the_same_moment_never_share_a_number(database, tmp_path):
    """Four `ttdn report --issued-on` at once for one unit: numbers 1–4, each once."""
    env = {**database, "PATH": str(Path(sys.executable).parent)}  # no LibreOffice: no PDF
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ttdn.cli",
                "report",
                "--unit",
                "A",
                "--period",
                "2024S1",
                "--issued-on",
                "2024-07-03",
                "--out",
                str(tmp_path / f"out{i}"),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(4)
    ]
    numbers = []
    for proc in procs:
        _out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
        numbers.append(err.split("Báo cáo số ")[1].split(".")[0])
    assert sorted(numbers) == ["01/BC-UBND", "02/BC-UBND", "03/BC-UBND", "04/BC-UBND"]
    taken = ttdn(database, "report", "--unit", "A", "--period", "2024S1", "--number", "3",
                 "--issued-on", "2024-08-01", "--out", str(tmp_path / "again"), check=False)  # fmt: skip
    assert taken.returncode != 0
    assert "Số 03/BC-UBND đã dùng cho báo cáo" in taken.stderr
