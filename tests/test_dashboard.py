"""The home dashboard: what each role sees, for fixed dates."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ttdn import dashboard
from ttdn.accounts.models import Membership, Role
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import UnitKind
from ttdn.reporting import services
from ttdn.reporting.models import Stage, Status
from ttdn.testing import TreeTestCase, make_person, make_unit

S1 = parse_period_id("2024S1")


class DashboardCase(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.request = cls.issue_half_year_request([cls.commune, cls.sibling, cls.department])
        cls.submission = cls.request.submissions.get(unit=cls.commune)

    def write_text(self, text="Đăng 10 tin, bài."):
        services.save_sections(self.officer, self.submission, {"results": text}, {})

    def present(self):
        """The officer writes the report and presents it to the leader."""
        self.write_text()
        services.present_report(self.officer, self.submission)

    def submit(self, unit, at):
        """Record the unit's report as submitted at ``at`` (the submission rules are
        the reporting app's tests' business)."""
        submission = self.request.submissions.get(unit=unit)
        submission.status = Status.SUBMITTED
        submission.submitted_at = submission.first_submitted_at = at
        submission.signed_off_at = at
        submission.save()


class OfficerBlockTests(DashboardCase):
    def test_the_officer_sees_what_the_unit_owes_with_days_left_and_state(self):
        board = dashboard.build(self.officer, date(2024, 6, 20))
        self.assertTrue(board.is_officer)
        self.assertFalse(board.overviews)
        [owed] = board.owed
        self.assertEqual(owed.submission, self.submission)
        self.assertEqual(owed.days_left, 8)
        self.assertEqual(owed.state, Stage.DRAFT)
        self.assertFalse(owed.overdue)

    def test_a_presented_report_waits_for_the_leader_then_is_ready_to_submit(self):
        self.write_text()
        [owed] = dashboard.build(self.officer, date(2024, 6, 20)).owed
        self.assertEqual(owed.state, Stage.DRAFT)
        services.present_report(self.officer, self.submission)
        [owed] = dashboard.build(self.officer, date(2024, 6, 20)).owed
        self.assertEqual(owed.state, Stage.PRESENTED)
        services.sign_off(self.leader, self.submission)
        [owed] = dashboard.build(self.officer, date(2024, 6, 20)).owed
        self.assertEqual(owed.state, Stage.APPROVED)

    def test_an_unsubmitted_report_after_the_deadline_is_overdue(self):
        [owed] = dashboard.build(self.officer, date(2024, 7, 3)).owed
        self.assertTrue(owed.overdue)
        self.assertEqual(owed.days_overdue, 5)

    def test_a_submitted_report_stays_a_month_then_leaves_the_list(self):
        self.submit(self.commune, timezone.make_aware(timezone.datetime(2024, 6, 25, 9)))
        [owed] = dashboard.build(self.officer, date(2024, 7, 10)).owed
        self.assertEqual(owed.state, Stage.SUBMITTED)
        self.assertFalse(owed.overdue)
        self.assertEqual(dashboard.build(self.officer, date(2024, 6, 28) + timedelta(31)).owed, [])

    def test_the_page_links_each_owed_report_to_its_entry_form(self):
        self.client.force_login(self.officer)
        response = self.client.get(reverse("home"))
        self.assertContains(response, 'id="owed-reports"')
        self.assertContains(response, reverse("indicators:entry", args=["BDI-QN", "2024S1"]))
        self.assertContains(response, "quá hạn")  # the 2024 deadline has long passed
        self.assertContains(response, "Đang soạn")
        self.assertNotContains(response, 'id="to-approve"')
        self.assertNotContains(response, "data-chart=")

    def test_an_officer_of_another_unit_does_not_see_the_report(self):
        self.assertEqual(dashboard.build(self.outsider, date(2024, 6, 20)).owed, [])
        self.assertEqual(
            [
                o.submission.unit
                for o in dashboard.build(self.sibling_officer, date(2024, 6, 20)).owed
            ],
            [self.sibling],
        )


class LeaderBlockTests(DashboardCase):
    def test_the_leader_sees_a_presented_report_until_approving_it(self):
        self.write_text()
        self.assertEqual(dashboard.build(self.leader, date(2024, 6, 20)).to_approve, [])
        services.present_report(self.officer, self.submission)
        board = dashboard.build(self.leader, date(2024, 6, 20))
        self.assertEqual(board.to_approve, [self.submission])
        self.assertFalse(board.is_officer)
        self.client.force_login(self.leader)
        page = self.client.get(reverse("home"))
        self.assertContains(page, reverse("reporting:submission", args=[self.submission.pk]))
        services.sign_off(self.leader, self.submission)
        self.assertEqual(dashboard.build(self.leader, date(2024, 6, 20)).to_approve, [])

    def test_another_units_leader_is_not_asked(self):
        self.present()
        other = Membership.objects.create(
            user=self.outsider, unit=self.other_commune, role=Role.LEADER
        )
        self.assertEqual(dashboard.build(other.user, date(2024, 6, 20)).to_approve, [])


class ConsolidatorBlockTests(DashboardCase):
    def test_the_open_request_names_late_and_missing_units_with_the_rate(self):
        self.submit(self.commune, timezone.make_aware(timezone.datetime(2024, 6, 25, 9)))
        self.submit(self.sibling, timezone.make_aware(timezone.datetime(2024, 7, 2, 9)))
        board = dashboard.build(self.consolidator, date(2024, 7, 5))
        self.assertFalse(board.is_officer)
        [overview] = board.overviews
        self.assertEqual(overview.unit, self.province)
        [open_request] = overview.open_requests
        self.assertEqual((open_request.board.submitted, open_request.board.expected), (2, 3))
        self.assertEqual(open_request.late, [self.sibling])
        self.assertEqual(open_request.missing, [self.department])
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("home")).content.decode()
        self.assertIn("Đã nộp 2/3 đơn vị (66,7%)", page)
        self.assertIn("Sở Văn hóa, Thể thao và Du lịch", page)
        for chart in ("trend", "ranking", "completeness"):
            self.assertIn(f'data-chart="{chart}"', page)

    def test_a_request_everyone_answered_closes_a_month_after_its_deadline(self):
        for unit in (self.commune, self.sibling, self.department):
            self.submit(unit, timezone.make_aware(timezone.datetime(2024, 6, 25, 9)))
        [overview] = dashboard.build(self.consolidator, date(2024, 7, 20)).overviews
        self.assertEqual(len(overview.open_requests), 1)
        [overview] = dashboard.build(self.consolidator, date(2024, 8, 1)).overviews
        self.assertEqual(overview.open_requests, [])
        self.assertEqual(overview.completeness[0].completeness, 100.0)

    def test_the_charts_figures_come_from_the_recorded_values(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(30)})
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal(1250)})
        [overview] = dashboard.build(self.consolidator, date(2024, 6, 20)).overviews
        self.assertEqual([p.id for p in overview.trend.periods][-2:], ["2023S2", "2024S1"])
        news = next(s for s in overview.trend.series if s.indicator.code == "news_articles")
        self.assertEqual(news.values[-1], Decimal(1280))
        self.assertIsNone(news.values[0])
        self.assertEqual(overview.ranked_period.id, "2024S1")
        self.assertEqual(
            [(r.unit.code, r.value) for r in overview.ranking][:2],
            [("BDI-TP", Decimal(1250)), ("BDI-QN", Decimal(30))],
        )
        self.client.force_login(self.consolidator)
        self.assertContains(self.client.get(reverse("home")), "1.250")
        # A half just begun has nothing to rank yet: the ranking stays on the last one.
        [overview] = dashboard.build(self.consolidator, date(2024, 8, 1)).overviews
        self.assertEqual(overview.trend.periods[-1].id, "2024S2")
        self.assertEqual(overview.ranked_period.id, "2024S1")

    def test_a_viewer_follows_the_province_too_and_a_person_with_two_roles_gets_both_blocks(self):
        self.assertEqual(
            [o.unit for o in dashboard.build(self.viewer, date(2024, 6, 20)).overviews],
            [self.province],
        )
        Membership.objects.create(user=self.officer, unit=self.province, role=Role.VIEWER)
        board = dashboard.build(self.officer, date(2024, 6, 20))
        self.assertTrue(board.is_officer)
        self.assertEqual([o.unit for o in board.overviews], [self.province])
        self.assertEqual([o.submission.unit for o in board.owed], [self.commune])

    def test_the_dashboard_reads_as_many_queries_whatever_the_number_of_units(self):
        self.client.force_login(self.consolidator)

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.client.get(reverse("home"))
            return len(captured)

        before = queries()
        for n in range(5):
            commune = make_unit(f"BDI-X{n}", f"Xã Mới {n}", UnitKind.COMMUNE, self.province)
            officer = make_person(f"canbo.x{n}", commune, Role.OFFICER)
            save_values(officer, commune, S1, {("news_articles", ""): Decimal(n)})
        self.assertEqual(queries(), before)
