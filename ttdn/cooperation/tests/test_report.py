"""What the cooperation registers say in a drafted report, for a commune and for its
province drafted from everything recorded."""

from __future__ import annotations

from datetime import date

from ttdn.cooperation.models import (
    Agreement,
    ApprovalStep,
    CourseAttendance,
    Delegation,
    Partner,
    TrainingCourse,
)
from ttdn.lib.periods import parse_period_id
from ttdn.registers.drafting import ReportContext, covered, report_lines
from ttdn.reporting.drafting import Basis, draft_for
from ttdn.reporting.models import Scope, Submission
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


def lines(draft, code):
    return [line.text for line in draft.sections.get(code, [])]


class CooperationReportTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        run = TrainingCourse.objects.create(
            unit=cls.department,
            title="Bồi dưỡng nghiệp vụ thông tin đối ngoại",
            starts_on=date(2024, 4, 8),
            ends_on=date(2024, 4, 9),
            sessions=2,
            participants=120,
            audience="officials",
        )
        TrainingCourse.objects.create(
            unit=cls.commune,
            title="Tập huấn kỹ năng phát ngôn",
            starts_on=date(2024, 3, 12),
            participants=45,
            audience="officials",
        )
        CourseAttendance.objects.create(
            unit=cls.commune, course=run, starts_on=run.starts_on, attendees=5
        )
        CourseAttendance.objects.create(
            unit=cls.sibling, course=run, starts_on=run.starts_on, attendees=4
        )
        for unit, people in ((cls.commune, 2), (cls.sibling, 1)):
            CourseAttendance.objects.create(
                unit=unit,
                course_title="Lớp bồi dưỡng kiến thức thông tin đối ngoại",
                organiser="Bộ Ngoại giao",
                starts_on=date(2024, 5, 20),
                attendees=people,
            )
        for unit, country, members in (
            (cls.commune, "JP", 4),
            (cls.commune, "KR", 3),
            (cls.sibling, "JP", 5),
            (cls.sibling, "US", 6),
        ):
            Delegation.objects.create(
                unit=unit,
                direction="incoming",
                kind="press",
                name=f"Đoàn phóng viên {country}",
                country=country,
                members=members,
                starts_on=date(2024, 5, 14),
            )
        Delegation.objects.create(
            unit=cls.commune,
            direction="outgoing",
            kind="official",
            name="Đoàn công tác thăm thành phố Fujisawa",
            country="JP",
            members=6,
            starts_on=date(2024, 6, 2),
        )
        partner = Partner.objects.create(
            unit=cls.commune,
            name="Thành phố Fujisawa",
            country="JP",
            kind="locality",
            twinned=True,
            since=date(2015, 1, 1),
        )
        agreement = Agreement.objects.create(
            unit=cls.commune,
            partner=partner,
            title="Thỏa thuận hợp tác giao lưu văn hóa",
            signed_on=date(2024, 6, 3),
        )
        ApprovalStep.objects.create(
            agreement=agreement,
            step="Bộ Ngoại giao có ý kiến",
            done_on=date(2024, 5, 15),
            document_number="2120/BNG-LS",
        )

    def test_a_communes_report_says_what_it_organised_and_attended(self):
        results = lines(draft_for(Basis(self.commune, S1)), "results")
        self.assertIn(
            "- Tổ chức 01 lớp tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại cho 45 lượt cán "
            "bộ, gồm: lớp “Tập huấn kỹ năng phát ngôn” ngày 12/3/2024; cử 07 lượt cán bộ tham dự "
            "02 lớp tập huấn do Sở Văn hóa, Thể thao và Du lịch, Bộ Ngoại giao tổ chức.",
            results,
        )
        self.assertIn(
            "- Đón tiếp 02 đoàn với 07 phóng viên nước ngoài đến từ Nhật Bản và Hàn Quốc vào "
            "hoạt động báo chí tại địa phương.",
            results,
        )
        self.assertIn("- Cử 01 đoàn với 06 thành viên đi công tác tại Nhật Bản.", results)
        self.assertIn(
            "- Ký kết 01 thỏa thuận hợp tác quốc tế với Thành phố Fujisawa (Nhật Bản); việc ký "
            "kết được tiến hành theo đúng quy định, có ý kiến của cơ quan có thẩm quyền.",
            results,
        )
        self.assertIn(
            "- Duy trì quan hệ hợp tác với 01 địa phương, tổ chức nước ngoài của 01 quốc gia, "
            "trong đó kết nghĩa với 01 đối tác.",
            results,
        )

    def test_the_province_counts_the_departments_course_once_and_countries_once(self):
        own = Submission(unit=self.province, period=S1.id, scope=Scope.RECORDED)
        results = lines(draft_for(Basis.of(own)), "results")
        self.assertIn(
            "UBND phường Quy Nhơn, Sở Văn hóa, Thể thao và Du lịch đã tổ chức 02 lớp tập huấn, "
            "bồi dưỡng nghiệp vụ thông tin đối ngoại cho 165 lượt cán bộ, gồm: lớp “Tập huấn kỹ "
            "năng phát ngôn” ngày 12/3/2024; lớp “Bồi dưỡng nghiệp vụ thông tin đối ngoại” từ "
            "ngày 08 đến ngày 09/4/2024; UBND phường Quy Nhơn và UBND xã Tuy Phước đã cử 03 lượt "
            "cán bộ tham dự 01 lớp tập huấn do Bộ Ngoại giao tổ chức.",
            results,
        )
        self.assertIn(
            "UBND phường Quy Nhơn và UBND xã Tuy Phước đã đón tiếp 04 đoàn với 18 phóng viên "
            "nước ngoài đến từ Nhật Bản, Hàn Quốc và Hoa Kỳ vào hoạt động báo chí tại địa phương.",
            results,
        )
        text = "\n".join(results)
        self.assertNotIn("Sở Văn hóa, Thể thao và Du lịch tổ chức", text)

    def test_many_countries_are_counted_not_named_and_many_units_not_listed(self):
        for number, country in enumerate(("FR", "DE", "LA", "KH", "TH")):
            Delegation.objects.create(
                unit=self.department if country == "TH" else self.sibling,
                direction="incoming",
                kind="press",
                name=f"Đoàn {number}",
                country=country,
                members=1,
                starts_on=date(2024, 2, 1),
            )
        own = Submission(unit=self.province, period=S1.id, scope=Scope.RECORDED)
        results = lines(draft_for(Basis.of(own)), "results")
        self.assertIn(
            "Các sở, ban, ngành, địa phương đã đón tiếp 09 đoàn với 23 phóng viên nước ngoài đến "
            "từ 08 quốc gia vào hoạt động báo chí tại địa phương.",
            results,
        )

    def test_each_sentence_names_the_figures_it_states(self):
        context = ReportContext(
            unit=self.province,
            period=S1,
            start=S1.start,
            end=S1.end,
            subtree=True,
            subject="UBND tỉnh",
            name_of=lambda unit: unit.name,
        )
        lines = report_lines(context)
        self.assertEqual(
            covered(lines),
            {
                "training_courses",
                "training_participants",
                "training_courses_attended",
                "training_attendees",
                "foreign_press_delegations",
                "foreign_reporters",
                "outgoing_delegations",
                "international_agreements",
                "partner_localities",
            },
        )


class FiguresSaidOnceTests(TreeTestCase):
    def test_a_figure_a_register_sentence_states_is_not_said_again(self):
        from ttdn.registers.base import get

        get("delegations").save(
            self.officer,
            Delegation(
                direction="incoming",
                kind="press",
                name="Đoàn phóng viên NHK",
                country="JP",
                members=4,
                starts_on=date(2024, 5, 14),
            ),
            unit=self.commune,
        )
        results = lines(draft_for(Basis(self.commune, S1)), "results")
        said = [line for line in results if line.startswith("-") and "phóng viên" in line]
        self.assertEqual(len(said), 1, said)
        self.assertIn("04 phóng viên nước ngoài đến từ Nhật Bản", said[0])
