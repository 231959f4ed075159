"""Imports refuse bad lines one by one, write all or nothing, and follow the entry form's
rules: the person's units, the unit's validity dates, a submitted report's lock."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

from django.utils import timezone
from openpyxl import load_workbook

from ttdn.exchange import services
from ttdn.exchange.mapping import uid
from ttdn.indicators.models import DataValue
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import Status
from ttdn.testing import TreeTestCase, make_unit


def dvs(*values: tuple) -> bytes:
    """A data value set of (dataElement, period, orgUnit, categoryOptionCombo, value)."""
    keys = ["dataElement", "period", "orgUnit", "categoryOptionCombo", "value"]
    return json.dumps({"dataValues": [dict(zip(keys, v, strict=True)) for v in values]}).encode()


GOOD = ("press_conferences", "2024S1", "BDI-QN", "default", "4")


class ImportTests(TreeTestCase):
    def stored(self) -> dict:
        return {
            (unit, period, code, option): value
            for unit, period, code, option, value in DataValue.objects.filter(
                derived=False
            ).values_list("unit__code", "period", "indicator__code", "option", "value")
        }

    def test_a_dry_run_counts_what_it_would_write_and_writes_nothing(self):
        summary = services.import_file(self.officer, "v.json", dvs(GOOD))
        self.assertEqual((summary.created, summary.refused, summary.committed), (1, [], False))
        self.assertEqual(self.stored(), {})

    def test_a_commit_writes_and_a_second_one_finds_nothing_changed(self):
        summary = services.import_file(self.officer, "v.json", dvs(GOOD), commit=True)
        self.assertTrue(summary.committed)
        self.assertEqual(self.stored(), {("BDI-QN", "2024S1", "press_conferences", ""): 4})
        again = services.import_file(self.officer, "v.json", dvs(GOOD), commit=True)
        self.assertEqual((again.created, again.updated, again.unchanged), (0, 0, 1))

    def test_unknown_codes_are_refused_line_by_line_and_nothing_is_written(self):
        content = dvs(
            GOOD,
            ("no_such_indicator", "2024S1", "BDI-QN", "default", "1"),
            ("press_conferences", "2024S1", "NO-SUCH-UNIT", "default", "1"),
            ("publication_copies", "2024S1", "BDI-QN", "languages_klingon", "1"),
            ("press_conferences", "2024S7", "BDI-QN", "default", "1"),
        )
        summary = services.import_file(self.officer, "v.json", content, commit=True)
        reasons = [r.reason for r in summary.refused]
        self.assertEqual(len(reasons), 4, reasons)
        self.assertIn(
            "dataValues[1]: không có chỉ tiêu (dataElement) “no_such_indicator”.", reasons
        )
        self.assertIn(
            "dataValues[2]: không có đơn vị mã “NO-SUCH-UNIT” trong phạm vi của bạn.", reasons
        )
        self.assertTrue(
            any(r.startswith("dataValues[3]: phân tổ “languages_klingon”") for r in reasons)
        )
        self.assertTrue(any(r.startswith("dataValues[4]: “2024S7” không phải kỳ") for r in reasons))
        self.assertFalse(summary.committed)
        self.assertEqual(self.stored(), {})  # the good line is not written either

    def test_values_failing_validation_are_refused_with_the_entry_forms_reason(self):
        content = dvs(
            GOOD,
            ("press_conferences", "2024S2", "BDI-QN", "default", "-3"),
            ("press_conferences", "2025S1", "BDI-QN", "default", "2.5"),
            ("press_conferences", "2025S2", "BDI-QN", "default", "nhiều"),
            ("fdi_capital", "2025S2", "BDI-QN", "default", "1.23456"),
        )
        summary = services.import_file(self.officer, "v.json", content, commit=True)
        reasons = " | ".join(r.reason for r in summary.refused)
        self.assertIn("Số liệu không được âm.", reasons)
        self.assertIn("Chỉ tiêu này chỉ nhận số nguyên.", reasons)
        self.assertIn("dataValues[3]: “nhiều” không phải số.", reasons)
        self.assertIn("dataValues[4]: 1.23456 có quá 4 chữ số thập phân.", reasons)
        self.assertEqual(len(summary.refused), 4)
        self.assertEqual(self.stored(), {})

    def test_a_total_below_its_parts_is_refused(self):
        content = dvs(
            ("publication_copies", "2024S1", "BDI-QN", "languages_total", "10"),
            ("publication_copies", "2024S1", "BDI-QN", "languages_en", "12"),
        )
        summary = services.import_file(self.officer, "v.json", content, commit=True)
        self.assertEqual(len(summary.refused), 1)
        self.assertIn("tổng 10 nhỏ hơn tổng các phần 12", summary.refused[0].reason)
        self.assertEqual(self.stored(), {})

    def test_a_line_given_twice_is_refused(self):
        summary = services.import_file(self.officer, "v.json", dvs(GOOD, GOOD), commit=True)
        self.assertEqual(
            [r.reason for r in summary.refused],
            ["dataValues[1]: lặp lại giá trị ở dataValues[0]."],
        )

    def test_a_period_the_unit_did_not_exist_in_is_refused(self):
        make_unit("BDI-MOI", "Phường Mới", "commune", self.province, valid_from=date(2025, 7, 1))
        content = dvs(GOOD, ("press_conferences", "2024S1", "BDI-MOI", "default", "2"))
        summary = services.import_file(self.province_officer, "v.json", content, commit=True)
        self.assertEqual(len(summary.refused), 1)
        self.assertIn("Phường Mới thành lập từ 01/7/2025", summary.refused[0].reason)
        self.assertEqual(self.stored(), {})

    def test_a_submitted_period_refuses_the_import(self):
        request = self.issue_half_year_request([self.commune])
        save_values(self.officer, self.commune, parse_period_id("2024S1"),
                    {("press_conferences", ""): Decimal(1)})  # fmt: skip
        # As submit_report leaves it (the text it also needs is beside the point here).
        request.submissions.filter(unit=self.commune).update(
            status=Status.SUBMITTED, submitted_at=timezone.now()
        )
        summary = services.import_file(self.officer, "v.json", dvs(GOOD), commit=True)
        self.assertEqual(len(summary.refused), 1)
        self.assertIn("đã nộp", summary.refused[0].reason)
        self.assertEqual(self.stored()[("BDI-QN", "2024S1", "press_conferences", "")], 1)
        # The values as they stand, read back (a file exported from here), change nothing.
        same = ("press_conferences", "2024S1", "BDI-QN", "default", "1")
        again = services.import_file(self.officer, "v.json", dvs(same), commit=True)
        self.assertEqual((again.refused, again.unchanged, again.committed), ([], 1, True))

    def test_an_officer_cannot_import_into_another_unit(self):
        sibling = ("press_conferences", "2024S1", "BDI-TP", "default", "3")
        outside = ("press_conferences", "2024S1", "HNA-PL", "default", "3")
        summary = services.import_file(
            self.officer, "v.json", dvs(GOOD, sibling, outside), commit=True
        )
        reasons = [r.reason for r in summary.refused]
        self.assertEqual(len(reasons), 2)
        self.assertIn("dataValues[1]: không có đơn vị mã “BDI-TP” trong phạm vi của bạn.", reasons)
        self.assertIn("dataValues[2]: không có đơn vị mã “HNA-PL” trong phạm vi của bạn.", reasons)
        self.assertEqual(self.stored(), {})

    def test_a_viewer_may_not_import_into_a_unit_they_see(self):
        summary = services.import_file(self.viewer, "v.json", dvs(GOOD), commit=True)
        self.assertIn("bạn không có quyền nhập số liệu", summary.refused[0].reason)

    def test_the_unit_page_limits_an_import_to_its_subtree(self):
        other = ("press_conferences", "2024S1", "BDI-TP", "default", "3")
        summary = services.import_file(
            self.province_officer, "v.json", dvs(GOOD, other), within=self.commune
        )
        self.assertEqual(
            [r.reason for r in summary.refused],
            ["dataValues[1]: đơn vị BDI-TP không thuộc Phường Quy Nhơn."],
        )

    def test_uids_name_data_elements_and_option_combos(self):
        content = dvs(
            (uid("dataElement", "publication_copies"), "2024S1", "BDI-QN",
             uid("categoryOptionCombo", "languages_en"), "7"),
        )  # fmt: skip
        services.import_file(self.officer, "v.json", content, commit=True)
        self.assertEqual(self.stored(), {("BDI-QN", "2024S1", "publication_copies", "en"): 7})

    def test_a_file_in_no_known_format_is_refused(self):
        with self.assertRaises(services.ExchangeError):
            services.import_file(self.officer, "v.json", b"{not json")
        with self.assertRaises(services.ExchangeError):
            services.import_file(self.officer, "v.csv", b"a,b,c\n1,2,3\n")


class TemplateTests(TreeTestCase):
    def test_an_xlsx_template_filled_with_one_bad_cell_reports_exactly_that_cell(self):
        save_values(self.officer, self.commune, parse_period_id("2024S1"),
                    {("press_conferences", ""): Decimal(2)})  # fmt: skip
        self.client.force_login(self.officer)
        response = self.client.get("/exchange/BDI-QN/2024S1/template.xlsx")
        self.assertEqual(response.status_code, 200)
        book = load_workbook(io.BytesIO(response.content))
        sheet = book.active
        rows = {sheet.cell(r, 1).value + "/" + (sheet.cell(r, 2).value or ""): r
                for r in range(2, sheet.max_row + 1)}  # fmt: skip
        self.assertEqual(sheet.cell(rows["press_conferences/"], 4).value, 2)
        sheet.cell(rows["press_conferences/"], 4).value = 5
        sheet.cell(rows["publication_copies/"], 4).value = "1.234"
        sheet.cell(rows["publication_copies/en"], 4).value = "234"
        bad = rows["news_articles/"]
        sheet.cell(bad, 4).value = "12,5,3"
        out = io.BytesIO()
        book.save(out)
        summary = services.import_file(self.officer, "mau.xlsx", out.getvalue(), commit=True)
        self.assertEqual([r.where for r in summary.refused], [f"Ô D{bad}"])
        self.assertTrue(summary.refused[0].reason.startswith(f"Ô D{bad}: “12,5,3” không phải"))
        self.assertFalse(summary.committed)
        sheet.cell(bad, 4).value = "12"
        out = io.BytesIO()
        book.save(out)
        summary = services.import_file(self.officer, "mau.xlsx", out.getvalue(), commit=True)
        self.assertEqual(summary.refused, [])
        values = dict(
            DataValue.objects.filter(
                unit=self.commune, period="2024S1", derived=False, option=""
            ).values_list("indicator__code", "value")
        )
        self.assertEqual(values["press_conferences"], 5)
        self.assertEqual(values["news_articles"], 12)
        self.assertEqual(values["publication_copies"], 1234)

    def test_a_csv_template_reads_vietnamese_numbers_and_names_a_bad_cell(self):
        self.client.force_login(self.officer)
        text = self.client.get("/exchange/BDI-QN/2024S1/template.csv").content.decode("utf-8-sig")
        lines = text.splitlines()
        number = next(i for i, line in enumerate(lines, 1) if line.startswith("press_conferences,"))
        cells = lines[number - 1].split(",")
        cells[3] = '"1.234,5"'
        lines[number - 1] = ",".join(cells)
        summary = services.import_file(self.officer, "mau.csv", "\n".join(lines).encode())
        self.assertEqual([r.where for r in summary.refused], [f"Ô D{number}"])
        self.assertIn("Chỉ tiêu này chỉ nhận số nguyên.", summary.refused[0].reason)
