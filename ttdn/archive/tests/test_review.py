import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from unittest import mock

from django.urls import reverse

from ttdn.archive import queueing, review, worker
from ttdn.archive.forms import ReviewForm
from ttdn.archive.models import (
    ConflictChoice,
    Decision,
    Document,
    DocumentStatus,
    ImportedItem,
    ItemKind,
    LegalDocument,
)
from ttdn.archive.review import ItemChoice, ReviewRejected, review_document
from ttdn.archive.tests import files
from ttdn.archive.tests.base import CORPUS, SAMPLES, ArchiveTestCase
from ttdn.indicators.models import (
    DataValue,
    DataValueChange,
    DataValueSource,
    Indicator,
    RegisterFigure,
)
from ttdn.indicators.services import save_values, subtree_totals
from ttdn.lib import bulkrows as rows
from ttdn.lib.periods import parse_period_id

S1_2022 = parse_period_id("2022S1")


class ReviewTestCase(ArchiveTestCase):
    def import_files(self, *paths: Path, unit=None, opened=True) -> list[Document]:
        """Import ``paths``; ``opened``: and open each document for review, as the review
        page does (which makes its review rows)."""
        batch = queueing.queue_import(self.officer, unit or self.commune, list(paths))
        worker.claim(batch.job)
        worker.process_job(batch.job)
        documents = list(Document.objects.filter(job=batch.job).order_by("pk"))
        if opened:
            for document in documents:
                review.review_items(document)
        return documents

    def defaults(self, document: Document, person=None) -> dict[str, str]:
        """The review form as the page offers it, untouched."""
        form = ReviewForm(person or self.officer, document, list(document.items.all()))
        data = {}
        for name in form.fields:
            value = form[name].value()
            if value not in (None, ""):
                data[name] = value
        data.setdefault("period", document.period)
        for row in form.rows(ItemKind.FACT):
            data[f"s{row.item.pk}"] = row.version
        return data

    def fact(self, document: Document, span: str):
        return next(i for i in document.items.filter(kind=ItemKind.FACT) if span in i.text)

    def review_url(self, document: Document) -> str:
        return reverse("archive:document", args=[document.pk])

    def total(self, code: str, option: str = "", period=S1_2022, unit=None):
        rows = subtree_totals(unit or self.province, period).rows
        return next(r.total for r in rows if r.indicator.code == code and r.option == option)


class ReviewPageTests(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        (self.document,) = self.import_files(SAMPLES / "ha-nam-6-thang-dau-2022.txt")
        self.client.force_login(self.officer)

    def test_the_text_is_shown_with_each_fact_highlighted_and_its_suggested_indicator(self):
        fdi = self.fact(self.document, "08 dự án FDI")
        page = self.client.get(self.review_url(self.document))
        self.assertContains(
            page, f'<mark class="fact" id="fact-{fdi.pk}" data-item="{fdi.pk}">{fdi.text}</mark>'
        )
        self.assertContains(page, f'href="#fact-{fdi.pk}"')
        self.assertContains(page, '<option value="fdi_projects" selected>')
        self.assertContains(page, '<option value="visitors_international" selected>')
        self.assertContains(page, 'value="54.700.000"')  # the value, in Vietnamese format
        self.assertContains(page, '<option value="2022S1" selected>6 tháng đầu năm 2022</option>')
        self.assertContains(page, "6 tháng đầu năm 2022")

    def test_accepted_facts_become_imported_values_that_count_in_totals(self):
        self.assertIsNone(self.total("fdi_projects"))
        response = self.client.post(self.review_url(self.document), self.defaults(self.document))
        self.assertRedirects(response, self.review_url(self.document))
        self.assertEqual(self.total("fdi_projects"), Decimal(8))
        self.assertEqual(self.total("fdi_capital"), Decimal(54_700_000))
        self.assertEqual(self.total("visitors_international"), Decimal(62_000))
        self.assertEqual(self.total("visitors_domestic"), Decimal(1_520_300))
        value = DataValue.objects.get(
            unit=self.commune, period="2022S1", indicator__code="fdi_projects"
        )
        self.assertEqual(value.source, DataValueSource.IMPORT)
        self.assertEqual(value.created_by, self.officer)
        self.assertIn(f"Nhập từ tài liệu số {self.document.pk}", value.comment)
        fdi = self.fact(self.document, "08 dự án FDI")
        self.assertEqual(fdi.decision, Decision.ACCEPTED)
        self.assertEqual(fdi.data_value, value)
        self.assertEqual(self.total("tourism_revenue"), Decimal(1_073_000_000_000))
        self.assertEqual(DataValueChange.objects.filter(source="import").count(), 5)
        self.document.refresh_from_db()
        self.assertEqual(self.document.status, DocumentStatus.REVIEWED)
        self.assertEqual(self.document.reviewed_by, self.officer)
        page = self.client.get(self.review_url(self.document))
        self.assertNotContains(page, 'name="period"')  # reviewed: read only
        self.assertContains(page, "Chấp nhận")

    def test_a_cell_a_register_feeds_is_not_overwritten_by_an_imported_number(self):
        RegisterFigure.objects.create(
            unit=self.commune,
            period="2022S1",
            indicator=Indicator.objects.get(code="fdi_projects"),
            value=5,
            sources=[["activity", 1, "Hội nghị xúc tiến đầu tư năm 2022", "/activities/r/1/"]],
        )
        response = self.client.post(self.review_url(self.document), self.defaults(self.document))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "số liệu này lấy từ sổ")
        self.assertContains(response, "Hội nghị xúc tiến đầu tư năm 2022")
        self.assertFalse(DataValue.objects.filter(indicator__code="fdi_projects").exists())
        self.document.refresh_from_db()
        self.assertEqual(self.document.status, DocumentStatus.EXTRACTED)

    def test_a_corrected_fact_is_recorded_with_the_officers_indicator_and_value(self):
        projects = self.fact(self.document, "Hiện tỉnh có 06 dự án")
        data = self.defaults(self.document)
        data.update(
            {f"d{projects.pk}": "accept", f"i{projects.pk}": "oda_projects", f"v{projects.pk}": "7"}
        )
        self.client.post(self.review_url(self.document), data)
        projects.refresh_from_db()
        self.assertEqual(projects.decision, Decision.CORRECTED)
        self.assertEqual(projects.indicator.code, "oda_projects")
        self.assertEqual(self.total("oda_projects"), Decimal(7))

    def test_a_dropped_fact_leaves_no_value(self):
        fdi = self.fact(self.document, "08 dự án FDI")
        data = self.defaults(self.document)
        data[f"d{fdi.pk}"] = "drop"
        self.client.post(self.review_url(self.document), data)
        fdi.refresh_from_db()
        self.assertEqual(fdi.decision, Decision.DROPPED)
        self.assertIsNone(fdi.data_value)
        self.assertIsNone(self.total("fdi_projects"))

    def test_a_number_typed_the_wrong_way_is_refused_on_its_row_and_nothing_is_written(self):
        fdi = self.fact(self.document, "08 dự án FDI")
        data = self.defaults(self.document)
        data[f"v{fdi.pk}"] = "54.7"
        response = self.client.post(self.review_url(self.document), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "dùng dấu phẩy cho phần thập phân")
        self.assertFalse(DataValue.objects.exists())

    def test_a_nul_or_a_bad_version_is_refused_on_its_row_and_nothing_is_written(self):
        fdi = self.fact(self.document, "08 dự án FDI")
        for name, value, message in [
            (f"v{fdi.pk}", "8\x00", "ký tự NUL"),
            (f"s{fdi.pk}", "99999999999999999999", "2147483647"),
        ]:
            with self.subTest(name=name):
                data = {**self.defaults(self.document), name: value}
                response = self.client.post(self.review_url(self.document), data)
                self.assertContains(response, "Có mục chưa hợp lệ")
                self.assertContains(response, message)
        self.assertFalse(DataValue.objects.exists())

    def test_a_unit_the_officer_may_not_enter_cannot_be_chosen(self):
        data = {**self.defaults(self.document), "unit": "HNA-PL"}
        response = self.client.post(self.review_url(self.document), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(DataValue.objects.exists())
        self.assertEqual(Document.objects.get().status, DocumentStatus.EXTRACTED)

    def test_a_corrected_period_takes_the_values_to_that_period(self):
        data = {**self.defaults(self.document), "period": "2022"}
        self.client.post(self.review_url(self.document), data)
        self.assertEqual(self.total("fdi_projects", period=parse_period_id("2022")), Decimal(8))
        self.assertIsNone(self.total("fdi_projects"))
        period_item = self.document.items.get(kind=ItemKind.PERIOD)
        self.assertEqual(period_item.decision, Decision.CORRECTED)
        self.assertEqual(period_item.payload["confirmed"], "2022")


class ConflictTests(ReviewTestCase):
    def setUp(self) -> None:
        super().setUp()
        save_values(self.officer, self.commune, S1_2022, {("fdi_projects", ""): Decimal(9)})
        (self.document,) = self.import_files(SAMPLES / "ha-nam-6-thang-dau-2022.txt")
        self.fdi = self.fact(self.document, "08 dự án FDI")
        self.client.force_login(self.officer)

    def test_a_value_already_entered_is_shown_beside_the_imported_one_for_a_decision(self):
        page = self.client.get(self.review_url(self.document))
        self.assertContains(page, "Đơn vị đã có số liệu 9 cho ô này; tài liệu ghi 8.")
        self.assertContains(page, f'name="c{self.fdi.pk}" value="keep"')
        self.assertContains(page, f'name="c{self.fdi.pk}" value="take"')
        response = self.client.post(self.review_url(self.document), self.defaults(self.document))
        self.assertContains(response, "chọn giữ số liệu đã có hoặc lấy số liệu từ tài liệu")
        self.assertEqual(self.total("fdi_projects"), Decimal(9))
        self.assertFalse(DataValue.objects.filter(source=DataValueSource.IMPORT).exists())

    def test_keeping_the_existing_value_leaves_it_untouched(self):
        data = {**self.defaults(self.document), f"c{self.fdi.pk}": "keep"}
        self.client.post(self.review_url(self.document), data)
        self.assertEqual(self.total("fdi_projects"), Decimal(9))
        self.fdi.refresh_from_db()
        self.assertEqual(self.fdi.conflict_choice, ConflictChoice.KEEP)
        self.assertEqual(self.fdi.decision, Decision.DROPPED)
        self.assertEqual(self.fdi.data_value.value, Decimal(9))

    def test_taking_the_imported_value_replaces_it_and_history_keeps_both(self):
        data = {**self.defaults(self.document), f"c{self.fdi.pk}": "take"}
        self.client.post(self.review_url(self.document), data)
        self.assertEqual(self.total("fdi_projects"), Decimal(8))
        change = (
            DataValueChange.objects.filter(indicator__code="fdi_projects").order_by("id").last()
        )
        self.assertEqual((change.old_value, change.new_value, change.source), (9, 8, "import"))

    def test_a_value_changed_while_the_page_was_open_is_not_overwritten(self):
        data = {**self.defaults(self.document), f"c{self.fdi.pk}": "take"}
        save_values(self.officer, self.commune, S1_2022, {("fdi_projects", ""): Decimal(10)})
        response = self.client.post(self.review_url(self.document), data)
        self.assertContains(response, "vừa được người khác sửa")
        self.assertEqual(self.total("fdi_projects"), Decimal(10))


class ReferenceAndServiceTests(ReviewTestCase):
    def test_an_accepted_reference_joins_the_registry_and_a_later_citation_is_merged(self):
        (first,) = self.import_files(SAMPLES / "tuy-phuoc-nam-2022.txt")
        choices = {
            i.pk: ItemChoice(accept=True) for i in first.items.filter(kind=ItemKind.REFERENCE)
        }
        review_document(
            self.officer, first, unit=self.commune, period=parse_period_id("2022"), choices=choices
        )
        legal = LegalDocument.objects.get(number="20/KH-UBND")
        self.assertEqual(
            (legal.type, legal.issuer, legal.citations), ("Kế hoạch", "UBND tỉnh Bình Định", 1)
        )
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder, True)
        (second,) = self.import_files(files.write_report(folder, "r.txt"))
        reference = second.items.get(kind=ItemKind.REFERENCE)
        self.assertIsNone(reference.legal_document)  # 31/KH-UBND is new
        LegalDocument.objects.create(number="31 / KH-UBND")
        (third,) = self.import_files(files.write_report(folder, "r2.txt", number=2))
        linked = third.items.get(kind=ItemKind.REFERENCE).legal_document
        self.assertEqual(linked.number, "31 / KH-UBND")
        review_document(
            self.officer,
            third,
            unit=self.commune,
            period=parse_period_id("2023"),
            choices={third.items.get(kind=ItemKind.REFERENCE).pk: ItemChoice(accept=True)},
        )
        linked.refresh_from_db()
        self.assertEqual(linked.citations, 1)
        self.assertEqual(linked.issuer, "UBND tỉnh Bình Định")  # completed by the citation
        self.assertEqual(LegalDocument.objects.filter(number_key="31/KH-UBND").count(), 1)
        self.client.force_login(self.officer)
        page = self.client.get(reverse("archive:legal", args=[linked.pk]))
        self.assertContains(page, reverse("archive:document", args=[third.pk]))

    def test_a_reviewed_document_is_not_reviewed_twice(self):
        (document,) = self.import_files(SAMPLES / "tuy-phuoc-nam-2022.txt")
        review_document(
            self.officer, document, unit=self.commune, period=parse_period_id("2022"), choices={}
        )
        with self.assertRaises(ReviewRejected):
            review_document(
                self.officer,
                document,
                unit=self.commune,
                period=parse_period_id("2022"),
                choices={},
            )

    def test_a_viewer_may_not_review_through_the_service_either(self):
        from django.core.exceptions import PermissionDenied

        (document,) = self.import_files(SAMPLES / "tuy-phuoc-nam-2022.txt")
        with self.assertRaises(PermissionDenied):
            review_document(
                self.viewer, document, unit=self.commune, period=parse_period_id("2022"), choices={}
            )


class ReviewRowsTests(ReviewTestCase):
    """The review rows are made when a document is first opened for review."""

    def test_rows_use_the_registry_as_it_stands_when_the_document_is_first_reviewed(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder, True)
        (document,) = self.import_files(files.write_report(folder, "r.txt"), opened=False)
        self.assertFalse(document.items.exists())
        registered = LegalDocument.objects.create(number="31/KH-UBND")  # after the import
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(self.review_url(document)).status_code, 200)
        reference = document.items.get(kind=ItemKind.REFERENCE)
        self.assertEqual(reference.legal_document, registered)
        expected = 1 + len(document.extract["facts"]) + len(document.extract["references"])
        self.assertEqual(document.items.count(), expected)
        self.client.get(self.review_url(document))  # opened again: the same rows
        self.assertEqual(document.items.count(), expected)

    def test_two_people_opening_a_document_at_once_make_its_rows_once(self):
        (document,) = self.import_files(SAMPLES / "ha-nam-6-thang-dau-2022.txt", opened=False)
        real = review.build_items

        def other_request_first(*args, **kwargs):
            made = real(*args, **kwargs)
            # The other request, opened a moment earlier, stores its rows first.
            rows.insert(ImportedItem, real(*args, **kwargs))
            return made

        with mock.patch.object(review, "build_items", side_effect=other_request_first):
            items = review.review_items(document)
        expected = 1 + len(document.extract["facts"]) + len(document.extract["references"])
        self.assertEqual(len(items), expected)
        self.assertEqual(document.items.count(), expected)

    def test_a_document_not_yet_extracted_has_no_rows_to_review(self):
        batch = queueing.queue_import(
            self.officer, self.commune, [SAMPLES / "ha-nam-6-thang-dau-2022.txt"]
        )
        self.assertEqual(review.review_items(batch.queued[0]), [])
        self.assertFalse(ImportedItem.objects.exists())


class EndToEndTests(ReviewTestCase):
    def test_samples_and_corpus_reports_are_imported_reviewed_and_found_in_totals(self):
        documents = self.import_files(
            SAMPLES / "ha-nam-6-thang-dau-2022.txt",
            SAMPLES / "tuy-phuoc-nam-2022.txt",
            SAMPLES / "thai-nguyen-9-thang-2018.txt",
            CORPUS / "bc-ubnd-huyen-tuy-phuoc-nam-2023.docx",
            CORPUS / "bc-stttt-nghe-an-quy-i-2023.pdf",
        )
        self.assertEqual([d.status for d in documents], [DocumentStatus.EXTRACTED] * 5)
        self.assertEqual(
            [d.period for d in documents], ["2022S1", "2022", "2018N9", "2023", "2023Q1"]
        )
        self.client.force_login(self.officer)
        for document in documents:
            response = self.client.post(self.review_url(document), self.defaults(document))
            self.assertRedirects(response, self.review_url(document), msg_prefix=document.filename)
        expected = [
            ("2022S1", "fdi_projects", "", 8),
            ("2022S1", "visitors_international", "", 62_000),
            # the guide's 3.800 copies and the bulletin's 9.000: two publications
            ("2018N9", "publication_copies", "", 12_800),
            ("2018N9", "publication_copies", "en", 500),
            ("2018N9", "publication_copies", "ja", 200),
            ("2023", "fdi_capital", "", 5_200_000),
            ("2023", "portal_items", "", 512),
            ("2023Q1", "fdi_projects", "", 2),
            ("2023Q1", "news_articles", "", 1_132),
            ("2023Q1", "international_delegations", "", 21),
        ]
        for period, code, option, value in expected:
            with self.subTest(period=period, code=code, option=option):
                self.assertEqual(
                    self.total(code, option, period=parse_period_id(period)), Decimal(value)
                )
        # "tổ chức 02 lớp tập huấn" is under "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024": a plan,
        # not a result of 2023, so it is left unticked and not written.
        self.assertIsNone(self.total("training_courses", period=parse_period_id("2023")))
        self.assertEqual(Document.objects.filter(status=DocumentStatus.REVIEWED).count(), 5)
        entered = DataValue.objects.filter(derived=False)
        # A publication's print runs became a publication record (ttdn/archive/records.py):
        # its figures are the register's; every other figure is the document's.
        registered = entered.filter(source=DataValueSource.REGISTER)
        self.assertEqual(
            set(registered.values_list("indicator__code", flat=True)),
            {"publication_copies", "publication_titles"},
        )
        self.assertFalse(entered.exclude(source__in=["import", "register"]).exists())
