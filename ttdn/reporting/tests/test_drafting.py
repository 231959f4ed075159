"""A report drafted from what units recorded: sentences with their figures woven in, each
line traceable to its records, and a consolidated report that reads as one text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ttdn.activities.models import Activity, ActivityQuantity
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.plans.models import Plan, PlanTarget
from ttdn.reporting.drafting import Basis, draft_for, split_sentences
from ttdn.reporting.models import ReportForm, Scope, Status, Submission
from ttdn.reporting.services import draft_sections, issue_request, save_sections
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")
EARLIER = parse_period_id("2023S1")


def lines(draft, code):
    return [line.text for line in draft.sections.get(code, [])]


class UnitDraftTests(TreeTestCase):
    """A commune's own report (the worked example of the report style guide)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        province_plan = Plan.objects.create(
            issuing_unit=cls.province,
            number="45/KH-UBND",
            issued_on=date(2024, 1, 22),
            title="Kế hoạch công tác thông tin đối ngoại năm 2024",
            year=2024,
        )
        plan = Plan.objects.create(
            issuing_unit=cls.commune,
            number="12/KH-UBND",
            issued_on=date(2024, 2, 5),
            title="Kế hoạch công tác thông tin đối ngoại trên địa bàn phường năm 2024",
            year=2024,
            implements=province_plan,
        )
        PlanTarget.objects.create(
            plan=plan,
            indicator=Indicator.objects.get(code="tourism_revenue"),
            period="2024",
            value=Decimal(8_000_000_000),
        )
        save_values(
            cls.officer,
            cls.commune,
            S1,
            {
                ("news_articles", ""): Decimal(46),
                ("news_articles", "truyen_thanh_co_so"): Decimal(46),
                ("portal_items", ""): Decimal(32),
                ("visitors_domestic", ""): Decimal(11220),
                ("visitors_international", ""): Decimal(1230),
                ("tourism_revenue", ""): Decimal(3_650_000_000),
                ("fdi_projects", ""): Decimal(8),
            },
        )
        save_values(
            cls.officer,
            cls.commune,
            EARLIER,
            {("news_articles", ""): Decimal(40), ("fdi_projects", ""): Decimal(6)},
        )
        cls.festival = Activity.objects.create(
            unit=cls.commune,
            type="event",
            title="Ngày hội Văn hóa - Du lịch phường",
            description="Nhằm quảng bá hình ảnh quê hương đến du khách.",
            start_date=date(2024, 4, 20),
            topics=["du_lich", "quang_ba_hinh_anh"],
        )
        ActivityQuantity.objects.create(
            activity=cls.festival,
            indicator=Indicator.objects.get(code="news_articles"),
            value=5,
        )
        cls.fair = Activity.objects.create(
            unit=cls.commune,
            type="exhibition",
            title="Tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024",
            start_date=date(2024, 4, 18),
            end_date=date(2024, 4, 21),
        )
        Activity.objects.create(  # another commune's: not in this report
            unit=cls.sibling, type="event", title="Hội nghị khác", start_date=date(2024, 5, 1)
        )
        Activity.objects.create(  # outside the period
            unit=cls.commune, type="event", title="Lễ hội năm sau", start_date=date(2024, 8, 1)
        )
        cls.draft = draft_for(Basis(cls.commune, S1))

    def test_figures_are_woven_into_sentences_as_officials_write_them(self):
        results = lines(self.draft, "results")
        self.assertIn(
            "- Đăng tải, phát sóng 46 tin, bài về thông tin đối ngoại, tăng 15% so với cùng kỳ "
            "năm 2023.",
            results,
        )
        self.assertIn(
            "- 6 tháng đầu năm 2024, toàn phường đã thu hút được 08 dự án FDI, tăng 33,3% so "
            "với cùng kỳ năm 2023.",
            results,
        )
        self.assertIn(
            "- 6 tháng đầu năm 2024, lượng khách du lịch đến Quy Nhơn đạt 12.450 lượt khách "
            "(trong đó khách nội địa đạt 11.220 lượt, khách quốc tế 1.230 lượt); doanh thu du "
            "lịch đạt 3,65 tỷ đồng, đạt 45,6% kế hoạch năm.",
            results,
        )

    def test_activities_are_written_with_their_dates_under_their_group(self):
        results = lines(self.draft, "results")
        self.assertIn(
            "- Từ ngày 18 đến ngày 21/4/2024, tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024.",
            results,
        )
        self.assertIn(
            "- Ngày 20/4/2024, tổ chức Ngày hội Văn hóa - Du lịch phường với 05 tin, bài. Nhằm "
            "quảng bá hình ảnh quê hương đến du khách.",
            results,
        )
        headings = [line for line in results if line[:2] in ("1.", "2.", "3.")]
        self.assertEqual(
            headings,
            [
                "1. Thông tin, tuyên truyền đối ngoại trên báo chí, phát thanh, truyền hình",
                "2. Thông tin đối ngoại trên cổng thông tin điện tử, mạng xã hội",
                "3. Quảng bá hình ảnh, xúc tiến đầu tư, thương mại, du lịch",
            ],
        )
        self.assertNotIn("Hội nghị khác", "\n".join(results))
        self.assertNotIn("Lễ hội năm sau", "\n".join(results))

    def test_the_direction_cites_the_higher_plan(self):
        self.assertEqual(
            lines(self.draft, "direction"),
            [
                "- Thực hiện Kế hoạch số 45/KH-UBND ngày 22/01/2024 của UBND tỉnh Bình Định về "
                "công tác thông tin đối ngoại năm 2024, UBND phường Quy Nhơn đã ban hành Kế hoạch "
                "số 12/KH-UBND ngày 05/02/2024 về công tác thông tin đối ngoại trên địa bàn "
                "phường năm 2024."
            ],
        )

    def test_every_line_keeps_the_records_it_came_from(self):
        by_text = {line.text: line for line in self.draft.sections["results"]}
        fair = next(t for t in by_text if "VITM" in t)
        self.assertEqual(
            [(s.kind, s.id) for s in by_text[fair].sources], [("activity", str(self.fair.pk))]
        )
        news = next(t for t in by_text if t.startswith("- Đăng tải, phát sóng"))
        self.assertEqual([s.kind for s in by_text[news].sources], ["value"])
        self.assertTrue(by_text[news].derived)
        revenue = next(t for t in by_text if "doanh thu" in t)
        kinds = {s.kind for s in by_text[revenue].sources}
        self.assertEqual(kinds, {"value", "target"})

    def test_the_assessment_and_tasks_say_what_rose_and_what_is_behind_plan(self):
        achievements = " ".join(lines(self.draft, "achievements"))
        self.assertIn("triển khai theo Kế hoạch số 12/KH-UBND ngày 05/02/2024", achievements)
        self.assertIn("số tin, bài về thông tin đối ngoại được đăng tải tăng 15%", achievements)
        difficulties = " ".join(lines(self.draft, "difficulties"))
        self.assertIn("Tổng thu từ du lịch mới đạt 45,6% kế hoạch năm.", difficulties)
        tasks = lines(self.draft, "next_tasks")
        self.assertIn("tổng thu từ du lịch (mới đạt 45,6% kế hoạch)", tasks[-1])
        self.assertEqual(self.draft.next_period_label, "6 tháng cuối năm 2024")

    def test_the_same_records_always_give_the_same_text(self):
        again = draft_for(Basis(self.commune, S1))
        for code in self.draft.sections:
            self.assertEqual(lines(again, code), lines(self.draft, code))
        self.assertEqual(again.opening.text, self.draft.opening.text)

    def test_a_unit_with_nothing_recorded_is_told_what_is_missing(self):
        draft = draft_for(Basis(self.sibling, parse_period_id("2023S2")))
        self.assertEqual(
            lines(draft, "results"),
            [
                "Chưa có hoạt động, số liệu nào được ghi cho 6 tháng cuối năm 2023: cần ghi các "
                "hoạt động đã thực hiện và nhập số liệu của kỳ trước khi soạn báo cáo."
            ],
        )
        self.assertEqual(lines(draft, "direction"), [])
        self.assertEqual(
            draft.closing.text,
            "Trên đây là báo cáo kết quả công tác thông tin đối ngoại 6 tháng cuối năm 2023 của "
            "UBND xã Tuy Phước. Kính báo cáo UBND tỉnh Bình Định biết, tổng hợp./.",
        )


class ConsolidatedDraftTests(TreeTestCase):
    """The province merges what its communes and department submitted."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form = ReportForm.objects.get(code="ttdn-6-thang")
        cls.request = issue_request(
            cls.consolidator,
            cls.province,
            cls.form,
            "2024S1",
            "812/UBND-VX",
            date(2024, 6, 14),
            date(2024, 6, 28),
            "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
            units=[cls.commune, cls.sibling, cls.department],
        )
        for unit, officer, news in (
            (cls.commune, cls.officer, 120),
            (cls.sibling, cls.sibling_officer, 80),
        ):
            save_values(officer, unit, S1, {("news_articles", ""): Decimal(news)})
            Activity.objects.create(
                unit=unit,
                type="event",
                title="Tuyên truyền kỷ niệm 49 năm Ngày Giải phóng miền Nam trên hệ thống "
                "truyền thanh cơ sở",
                start_date=date(2024, 4, 25),
                topics=["su_kien_ky_niem"],
            )
        save_values(cls.province_officer, cls.department, S1, {("news_articles", ""): Decimal(60)})
        typed = {
            cls.commune: "Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ.",
            cls.sibling: "Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ. "
            "Cán bộ phụ trách còn kiêm nhiệm.",
        }
        for unit in (cls.commune, cls.sibling):
            submission = cls.request.submissions.get(unit=unit)
            draft_sections(cls.consolidator_for(unit), submission)
            save_sections(
                cls.consolidator_for(unit),
                submission,
                {
                    "difficulties": typed[unit],
                    "proposals": "Đề nghị tỉnh bố trí kinh phí cho hoạt động thông tin đối ngoại.",
                },
                {},
            )
            submission.refresh_from_db()
            submission.status, submission.submitted_at = Status.SUBMITTED, "2024-06-27T08:00+07:00"
            submission.save()
        # The department never submitted: its figures and text wait.

    @classmethod
    def consolidator_for(cls, unit):
        return cls.officer if unit == cls.commune else cls.sibling_officer

    def report(self, scope="", consolidates=None):
        own = Submission(unit=self.province, period=S1.id, scope=scope)
        own.consolidates = consolidates
        return draft_for(Basis.of(own))

    def test_figures_are_those_of_the_units_that_submitted_with_their_subjects(self):
        results = lines(self.report(), "results")
        self.assertIn(
            "UBND phường Quy Nhơn và UBND xã Tuy Phước đã đăng tải, phát sóng 200 tin, bài về "
            "thông tin đối ngoại.",
            results,
        )

    def test_everything_recorded_counts_every_unit_and_names_the_largest(self):
        results = lines(self.report(scope=Scope.RECORDED), "results")
        self.assertIn(
            "Các sở, ban, ngành, địa phương đã đăng tải, phát sóng 260 tin, bài về thông tin "
            "đối ngoại. Nhiều nhất là UBND phường Quy Nhơn (120 tin, bài), UBND xã Tuy Phước "
            "(80 tin, bài) và Sở Văn hóa, Thể thao và Du lịch (60 tin, bài).",
            results,
        )

    def test_the_same_activity_of_two_communes_is_one_sentence_naming_both(self):
        results = "\n".join(lines(self.report(), "results"))
        self.assertEqual(results.count("Giải phóng miền Nam"), 1)
        self.assertIn(
            "UBND phường Quy Nhơn và UBND xã Tuy Phước tuyên truyền kỷ niệm 49 năm Ngày Giải "
            "phóng miền Nam trên hệ thống truyền thanh cơ sở.",
            results,
        )
        self.assertNotIn("(2 đơn vị", results)

    def test_weaknesses_stay_anonymous_and_proposals_are_merged_by_topic(self):
        difficulties = lines(self.report(), "difficulties")
        self.assertIn("Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ.", difficulties)
        self.assertIn("Cán bộ phụ trách còn kiêm nhiệm.", difficulties)
        self.assertIn(
            "Còn 01 cơ quan, đơn vị, địa phương chưa gửi báo cáo (Sở Văn hóa, Thể thao và "
            "Du lịch).",
            difficulties,
        )
        text = " ".join(difficulties)
        self.assertNotIn("Quy Nhơn", text)
        self.assertEqual(
            lines(self.report(), "proposals"),
            ["- Đề nghị tỉnh bố trí kinh phí cho hoạt động thông tin đối ngoại."],
        )

    def test_the_opening_counts_the_reports_it_rests_on(self):
        draft = self.report()
        self.assertEqual(
            draft.opening.text,
            "Trên cơ sở báo cáo của 02 cơ quan, đơn vị, địa phương, UBND tỉnh Bình Định báo cáo "
            "kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024 như sau:",
        )

    def test_a_request_nobody_answered_yet_is_not_cited_as_zero_reports(self):
        second = issue_request(
            self.consolidator,
            self.province,
            self.form,
            "2024S1",
            "900/UBND-VX",
            date(2024, 6, 20),
            date(2024, 6, 30),
            "Báo cáo bổ sung",
            units=[self.commune],
        )
        draft = self.report(consolidates=second)
        self.assertNotIn("0 cơ quan", draft.opening.text)
        self.assertNotIn("trên cơ sở", draft.opening.text.lower())
        # Choosing the first request brings its reports back.
        self.assertIn("02 cơ quan", self.report(consolidates=self.request).opening.text)


class RedraftTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        form = ReportForm.objects.get(code="ttdn-6-thang")
        request = issue_request(
            cls.consolidator,
            cls.province,
            form,
            "2024S1",
            "812/UBND-VX",
            date(2024, 6, 14),
            date(2024, 6, 28),
            "Báo cáo",
            units=[cls.commune],
        )
        cls.submission = request.submissions.get()
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(46)})

    def test_redrafting_never_overwrites_an_edit_without_asking(self):
        first = draft_sections(self.officer, self.submission)
        self.assertIn("results", first.drafted)
        section = self.submission.sections.get(code="results")
        self.assertFalse(section.edited)
        edited = section.text + "\n- Phối hợp với Công an phường nắm tình hình dư luận."
        save_sections(
            self.officer, self.submission, {"results": edited}, {"results": section.version}
        )
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(50)})
        again = draft_sections(self.officer, self.submission)
        self.assertNotIn("results", again.drafted)
        self.assertIn("50 tin, bài", again.kept["results"])
        self.assertEqual(self.submission.sections.get(code="results").text, edited)
        replaced = draft_sections(self.officer, self.submission, ["results"], replace=True)
        self.assertEqual(replaced.drafted, ["results"])
        self.assertIn("50 tin, bài", self.submission.sections.get(code="results").text)

    def test_an_unedited_section_follows_the_records(self):
        draft_sections(self.officer, self.submission)
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(52)})
        outcome = draft_sections(self.officer, self.submission, ["results"])
        self.assertEqual(outcome.drafted, ["results"])
        self.assertIn("52 tin, bài", self.submission.sections.get(code="results").text)


def test_sentences_split_on_stops_and_lines():
    assert split_sentences("Một là A. Hai là B.\n- Ba là C") == [
        "Một là A.",
        "Hai là B.",
        "Ba là C",
    ]


class NothingToSayTests(TreeTestCase):
    def test_a_zero_without_a_comparison_and_direction_figures_are_not_results(self):
        save_values(
            self.officer,
            self.commune,
            S1,
            {
                ("rebuttal_articles", ""): Decimal(0),
                ("press_conferences", ""): Decimal(2),
                ("ttdn_officers", ""): Decimal(2),
                ("ttdn_officers", "part_time"): Decimal(2),
            },
        )
        results = " ".join(lines(draft_for(Basis(self.commune, S1)), "results"))
        self.assertIn("02 cuộc họp báo", results)
        self.assertNotIn(" 0 ", results)
        self.assertNotIn("Cán bộ làm công tác", results)
        # Said last year and none now: a fall worth saying.
        save_values(self.officer, self.commune, EARLIER, {("rebuttal_articles", ""): Decimal(3)})
        results = " ".join(lines(draft_for(Basis(self.commune, S1)), "results"))
        self.assertIn("phản bác", results)
