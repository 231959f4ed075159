"""The report page as an editor: the draft section by section with its sources, redrafting
that asks before overwriting an edit, the consolidation basis, and who may do what."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from ttdn.activities.models import Activity
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import Scope, Submission
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


class EditorTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune, cls.sibling])
        save_values(cls.officer, cls.commune, S1, {("news_articles", ""): Decimal(46)})
        Activity.objects.create(
            unit=cls.commune,
            type="press_conference",
            title="Giao ban báo chí quý II/2024",
            start_date=date(2024, 6, 25),
        )

    def page(self):
        return reverse("reporting:submission", args=[self.submission().pk])

    def submission(self):
        return self.request.submissions.get(unit=self.commune)

    def test_the_page_shows_the_unsaved_draft_with_each_lines_sources(self):
        self.client.force_login(self.officer)
        response = self.client.get(self.page())
        self.assertContains(response, 'data-testid="unsaved-results"')
        self.assertContains(response, "- Đăng tải, phát sóng 46 tin, bài về thông tin đối ngoại.")
        self.assertContains(response, "Ngày 25/6/2024, tổ chức giao ban báo chí quý II/2024.")
        self.assertContains(
            response, "Tin, bài về TTĐN được đăng tải: 46 tin, bài (6 tháng đầu năm 2024)"
        )
        self.assertContains(response, "Giao ban báo chí quý II/2024 (25/6/2024, Phường Quy Nhơn)")
        self.assertContains(response, "Phương hướng, nhiệm vụ 6 tháng cuối năm 2024")

    def test_redrafting_keeps_what_was_typed_and_shows_the_change_before_replacing(self):
        self.client.force_login(self.officer)
        redraft = reverse("reporting:redraft", args=[self.submission().pk])
        self.client.post(redraft)  # first draft of every section
        results = self.submission().sections.get(code="results")
        typed = results.text + "\n- Phối hợp với Công an phường nắm tình hình dư luận."
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(50)})
        response = self.client.post(
            f"{redraft}?section=results",
            {"s__results": typed, "ver__results": results.version},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-testid="diff-results"')
        self.assertContains(response, '<li class="new">+ - Đăng tải, phát sóng 50 tin, bài')
        self.assertEqual(self.submission().sections.get(code="results").text, typed)
        self.client.post(f"{redraft}?section=results&replace=1")
        self.assertIn("50 tin, bài", self.submission().sections.get(code="results").text)
        self.assertNotIn("Công an phường", self.submission().sections.get(code="results").text)

    def test_an_activity_added_from_the_report_page_comes_back_to_it(self):
        self.client.force_login(self.officer)
        url = reverse("registers:activities-create", args=["BDI-QN"]) + f"?next={self.page()}"
        response = self.client.post(
            url,
            {
                "type": "foreign_press",
                "title": "Đón đoàn phóng viên Hàn Quốc",
                "start_date": "12/05/2024",
                "next": self.page(),
            },
        )
        self.assertRedirects(response, self.page())
        self.assertContains(self.client.get(self.page()), "Ngày 12/5/2024, đón đoàn phóng viên")
        elsewhere = self.client.post(
            reverse("registers:activities-create", args=["BDI-QN"]),
            {"type": "event", "title": "X", "start_date": "01/05/2024", "next": "https://evil"},
        )
        added = Activity.objects.get(title="X")  # off the site: its own page instead
        self.assertRedirects(elsewhere, reverse("registers:activities-detail", args=[added.pk]))

    def test_the_province_chooses_what_it_consolidates(self):
        self.client.force_login(self.consolidator)
        own = self.client.post(reverse("reporting:own_report", args=["BDI", "2024S1"]))
        report = Submission.objects.get(unit=self.province, request=None)
        self.assertRedirects(own, reverse("reporting:submission", args=[report.pk]))
        page = self.client.get(reverse("reporting:submission", args=[report.pk]))
        self.assertContains(page, 'data-testid="basis"')
        self.assertContains(page, "812/UBND-VX")
        url = reverse("reporting:basis", args=[report.pk])
        self.client.post(url, {"consolidates": self.request.pk, "scope": Scope.RECORDED})
        report.refresh_from_db()
        self.assertEqual((report.consolidates, report.scope), (self.request, Scope.RECORDED))
        self.assertEqual(self.client.post(url, {"consolidates": "999999"}).status_code, 404)
        self.client.force_login(self.officer)
        self.assertEqual(self.client.post(url, {"scope": Scope.ACCEPTED}).status_code, 404)

    def test_who_may_open_and_change_the_report(self):
        pk = self.submission().pk
        routes = [
            ("reporting:redraft", "post"),
            ("reporting:issue", "post"),
            ("reporting:basis", "post"),
            ("reporting:submission", "get"),
        ]
        for name, method in routes:
            url = reverse(name, args=[pk])
            with self.subTest(name=name, who="anonymous"):
                response = getattr(self.client, method)(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse(settings.LOGIN_URL), response["Location"])
        self.client.force_login(self.outsider)
        for name, method in routes:
            with self.subTest(name=name, who="outsider"):
                response = getattr(self.client, method)(reverse(name, args=[pk]))
                self.assertEqual(response.status_code, 404)
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.post(reverse("reporting:redraft", args=[pk])).status_code, 403)
        self.assertEqual(self.client.post(reverse("reporting:issue", args=[pk])).status_code, 403)
        self.assertEqual(
            self.client.post(reverse("reporting:own_report", args=["BDI", "2024S1"])).status_code,
            403,
        )
        self.client.force_login(self.sibling_officer)
        self.assertEqual(self.client.get(self.page()).status_code, 404)
