"""The three published samples extract exactly as a careful reader labelled them."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema

from ttdn.extract import extract

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "tests" / "data" / "samples"
SCHEMA = json.loads((ROOT / "ttdn" / "extract" / "extract.schema.json").read_text("utf-8"))


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "score_extracts", ROOT / "tests" / "tools" / "score_extracts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_extracts_the_samples_with_a_perfect_score(tmp_path, capsys):
    for path in sorted(SAMPLES.glob("*.txt")):
        data = extract(path)
        jsonschema.validate(data, SCHEMA)
        (tmp_path / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False))
    scorer = _scorer()
    assert scorer.main(["score", str(SAMPLES / "expected"), str(tmp_path), "--verbose"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "overall F=1.000", last


def test_it_attaches_a_change_to_the_fact_it_qualifies():
    data = extract(SAMPLES / "ha-nam-6-thang-dau-2022.txt")
    fdi = next(f for f in data["facts"] if f["value"] == 8)
    assert fdi["change"] == {"percent": 33, "direction": "up", "baseline": "cùng kỳ năm 2021"}
    assert fdi["text"].endswith("tăng 33% so với cùng kỳ năm 2021")
    assert not any(f["value"] == 33 for f in data["facts"])


def test_it_reads_the_signature_block_and_the_distribution_list():
    data = extract(SAMPLES / "tuy-phuoc-nam-2022.txt")
    assert data["signer"] == {
        "name": "Nguyễn Hùng Tân",
        "position": "PHÓ CHỦ TỊCH",
        "authority": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
    }
    assert data["recipients"][0] == "Sở Thông tin và Truyền thông"
    assert data["recipients"][-1] == "Lưu: VT"
    assert [s["level"] for s in data["sections"][:3]] == [1, 2, 2]
    assert data["sections"][-1]["role"] == "proposals"
