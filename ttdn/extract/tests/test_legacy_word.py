"""Word 97-2003 files: converted by a LibreOffice that cannot outlive its time limit, and
accepted only when what it read is the text of a document."""

from __future__ import annotations

import os
import random
import shutil
import stat
import tempfile
import time
from pathlib import Path

import docx
import olefile
import pytest

from ttdn.extract import extract
from ttdn.extract.errors import CorruptFile, ExtractError
from ttdn.extract.readers import docx as word
from ttdn.extract.readers.common import prose_problem
from ttdn.lib.processes import processes_mentioning

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "data" / "extract" / "corpus"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice (soffice) is not installed",
)


@pytest.fixture
def private_tmp(monkeypatch, tmp_path):
    """Temporary files of this test only, so that what is left over can be found."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _fake_soffice(folder: Path, body: str) -> None:
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _still_running(pids: list[int]) -> list[int]:
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            running.append(pid)
    return running


def test_a_libreoffice_past_its_time_limit_leaves_no_grandchild(monkeypatch, tmp_path, private_tmp):
    pids = tmp_path / "pids"
    # Like soffice: a launcher whose child starts the program that does the work.
    _fake_soffice(tmp_path, f"echo $$ > {pids}\n( sleep 300 & echo $! >> {pids}; wait ) &\nwait")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    monkeypatch.setattr(word, "CONVERT_TIMEOUT", 1)
    source = tmp_path / "report.rtf"
    source.write_text("{\\rtf1 Báo cáo}", encoding="utf-8")
    with pytest.raises(ExtractError, match="quá thời gian xử lý 1 giây"):
        word.read_legacy_word(source)
    started = [int(line) for line in pids.read_text().split()]
    assert len(started) == 2
    assert _still_running(started) == []
    assert list(private_tmp.iterdir()) == [], "scratch folders are removed"


@needs_soffice
def test_a_real_libreoffice_past_its_time_limit_leaves_nothing_running(tmp_path, private_tmp):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExtractError, match="quá thời gian xử lý"):
        word.convert_with_soffice(
            CORPUS / "bc-tinh-uy-quang-ngai-nam-2023.docx", "doc", out, timeout=0.5
        )
    # Every LibreOffice process carries its profile, in the test's own temporary folder.
    assert processes_mentioning(str(private_tmp)) == []
    assert list(private_tmp.iterdir()) == []


def _as_word_97(name: str, folder: Path) -> Path:
    return word.convert_with_soffice(CORPUS / name, "doc", folder)


@needs_soffice
@pytest.mark.parametrize(
    "name", ["bc-tinh-uy-quang-ngai-nam-2023.docx", "kh-ubnd-tinh-ha-giang-2013-vntime.docx"]
)
def test_word_97_copies_of_the_corpus_reports_still_read(tmp_path, name):
    legacy = _as_word_97(name, tmp_path)
    assert legacy.read_bytes().startswith(OLE_MAGIC)
    from_doc, from_docx = extract(legacy), extract(CORPUS / name)
    assert from_doc["number"] == from_docx["number"]
    assert from_doc["title"] == from_docx["title"]
    assert from_doc["period"] == from_docx["period"]


def test_random_bytes_behind_a_word_header_are_refused_before_libreoffice(monkeypatch, tmp_path):
    junk = tmp_path / "bao-cao.doc"
    junk.write_bytes(OLE_MAGIC + random.Random(7).randbytes(256 * 1024))
    _fake_soffice(tmp_path, f"touch {tmp_path}/libreoffice-ran; sleep 300")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    started = time.perf_counter()
    with pytest.raises(CorruptFile, match="Word 97-2003"):
        extract(junk)
    assert time.perf_counter() - started < 2
    assert not (tmp_path / "libreoffice-ran").exists()


@needs_soffice
def test_a_real_word_file_whose_text_is_noise_is_refused_after_libreoffice(tmp_path):
    legacy = _as_word_97("bc-tinh-uy-quang-ngai-nam-2023.docx", tmp_path)
    with olefile.OleFileIO(str(legacy), write_mode=True) as ole:
        stream = ole.openstream("WordDocument").read()
        # The file information block (first 1472 bytes) kept, everything after it noise.
        noise = random.Random(1).randbytes(len(stream) - 1472)
        ole.write_stream("WordDocument", stream[:1472] + noise)
    with pytest.raises(CorruptFile, match="LibreOffice read no document text"):
        extract(legacy)


def _noise(size: int) -> str:
    """What LibreOffice makes of random bytes: UTF-16 read from noise (less what XML
    cannot hold)."""
    text = random.Random(3).randbytes(size).decode("utf-16-le", "replace")
    return "".join(c for c in text if c >= " " and c not in "\ufffe\uffff")


def test_noise_that_libreoffice_reads_as_text_is_refused(monkeypatch, tmp_path):
    noise = docx.Document()
    for start in range(0, 40_000, 400):
        noise.add_paragraph(_noise(40_000)[start : start + 400])
    noise.save(tmp_path / "noise.docx")
    # A converter that "reads" anything, as LibreOffice does with an RTF of noise.
    _fake_soffice(
        tmp_path,
        'while [ $# -gt 1 ]; do [ "$1" = --outdir ] && out=$2; shift; done\n'
        f'cp {tmp_path}/noise.docx "$out/$(basename "${{1%.*}}").docx"',
    )
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    source = tmp_path / "bao-cao.rtf"
    source.write_bytes(b"{\\rtf1 " + random.Random(5).randbytes(4096))
    with pytest.raises(CorruptFile, match="no document text.*unreadable characters"):
        extract(source)


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh báo cáo kết quả công tác thông tin đối ngoại năm 2023. " * 20,
        "The provincial People's Committee reports on external information work in 2024. " * 20,
        "中华人民共和国外交部发言人表示，越南与中国是好邻居。" * 20,
        "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ " * 20,
    ],
)
def test_document_text_in_any_script_reads_as_prose(text):
    assert prose_problem(text) is None


@pytest.mark.parametrize(
    "text",
    [
        _noise(20_000),
        random.Random(1).randbytes(20_000).decode("cp1252", "replace"),
        "".join(random.Random(2).choice("bcdfghjklmnpqrstvwxz") for _ in range(5000)),
        "0123456789 ,.;-" * 500,
    ],
)
def test_noise_does_not_read_as_prose(text):
    assert prose_problem(text) is not None


def test_a_libreoffice_left_by_a_killed_extraction_child_is_stopped_with_it(monkeypatch, tmp_path):
    from ttdn.extract.sandbox import Sandbox

    pids = tmp_path / "pids"
    _fake_soffice(tmp_path, f"echo $$ > {pids}\n( sleep 300 & echo $! >> {pids}; wait ) &\nwait")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")
    source = tmp_path / "report.rtf"
    source.write_text("{\\rtf1 Báo cáo}", encoding="utf-8")
    # The child is killed at 2 s, long before its LibreOffice's own 90 s limit.
    sandbox = Sandbox(timeout=2)
    try:
        outcome = sandbox.extract(str(source), source.name, "")
    finally:
        sandbox.close()
    assert outcome.kind == "TimeLimitExceeded"
    started = [int(line) for line in pids.read_text().split()]
    assert len(started) == 2
    assert _still_running(started) == []
