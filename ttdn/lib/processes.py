"""Outside programs run so that none of them outlives its time limit.

LibreOffice's ``soffice`` is a shell script that starts ``oosplash``, which starts
``soffice.bin``: killing the process one started leaves soffice.bin running at full CPU.
A program run here gets a session (and so a process group) of its own, an address-space
and a CPU-time limit set with ``ulimit`` by a ``/bin/sh`` that then ``exec``s it (every
descendant inherits them; nothing runs in Python between fork and exec, so threads are
safe), and its whole group is killed on timeout, on any error in the caller, and after
it exits, since a launcher can leave a child behind.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class ProgramTimedOut(Exception):
    """The program ran past its time limit; its whole process group was killed."""

    def __init__(self, timeout: float, output: str = "") -> None:
        super().__init__(f"stopped after {timeout:g} s")
        self.timeout = timeout
        self.output = output


@dataclass(frozen=True)
class Finished:
    returncode: int
    output: str  # stdout and stderr together, decoded leniently


def _ceiling(limit: int, which: int) -> int:
    """``limit``, or this process's own hard limit when lower: a child cannot raise it."""
    hard = resource.getrlimit(which)[1]
    return limit if hard == resource.RLIM_INFINITY else min(limit, hard)


def limited(command: Sequence[str], *, memory_mb: int | None, cpu_seconds: int | None) -> list[str]:
    """``command`` behind a shell that sets its memory and CPU limits, then execs it."""
    settings = []
    if memory_mb:
        kb = _ceiling(memory_mb * 1024 * 1024, resource.RLIMIT_AS) // 1024
        settings.append(f"ulimit -v {kb}")
    if cpu_seconds:
        settings.append(f"ulimit -t {_ceiling(cpu_seconds, resource.RLIMIT_CPU)}")
    if not settings:
        return list(command)
    script = " && ".join([*settings, 'exec "$@"'])
    return ["/bin/sh", "-c", script, "sh", *command]


def _group_running(pgid: int) -> bool:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def kill_group(pgid: int, wait: float = 5.0) -> None:
    """SIGKILL to every process of the group, and wait (up to ``wait`` seconds) until
    none is running; nothing when it is gone already."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + wait
    while _group_running(pgid) and time.monotonic() < deadline:
        time.sleep(0.01)


def run_contained(
    command: Sequence[str],
    *,
    timeout: float,
    memory_mb: int | None = None,
    cpu_seconds: int | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> Finished:
    """Run ``command`` to its end within the limits; raises ProgramTimedOut, or OSError
    when it cannot start. No process of its group is left when this returns or raises."""
    process = subprocess.Popen(
        limited(command, memory_mb=memory_mb, cpu_seconds=cpu_seconds),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        start_new_session=True,
    )
    try:
        try:
            # Reads to end of file: a grandchild holding the pipe keeps this waiting, and
            # the time limit covers it too.
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process.pid)
            try:
                output, _ = process.communicate(timeout=5)
            except subprocess.TimeoutExpired:  # a process outside the group holds the pipe
                output = b""
            raise ProgramTimedOut(timeout, output.decode("utf-8", "replace")) from None
    finally:
        kill_group(process.pid)
        if process.poll() is None:  # interrupted before the program ended
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    return Finished(process.returncode, output.decode("utf-8", "replace"))


# Scratch folders ---------------------------------------------------------------------
# Named ttdn-<what>-<owner pid>-<random> in the temporary folder, so that what a killed
# process left (a LibreOffice profile, a converted copy, a program still running with
# the folder on its command line) can be found and removed once its owner is gone.
_SCRATCH_PREFIX = "ttdn-"


def scratch_dir(what: str) -> Path:
    """A new private folder for one conversion; the caller removes it when done."""
    return Path(tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{what}-{os.getpid()}-"))


def _owner(folder: Path) -> int | None:
    parts = folder.name.split("-")
    if len(parts) < 4 or not parts[2].isdigit():
        return None
    return int(parts[2])


def _is_running(pid: int) -> bool:
    """True for a live process; a zombie waiting to be reaped is not running."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (Linux /proc)."""
    found = []
    needle = text.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in cmdline and _is_running(int(entry.name)):
            found.append(int(entry.name))
    return found


def sweep_scratch(owner: int | None = None) -> int:
    """Remove the scratch folders of processes that are gone (only ``owner``'s when
    given), killing whatever still runs with such a folder on its command line.
    Returns how many folders were removed."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{_SCRATCH_PREFIX}*-*-*"):
        pid = _owner(folder)
        if pid is None or not folder.is_dir() or (owner is not None and pid != owner):
            continue
        if pid == os.getpid() or _is_running(pid):
            continue
        for leftover in processes_mentioning(str(folder)):
            # Its whole group: a launcher's children need not name the folder.
            try:
                group = os.getpgid(leftover)
            except ProcessLookupError:
                continue
            if group == os.getpgrp():
                os.kill(leftover, signal.SIGKILL)
            else:
                kill_group(group)
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed
