"""The exchange pages: export, upload → dry run → write, template and metadata."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ttdn.indicators.models import DataValue
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import TreeTestCase

GOOD = (
    b"dataelement,period,orgunit,catoptcombo,attroptcombo,value\n"
    b"press_conferences,2024S1,BDI-QN,default,,6\n"
)


class ExchangePageTests(TreeTestCase):
    url = "/exchange/BDI-QN/"

    def upload(self, content: bytes, name: str = "v.csv"):
        return self.client.post(self.url, {"file": SimpleUploadedFile(name, content)})

    def test_the_unit_page_offers_export_to_viewers_and_import_to_officers(self):
        self.client.force_login(self.viewer)
        page = self.client.get(self.url)
        self.assertContains(page, 'data-testid="export-form"')
        self.assertNotContains(page, 'data-testid="import-form"')
        self.client.force_login(self.officer)
        self.assertContains(self.client.get(self.url), 'data-testid="import-form"')

    def test_an_upload_is_checked_then_written_on_confirmation(self):
        self.client.force_login(self.officer)
        checked = self.upload(GOOD)
        self.assertContains(checked, "Thêm mới 1, cập nhật 0")
        self.assertFalse(DataValue.objects.exists())
        token = checked.context["checked"]
        written = self.client.post(self.url, {"checked": token})
        self.assertRedirects(written, self.url)
        self.assertEqual(
            DataValue.objects.get(unit=self.commune, period="2024S1").value, Decimal(6)
        )

    def test_a_refused_line_is_shown_and_nothing_can_be_confirmed(self):
        self.client.force_login(self.province_officer)
        page = self.upload(GOOD + b"press_conferences,2024S2,BDI-TP,default,,6\n")
        self.assertContains(page, "dòng 3: đơn vị BDI-TP không thuộc Phường Quy Nhơn.")
        self.assertNotContains(page, 'data-testid="import-commit"')
        self.assertFalse(DataValue.objects.exists())

    def test_a_tampered_confirmation_writes_nothing(self):
        self.client.force_login(self.officer)
        page = self.client.post(self.url, {"checked": "abc:def"})
        self.assertContains(page, "tải tệp lên lại")
        self.assertFalse(DataValue.objects.exists())

    def test_an_unreadable_file_is_refused_clearly(self):
        self.client.force_login(self.officer)
        page = self.upload(b"<!DOCTYPE x [<!ENTITY a 'b'>]><adx>&a;</adx>", "v.xml")
        self.assertContains(page, "bị từ chối")

    def test_a_viewer_may_not_post_and_an_outsider_sees_nothing(self):
        self.client.force_login(self.viewer)
        self.assertEqual(self.upload(GOOD).status_code, 403)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get("/exchange/BDI-QN/export/").status_code, 404)
        self.assertFalse(DataValue.objects.exists())

    def test_export_downloads_the_subtree_in_the_format_asked(self):
        save_values(self.officer, self.commune, parse_period_id("2024S1"),
                    {("press_conferences", ""): Decimal(2)})  # fmt: skip
        self.client.force_login(self.viewer)
        response = self.client.get(
            "/exchange/BDI/export/", {"format": "dvs-json", "periods": "2024"}
        )
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("so-lieu-BDI-2024-dvs-json.json", response["Content-Disposition"])
        values = json.loads(response.content)["dataValues"]
        self.assertEqual(values[0]["orgUnit"], "BDI-QN")

    def test_export_with_bad_periods_goes_back_with_the_reason(self):
        self.client.force_login(self.viewer)
        response = self.client.get("/exchange/BDI/export/", {"periods": "hai năm"}, follow=True)
        self.assertContains(response, "không phải năm hay kỳ")

    def test_the_entry_page_links_to_its_template_and_the_import(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("indicators:entry", args=["BDI-QN", "2024S1"]))
        self.assertContains(page, "/exchange/BDI-QN/2024S1/template.xlsx")
        self.assertContains(page, 'href="/exchange/BDI-QN/"')

    def test_a_template_in_another_format_does_not_exist(self):
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get("/exchange/BDI-QN/2024S1/template.pdf").status_code, 404)
        self.assertEqual(self.client.get("/exchange/BDI-QN/2024X9/template.csv").status_code, 404)

    def test_metadata_is_json_for_dhis2(self):
        self.client.force_login(self.viewer)
        document = json.loads(self.client.get("/exchange/metadata.json").content)
        self.assertEqual(
            sorted(document),
            ["categories", "categoryCombos", "categoryOptionCombos", "categoryOptions",
             "dataElements", "dataSets"],
        )  # fmt: skip

    def test_a_file_with_many_refused_lines_lists_the_first_ones(self):
        self.client.force_login(self.officer)
        lines = b"".join(
            b"press_conferences,%d,BDI-QN,default,,-1\n" % year for year in range(1900, 2100)
        )
        page = self.upload(GOOD + lines + b"press_conferences,2024Q1,BDI-QN,default,,-1\n")
        self.assertContains(page, "Chỉ hiện 200 trong 201 dòng bị từ chối.")
        self.assertEqual(page.content.decode().count("Số liệu không được âm."), 200)
