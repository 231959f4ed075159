"""The signing library alone: where the images go, what validators make of the
signatures, and a PDF changed after signing."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unittest
from datetime import UTC, datetime, timedelta, timezone

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader

from ttdn.signing import demokeys, keys, pdfsign
from ttdn.signing.tests import material

VIET_NAM = timezone(timedelta(hours=7))
SIGNED_AT = datetime(2024, 7, 3, 9, 15, 2, tzinfo=VIET_NAM)
BODY_EMAIL = "sovhttdl@binhdinh.gov.vn"


def seal_text(email: str = BODY_EMAIL, font: str = "") -> pdfsign.SealText:
    return pdfsign.SealText(
        material.BODY, email, "03.07.2024 09:15:02 +07:00", font or settings.SIGNING_FONT
    )


def sign_both(pdf: bytes) -> tuple[bytes, pdfsign.SignerBlock]:
    block = pdfsign.find_signer_block(pdf)
    person = keys.open_pkcs12(material.p12(material.SIGNER)[0], material.PASSWORD)
    body = keys.open_pkcs12(material.p12(material.BODY, material.BODY)[0], material.PASSWORD)
    once = pdfsign.sign_pdf(
        pdf,
        person.signer,
        pdfsign.SignRequest(
            "NguoiKy", block.page, block.signature_box(), demokeys.signature_image("x"), "Ký"
        ),
    )
    twice = pdfsign.sign_pdf(
        once,
        body.signer,
        pdfsign.SignRequest(
            "CoQuan",
            block.page,
            block.seal_box(),
            demokeys.seal_image("x"),
            "Dấu",
            seal_text=seal_text(),
        ),
        signed_at=SIGNED_AT,
    )
    return twice, block


def page_text(pdf: bytes, page_index: int, flatten: bool) -> str:
    """The text a reader sees on the page, with its widgets printed onto it (flattened)
    or without, its spaces and line breaks made single spaces. (pdfium places the
    characters of a flattened widget in the widget's own coordinates, so the whole
    page is read rather than the widget's rectangle.)"""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[page_index]
        if flatten:
            flat = pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT)
            assert flat == pdfium_c.FLATTEN_SUCCESS, flat
            page.close()
            page = document[page_index]
        found = page.get_textpage().get_text_range()
        return " ".join(found.replace("\u00a0", " ").split())
    finally:
        document.close()


def appearance(pdf: bytes, field_name: str) -> bytes:
    """The content stream of a signature widget's normal appearance."""
    reader = PdfFileReader(io.BytesIO(pdf))
    (signature,) = [s for s in reader.embedded_signatures if s.field_name == field_name]
    return signature.sig_field["/AP"]["/N"].data


def widget_rects(pdf: bytes) -> dict[str, tuple[int, list[float]]]:
    """Signature field name → (page index, /Rect) read back from the signed PDF."""
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = [
        reader.find_page_for_modification(i)[0].idnum
        for i in range(reader.root["/Pages"]["/Count"])
    ]
    found = {}
    for signature in reader.embedded_signatures:
        field = signature.sig_field
        page = pages.index(field.raw_get("/P").idnum)
        found[signature.field_name] = (page, [float(v) for v in field["/Rect"]])
    return found


@unittest.skipUnless(material.HAS_SOFFICE, material.NO_SOFFICE)
class SigningLibraryTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.pdf = material.report_pdf()
        cls.signed, cls.block = sign_both(cls.pdf)

    def test_the_signer_block_is_found_under_its_title_on_the_last_page(self):
        self.assertEqual(self.block.page, 1)  # the report runs to two pages
        self.assertGreater(self.block.title.left, 595 / 2 - 60)
        self.assertGreater(self.block.space.height, 40)

    def test_both_signatures_are_valid_and_chain_to_the_trusted_ca(self):
        result = pdfsign.check_pdf(self.signed, [material.root()])
        self.assertEqual(result.verdict, pdfsign.Verdict.VALID, result.summary())
        self.assertEqual(len(result.signatures), 2)
        self.assertTrue(result.signatures[-1].covers_whole_file)

    def test_signatures_from_an_unknown_ca_are_invalid(self):
        result = pdfsign.check_pdf(self.signed, [])
        self.assertEqual(result.verdict, pdfsign.Verdict.INVALID)
        self.assertIn("không thuộc tổ chức chứng thực", result.summary())

    def test_an_unsigned_pdf_is_said_to_be_unsigned(self):
        self.assertEqual(pdfsign.check_pdf(self.pdf, [material.root()]).verdict, "unsigned")

    def test_a_broken_file_is_reported_not_raised(self):
        result = pdfsign.check_pdf(b"%PDF-1.7\nnot a pdf", [material.root()])
        self.assertEqual(result.verdict, pdfsign.Verdict.INVALID)
        self.assertTrue(result.error)

    @unittest.skipUnless(shutil.which("pdfsig"), "pdfsig (poppler-utils) is not installed")
    def test_pdfsig_accepts_both_signatures(self):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(self.signed)
            file.flush()
            out = subprocess.run(
                ["pdfsig", file.name], capture_output=True, text=True, check=False
            ).stdout
        self.assertEqual(out.count("Signature Validation: Signature is Valid."), 2, out)
        self.assertIn("Signer Certificate Common Name: Nguyễn Thị Minh Hà", out)

    def test_the_signature_sits_in_the_signer_block_and_the_seal_covers_its_left_third(self):
        rects = widget_rects(self.signed)
        page, (left, bottom, right, top) = rects["NguoiKy"]
        self.assertEqual(page, self.block.page)
        title = self.block.title
        # Centred under the title, between the title and the name.
        self.assertAlmostEqual((left + right) / 2, (title.left + title.right) / 2, delta=1.5)
        self.assertLessEqual(top, title.bottom + 1)
        self.assertGreaterEqual(bottom, self.block.space.bottom - 1)
        seal_page, (s_left, s_bottom, s_right, s_top) = rects["CoQuan"]
        self.assertEqual(seal_page, page)
        self.assertAlmostEqual(s_right, left + (right - left) / 3, delta=1.5)
        self.assertLess(s_left, left)  # it reaches out to the left of the signature
        self.assertAlmostEqual((s_bottom + s_top) / 2, (bottom + top) / 2, delta=1.5)
        self.assertAlmostEqual(s_right - s_left, 36 * 72 / 25.4, delta=1.5)  # real size

    def test_a_byte_changed_inside_the_signed_range_is_caught(self):
        edited = bytearray(self.signed)
        at = edited.find(b"/Producer")
        self.assertGreater(at, 0)
        edited[at + 1 : at + 2] = b"Q"
        result = pdfsign.check_pdf(bytes(edited), [material.root()])
        self.assertEqual(result.verdict, pdfsign.Verdict.INVALID)

    def test_a_page_changed_after_signing_is_reported_as_modified(self):
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        writer = IncrementalPdfFileWriter(io.BytesIO(self.signed))
        stream = generic.StreamObject(stream_data=b"0 0 1 rg 100 700 200 50 re f")
        writer.add_stream_to_page(0, writer.add_object(stream))
        out = io.BytesIO()
        writer.write(out)
        result = pdfsign.check_pdf(out.getvalue(), [material.root()])
        self.assertEqual(result.verdict, pdfsign.Verdict.INVALID, result.summary())
        self.assertIn("thay đổi sau khi ký", result.summary())

    def test_the_seal_shows_the_bodys_name_email_and_time_of_signing_in_vietnamese(self):
        page, _rect = widget_rects(self.signed)["CoQuan"]
        drawn = page_text(self.signed, page, flatten=True)
        self.assertNotIn("Cơ quan:", page_text(self.signed, page, flatten=False))
        self.assertIn("Cơ quan: Sở Văn hóa, Thể thao và Du lịch", drawn)
        self.assertIn(f"Email: {BODY_EMAIL}", drawn)
        self.assertIn("Thời gian ký: 03.07.2024 09:15:02 +07:00", drawn)

    def test_the_time_written_on_the_seal_is_the_signatures_own_time(self):
        body = pdfsign.check_pdf(self.signed, [material.root()]).signatures[-1]
        self.assertEqual(body.field_name, "CoQuan")
        self.assertEqual(body.signed_at, SIGNED_AT.astimezone(UTC))

    def test_the_letters_are_spaced_as_the_font_says(self):
        # PDF widths are thousandths of an em; pyHanko writes the font's own units, so a
        # 2048-unit font (Liberation) unscaled would be spaced twice too wide.
        reader = PdfFileReader(io.BytesIO(self.signed))
        (signature,) = [s for s in reader.embedded_signatures if s.field_name == "CoQuan"]
        font = signature.sig_field["/AP"]["/N"]["/Resources"]["/Font"]["/F1"]
        widths = font["/DescendantFonts"][0]["/W"]
        advances = [w for i in range(1, len(widths), 2) for w in widths[i]]
        self.assertIn(250, advances)  # Liberation Serif's space: a quarter of an em
        self.assertLess(max(advances), 1000)

    def test_the_persons_signature_stays_an_image_only(self):
        self.assertNotIn(b"BT", appearance(self.signed, "NguoiKy"))
        seal = appearance(self.signed, "CoQuan")
        self.assertIn(b"BT", seal)
        self.assertIn(b"/SealTextPanel gs", seal)  # the light panel under the text

    def test_a_body_without_email_has_no_email_line(self):
        lines = seal_text(email="").lines()
        self.assertEqual(len(lines), 2)
        self.assertFalse(any("Email" in line for line in lines))

    def test_a_long_name_is_broken_to_stay_inside_the_seal(self):
        long_name = "Ủy ban nhân dân phường Quy Nhơn Nam, tỉnh Gia Lai — Văn phòng"
        _style, lines = pdfsign._seal_style(
            None, pdfsign.SealText(long_name, BODY_EMAIL, "x", settings.SIGNING_FONT)
        )
        self.assertGreater(lines.count("\n"), 3)
        self.assertEqual(
            " ".join(lines.split()), f"Cơ quan: {long_name} Email: {BODY_EMAIL} Thời gian ký: x"
        )

    def test_a_missing_font_is_said_with_its_path_and_nothing_is_signed(self):
        block = pdfsign.find_signer_block(self.pdf)
        body = keys.open_pkcs12(material.p12(material.BODY, material.BODY)[0], material.PASSWORD)
        request = pdfsign.SignRequest(
            "CoQuan",
            block.page,
            block.seal_box(),
            demokeys.seal_image("x"),
            "Dấu",
            seal_text=seal_text(font="/khong/co/phong.ttf"),
        )
        with self.assertRaisesRegex(pdfsign.FontMissing, "/khong/co/phong.ttf"):
            pdfsign.sign_pdf(self.pdf, body.signer, request)

    def test_the_seal_text_stays_vietnamese_whatever_the_page_language(self):
        from django.utils import translation

        with translation.override("en"):
            lines = seal_text().lines()
        self.assertEqual(lines[0], f"Cơ quan: {material.BODY}")
        self.assertTrue(lines[-1].startswith("Thời gian ký: 03.07.2024"))
