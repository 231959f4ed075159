"""ttdn pdfserver [--bind 127.0.0.1:2003]: a LibreOffice kept running for PDF output.

LibreOffice starts once (about 7 s) behind unoserver's XML-RPC interface; every PDF after
that converts in a few hundred milliseconds instead of the 1–2 s a fresh soffice takes.
`make run` and `ttdn serve` start it themselves; set TTDN_PDF_SERVER to the same address
for other processes (ttdn report, the worker) to use it.

unoserver needs LibreOffice's Python bridge (`import uno`), which comes with the system
Python of the LibreOffice packages, not with the project's virtual environment: the
command finds that Python and runs unoserver (installed in the environment) with it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ttdn.lib.libreoffice import MEMORY_MB
from ttdn.lib.processes import limited, scratch_dir
from ttdn.officedocs.pdf import find_soffice

DEFAULT_BIND = "127.0.0.1:2003"
PARENT_CHECK_SECONDS = 1.0
UNO_PYTHONS = ("/usr/lib/libreoffice/program/python", "/usr/bin/python3", "python3")


def uno_python() -> str | None:
    """A Python interpreter that can import LibreOffice's ``uno`` module."""
    candidates = [settings.UNO_PYTHON] if settings.UNO_PYTHON else list(UNO_PYTHONS)
    for candidate in candidates:
        path = shutil.which(candidate) or (candidate if Path(candidate).exists() else None)
        if not path:
            continue
        try:
            found = subprocess.run(
                [path, "-c", "import uno"], capture_output=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return path
    return None


def free_port() -> int:
    """A port nothing listens on, for LibreOffice's own connection to unoserver."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(bind: str, profile: str) -> list[str]:
    """The command that runs unoserver with the uno-capable Python; raises CommandError
    with what is missing."""
    soffice = find_soffice()
    if not soffice:
        raise CommandError(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
            "fonts-liberation2 python3-uno"
        )
    python = uno_python()
    if python is None:
        raise CommandError(
            "No Python with LibreOffice's bridge (import uno) was found: apt-get install "
            "python3-uno, or set TTDN_UNO_PYTHON."
        )
    import unoserver

    host, _colon, port = bind.rpartition(":")
    # unoserver lives in this environment; uno in the system's: both on the path, the
    # system's first so nothing of the environment shadows it.
    where = str(Path(unoserver.__file__).resolve().parent.parent)
    boot = (
        f"import sys; sys.path.append({where!r}); sys.argv[0] = 'unoserver'; "
        "from unoserver.server import main; sys.exit(main())"
    )
    return [
        python, "-c", boot,
        "--interface", host, "--port", port, "--uno-port", str(free_port()),
        "--executable", soffice, "--user-installation", profile,
        "--conversion-timeout", "120", "--quiet",
    ]  # fmt: skip


class Command(BaseCommand):
    help = "Keep a LibreOffice running for fast PDF output (see TTDN_PDF_SERVER)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.PDF_SERVER or DEFAULT_BIND)
        parser.add_argument(
            "--parent",
            type=int,
            default=None,
            metavar="PID",
            help="the process that started this one: stop when it ends, however it ends "
            "(`ttdn serve` starts the converter so)",
        )

    def handle(self, *args, **options):
        # A scratch folder named after this process: if it is killed outright, the import
        # worker's sweep stops the LibreOffice left running in it.
        profile = str(scratch_dir("pdfserver"))
        command = limited(
            server_command(options["bind"], profile), memory_mb=MEMORY_MB, cpu_seconds=None
        )
        self.stdout.write(f"PDF converter on {options['bind']} (LibreOffice profile {profile})")
        self.stdout.flush()
        # unoserver, LibreOffice's launcher and LibreOffice itself in a group of their own,
        # stopped together: a launcher left behind keeps a dead soffice.bin around.
        process = subprocess.Popen(command, start_new_session=True)

        def stop(_signum=None, _frame=None):
            stop_group(process)
            shutil.rmtree(profile, ignore_errors=True)
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        parent = options["parent"]
        while (code := process.poll()) is None:
            # A parent killed outright (SIGKILL, OOM) runs no clean-up of its own: this
            # process is handed to init, and its parent id changes.
            if parent is not None and os.getppid() != parent:
                stop()
            time.sleep(PARENT_CHECK_SECONDS)
        stop_group(process)
        shutil.rmtree(profile, ignore_errors=True)
        if code:
            raise CommandError(f"The PDF converter stopped (exit status {code}).")


def stop_group(process: subprocess.Popen, grace: float = 5) -> None:
    """SIGTERM to the converter's process group, SIGKILL to whatever is left after
    ``grace`` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
