"""Extraction in a child process with a memory cap and a time limit.

A crafted DOCX or PDF can make a parser take gigabytes or minutes (trap 12). The engine
refuses the known shapes itself; this is the second wall: the child runs with an address
space limit, and the parent kills it when one file takes too long. The child is kept
between files (starting Python and the readers costs more than a small file's
extraction) and replaced after a kill or a crash.

No Django here: ``python -m ttdn.archive.sandbox MEMORY_MB`` must start fast and must
not touch the database.

Protocol: one JSON request line per file on stdin (path, filename, sha256), one JSON
reply line on stdout: {"ok": true, "extract": {...}, "text": "..."} or
{"ok": false, "kind": "<error class>", "error": "<one line>"}.
"""

from __future__ import annotations

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


@dataclass
class Outcome:
    ok: bool
    extract: dict[str, Any] | None = None
    text: str = ""
    kind: str = ""  # ExtractError subclass name, "Timeout", "Crashed" or "InternalError"
    error: str = ""


# Child --------------------------------------------------------------------------------


def _handle(request: dict[str, Any]) -> dict[str, Any]:
    from ttdn.extract.engine import build
    from ttdn.extract.errors import ExtractError
    from ttdn.extract.readers import read

    try:
        result = read(request["path"])
        data = build(result, filename=request["filename"], sha256=request["sha256"])
        text = result.text
        if result.footnotes:
            text += "\n\n" + "\n".join(result.footnotes)
        return {"ok": True, "extract": data, "text": text}
    except ExtractError as exc:
        return {"ok": False, "kind": type(exc).__name__, "error": str(exc)}
    except MemoryError:
        return {"ok": False, "kind": "UnsafeFile", "error": "file needs too much memory"}
    except Exception as exc:  # a bug must not take the worker down with it
        return {"ok": False, "kind": "InternalError", "error": f"{type(exc).__name__}: {exc}"}


def serve(memory_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        reply = _handle(json.loads(line))
        out.write(json.dumps(reply, ensure_ascii=False).encode("utf-8", "replace") + b"\n")
        out.flush()


# Parent -------------------------------------------------------------------------------


class Sandbox:
    """A reusable extraction child. Not thread-safe: one per worker process."""

    def __init__(self, memory_mb: int = 1024, timeout: float = 120.0):
        self.memory_mb = memory_mb
        self.timeout = timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._timed_out = False

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
            env.pop("DJANGO_SETTINGS_MODULE", None)
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "ttdn.archive.sandbox", str(self.memory_mb)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
            self._buffer = b""
        return self._proc

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
        self.close()

    def extract(
        self,
        path: str,
        filename: str,
        sha256: str,
        on_wait: Callable[[], None] | None = None,
        wait_interval: float = 5.0,
    ) -> Outcome:
        """The extract and full text of one file, or why there is none. ``on_wait`` is
        called every ``wait_interval`` seconds while the child works (heartbeats)."""
        proc = self._start()
        request = json.dumps({"path": path, "filename": filename, "sha256": sha256})
        try:
            assert proc.stdin is not None
            proc.stdin.write(request.encode("utf-8") + b"\n")
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self._kill()
            return Outcome(False, kind="Crashed", error="extraction process could not start")
        try:
            line = self._read_line(proc, on_wait, wait_interval)
        except BaseException:
            self._kill()  # a reply may still come: this child's stream is out of step
            raise
        if line is None:
            return self._failure()
        reply = json.loads(line)
        if reply.get("ok"):
            return Outcome(True, extract=reply["extract"], text=reply.get("text", ""))
        return Outcome(False, kind=reply.get("kind", "InternalError"), error=reply.get("error", ""))

    def _failure(self) -> Outcome:
        timed_out = self._timed_out
        self._kill()
        if timed_out:
            return Outcome(
                False, kind="Timeout", error=f"extraction took longer than {self.timeout:g} s"
            )
        return Outcome(
            False,
            kind="Crashed",
            error=f"extraction process ended (memory limit {self.memory_mb} MB or a crash)",
        )

    def _read_line(
        self, proc: subprocess.Popen[bytes], on_wait: Callable[[], None] | None, interval: float
    ) -> bytes | None:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + self.timeout
        self._timed_out = False
        next_beat = time.monotonic() + interval
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                now = time.monotonic()
                if now >= deadline:
                    self._timed_out = True
                    return None
                if on_wait is not None and now >= next_beat:
                    on_wait()
                    next_beat = now + interval
                if not selector.select(timeout=min(deadline, next_beat) - now):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return None
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
