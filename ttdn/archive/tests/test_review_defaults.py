"""What the review offers before anyone decides, on real reports: the unit the issuing
body names, the document's period, planning sections left unticked; and the
consolidator, who imports for the units of its subtree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ttdn.archive import queueing, review, worker
from ttdn.archive.forms import ReviewForm
from ttdn.archive.models import Document, DocumentStatus, ItemKind
from ttdn.archive.tests.base import CORPUS, SAMPLES
from ttdn.archive.tests.test_review import ReviewTestCase
from ttdn.indicators.models import DataValue
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import OrgUnit, UnitKind
from ttdn.testing import make_unit

TUY_PHUOC_2023 = CORPUS / "bc-ubnd-huyen-tuy-phuoc-nam-2023.docx"


class ReviewDefaultsTests(ReviewTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # The district until the 2025 reorganisation, then the commune that took its place.
        OrgUnit.objects.filter(pk=cls.sibling.pk).update(valid_from=date(2025, 7, 1))
        cls.district = make_unit(
            "BDI-HTP",
            "Huyện Tuy Phước",
            UnitKind.DISTRICT,
            cls.province,
            valid_to=date(2025, 6, 30),
            successor=cls.sibling,
        )

    def import_as(self, person, unit, path: Path) -> Document:
        batch = queueing.queue_import(person, unit, [path])
        worker.claim(batch.job)
        worker.process_job(batch.job)
        document = Document.objects.get(job=batch.job)
        review.review_items(document)
        return document

    def planned_training(self, document: Document):
        return self.fact(document, "02 lớp tập huấn")

    def test_the_issuing_body_gives_the_unit_as_the_tree_stood_and_the_period(self):
        document = self.import_as(self.consolidator, self.province, TUY_PHUOC_2023)
        self.assertEqual(document.unit, self.province)  # uploaded at the province
        self.client.force_login(self.consolidator)
        page = self.client.get(self.review_url(document))
        self.assertContains(page, 'value="BDI-HTP" checked> Huyện Tuy Phước (Tỉnh Bình Định)')
        self.assertContains(page, "Theo cơ quan ban hành ghi trên tài liệu")
        self.assertContains(page, "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC")
        self.assertContains(page, '<option value="2023" selected>Năm 2023</option>')

    def test_facts_of_the_planning_section_are_shown_unticked_with_the_reason(self):
        document = self.import_as(self.officer, self.commune, TUY_PHUOC_2023)
        form = ReviewForm(self.officer, document, list(document.items.all()))
        planned = self.planned_training(document)
        portal = self.fact(document, "512 tin, bài")
        self.assertEqual(form.fields[f"d{planned.pk}"].initial, "drop")
        self.assertEqual(form.fields[f"d{portal.pk}"].initial, "accept")
        row = next(r for r in form.rows(ItemKind.FACT) if r.item.pk == planned.pk)
        self.assertEqual(row.planning, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")
        self.client.force_login(self.officer)
        page = self.client.get(self.review_url(document))
        self.assertContains(page, "thuộc phần phương hướng, nhiệm vụ")
        self.assertContains(page, 'data-testid="planning-note"', count=1)

    def test_the_consolidator_imports_for_the_district_of_its_subtree(self):
        document = self.import_as(self.consolidator, self.province, TUY_PHUOC_2023)
        self.client.force_login(self.consolidator)
        response = self.client.post(
            self.review_url(document), self.defaults(document, self.consolidator)
        )
        self.assertRedirects(response, self.review_url(document))
        document.refresh_from_db()
        self.assertEqual((document.unit, document.status), (self.district, DocumentStatus.REVIEWED))
        values = dict(
            DataValue.objects.filter(unit=self.district, period="2023", derived=False).values_list(
                "indicator__code", "value"
            )
        )
        self.assertEqual(values["portal_items"], 512)
        self.assertNotIn("training_courses", values)  # planned for 2024, not done in 2023

    def test_the_unit_may_be_typed_by_name_without_diacritics(self):
        document = self.import_as(self.consolidator, self.province, TUY_PHUOC_2023)
        self.client.force_login(self.consolidator)
        data = {**self.defaults(document, self.consolidator), "unit": "huyen tuy phuoc"}
        self.assertRedirects(
            self.client.post(self.review_url(document), data), self.review_url(document)
        )
        self.assertTrue(DataValue.objects.filter(unit=self.district, period="2023").exists())

    def test_without_a_match_in_ones_units_the_uploaders_unit_stays_with_a_note(self):
        document = self.import_as(self.officer, self.commune, TUY_PHUOC_2023)
        form = ReviewForm(self.officer, document, list(document.items.all()))
        self.assertEqual(form.default_unit, self.commune)
        self.assertIn("Không tìm thấy đơn vị ứng với cơ quan ban hành", form.unit_note)
        untitled = self.import_as(self.officer, self.commune, SAMPLES / "tuy-phuoc-nam-2022.txt")
        form = ReviewForm(self.officer, untitled, list(untitled.items.all()))
        self.assertEqual(form.default_unit, self.commune)
        self.assertIn("không ghi cơ quan ban hành", form.unit_note)

    def test_a_unit_outside_the_subtree_is_refused_by_name_and_nothing_is_written(self):
        document = self.import_as(self.consolidator, self.province, TUY_PHUOC_2023)
        self.client.force_login(self.consolidator)
        data = {**self.defaults(document, self.consolidator), "unit": "Phường Phủ Lý"}
        response = self.client.post(self.review_url(document), data)
        self.assertContains(response, "Không tìm thấy đơn vị “Phường Phủ Lý”.")
        data = {**self.defaults(document, self.consolidator), "period": "năm hai nghìn"}
        response = self.client.post(self.review_url(document), data)
        self.assertContains(response, "Không có kỳ “năm hai nghìn”")
        self.assertFalse(DataValue.objects.exists())
        with self.assertRaises(PermissionDenied):
            review.review_document(
                self.consolidator,
                document,
                unit=self.other_commune,
                period=parse_period_id("2023"),
                choices={},
            )
        self.client.force_login(self.consolidator)
        upload = reverse("archive:upload", args=[self.other_commune.code])
        self.assertEqual(self.client.get(upload).status_code, 404)
