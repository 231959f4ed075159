"""Shared pieces of the benchmarks: the databases to measure on, the national data set,
and running a measurement in a child process configured for one database."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-out"
SQLITE_NATIONAL = OUT / "national.sqlite3"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NATIONAL = "postgres://postgres@127.0.0.1:5432/ttdn_bench"


def postgres_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def backends() -> list[tuple[str, str]]:
    """(name, DATABASE_URL) of every database this machine can measure on."""
    OUT.mkdir(exist_ok=True)
    found = [("SQLite", f"sqlite:///{SQLITE_NATIONAL}")]
    if postgres_up():
        found.append(("PostgreSQL", PG_NATIONAL))
    return found


def env_for(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "ttdn.settings",
        "TTDN_DATA_DIR": str(OUT),
        "PYTHONPATH": str(ROOT),
    }


def ttdn(url: str, *args: str, check: bool = True, timeout: int = 3600):
    return subprocess.run(
        [sys.executable, "-m", "ttdn.cli", *args],
        env=env_for(url),
        check=check,
        timeout=timeout,
        text=True,
        capture_output=True,
    )


def ensure_national(url: str) -> None:
    """Load ``ttdn demo --scale national`` into the bench database once."""
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'ttdn_bench'"
            ).fetchone()
            if not exists:
                conn.execute("CREATE DATABASE ttdn_bench")
    ttdn(url, "migrate", "-v0")
    # The data set of an older version (without derived periods, or on generated place
    # names rather than the real tree) is loaded again.
    counts = (
        ttdn(
            url,
            "shell",
            "-c",
            "from ttdn.orgunits.models import OrgUnit; from ttdn.indicators.models import "
            "DataValue; print(OrgUnit.objects.count(), "
            "int(DataValue.objects.filter(derived=True).exists()), "
            "int(OrgUnit.objects.filter(code='VN63-01').exists()))",
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    count, has_derived, real_tree = (int(n) for n in counts.split())
    if count < 5000 or not has_derived or not real_tree:
        print(f"  loading the national data set into {url} (several minutes) …", flush=True)
        started = time.perf_counter()
        ttdn(
            url,
            "demo",
            "--scale",
            "national",
            "--replace",
            "--password",
            "Bench-mat-khau-2024",
            "-v0",
        )
        print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    if url.startswith("postgres"):
        # Index-only scans need the visibility map that VACUUM writes; in production
        # autovacuum keeps it, right after a bulk load it is not there yet.
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE indicators_datavalue")
            conn.execute("VACUUM ANALYZE indicators_rollupvalue")


def child(module: str, url: str, *args: str, timeout: int = 3600) -> dict:
    """Run ``python -m module --measure url args`` and return the JSON it prints last."""
    proc = subprocess.run(
        [sys.executable, "-m", module, "--measure", url, *args],
        env=env_for(url),
        text=True,
        capture_output=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def setup_django(url: str) -> None:
    os.environ.update(env_for(url))
    import django

    django.setup()


def percentile(ordered: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the sorted sample ``ordered`` lies."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def timed(func: Callable[[], object], repeat: int = 15, warmup: int = 2) -> dict:
    """Median and p95 of ``repeat`` calls, in milliseconds."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
    }


def table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
