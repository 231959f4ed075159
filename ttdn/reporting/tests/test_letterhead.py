"""The letterhead, ký hiệu, place and signature each kind of body uses by default, as
read back from the DOCX, and a unit's own profile over them."""

import io
from datetime import date

from django.test import TestCase
from docx import Document

from ttdn.officedocs import write_docx
from ttdn.orgunits.models import UnitKind
from ttdn.reporting.documents import consolidated_report
from ttdn.reporting.letterhead import initials, letterhead, place_name
from ttdn.reporting.models import DocumentProfile
from ttdn.testing import make_unit


def header_texts(content: bytes) -> tuple[list[str], list[str], str]:
    """(left column of the letterhead, right column, the signature block) as lines."""
    document = Document(io.BytesIO(content))
    head = document.tables[0]
    left = [
        line
        for c in head.columns[0].cells
        for p in c.paragraphs
        for line in p.text.split("\n")
        if line.strip()
    ]
    right = [p.text for c in head.columns[1].cells for p in c.paragraphs if p.text.strip()]
    closing = document.tables[1].rows[0].cells[1]
    return left, right, "\n".join(p.text for p in closing.paragraphs if p.text.strip())


class DefaultLetterheadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.country = make_unit("VN", "Toàn quốc", UnitKind.OTHER)
        cls.province = make_unit("BDI", "Tỉnh Bình Định", UnitKind.PROVINCE, cls.country)
        cls.commune = make_unit("BDI-TP", "Xã Tuy Phước", UnitKind.COMMUNE, cls.province)
        cls.district = make_unit("BDI-HTP", "Huyện Tuy Phước", UnitKind.DISTRICT, cls.province)
        cls.department = make_unit(
            "BDI-SVH", "Sở Văn hóa, Thể thao và Du lịch", UnitKind.DEPARTMENT, cls.province
        )
        cls.party = make_unit(
            "BDI-BTG", "Ban Tuyên giáo và Dân vận Tỉnh ủy", UnitKind.DEPARTMENT, cls.province
        )
        cls.committee = make_unit(
            "BDI-BCD",
            "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
            UnitKind.STEERING_COMMITTEE,
            cls.province,
        )
        cls.press = make_unit(
            "BDI-BPT",
            "Báo và Phát thanh, Truyền hình Bình Định",
            UnitKind.PRESS_AGENCY,
            cls.province,
        )
        for unit in (cls.country, cls.province):
            unit.refresh_from_db()

    def written(self, unit, number=12, day=date(2024, 7, 3)):
        report, _draft = consolidated_report(unit, _s1(), number=number, issued_on=day)
        return header_texts(write_docx(report))

    def test_a_provinces_peoples_committee(self):
        head = letterhead(self.province)
        self.assertIsNone(head.governing_body)
        self.assertEqual((head.abbreviation, head.place), ("UBND", "Bình Định"))
        left, right, signature = self.written(self.province)
        self.assertEqual(left, ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH", "Số: 12/BC-UBND"])
        self.assertIn("Bình Định, ngày 03 tháng 7 năm 2024", right)
        self.assertEqual(signature, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
        self.assertEqual(head.short_name, "UBND tỉnh Bình Định")

    def test_a_communes_peoples_committee_has_no_line_above_it(self):
        left, right, signature = self.written(self.commune, number=5)
        self.assertEqual(left, ["ỦY BAN NHÂN DÂN", "XÃ TUY PHƯỚC", "Số: 05/BC-UBND"])
        self.assertIn("Tuy Phước, ngày 03 tháng 7 năm 2024", right)
        self.assertTrue(signature.startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"))
        self.assertEqual(letterhead(self.district).issuing_body, "ỦY BAN NHÂN DÂN\nHUYỆN TUY PHƯỚC")
        self.assertIsNone(letterhead(self.district).governing_body)

    def test_a_department_under_the_provinces_committee(self):
        head = letterhead(self.department)
        self.assertEqual(head.abbreviation, "SVHTTDL")
        left, right, signature = self.written(self.department)
        self.assertEqual(left[0], "UBND TỈNH BÌNH ĐỊNH")
        self.assertEqual(" ".join(left[1:-1]), "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
        self.assertEqual(left[-1], "Số: 12/BC-SVHTTDL")
        self.assertIn("Bình Định, ngày 03 tháng 7 năm 2024", right)
        self.assertEqual(signature, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
        self.assertNotIn("TM. SỞ", signature)
        self.assertEqual(head.formal_name, "Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Định")

    def test_a_party_body_uses_the_party_layout_under_its_provincial_committee(self):
        head = letterhead(self.party)
        self.assertEqual((head.style, head.abbreviation), ("party", "BTGDVTU"))
        left, right, signature = self.written(self.party)
        self.assertEqual(
            left, ["TỈNH ỦY BÌNH ĐỊNH", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*", "Số 12-BC/BTGDVTU"]
        )
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", right)
        self.assertNotIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right)
        self.assertEqual(signature, "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN")

    def test_a_steering_committee(self):
        head = letterhead(self.committee)
        self.assertEqual(head.abbreviation, "BCĐ")
        left, _right, signature = self.written(self.committee)
        self.assertEqual(left[0], "UBND TỈNH BÌNH ĐỊNH")
        self.assertEqual(" ".join(left[1:-1]), "BAN CHỈ ĐẠO CÔNG TÁC THÔNG TIN ĐỐI NGOẠI")
        self.assertEqual(left[-1], "Số: 12/BC-BCĐ")
        self.assertEqual(signature, "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN")

    def test_a_press_agency_signs_by_its_editor(self):
        head = letterhead(self.press)
        self.assertEqual(head.abbreviation, "BPTTHBĐ")
        self.assertEqual(head.signature.authority, ["KT. TỔNG BIÊN TẬP"])

    def test_a_blank_number_and_date_are_left_for_the_clerk_with_the_year(self):
        report, _draft = consolidated_report(self.commune, _s1())
        left, right, _signature = header_texts(write_docx(report))
        self.assertEqual(left[-1].split(), ["Số:", "/BC-UBND"])
        self.assertIn("Tuy Phước, ngày     tháng     năm 2024", right)

    def test_a_profile_overrides_any_default(self):
        DocumentProfile.objects.create(
            unit=self.province,
            place="Quy Nhơn",
            authority="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            signer_name="Trần Minh Đức",
            drafting_office="VX",
            recipients="Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
        )
        head = letterhead(self.province)
        self.assertEqual(head.place, "Quy Nhơn")
        self.assertEqual(head.signature.authority, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
        self.assertIsNone(head.signature.position)
        self.assertEqual(head.archive, "Lưu: VT, VX")
        self.assertEqual(head.recipients, ["Ban Chỉ đạo công tác thông tin đối ngoại tỉnh"])
        _left, right, signature = self.written(self.province)
        self.assertIn("Quy Nhơn, ngày 03 tháng 7 năm 2024", right)
        self.assertEqual(signature, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Minh Đức")


class NamesTests(TestCase):
    def test_place_names_drop_the_kind_of_unit_except_names_of_people_and_numbers(self):
        self.assertEqual(place_name("Tỉnh Bình Định"), "Bình Định")
        self.assertEqual(place_name("Phường Quy Nhơn Nam"), "Quy Nhơn Nam")
        self.assertEqual(place_name("Thành phố Hà Nội"), "Hà Nội")
        self.assertEqual(place_name("Thành phố Hồ Chí Minh"), "Thành phố Hồ Chí Minh")
        self.assertEqual(place_name("Phường 12"), "Phường 12")

    def test_initials_keep_d_with_stroke_and_drop_small_words(self):
        self.assertEqual(initials("Sở Thông tin và Truyền thông"), "STTTT")
        self.assertEqual(initials("Đảng ủy xã Cát Tiến"), "ĐUXCT")
        self.assertEqual(initials("Ủy ban nhân dân"), "UBND")


def _s1():
    from ttdn.lib.periods import parse_period_id

    return parse_period_id("2024S1")
