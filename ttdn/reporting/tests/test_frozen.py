"""Numbers that hold once given: an approval voided by a change, a submitted report's
values read-only until it is returned, a consolidation counting what was submitted, units
that have not reported kept apart, a year not yet over never compared as a fall."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.accounts.models import Role
from ttdn.activities.models import Activity
from ttdn.indicators.services import ValuesRejected, save_values, subtree_totals
from ttdn.lib.periods import parse_period_id
from ttdn.notices.services import send_pending_mail
from ttdn.reporting.documents import breakdown_table, figures_table
from ttdn.reporting.drafting import Basis, draft_for
from ttdn.reporting.models import Action, ReportForm, Scope, Submission
from ttdn.reporting.services import (
    issue_request,
    return_submission,
    save_sections,
    sign_off,
    submit_report,
)
from ttdn.testing import TreeTestCase, make_person, make_unit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
S1 = parse_period_id("2024S1")
NEWS = ("news_articles", "")


def at(day: int) -> datetime:
    return datetime(2024, 6, day, 9, 0, tzinfo=TZ)


def results(draft) -> str:
    return "\n".join(line.text for line in draft.sections.get("results", []))


class FrozenTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.leader.email = "lanhdao.qn@example.vn"
        cls.leader.save()
        cls.form = ReportForm.objects.get(code="ttdn-6-thang")
        cls.district = make_unit("BDI-AN", "Thị xã An Nhơn", "district", cls.province)
        cls.ward = make_unit("BDI-AN-NT", "Phường Nhơn Thành", "commune", cls.district)
        cls.district.refresh_from_db()
        cls.province.refresh_from_db()
        cls.district_officer = make_person("canbo.annhon", cls.district, Role.OFFICER)
        cls.district_leader = make_person("lanhdao.annhon", cls.district, Role.LEADER)
        cls.ward_officer = make_person("canbo.nhonthanh", cls.ward, Role.OFFICER)
        cls.request = issue_request(
            cls.consolidator,
            cls.province,
            cls.form,
            "2024S1",
            "812/UBND-VX",
            date(2024, 6, 10),
            date(2024, 6, 28),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            units=[cls.commune, cls.sibling, cls.district],
        )

    def approved(self, unit, officer, leader, news=3):
        submission = self.request.submissions.get(unit=unit)
        save_values(officer, unit, S1, {NEWS: Decimal(news)})
        save_sections(officer, submission, {"results": f"Đã đăng {news} tin, bài."}, {})
        sign_off(leader, submission, "Nguyễn Văn A", "CHỦ TỊCH")
        submission.refresh_from_db()
        return submission

    def test_a_change_after_approval_voids_it_and_tells_the_leader(self):
        submission = self.approved(self.commune, self.officer, self.leader)
        self.assertEqual(submission.approved["values"][f"{S1.id}/news_articles/"][0], "3")
        send_pending_mail()
        mail.outbox.clear()
        save_values(self.officer, self.commune, S1, {NEWS: Decimal(4)})
        send_pending_mail()
        submission.refresh_from_db()
        self.assertIsNone(submission.signed_off_at)
        void = submission.events.get(action=Action.VOID)
        self.assertEqual(
            void.comment, "Số liệu 6 tháng đầu năm 2024 đã thay đổi sau khi lãnh đạo duyệt."
        )
        self.assertEqual([m.to for m in mail.outbox], [["lanhdao.qn@example.vn"]])
        self.assertIn("cần được lãnh đạo duyệt lại", mail.outbox[0].body)
        # The approved record still says what was approved.
        self.assertEqual(submission.approved["values"][f"{S1.id}/news_articles/"][0], "3")

    def test_an_edited_section_after_approval_voids_it_too(self):
        submission = self.approved(self.commune, self.officer, self.leader)
        save_sections(self.officer, submission, {"results": "Đã đăng 5 tin, bài."}, {})
        submission.refresh_from_db()
        self.assertIsNone(submission.signed_off_at)
        self.assertTrue(submission.events.filter(action=Action.VOID).exists())

    def test_a_submitted_reports_values_are_read_only_until_it_is_returned(self):
        submission = self.approved(self.commune, self.officer, self.leader)
        submit_report(self.officer, submission, now=at(20))
        for period in (S1, parse_period_id("202403"), parse_period_id("2024Q2")):
            with self.assertRaises(ValuesRejected) as refused:
                save_values(self.officer, self.commune, period, {NEWS: Decimal(5)})
            self.assertIn(
                "báo cáo 812/UBND-VX đã nộp ngày 20/6/2024", refused.exception.messages[0]
            )
            self.assertIn("chỉ sửa được khi báo cáo bị trả lại", refused.exception.messages[0])
        # Nothing half-saved: the submitted value stands, the months stay empty.
        self.assertEqual(self.total(self.commune, S1), Decimal(3))
        # Another unit, and the unit's next half, are not affected.
        save_values(self.officer, self.commune, parse_period_id("2024S2"), {NEWS: Decimal(7)})
        save_values(self.sibling_officer, self.sibling, S1, {NEWS: Decimal(9)})
        return_submission(self.consolidator, submission, "Bổ sung số liệu.")
        save_values(self.officer, self.commune, S1, {NEWS: Decimal(5)})
        self.assertEqual(self.total(self.commune, S1), Decimal(5))

    def test_the_api_refuses_values_of_a_submitted_period_with_the_reason(self):
        submission = self.approved(self.commune, self.officer, self.leader)
        submit_report(self.officer, submission, now=at(20))
        self.client.force_login(self.officer)
        response = self.client.post(
            "/api/datavalues",
            {"period": S1.id, "orgUnit": "BDI-QN",
             "dataValues": [{"indicator": "news_articles", "value": 9}]},
            content_type="application/json",
        )  # fmt: skip
        self.assertEqual(response.status_code, 422)
        self.assertIn(
            "báo cáo 812/UBND-VX đã nộp ngày 20/6/2024", response.json()["detail"][0]["msg"]
        )
        self.assertEqual(self.total(self.commune, S1), Decimal(3))

    def test_the_entry_page_of_a_submitted_period_is_read_only_and_keeps_what_was_typed(self):
        submission = self.approved(self.commune, self.officer, self.leader)
        submit_report(self.officer, submission, now=at(20))
        self.client.force_login(self.officer)
        url = reverse("indicators:entry", args=["BDI-QN", S1.id])
        page = self.client.get(url)
        self.assertContains(page, "Chỉ xem")
        self.assertContains(page, "chỉ sửa được khi báo cáo bị trả lại")
        self.assertContains(page, 'id="id_v__news_articles__" readonly')
        self.assertNotContains(page, 'data-testid="save"')
        response = self.client.post(url, {"v__news_articles__": "8", "ver__news_articles__": "1"})
        self.assertContains(response, "Số liệu chưa được lưu: báo cáo 812/UBND-VX đã nộp")
        self.assertContains(response, 'value="8"')  # what was typed is still there
        self.assertEqual(self.total(self.commune, S1), Decimal(3))

    def test_the_consolidation_counts_what_was_submitted_and_live_figures_only_on_request(self):
        save_values(self.ward_officer, self.ward, S1, {NEWS: Decimal(10)})
        district = self.approved(self.district, self.district_officer, self.district_leader, 0)
        save_values(self.district_officer, self.district, S1, {NEWS: None})
        sign_off(self.district_leader, district)
        submit_report(self.district_officer, district, now=at(21))
        district.refresh_from_db()
        self.assertEqual(Decimal(district.figures["news_articles"]["total"]), 10)
        # The ward (not locked by its district's report) changes its figure afterwards.
        save_values(self.ward_officer, self.ward, S1, {NEWS: Decimal(25)})
        submitted = draft_for(Basis.of(Submission(unit=self.province, period=S1.id)))
        self.assertIn("đã đăng tải, phát sóng 10 tin, bài", results(submitted))
        self.assertEqual(submitted.figures["news_articles"].total, Decimal(10))
        live = draft_for(
            Basis.of(Submission(unit=self.province, period=S1.id, scope=Scope.RECORDED))
        )
        self.assertEqual(live.figures["news_articles"].total, Decimal(25))

    def test_units_that_have_not_submitted_are_kept_out_and_listed_apart(self):
        for unit, officer, leader, news in (
            (self.commune, self.officer, self.leader, 3),
            (self.sibling, self.sibling_officer, None, 4),
        ):
            leader = leader or make_person("lanhdao.tp", self.sibling, Role.LEADER)
            submit_report(officer, self.approved(unit, officer, leader, news), now=at(20))
        # The district entered figures but never submitted.
        save_values(self.district_officer, self.district, S1, {NEWS: Decimal(40)})
        draft = draft_for(Basis.of(Submission(unit=self.province, period=S1.id)))
        self.assertEqual(draft.figures["news_articles"].total, Decimal(7))
        self.assertEqual(draft.missing_names, ["UBND thị xã An Nhơn"])
        difficulties = "\n".join(line.text for line in draft.sections["difficulties"])
        self.assertIn("chưa gửi báo cáo (UBND thị xã An Nhơn)", difficulties)
        annex = breakdown_table(draft)
        self.assertEqual(
            [row[0] for row in annex.rows],
            ["UBND phường Quy Nhơn", "UBND xã Tuy Phước", "UBND thị xã An Nhơn (chưa nộp)"],
        )

    def test_the_totals_page_says_its_figures_are_live_and_marks_who_has_not_submitted(self):
        submission = self.approved(self.commune, self.officer, self.leader)
        submit_report(self.officer, submission, now=at(20))
        save_values(self.sibling_officer, self.sibling, S1, {NEWS: Decimal(4)})
        self.client.force_login(self.consolidator)
        response = self.client.get(reverse("indicators:totals", args=["BDI", S1.id]))
        self.assertContains(response, "gồm cả đơn vị chưa nộp báo cáo")
        self.assertContains(response, "Đơn vị chưa nộp theo yêu cầu 812/UBND-VX")
        page = response.content.decode()
        header = page[page.index("<thead>") : page.index("</thead>")]
        # Tuy Phước and An Nhơn have not submitted; Quy Nhơn has.
        self.assertEqual(header.count('data-testid="not-submitted"'), 2)
        quy_nhon = header[header.index("Phường Quy Nhơn") :][:80]
        self.assertNotIn("chưa nộp", quy_nhon)

    def total(self, unit, period):
        return next(
            r.total
            for r in subtree_totals(unit, period).rows
            if (r.indicator.code, r.option) == NEWS
        )


class EstimateTests(TreeTestCase):
    def test_an_estimate_is_written_ước_đạt_until_the_final_figure_replaces_it(self):
        visitors = {
            ("visitors_domestic", ""): Decimal(1520300),
            ("visitors_international", ""): Decimal(62000),
        }
        save_values(self.officer, self.commune, S1, visitors, estimated={("visitors_domestic", "")})
        text = results(draft_for(Basis(self.commune, S1)))
        self.assertIn("ước đạt 1.582.300 lượt khách", text)
        table = figures_table(draft_for(Basis(self.commune, S1)), S1)
        self.assertIn("Khách du lịch nội địa (ước)", [row[0] for row in table.rows])
        save_values(self.officer, self.commune, S1, {("visitors_domestic", ""): Decimal(1520300)})
        text = results(draft_for(Basis(self.commune, S1)))
        self.assertIn("đạt 1.582.300 lượt khách", text)
        self.assertNotIn("ước đạt", text)


class Decree09YearTests(TreeTestCase):
    """A year under Decree 09/2019 runs from 15/12 of the year before to 14/12: its dated
    records are cut there, its figures are still the two halves the units entered."""

    def test_the_year_counts_its_halves_and_the_activities_inside_its_cut_off(self):
        form = ReportForm.objects.get(code="ttdn-nam")
        request = issue_request(
            self.consolidator, self.province, form, "2024", "1500/UBND-VX",
            date(2024, 12, 1), date(2024, 12, 18), "Báo cáo công tác TTĐN năm 2024",
            units=[self.commune], convention="decree09",
        )  # fmt: skip
        for period, news in (("2024S1", 10), ("2024S2", 15)):
            save_values(self.officer, self.commune, parse_period_id(period), {NEWS: Decimal(news)})
        for day, title in (
            (date(2023, 12, 20), "Tổ chức Ngày hội văn hóa các dân tộc"),
            (date(2024, 12, 16), "Tổ chức Hội chợ xuân"),
        ):
            Activity.objects.create(
                unit=self.commune, type="event", title=title, start_date=day,
                topics=["su_kien_ky_niem"],
            )  # fmt: skip
        draft = draft_for(Basis(self.commune, parse_period_id("2024"), answering=request))
        text = results(draft)
        self.assertIn("25 tin, bài", text)
        self.assertIn("Ngày hội văn hóa các dân tộc", text)
        self.assertNotIn("Hội chợ xuân", text)


class IncompleteYearTests(TreeTestCase):
    """The annual report written before the year is over: its first half is not compared
    with the whole of the year before as a fall."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for period, news in (("2023S1", 8), ("2023S2", 12), ("2024S1", 10)):
            save_values(cls.officer, cls.commune, parse_period_id(period), {NEWS: Decimal(news)})
        cls.year = parse_period_id("2024")

    def test_totals_say_the_year_is_short_and_give_no_change(self):
        self.province.refresh_from_db()
        row = next(
            r for r in subtree_totals(self.province, self.year).rows
            if (r.indicator.code, r.option) == NEWS
        )  # fmt: skip
        self.assertEqual((row.total, row.previous, row.partial_units), (10, 20, 1))
        self.assertIsNone(row.change)
        self.assertIn("1 đơn vị chưa đủ kỳ", row.notes())
        self.assertIn("1 đơn vị tự tính", row.notes())

    def test_the_totals_workbook_notes_it(self):
        self.client.force_login(self.consolidator)
        response = self.client.get(reverse("indicators:totals_xlsx", args=["BDI", "2024"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["G1"].value, "Ghi chú")
        row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value.startswith("Tin, bài về"))
        self.assertEqual((row[3].value, row[4].value, row[5].value), (10, 20, None))
        self.assertEqual(row[6].value, "1 đơn vị tự tính; 1 đơn vị chưa đủ kỳ")

    def test_the_draft_gives_the_figure_without_a_fall(self):
        draft = draft_for(Basis(self.commune, self.year))
        text = results(draft)
        self.assertIn("10 tin, bài", text)
        self.assertNotIn("giảm", text)
        figure = draft.figures["news_articles"]
        self.assertTrue(figure.partial)
        table = figures_table(draft, self.year)
        self.assertNotIn("Tăng, giảm (%)", table.headers)
        self.assertIn("(chưa đủ kỳ)", table.rows[0][0])

    def test_a_whole_year_is_compared(self):
        save_values(self.officer, self.commune, parse_period_id("2024S2"), {NEWS: Decimal(20)})
        draft = draft_for(Basis(self.commune, self.year))
        self.assertFalse(draft.figures["news_articles"].partial)
        self.assertIn(
            "30 tin, bài về thông tin đối ngoại, tăng 50% so với năm 2023", results(draft)
        )
