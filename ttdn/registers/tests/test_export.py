"""Every register's list downloads as CSV or XLSX with the list's filters applied."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from ttdn.activities.models import Activity
from ttdn.testing import TreeTestCase


class RegisterExportTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for unit, kind, title, day in [
            (cls.commune, "event", "Hội nghị xúc tiến đầu tư", date(2024, 3, 5)),
            (cls.commune, "training", "Tập huấn phát ngôn", date(2023, 9, 12)),
            (cls.sibling, "event", "Lễ hội Tuy Phước", date(2024, 4, 1)),
            (cls.other_commune, "event", "Hội chợ Phủ Lý", date(2024, 4, 1)),
        ]:
            Activity.objects.create(unit=unit, type=kind, title=title, start_date=day)

    def test_the_csv_holds_the_filtered_list_of_the_subtree(self):
        self.client.force_login(self.viewer)
        response = self.client.get("/activities/BDI/export.csv", {"type": "event", "year": 2024})
        self.assertEqual(response.status_code, 200)
        self.assertIn('filename="activities-BDI.csv"', response["Content-Disposition"])
        lines = response.content.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0], "Hoạt động,Ngày,Loại,Tính vào số liệu,Đơn vị,Mã đơn vị")
        self.assertEqual(len(lines), 3)
        self.assertIn("Lễ hội Tuy Phước", lines[1])
        self.assertIn("Hội nghị xúc tiến đầu tư", lines[2])
        self.assertNotIn("Phủ Lý", response.content.decode())

    def test_the_xlsx_has_one_row_a_record_that_the_person_may_see(self):
        self.client.force_login(self.officer)
        response = self.client.get("/activities/BDI-QN/export.xlsx", {"q": "tap huan"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][0], "Tập huấn phát ngôn")
        self.assertEqual(rows[1][-1], "BDI-QN")

    def test_an_outsider_gets_nothing(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get("/activities/BDI-QN/export.csv").status_code, 404)

    def test_the_list_links_to_its_export_with_its_filters(self):
        self.client.force_login(self.officer)
        page = self.client.get("/activities/BDI-QN/", {"type": "event"})
        self.assertContains(page, "/activities/BDI-QN/export.xlsx?type=event")
