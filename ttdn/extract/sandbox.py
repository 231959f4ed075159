"""Extraction in a child process with a memory cap and a time limit.

A crafted DOCX or PDF can make a parser take gigabytes or minutes, whatever the engine
checks before parsing (a shape nobody has met yet always gets through): a DOCX whose
document.xml expands to 190 MB at 12:1 took 3 min 29 s and 1.8 GB read in the calling
process. The engine refuses the known shapes itself; this is the second wall: the child
runs with an address space limit, and the parent kills it — with its whole process group
and whatever LibreOffice it started — when one file takes too long. The child is kept
between files (starting Python and the readers costs more than a small file's
extraction) and replaced after a kill or a crash. ``ttdn extract`` and the import worker
both read through it, with the same limits (``MEMORY_MB``, ``TIMEOUT_SECONDS``), and a
file that hits one is reported as such (MemoryLimitExceeded, TimeLimitExceeded), not as
damaged.

No Django here: ``python -m ttdn.extract.sandbox MEMORY_MB`` must start fast and must
not touch the database. The import worker's child (``ttdn.archive.sandbox``) also makes
the marking and search text of each file.

Protocol: one JSON request line per file on stdin (path, filename, sha256), one JSON
reply line on stdout: {"ok": true, "extract": {...}, ...} or
{"ok": false, "kind": "<error class>", "error": "<one line>", "limit": <number or absent>}.
"""

from __future__ import annotations

import fcntl
import json
import os
import resource
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ttdn.extract.errors import TimeLimitExceeded
from ttdn.lib.processes import kill_group, sweep_scratch


@dataclass
class Outcome:
    ok: bool
    extract: dict[str, Any] | None = None
    text: str = ""
    kind: str = ""  # ExtractError subclass name, "Crashed" or "InternalError"
    error: str = ""
    # Made by the import worker's child from ``text`` (ttdn.archive.prepare).
    marking: str = ""
    body_folded: str = ""
    limit: float | None = None  # MB or seconds, when a limit was hit


# The limits for reading one file, wherever it is read.
MEMORY_MB = 1024
TIMEOUT_SECONDS = 120.0


# Child --------------------------------------------------------------------------------


Handler = Callable[[dict[str, Any]], dict[str, Any]]


def extract_only(request: dict[str, Any]) -> dict[str, Any]:
    """The extract as ``ttdn.extract.extract`` makes it (file name and hash its own)."""
    from ttdn.extract.engine import extract

    return {"extract": extract(request["path"])}


def _reply(handle: Handler, request: dict[str, Any]) -> dict[str, Any]:
    from ttdn.extract.errors import ExtractError, LimitExceeded, MemoryLimitExceeded
    from ttdn.extract.safety import memory_limit_mb

    try:
        return {"ok": True, **handle(request)}
    except LimitExceeded as exc:
        return {"ok": False, "kind": type(exc).__name__, "error": str(exc), "limit": exc.limit}
    except ExtractError as exc:
        return {"ok": False, "kind": type(exc).__name__, "error": str(exc)}
    except MemoryError:
        limit = memory_limit_mb()
        if limit is None:
            return {"ok": False, "kind": "UnsafeFile", "error": "file needs too much memory"}
        exceeded = MemoryLimitExceeded(limit)
        return {
            "ok": False,
            "kind": type(exceeded).__name__,
            "error": str(exceeded),
            "limit": exceeded.limit,
        }
    except Exception as exc:  # a bug must not take the worker down with it
        return {"ok": False, "kind": "InternalError", "error": f"{type(exc).__name__}: {exc}"}


def serve(memory_mb: int, handle: Handler = extract_only) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        reply = _reply(handle, json.loads(line))
        out.write(json.dumps(reply, ensure_ascii=False).encode("utf-8", "replace") + b"\n")
        out.flush()


# Parent -------------------------------------------------------------------------------


def _widen_pipe(proc: subprocess.Popen[bytes]) -> None:
    """Let the child run ahead by about a megabyte of replies (Linux); with the default
    64 KB it stops after a few small files while the parent is busy storing."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None or proc.stdout is None:
        return
    try:
        fcntl.fcntl(proc.stdout.fileno(), set_size, 1 << 20)
    except OSError:
        pass


class Sandbox:
    """A reusable extraction child. Not thread-safe: one per thread that uses it.

    ``submit`` queues a file and returns at once; ``receive`` returns the outcomes in
    submission order. Keeping one file queued while the caller stores the previous one
    lets the child extract on one core while the database work runs on another. After a
    timeout or a crash the child is replaced and files still queued in it are lost:
    ``pending`` is then 0 and the caller submits them again.
    """

    child_module = "ttdn.extract.sandbox"

    def __init__(self, memory_mb: int = MEMORY_MB, timeout: float = TIMEOUT_SECONDS):
        self.memory_mb = memory_mb
        self.timeout = timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._chunks: list[bytes] = []
        self._pending = 0
        self._last_reply = 0.0

    @property
    def pending(self) -> int:
        return self._pending

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
            env.pop("DJANGO_SETTINGS_MODULE", None)
            # A process group of its own: a kill reaches whatever the child started.
            self._proc = subprocess.Popen(
                [sys.executable, "-m", self.child_module, str(self.memory_mb)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                close_fds=True,
                start_new_session=True,
            )
            self._chunks, self._pending = [], 0
            _widen_pipe(self._proc)
        return self._proc

    def close(self) -> None:
        proc, self._proc = self._proc, None
        self._chunks, self._pending = [], 0
        if proc is None:
            return
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        self._reap(proc)
        if proc.stdout:
            proc.stdout.close()

    @staticmethod
    def _reap(proc: subprocess.Popen[bytes]) -> None:
        """Nothing the child started outlives it: its group is killed, and a LibreOffice
        it ran in a session of its own is found by its scratch folder."""
        kill_group(proc.pid)
        proc.wait()
        sweep_scratch(owner=proc.pid)

    def _kill(self) -> None:
        if self._proc is not None:
            self._reap(self._proc)
        self.close()

    def submit(self, path: str, filename: str, sha256: str) -> bool:
        """Queue one file; False when the child could not take it (it was replaced)."""
        proc = self._start()
        request = json.dumps({"path": path, "filename": filename, "sha256": sha256})
        try:
            assert proc.stdin is not None
            proc.stdin.write(request.encode("utf-8") + b"\n")
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self._kill()
            return False
        if self._pending == 0:
            self._last_reply = time.monotonic()  # the clock starts when the child is free
        self._pending += 1
        return True

    def receive(
        self, on_wait: Callable[[], None] | None = None, wait_interval: float = 5.0
    ) -> Outcome:
        """The outcome of the oldest queued file. ``on_wait`` is called every
        ``wait_interval`` seconds while the child works (heartbeats)."""
        if self._pending == 0 or self._proc is None:
            return Outcome(False, kind="Crashed", error="extraction process could not start")
        try:
            line, timed_out = self._read_line(self._proc, on_wait, wait_interval)
        except BaseException:
            self._kill()  # a reply may still come: this child's stream is out of step
            raise
        if line is None:
            self._kill()
            if timed_out:
                exc = TimeLimitExceeded(self.timeout)
                return Outcome(False, kind=type(exc).__name__, error=str(exc), limit=self.timeout)
            return Outcome(
                False,
                kind="Crashed",
                error=f"extraction process ended (memory limit {self.memory_mb} MB or a crash)",
            )
        self._pending -= 1
        self._last_reply = time.monotonic()
        reply = json.loads(line)
        if reply.get("ok"):
            return Outcome(
                True,
                extract=reply["extract"],
                text=reply.get("text", ""),
                marking=reply.get("marking", ""),
                body_folded=reply.get("body_folded", ""),
            )
        return Outcome(
            False,
            kind=reply.get("kind", "InternalError"),
            error=reply.get("error", ""),
            limit=reply.get("limit"),
        )

    def extract(
        self,
        path: str,
        filename: str,
        sha256: str,
        on_wait: Callable[[], None] | None = None,
        wait_interval: float = 5.0,
    ) -> Outcome:
        """The extract and full text of one file, or why there is none."""
        if self._pending:
            raise RuntimeError("extract() while files are queued: receive them first")
        if not self.submit(path, filename, sha256):
            return Outcome(False, kind="Crashed", error="extraction process could not start")
        return self.receive(on_wait, wait_interval)

    def _read_line(
        self, proc: subprocess.Popen[bytes], on_wait: Callable[[], None] | None, interval: float
    ) -> tuple[bytes | None, bool]:
        """(line, False), or (None, True) after the time limit, (None, False) at EOF."""
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        deadline = self._last_reply + self.timeout
        next_beat = time.monotonic() + interval
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while True:
                if self._chunks and b"\n" in self._chunks[-1]:
                    data = b"".join(self._chunks)
                    line, _, rest = data.partition(b"\n")
                    self._chunks = [rest] if rest else []
                    return line, False
                now = time.monotonic()
                if now >= deadline:
                    return None, True
                if on_wait is not None and now >= next_beat:
                    on_wait()
                    next_beat = now + interval
                if not selector.select(timeout=min(deadline, next_beat) - now):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return None, False
                self._chunks.append(chunk)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
