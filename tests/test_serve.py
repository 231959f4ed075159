"""`ttdn serve` starts gunicorn that answers pages and serves compressed static files."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_ttdn_serve_answers_pages_and_serves_compressed_static_files(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "TTDN_DATA_DIR": str(tmp_path),
        "TTDN_DEBUG": "false",
        "TTDN_SECRET_KEY": secrets.token_urlsafe(50),  # required without debug mode
        "TTDN_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "ttdn.settings",
    }
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
