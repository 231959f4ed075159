"""Plain-text reports typed in the legacy VNI and TCVN3 encodings come out as Unicode."""

import pytest

from ttdn.extract import extract
from ttdn.extract.legacy import from_unicode

BODY = (
    "Báo cáo kết quả công tác thông tin đối ngoại năm 2022\n"
    "Trong năm, đã xuất bản 12 ấn phẩm bằng tiếng Anh với 5.000 bản; đón tiếp 15 đoàn "
    "phóng viên nước ngoài; tổ chức 03 lớp tập huấn cho 240 lượt người.\n"
)


@pytest.mark.parametrize("encoding", ["vni", "tcvn3"])
def test_a_legacy_encoded_text_file_is_read_as_unicode(tmp_path, encoding):
    path = tmp_path / f"bao-cao-{encoding}.txt"
    path.write_bytes(from_unicode(BODY, encoding).encode("cp1252"))
    result = extract(path)
    facts = {(f["value"], f["unit"]) for f in result["facts"]}
    assert {(5000, "bản"), (15, "đoàn"), (240, "lượt người")} <= facts
    assert result["period"]["label"] == "năm 2022"
    assert result["languages"] == ["en"]
