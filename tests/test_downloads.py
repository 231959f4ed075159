"""How stored files leave: their names, their media types and the nginx hand-over setting.
The views that use it are tested with their apps (activities' evidence, archive
originals)."""

import pytest

from ttdn.downloads import content_type_for, safe_filename
from ttdn.testing import run_django


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
    result = run_django(
        tmp_path, "", TTDN_DEBUG="true", TTDN_ACCEL_REDIRECT_PREFIX="protected files"
    )
    assert result.returncode != 0
    assert "TTDN_ACCEL_REDIRECT_PREFIX must be a path" in result.stderr
