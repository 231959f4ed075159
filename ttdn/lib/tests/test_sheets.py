"""An uploaded XLSX is checked before openpyxl opens it, wherever one is read: the
exchange template and the coverage list."""

from __future__ import annotations

import io
import zipfile

import pytest

from ttdn.lib import sheets


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def too_many_members() -> bytes:
    return zipped(
        {f"xl/worksheets/sheet{i}.xml": b"<x/>" for i in range(sheets.MAX_XLSX_MEMBERS + 1)}
    )


def test_a_file_that_would_expand_past_the_limit_is_refused_unopened():
    bomb = zipped({"xl/worksheets/sheet1.xml": b"0" * (sheets.MAX_XLSX_BYTES + 1)})
    assert len(bomb) < 1024 * 1024  # small on the wire
    with pytest.raises(sheets.UnreadableSheet, match="quá lớn khi giải nén"):
        sheets.check_xlsx(bomb)


def test_too_many_members_or_no_zip_at_all_is_refused():
    with pytest.raises(sheets.UnreadableSheet, match="quá lớn khi giải nén"):
        sheets.check_xlsx(too_many_members())
    with pytest.raises(sheets.UnreadableSheet, match="bị hỏng"):
        sheets.check_xlsx(b"PK\x03\x04 not a zip")


def test_an_ordinary_workbook_passes():
    sheets.check_xlsx(sheets.write_xlsx(["Mã", "Giá trị"], [["BDI", 1]], "Bảng"))


def test_the_exchange_template_refuses_it_with_the_reason():
    from ttdn.exchange import table
    from ttdn.exchange.dhis2 import FormatError

    with pytest.raises(FormatError, match="quá lớn khi giải nén"):
        table.read("so-lieu.xlsx", too_many_members())


@pytest.mark.django_db
def test_the_coverage_list_refuses_it_with_the_reason():
    from ttdn.publishing.services import read_coverage_file
    from ttdn.testing import make_unit

    unit = make_unit("BDI", "Tỉnh Bình Định", "province")
    rows, errors = read_coverage_file("tin-bai.xlsx", too_many_members(), unit)
    assert rows == []
    assert len(errors) == 1 and "quá lớn khi giải nén" in errors[0]
