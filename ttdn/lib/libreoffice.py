"""One file converted by a LibreOffice of its own, which cannot outlive its time limit.

Each run gets a throw-away profile (parallel runs sharing one silently lose output) in
a scratch folder that also serves as its HOME, runs contained (``ttdn.lib.processes``:
own process group, memory and CPU limits, the whole group killed at the end), and the
folder is removed afterwards. LibreOffice can exit 0 without writing anything, so the
output file is checked rather than the exit status trusted.

Measured with LibreOffice 7.4 converting a 3-page report: soffice.bin needs between
400 and 500 MB of address space to start at all; ``MEMORY_MB`` leaves room for large
documents on top.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ttdn.lib.processes import ProgramTimedOut, run_contained, scratch_dir

MEMORY_MB = 1536


class ConversionFailed(Exception):
    """LibreOffice is missing, timed out or wrote nothing; the message says which."""


class NotInstalled(ConversionFailed):
    pass


class TimedOut(ConversionFailed):
    def __init__(self, timeout: float) -> None:
        super().__init__(f"LibreOffice stopped after {timeout:g} s")
        self.timeout = timeout


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    source: Path,
    target: str,
    out_dir: Path,
    *,
    timeout: float,
    memory_mb: int = MEMORY_MB,
) -> Path:
    """Convert ``source`` to ``target`` ("docx", "pdf:writer_pdf_Export") into
    ``out_dir``; returns the file written."""
    soffice = find_soffice()
    if not soffice:
        raise NotInstalled("LibreOffice (soffice) is not installed")
    scratch = scratch_dir("lo")
    command = [
        soffice,
        f"-env:UserInstallation={(scratch / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(source),
    ]
    try:
        finished = run_contained(
            command,
            timeout=timeout,
            memory_mb=memory_mb,
            # LibreOffice works on several threads: CPU time can run ahead of the clock.
            cpu_seconds=max(1, int(timeout * 2)),
            env={**os.environ, "HOME": str(scratch)},
        )
    except ProgramTimedOut:
        raise TimedOut(timeout) from None
    except OSError as error:
        raise ConversionFailed(f"could not run LibreOffice: {error}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    produced = out_dir / f"{source.stem}.{target.split(':')[0]}"
    if not produced.exists() or produced.stat().st_size == 0:
        raise ConversionFailed(
            f"LibreOffice wrote no {produced.suffix} file. {finished.output[-300:].strip()}"
        )
    return produced
