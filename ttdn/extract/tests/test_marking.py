"""Security markings (độ mật): every form of the stamp in every place it sits, and no
marking read into the real reports, nor into prose about protecting state secrets."""

from __future__ import annotations

import io
import shutil
import tempfile
import unittest
from contextlib import redirect_stderr
from pathlib import Path

from ttdn.extract import extract
from ttdn.extract.cli import main as cli_main
from ttdn.extract.errors import ClassifiedDocument
from ttdn.extract.marking import document_marking, security_marking
from ttdn.extract.readers import read
from ttdn.extract.tests import marked

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"

# Each form of the stamp and the marking it is.
FORMS = {
    "MẬT": "MẬT",
    "TỐI MẬT": "TỐI MẬT",
    "TUYỆT MẬT": "TUYỆT MẬT",
    "Tối mật": "TỐI MẬT",
    "Tuyệt mật": "TUYỆT MẬT",
    "M Ậ T": "MẬT",
    "T U Y Ệ T  M Ậ T": "TUYỆT MẬT",
    "T Ố I   M Ậ T": "TỐI MẬT",
    "TOI MAT": "TỐI MẬT",
    "TUYET MAT": "TUYỆT MẬT",
    "MAT": "MẬT",
    "[ MẬT ]": "MẬT",
    "│ TỐI MẬT │": "TỐI MẬT",
    "« Tuyệt  mật »": "TUYỆT MẬT",
    "Độ mật: Tối mật": "TỐI MẬT",
    "Do mat: MAT": "MẬT",
}
# Forms written in capitals, as a stamp is: found anywhere in a document.
CAPITALS = [form for form in FORMS if form == form.upper()]

# Lines a report may hold that are no stamp.
PROSE = [
    "Thực hiện nghiêm quy định về bảo vệ bí mật nhà nước.",
    "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
    "BÍ MẬT",
    "Bảo mật thông tin",
    "Mật khẩu: 123",
    "Mật độ dân số cao",
    "MẬT ĐỘ",
    "ĐỘ MẬT",
    "Quan hệ mật thiết với báo chí",
    "Nguyễn Văn Mật",
    "TUYÊN TRUYỀN",
    "T U Y Ê N  T R U Y Ề N",
    "MẶT TRẬN",
    "MẶT",
    "MẤT",
    "Mát",
    "Bí mật nhà nước có ba độ mật:",
    "- Tuyệt mật;",
    "- Tối mật;",
    "- Mật.",
    "+ MẬT,",
    "a) Tuyệt mật",
    "1. MẬT",
    "Độ mật: Thường",
]


def _real_documents() -> list[Path]:
    folders = [DATA / "extract" / "corpus", DATA / "samples"]
    return sorted(
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.suffix in (".txt", ".html", ".docx", ".pdf")
    )


class StampFormTests(unittest.TestCase):
    def test_every_form_of_the_stamp_is_found_on_the_first_page(self):
        for form, marking in FORMS.items():
            with self.subTest(form=form):
                text = f"SỞ NGOẠI VỤ\nSố: 7/BC-SNgV\n{form}\nBÁO CÁO\nNội dung."
                self.assertEqual(security_marking(text), marking)
                self.assertEqual(security_marking(f"Số: 7/BC-SNgV\t\t{form}"), marking)

    def test_a_stamp_in_capitals_is_found_however_late_it_comes(self):
        body = "\n".join(["Các đơn vị tiếp tục phối hợp thông tin."] * 300)
        for form in CAPITALS:
            with self.subTest(form=form):
                self.assertEqual(security_marking(f"{body}\n{form}\n{body}"), FORMS[form])

    def test_the_words_in_prose_lists_or_names_are_no_stamp(self):
        text = "\n".join(PROSE)
        self.assertEqual(security_marking(text), "")
        self.assertEqual(security_marking("\n".join(["Nội dung"] * 60) + "\n" + text), "")
        # Late in a document only capitals count: "Mật" alone may be a table's value.
        self.assertEqual(security_marking("\n".join(["Nội dung"] * 60) + "\nTối mật"), "")

    def test_no_real_report_carries_a_marking(self):
        documents = _real_documents()
        self.assertGreaterEqual(len(documents), 17)
        looked = 0
        for path in documents:
            with self.subTest(path=path.name):
                result = read(path)
                self.assertEqual(document_marking(result), "")
                looked += bool(result.margins)
                extract(path)  # no ClassifiedDocument
        self.assertGreaterEqual(looked, 5)  # the PDFs' bands and the pages' chrome


class DocumentPlaceTests(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_marking_"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def test_word_documents_carry_the_stamp_in_every_place(self):
        for place in marked.PLACES:
            forms = CAPITALS if place == "late" else FORMS
            for n, form in enumerate(forms):
                with self.subTest(place=place, form=form):
                    path = marked.write_docx(self.folder, f"{place}-{n}.docx", form, place)
                    self.assertEqual(document_marking(read(path)), FORMS[form])
        self.assertEqual(document_marking(read(marked.write_docx(self.folder, "x.docx"))), "")

    def test_a_mixed_case_stamp_at_the_top_of_a_later_word_page_is_found(self):
        path = marked.write_docx(self.folder, "late.docx", "Tối mật", "late")
        self.assertEqual(document_marking(read(path)), "TỐI MẬT")

    def test_text_files_carry_the_stamp_at_the_top_or_on_a_late_page(self):
        for place, forms in (("top", FORMS), ("late", CAPITALS)):
            for n, form in enumerate(forms):
                with self.subTest(place=place, form=form):
                    path = marked.write_txt(self.folder, f"{place}-{n}.txt", form, place)
                    self.assertEqual(document_marking(read(path)), FORMS[form])
        self.assertEqual(document_marking(read(marked.write_txt(self.folder, "x.txt"))), "")

    def test_web_pages_carry_the_stamp_in_their_header_or_footer(self):
        for place in ("header", "footer"):
            for form in ("Tối mật", "M Ậ T", "TUYET MAT"):
                with self.subTest(place=place, form=form):
                    path = marked.write_html(self.folder, f"{place}.html", form, place)
                    result = read(path)
                    self.assertNotIn(form, result.text)  # the reader drops the chrome
                    self.assertEqual(document_marking(result), FORMS[form])
        self.assertEqual(document_marking(read(marked.write_html(self.folder, "x.html"))), "")

    def test_pdfs_carry_the_stamp_at_the_top_in_the_header_footer_and_late(self):
        cases = [
            ("top", "TOI MAT"),
            ("top", "Tối mật"),
            ("header", "Tối mật"),
            ("header", "T U Y Ệ T  M Ậ T"),
            ("footer", "Tuyệt mật"),
            ("footer", "M Ậ T"),
            ("late", "Tối mật"),
            ("late", "TUYỆT MẬT"),
            ("textbox", "MẬT"),
            ("none", ""),
        ]
        documents = [
            marked.write_docx(self.folder, f"{place}-{n}.docx", form, place)
            for n, (place, form) in enumerate(cases)
        ]
        pdfs = marked.print_pdfs(self.folder, documents)
        if pdfs is None:
            self.skipTest("LibreOffice (soffice) is not installed: cannot print the test PDFs")
        for (place, form), pdf in zip(cases, pdfs, strict=True):
            with self.subTest(place=place, form=form):
                result = read(pdf)
                self.assertGreater(result.pages, 2)
                self.assertEqual(document_marking(result), FORMS.get(form, ""))

    def test_an_old_word_file_carries_the_stamp_in_its_footer_through_conversion(self):
        document = marked.write_docx(self.folder, "chan-trang.docx", "T U Y Ệ T  M Ậ T", "footer")
        converted = marked.convert(self.folder / "doc", [document], "doc")
        if converted is None:
            self.skipTest("LibreOffice (soffice) is not installed: cannot write the .doc")
        self.assertEqual(document_marking(read(converted[0])), "TUYỆT MẬT")


class ExtractCommandTests(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ttdn_marking_cli_"))
        self.addCleanup(shutil.rmtree, self.folder, True)

    def test_ttdn_extract_writes_nothing_of_a_marked_document_and_says_why(self):
        marked_path = marked.write_docx(self.folder, "mat.docx", "Tối mật", "footer")
        plain = marked.write_docx(self.folder, "thuong.docx")
        with self.assertRaises(ClassifiedDocument):
            extract(marked_path)
        out = self.folder / "out"
        errors = io.StringIO()
        with redirect_stderr(errors):
            status = cli_main([str(marked_path), str(plain), "--out", str(out)])
        self.assertEqual(status, 1)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ["thuong.json"])
        self.assertIn("mat.docx: classified document (marked TỐI MẬT)", errors.getvalue())
