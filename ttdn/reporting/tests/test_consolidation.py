from datetime import date

from ttdn.reporting.consolidation import consolidate, merge_points, split_sentences
from ttdn.reporting.models import ReportForm, Status, SubmissionSection
from ttdn.reporting.services import issue_request
from ttdn.testing import TreeTestCase, make_unit


class MergeTests(TreeTestCase):
    def test_near_duplicate_sentences_merge_with_every_unit_that_raised_them(self):
        third = make_unit("BDI-PL", "Xã Phước Lộc", "commune", self.province)
        points = merge_points(
            [
                (
                    self.commune,
                    "Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ. "
                    "Đội ngũ cán bộ còn kiêm nhiệm.",
                ),
                (self.sibling, "Kinh phí cho hoạt động thông tin đối ngoại chưa được phân bổ."),
                (third, "- Kinh phí cho hoạt động thông tin đối ngoại còn chưa được phân bổ"),
            ]
        )
        first = points[0]
        self.assertTrue(first.text.startswith("Kinh phí cho hoạt động"))
        self.assertEqual([u.code for u in first.units], ["BDI-QN", "BDI-TP", "BDI-PL"])
        self.assertEqual([u.code for u in points[1].units], ["BDI-QN"])

    def test_different_sentences_stay_apart(self):
        points = merge_points(
            [(self.commune, "Thiếu kinh phí."), (self.sibling, "Thiếu cán bộ biết ngoại ngữ.")]
        )
        self.assertEqual(len(points), 2)

    def test_sentences_split_on_full_stops_and_lines(self):
        self.assertEqual(
            split_sentences("Một là A. Hai là B.\n- Ba là C"), ["Một là A.", "Hai là B.", "Ba là C"]
        )

    def test_only_submitted_or_accepted_narratives_are_gathered_under_the_form_headings(self):
        form = ReportForm.objects.create(code="f", name="f", period_type="six_month")
        request = issue_request(
            self.consolidator,
            self.province,
            form,
            "2024S1",
            "1/SVH",
            date(2024, 6, 1),
            date(2024, 7, 5),
            "TTĐN",
            kinds=["commune"],
        )
        done = request.submissions.get(unit=self.commune)
        draft = request.submissions.get(unit=self.sibling)
        done.status = Status.ACCEPTED
        done.save()
        SubmissionSection.objects.create(
            submission=done, code="difficulties", text="Thiếu kinh phí."
        )
        SubmissionSection.objects.create(
            submission=draft, code="difficulties", text="Bản nháp chưa nộp."
        )
        result = consolidate(self.province, request.the_period, request)
        difficulties = next(s for s in result.sections if s.code == "difficulties")
        self.assertEqual(difficulties.title, "Khó khăn, hạn chế, tồn tại")
        self.assertEqual([p.text for p in difficulties.points], ["Thiếu kinh phí."])
        self.assertEqual(result.totals.unit, self.province)
