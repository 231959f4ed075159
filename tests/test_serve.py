"""`ttdn serve` starts gunicorn that answers pages and serves compressed static files."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ttdn.lib.processes import processes_mentioning


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "TTDN_DATA_DIR": str(tmp_path),
        "TTDN_DEBUG": "false",
        "TTDN_SECRET_KEY": secrets.token_urlsafe(50),  # required without debug mode
        "TTDN_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "ttdn.settings",
    }


@pytest.mark.django_db(transaction=True)
def test_ttdn_serve_answers_pages_and_serves_compressed_static_files(tmp_path):
    port = free_port()
    env = serve_environment(tmp_path)
    ttdn = [sys.executable, "-m", "ttdn.cli"]
    subprocess.run([*ttdn, "migrate", "-v0"], env=env, check=True, timeout=120)
    server = subprocess.Popen(
        [*ttdn, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _attempt in range(100):
            try:
                page = urllib.request.urlopen(f"{base}/accounts/login/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("ttdn serve did not answer within 10 s")
        text = page.decode()
        assert "Đăng nhập" in text
        css = text.split('href="/static/ttdn/site.')[1].split('"')[0]
        request = urllib.request.Request(
            f"{base}/static/ttdn/site.{css}", headers={"Accept-Encoding": "gzip"}
        )
        response = urllib.request.urlopen(request, timeout=5)
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
        assert Path(tmp_path / "static").is_dir()
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_the_pdf_converter_stops_when_the_server_is_killed_outright(tmp_path):
    env = {**serve_environment(tmp_path), "TTDN_PDF_SERVER": ""}
    ttdn = [sys.executable, "-m", "ttdn.cli"]
    subprocess.run([*ttdn, "migrate", "-v0"], env=env, check=True, timeout=120)
    address = f"127.0.0.1:{free_port()}"
    converter = f"pdfserver\x00--bind\x00{address}"  # its command line, NUL-separated
    server = subprocess.Popen(
        [*ttdn, "serve", "--bind", f"127.0.0.1:{free_port()}", "--workers", "1",
         "--no-collectstatic", "--pdf-bind", address],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert wait_for(lambda: processes_mentioning(converter), 60), "no converter started"
        server.kill()  # no clean-up of the server's runs
        server.wait(timeout=20)
        assert wait_for(lambda: not processes_mentioning(converter), 30), (
            f"the converter outlived the server: {processes_mentioning(converter)}"
        )
    finally:
        server.kill()
        for pid in processes_mentioning(converter):
            # the converter's LibreOffice runs in a profile folder named after it
            for left in [pid, *processes_mentioning(f"ttdn-pdfserver-{pid}-")]:
                os.kill(left, signal.SIGKILL)
