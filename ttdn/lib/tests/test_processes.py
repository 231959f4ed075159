"""Programs run contained leave no process behind, whatever way they end."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ttdn.lib.processes import (
    ProgramTimedOut,
    processes_mentioning,
    run_contained,
    scratch_dir,
    sweep_scratch,
)


def _members(pgid: int, *, zombies: bool = False) -> list[int]:
    """Processes of the process group ``pgid``: live ones, and zombies if asked."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and (zombies or fields[0] not in ("Z", "X")):
            found.append(int(entry.name))
    return found


def _assert_gone(pgid: int) -> None:
    assert _members(pgid) == []
    # Killed grandchildren stay zombies until init reaps them; then the kernel agrees.
    deadline = time.monotonic() + 5
    while _members(pgid, zombies=True) and time.monotonic() < deadline:
        time.sleep(0.05)
    if not _members(pgid, zombies=True):
        with pytest.raises(ProcessLookupError):
            os.killpg(pgid, 0)


def _script(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "program"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_a_program_past_its_time_limit_is_killed_with_its_grandchildren(tmp_path):
    pids = tmp_path / "pids"
    # The program forks a child that forks a grandchild, as soffice → oosplash → soffice.bin.
    program = _script(
        tmp_path, 'echo $$ > "$1"\n( sleep 300 & echo $! >> "$1"; wait ) &\nsleep 300'
    )
    with pytest.raises(ProgramTimedOut):
        run_contained([str(program), str(pids)], timeout=1)
    pgid, *descendants = (int(line) for line in pids.read_text().split())
    assert descendants, "the grandchild never started"
    _assert_gone(pgid)


def test_a_program_that_exits_leaves_no_background_child(tmp_path):
    pids = tmp_path / "pids"
    program = _script(tmp_path, 'echo $$ > "$1"\nsleep 300 >/dev/null 2>&1 &\necho $! >> "$1"')
    finished = run_contained([str(program), str(pids)], timeout=10)
    assert finished.returncode == 0
    pgid, child = (int(line) for line in pids.read_text().split())
    assert child != pgid
    _assert_gone(pgid)


def test_the_memory_limit_holds_for_the_program():
    command = [sys.executable, "-c", "bytearray(400 * 1024 * 1024)"]
    finished = run_contained(command, timeout=30, memory_mb=200)
    assert finished.returncode != 0
    assert "MemoryError" in finished.output
    assert run_contained(command, timeout=30).returncode == 0


def test_the_cpu_limit_stops_a_busy_program():
    finished = run_contained(["/bin/sh", "-c", "while :; do :; done"], timeout=30, cpu_seconds=1)
    assert finished.returncode != 0


def test_sweeping_removes_a_dead_owners_folder_and_what_still_runs_there(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = tmp_path / f"ttdn-lo-{dead.pid}-abc123"
    (left / "profile").mkdir(parents=True)
    # A program left running by the dead owner, its folder on the command line.
    orphan = subprocess.Popen(
        ["/bin/sh", "-c", "sleep 300; exit 0", str(left)], start_new_session=True
    )
    mine = scratch_dir("lo")
    try:
        deadline = time.monotonic() + 5  # /proc shows the command line once exec is done
        while not processes_mentioning(str(left)) and time.monotonic() < deadline:
            time.sleep(0.01)
        # The shell's child may still carry its command line for a moment before its exec.
        assert orphan.pid in processes_mentioning(str(left))
        assert sweep_scratch() == 1
        assert orphan.wait(timeout=10) != 0
        _assert_gone(orphan.pid)  # its sleep too, which does not name the folder
        assert not left.exists()
        assert mine.exists(), "a live owner's folder is kept"
    finally:
        if orphan.poll() is None:
            orphan.kill()
            orphan.wait()
