"""How stored files leave: their names, their media types and the nginx hand-over setting.
The views that use it are tested with their apps (activities' evidence, archive
originals)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ttdn.downloads import content_type_for, safe_filename

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("evidence/BDI-QN/bien-ban.pdf", "bien-ban.pdf"),
        ("C:\\Users\\a\\Biên bản.docx", "Biên bản.docx"),
        ('ten"co\r\nxuong dong;.html', "tenco xuong dong.html"),
        ("an\u202egpj.exe", "an gpj.exe"),  # right-to-left override hides the extension
        ("...", "tep"),
        ("a" * 300 + ".xlsx", "a" * 145 + ".xlsx"),
    ],
)
def test_a_download_name_keeps_only_harmless_characters(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bao-cao.pdf", "application/pdf"),
        ("anh.PNG", "image/png"),
        ("bang.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("trang.html", "application/octet-stream"),
        ("trang.htm", "application/octet-stream"),
        ("anh.svg", "application/octet-stream"),
        ("du-lieu.xml", "application/octet-stream"),
        ("ma.js", "application/octet-stream"),
        ("nen.pdf.gz", "application/octet-stream"),
        ("khong-duoi", "application/octet-stream"),
    ],
)
def test_only_types_on_the_safe_list_keep_their_media_type(name, expected):
    assert content_type_for(name) == expected


def test_a_wrong_accel_redirect_prefix_stops_the_start_up(tmp_path):
    env = {
        **os.environ,
        "TTDN_ACCEL_REDIRECT_PREFIX": "protected files",
        "TTDN_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "ttdn.settings",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "TTDN_ACCEL_REDIRECT_PREFIX must be a path" in result.stderr
