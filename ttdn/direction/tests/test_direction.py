"""The direction registers: committee, meetings, officers, oversight visits and their
follow-up, budget — their rules, the values they feed (each counted once), search and
the report sentences they give."""

from __future__ import annotations

import json
from datetime import date

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ttdn.accounts.models import Role
from ttdn.direction.models import (
    Budget,
    CommitteeMember,
    MeetingFollowUp,
    Officer,
    OversightVisit,
    Recommendation,
    RecommendationProgress,
    SteeringCommittee,
    SteeringMeeting,
)
from ttdn.indicators.models import DataValue, RollupValue
from ttdn.inputs import MoneyField
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import UnitKind
from ttdn.registers.base import get
from ttdn.registers.drafting import ReportContext, report_lines
from ttdn.search import services as search
from ttdn.testing import TreeTestCase, make_person, make_unit


def values(unit, code, period="2024"):
    return {
        option: int(value)
        for option, value in DataValue.objects.filter(
            unit=unit, indicator__code=code, period=period
        ).values_list("option", "value")
    }


def context(unit, period_id="2024S1", *, subtree=False, subject=None):
    period = parse_period_id(period_id)
    return ReportContext(
        unit=unit,
        period=period,
        start=period.start,
        end=period.end,
        subtree=subtree,
        subject=subject or unit.name,
        name_of=lambda u: u.name,
    )


def texts(lines, section):
    return [line.text for line in lines if line.section == section]


class CommitteeTests(TreeTestCase):
    def form(self, **changes):
        data = {
            "name": "Ban Chỉ đạo công tác thông tin đối ngoại phường",
            "decision_number": "25/QĐ-UBND",
            "decision_date": "10/01/2024",
            "standing_agency": "",
            "committee_unit": "",
            "rows0-TOTAL_FORMS": "2",
            "rows0-INITIAL_FORMS": "0",
            "rows0-0-full_name": "Nguyễn Văn An",
            "rows0-0-position": "Chủ tịch UBND phường",
            "rows0-0-role": "head",
            "rows0-1-full_name": "Trần Thị Bích",
            "rows0-1-position": "Công chức Văn hóa - Xã hội",
            "rows0-1-role": "member",
        }
        data.update(changes)
        return data

    def test_a_committee_is_recorded_with_its_members(self):
        self.client.force_login(self.officer)
        url = reverse("registers:steering-committees-create", args=["BDI-QN"])
        response = self.client.post(url, self.form())
        committee = SteeringCommittee.objects.get()
        self.assertRedirects(
            response, reverse("registers:steering-committees-detail", args=[committee.pk])
        )
        self.assertEqual(
            list(committee.members.order_by("pk").values_list("full_name", "role")),
            [("Nguyễn Văn An", "head"), ("Trần Thị Bích", "member")],
        )
        detail = self.client.get(response.url)
        self.assertContains(detail, "Phó Trưởng ban Thường trực", count=0)
        self.assertContains(detail, "Trưởng ban")

    def test_the_same_person_twice_is_refused_and_nothing_typed_is_lost(self):
        self.client.force_login(self.officer)
        url = reverse("registers:steering-committees-create", args=["BDI-QN"])
        response = self.client.post(url, self.form(**{"rows0-1-full_name": "nguyễn văn  an"}))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "có tên hai lần trong danh sách thành viên")
        self.assertContains(response, "Công chức Văn hóa - Xã hội")
        self.assertFalse(SteeringCommittee.objects.exists())

    def test_the_api_refuses_a_member_twice(self):
        self.client.force_login(self.officer)
        member = {"fullName": "Nguyễn Văn An", "position": "Chủ tịch", "role": "member"}
        body = {
            "unit": "BDI-QN",
            "name": "Ban Chỉ đạo",
            "decisionNumber": "1/QĐ-UBND",
            "decisionDate": "2024-01-10",
            "members": [member, member],
        }
        response = self.client.post(
            "/api/steering-committees", json.dumps(body), "application/json"
        )
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn("hai lần", json.loads(response.content)["detail"][0]["msg"])
        self.assertFalse(CommitteeMember.objects.exists())

    def test_the_standing_agency_must_be_below_the_unit_that_set_it_up(self):
        self.client.force_login(self.officer)
        url = reverse("registers:steering-committees-create", args=["BDI-QN"])
        response = self.client.post(url, self.form(standing_agency=str(self.sibling.pk)))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(SteeringCommittee.objects.exists())
        committee = SteeringCommittee(
            unit=self.commune,
            name="Ban",
            decision_number="1",
            decision_date=date(2024, 1, 1),
            standing_agency=self.sibling,
        )
        with self.assertRaisesMessage(Exception, "Cơ quan thường trực phải là đơn vị thuộc"):
            get("steering-committees").save(self.officer, committee, unit=self.commune)

    def test_a_wrong_decision_date_keeps_what_was_typed(self):
        self.client.force_login(self.officer)
        url = reverse("registers:steering-committees-create", args=["BDI-QN"])
        response = self.client.post(url, self.form(decision_date="31/02/2024"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "25/QĐ-UBND")
        self.assertFalse(SteeringCommittee.objects.exists())


class MeetingsCountedOnceTests(TreeTestCase):
    """The demo's tree holds the province's committee as a unit (BDI-BCD) beside its
    standing agency: a meeting is counted for one unit only, and the province total
    holds it once."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.committee_unit = make_unit(
            "BDI-BCD",
            "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
            UnitKind.STEERING_COMMITTEE,
            cls.province,
        )
        cls.province.refresh_from_db()

    def committee(self, **extra):
        return get("steering-committees").save(
            self.province_officer,
            SteeringCommittee(
                name="Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
                decision_number="120/QĐ-UBND",
                decision_date=date(2021, 3, 2),
                standing_agency=self.department,
                **extra,
            ),
            unit=self.province,
        )

    def meeting(self, committee, day=date(2024, 1, 15)):
        return get("steering-meetings").save(
            self.province_officer,
            SteeringMeeting(
                committee=committee,
                held_on=day,
                kind="review",
                title="Hội nghị tổng kết công tác thông tin đối ngoại năm 2023",
            ),
            unit=self.province,
        )

    def province_total(self, period="2024"):
        row = RollupValue.objects.filter(
            unit=self.province, indicator__code="steering_meetings", period=period, option=""
        ).first()
        return int(row.value) if row else 0

    def test_a_meeting_counts_once_for_the_committee_unit(self):
        committee = self.committee(committee_unit=self.committee_unit)
        self.meeting(committee)
        self.assertEqual(values(self.committee_unit, "steering_meetings"), {"": 1})
        self.assertEqual(values(self.province, "steering_meetings"), {})
        self.assertEqual(values(self.department, "steering_meetings"), {})
        self.assertEqual(self.province_total(), 1)
        self.assertEqual(self.province_total("2024S1"), 1)

    def test_without_a_committee_unit_the_setting_unit_counts_it_once(self):
        committee = self.committee()
        self.meeting(committee)
        self.meeting(committee, date(2024, 7, 10))
        self.assertEqual(values(self.province, "steering_meetings"), {"": 2})
        self.assertEqual(self.province_total(), 2)
        # Naming the committee's unit later moves the count; the total stays.
        committee.committee_unit = self.committee_unit
        get("steering-committees").save(self.province_officer, committee)
        self.assertEqual(values(self.province, "steering_meetings"), {})
        self.assertEqual(values(self.committee_unit, "steering_meetings"), {"": 2})
        self.assertEqual(self.province_total(), 2)

    def test_a_meeting_needs_a_committee_of_its_unit(self):
        other = get("steering-committees").save(
            self.officer,
            SteeringCommittee(
                name="Ban phường", decision_number="1", decision_date=date(2024, 1, 2)
            ),
            unit=self.commune,
        )
        with self.assertRaisesMessage(Exception, "Ban Chỉ đạo này không do đơn vị thành lập"):
            self.meeting(other)

    def test_the_report_names_the_meetings_and_the_conclusions(self):
        committee = self.committee(committee_unit=self.committee_unit)
        meeting = self.meeting(committee)
        meeting.chair = "đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo"
        meeting.conclusions = "Tăng cường phối hợp giữa các thành viên Ban Chỉ đạo."
        get("steering-meetings").save(self.province_officer, meeting)
        self.meeting(committee, date(2024, 4, 9))
        # Told once, by the unit the meetings are counted for, as their values are.
        own = report_lines(context(self.province, subject="UBND tỉnh"))
        self.assertEqual(texts(own, "direction"), [])
        whole = report_lines(context(self.province, subtree=True))
        self.assertEqual(len([t for t in texts(whole, "direction") if "đã tổ chức" in t]), 1)
        lines = report_lines(context(self.committee_unit))
        self.assertIn(
            "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh đã tổ chức 02 hội nghị, cuộc họp: "
            "Hội nghị tổng kết công tác thông tin đối ngoại năm 2023 ngày 15/01/2024; "
            "Hội nghị tổng kết công tác thông tin đối ngoại năm 2023 ngày 09/4/2024",
            texts(lines, "direction"),
        )
        self.assertIn(
            "Kết luận Hội nghị tổng kết công tác thông tin đối ngoại năm 2023, đồng chí Nguyễn "
            "Văn An, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo đề nghị: tăng cường phối hợp "
            "giữa các thành viên Ban Chỉ đạo",
            texts(lines, "direction"),
        )


@override_settings(TIME_ZONE="Asia/Ho_Chi_Minh")
class OfficerTests(TreeTestCase):
    def add_officer(self, name, role, since, unit=None, **extra):
        return get("officers").save(
            self.province_officer,
            Officer(full_name=name, staff_role=role, since=since, **extra),
            unit=unit or self.commune,
        )

    def test_officers_feed_a_stock_by_role_in_every_period_since(self):
        self.add_officer("Nguyễn Văn An", "leader", date(2022, 1, 3), trained=True)
        self.add_officer("Trần Thị Bích", "part_time", date(2022, 5, 1))
        self.add_officer("Lê Văn Cường", "part_time", date(2024, 8, 1))
        self.assertEqual(
            values(self.commune, "ttdn_officers", "2023"), {"": 2, "leader": 1, "part_time": 1}
        )
        self.assertEqual(
            values(self.commune, "ttdn_officers", "2024"), {"": 3, "leader": 1, "part_time": 2}
        )
        self.assertEqual(
            values(self.commune, "ttdn_officers", "2024S1"), {"": 2, "leader": 1, "part_time": 1}
        )
        this_year = str(timezone.localdate().year)
        self.assertEqual(values(self.commune, "ttdn_officers", this_year)[""], 3)
        self.assertEqual(values(self.commune, "ttdn_officers_trained", "2022Q1"), {"": 1})
        # The officer who leaves in 2024 no longer counts at the end of that year.
        leaving = Officer.objects.get(full_name="Trần Thị Bích")
        leaving.until = date(2024, 3, 31)
        get("officers").save(self.province_officer, leaving)
        self.assertEqual(values(self.commune, "ttdn_officers", "2024Q1")[""], 2)
        self.assertEqual(values(self.commune, "ttdn_officers", "2024")[""], 2)
        self.assertEqual(values(self.commune, "ttdn_officers", this_year)[""], 2)

    def test_a_submitted_report_refuses_an_officer_who_changes_its_figures(self):
        from ttdn.indicators.services import ValuesRejected
        from ttdn.reporting.services import save_sections, sign_off, submit_report

        request = self.issue_half_year_request([self.commune])
        submission = request.submissions.get(unit=self.commune)
        save_sections(self.officer, submission, {"results": "Đã đăng 03 tin, bài."}, {})
        sign_off(self.leader, submission, "Nguyễn Văn A", "CHỦ TỊCH")
        submission.refresh_from_db()
        submit_report(self.officer, submission)
        with self.assertRaises(ValuesRejected):
            self.add_officer("Nguyễn Văn An", "leader", date(2022, 1, 3))
        self.assertFalse(Officer.objects.exists())
        # Assigned after the half-year: its figures are not touched.
        self.add_officer("Lê Văn Cường", "part_time", date(2024, 10, 1))
        self.assertEqual(values(self.commune, "ttdn_officers", "2024S2"), {"": 1, "part_time": 1})

    def test_dates_in_the_wrong_order_are_refused(self):
        self.client.force_login(self.officer)
        url = reverse("registers:officers-create", args=["BDI-QN"])
        data = {
            "full_name": "Phạm Minh Đức",
            "position": "Văn phòng",
            "staff_role": "part_time",
            "since": "01/6/2024",
            "until": "01/3/2024",
        }
        response = self.client.post(url, data)
        self.assertContains(response, "Ngày thôi phân công không được trước ngày được phân công")
        self.assertContains(response, "Phạm Minh Đức")
        data["until"] = ""
        data["trained_on"] = "05/6/2024"
        response = self.client.post(url, data)
        self.assertContains(response, "hãy đánh dấu đã qua bồi dưỡng")
        self.assertFalse(Officer.objects.exists())

    def test_the_consolidator_sees_the_units_below_with_nobody_assigned(self):
        self.add_officer("Nguyễn Văn An", "leader", date(2022, 1, 3))
        self.client.force_login(self.consolidator)
        response = self.client.get(reverse("registers:officers-list", args=["BDI"]))
        self.assertContains(response, "Đơn vị chưa phân công cán bộ")
        listed = response.content.decode().split("units-without-officers")[1].split("</ul>")[0]
        self.assertIn("Xã Tuy Phước", listed)
        self.assertIn("Sở Văn hóa, Thể thao và Du lịch", listed)
        self.assertNotIn("Phường Quy Nhơn", listed)
        commune_page = self.client.get(reverse("registers:officers-list", args=["BDI-QN"]))
        self.assertNotContains(commune_page, "Đơn vị chưa phân công cán bộ")

    def test_the_report_says_who_was_assigned(self):
        self.add_officer("Nguyễn Văn An", "leader", date(2022, 1, 3), trained=True)
        self.add_officer("Trần Thị Bích", "part_time", date(2022, 5, 1))
        self.add_officer("Lê Văn Cường", "part_time", date(2023, 5, 1))
        lines = report_lines(context(self.commune, "2024", subject="UBND phường Quy Nhơn"))
        self.assertEqual(
            texts(lines, "direction"),
            [
                "UBND phường Quy Nhơn đã phân công 01 lãnh đạo phụ trách và 02 cán bộ kiêm "
                "nhiệm làm công tác thông tin đối ngoại, trong đó 01 người đã qua bồi dưỡng "
                "nghiệp vụ"
            ],
        )
        self.assertIn(
            "Cán bộ phụ trách công tác thông tin đối ngoại được bố trí kiêm nhiệm nên chưa "
            "phát huy được hiệu quả công tác tham mưu",
            texts(lines, "difficulties"),
        )
        self.assertIn(
            "Bố trí biên chế cán bộ chuyên trách làm công tác thông tin đối ngoại",
            texts(lines, "proposals"),
        )

    def test_a_consolidated_report_counts_the_units_below(self):
        self.add_officer("Nguyễn Văn An", "leader", date(2022, 1, 3))
        self.add_officer("Trần Thị Bích", "full_time", date(2022, 5, 1), unit=self.sibling)
        self.add_officer("Lê Văn Cường", "part_time", date(2022, 5, 1), unit=self.department)
        self.add_officer("Hoàng Thị Dung", "part_time", date(2025, 5, 1), unit=self.department)
        lines = report_lines(context(self.province, "2024", subtree=True))
        self.assertEqual(
            texts(lines, "direction"),
            [
                "Các cơ quan, đơn vị, địa phương đã phân công 01 lãnh đạo phụ trách, 01 cán bộ "
                "chuyên trách và 01 cán bộ kiêm nhiệm làm công tác thông tin đối ngoại"
            ],
        )
        self.assertEqual(texts(lines, "proposals"), [])

    def test_search_finds_an_officer_without_diacritics(self):
        self.add_officer("Trần Thị Bích", "part_time", date(2022, 5, 1), position="Văn phòng")
        results = search.search(self.viewer, "tran thi bich")
        self.assertEqual([hit.entry.title for hit in results.hits], ["Trần Thị Bích"])
        self.assertEqual(search.search(self.outsider, "tran thi bich").hits, [])


class OversightTests(TreeTestCase):
    def visit_form(self, **changes):
        data = {
            "kind": "superior",
            "visiting_body": "Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
            "visited": "UBND phường Quy Nhơn",
            "started_on": "14/5/2024",
            "ended_on": "",
            "findings": "Phường đã triển khai nghiêm túc.",
            "rows0-TOTAL_FORMS": "2",
            "rows0-INITIAL_FORMS": "0",
            "rows0-0-number": "1",
            "rows0-0-text": "kiện toàn đội ngũ cán bộ làm công tác thông tin đối ngoại",
            "rows0-0-responsible_unit": str(self.commune.pk),
            "rows0-0-deadline": "31/12/2024",
            "rows0-1-number": "2",
            "rows0-1-text": "đẩy mạnh quảng bá hình ảnh phường trên mạng xã hội",
            "rows0-1-responsible_unit": str(self.commune.pk),
        }
        data.update(changes)
        return data

    def test_a_visit_with_numbered_recommendations(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:oversight-create", args=["BDI-QN"]), self.visit_form()
        )
        visit = OversightVisit.objects.get()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(visit.recommendations.count(), 2)
        self.assertEqual(values(self.commune, "oversight_visits", "2024S1"), {"": 1})
        lines = report_lines(context(self.commune, subject="UBND phường Quy Nhơn"))
        self.assertIn(
            "Tháng 5/2024, Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại tỉnh đã "
            "làm việc với UBND phường Quy Nhơn và đề nghị: Thứ nhất, kiện toàn đội ngũ cán bộ "
            "làm công tác thông tin đối ngoại; Thứ hai, đẩy mạnh quảng bá hình ảnh phường trên "
            "mạng xã hội",
            texts(lines, "direction"),
        )
        found = search.search(self.officer, "quang ba hinh anh phuong")
        self.assertEqual([hit.entry.kind for hit in found.hits], ["oversight"])

    def test_a_recommendation_for_a_unit_outside_is_refused(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:oversight-create", args=["BDI-QN"]),
            self.visit_form(**{"rows0-1-responsible_unit": str(self.sibling.pk)}),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(OversightVisit.objects.exists())
        self.assertContains(response, "quảng bá hình ảnh phường")

    def test_two_recommendations_with_one_number_are_refused(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:oversight-create", args=["BDI-QN"]),
            self.visit_form(**{"rows0-1-number": "1"}),
        )
        self.assertContains(response, "Hai kiến nghị cùng là kiến nghị thứ nhất")
        self.assertFalse(OversightVisit.objects.exists())

    def test_a_visit_ending_before_it_began_is_refused(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:oversight-create", args=["BDI-QN"]),
            self.visit_form(ended_on="10/5/2024"),
        )
        self.assertContains(response, "Ngày kết thúc không được trước ngày bắt đầu")

    def provincial_visit(self):
        visit = OversightVisit.objects.create(
            unit=self.province,
            kind="superior",
            visiting_body="Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại Trung ương",
            visited="Ban Thường vụ Tỉnh ủy, Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
            started_on=date(2024, 5, 21),
        )
        first = Recommendation.objects.create(
            visit=visit, number=1, text="quán triệt", responsible_unit=self.commune
        )
        second = Recommendation.objects.create(
            visit=visit, number=2, text="phối hợp", responsible_unit=self.sibling
        )
        return first, second

    def test_progress_is_reported_by_the_unit_given_the_recommendation(self):
        first, second = self.provincial_visit()
        self.client.force_login(self.officer)
        url = reverse("registers:oversight-progress-create", args=["BDI-QN"])
        form = self.client.get(url)
        self.assertContains(form, "quán triệt")
        self.assertNotContains(form, "phối hợp")
        response = self.client.post(
            url, {"recommendation": second.pk, "period": "2024S2", "status": "done"}
        )
        self.assertEqual(response.status_code, 200)
        body = {
            "unit": "BDI-QN",
            "recommendationId": second.pk,
            "period": "2024S2",
            "status": "done",
        }
        api = self.client.post("/api/oversight-progress", json.dumps(body), "application/json")
        self.assertEqual(api.status_code, 422)
        self.assertIn(
            "Kiến nghị này giao cho Xã Tuy Phước", json.loads(api.content)["detail"][0]["msg"]
        )
        response = self.client.post(
            url,
            {"recommendation": first.pk, "period": "2024S2", "status": "done", "note": "Xong."},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(RecommendationProgress.objects.get().unit, self.commune)
        self.client.force_login(self.consolidator)
        detail = self.client.get(reverse("registers:oversight-detail", args=[first.visit_id]))
        table = detail.content.decode().split('data-testid="recommendation-progress"')[1]
        self.assertIn("Đã hoàn thành", table)
        self.assertIn("Chưa báo cáo.", table)  # the second, given to Tuy Phước
        wrong = self.client.post(
            url, {"recommendation": first.pk, "period": "2024X", "status": "done"}
        )
        self.assertEqual(wrong.status_code, 403)  # the consolidator does not enter
        self.client.force_login(self.officer)
        wrong = self.client.post(
            url, {"recommendation": first.pk, "period": "2024X", "status": "done"}
        )
        self.assertContains(wrong, "Kỳ không hợp lệ (ví dụ 2024S2 hoặc 2024).")
        self.assertEqual(RecommendationProgress.objects.count(), 1)
        lines = report_lines(context(self.province, "2024", subtree=True, subject="UBND tỉnh"))
        self.assertIn(
            "Thực hiện kiến nghị của Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại "
            "Trung ương (tháng 5/2024), Phường Quy Nhơn đã hoàn thành kiến nghị thứ nhất",
            texts(lines, "direction"),
        )
        # Not in a period the progress is not within.
        lines = report_lines(context(self.province, "2024S1", subtree=True))
        self.assertFalse([t for t in texts(lines, "direction") if t.startswith("Thực hiện")])


class BudgetTests(TreeTestCase):
    def form(self, **changes):
        data = {
            "year": "2024",
            "source": "state_budget",
            "allocated": "1.200.000.000",
            "spent": "850.000.000",
            "note": "Kinh phí tuyên truyền đối ngoại",
        }
        data.update(changes)
        return data

    def test_money_with_a_unit_or_in_tỷ_is_refused_with_the_expected_form(self):
        self.client.force_login(self.officer)
        url = reverse("registers:budget-create", args=["BDI-QN"])
        for typed in ("12 tỷ", "1,2 tỷ", "1,2", "850 triệu", "12"):
            with self.subTest(typed=typed):
                response = self.client.post(url, self.form(allocated=typed))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Nhập số tiền bằng đồng, ví dụ 1.200.000.000")
                self.assertContains(response, f'value="{typed}"')
        self.assertFalse(Budget.objects.exists())

    def test_the_money_field_reads_officials_numbers(self):
        field = MoneyField(required=False)
        self.assertEqual(field.clean("1.200.000.000"), 1_200_000_000)
        self.assertEqual(field.clean("0"), 0)
        self.assertIsNone(field.clean(""))
        self.assertEqual(field.prepare_value(1_200_000_000), "1.200.000.000")

    def test_a_budget_feeds_the_year_by_source_and_reads_as_officials_write(self):
        self.client.force_login(self.officer)
        url = reverse("registers:budget-create", args=["BDI-QN"])
        self.assertEqual(self.client.post(url, self.form()).status_code, 302)
        self.assertEqual(
            self.client.post(
                url, self.form(source="socialised", allocated="200.000.000", spent="")
            ).status_code,
            302,
        )
        self.assertEqual(
            values(self.commune, "budget_allocated"),
            {"": 1_400_000_000, "state_budget": 1_200_000_000, "socialised": 200_000_000},
        )
        self.assertEqual(
            values(self.commune, "budget_spent"), {"": 850_000_000, "state_budget": 850_000_000}
        )
        self.assertEqual(values(self.commune, "budget_allocated", "2024S1"), {})
        listing = self.client.get(reverse("registers:budget-list", args=["BDI-QN"]))
        self.assertContains(listing, "1,2 tỷ đồng")
        self.assertContains(listing, '">2024</a></td>')
        detail = self.client.get(
            reverse("registers:budget-detail", args=[Budget.objects.get(source="state_budget").pk])
        )
        self.assertContains(detail, "<dd>2024</dd>")
        self.assertNotContains(detail, "2.024")
        lines = report_lines(context(self.commune, "2024", subject="UBND phường Quy Nhơn"))
        self.assertIn(
            "Năm 2024, kinh phí bố trí cho công tác thông tin đối ngoại là 1,4 tỷ đồng, trong "
            "đó ngân sách nhà nước 1,2 tỷ đồng, xã hội hóa 200 triệu đồng; đã sử dụng 850 "
            "triệu đồng",
            texts(lines, "direction"),
        )
        self.assertEqual(texts(lines, "difficulties"), [])
        edit = self.client.get(
            reverse("registers:budget-edit", args=[Budget.objects.get(source="state_budget").pk])
        )
        self.assertContains(edit, 'value="1.200.000.000"')

    def test_no_budget_allocated_gives_the_difficulty_and_the_proposal(self):
        get("budget").save(
            self.officer, Budget(year=2024, source="state_budget", allocated=0), unit=self.commune
        )
        lines = report_lines(context(self.commune, "2024"))
        self.assertEqual(
            texts(lines, "difficulties"),
            [
                "Kinh phí cho công tác thông tin đối ngoại chưa được bố trí riêng nên việc "
                "triển khai tổ chức thực hiện còn gặp khó khăn"
            ],
        )
        self.assertEqual(
            texts(lines, "proposals"),
            [
                "Quan tâm bố trí kinh phí cho công tác thông tin đối ngoại để việc triển khai "
                "thực hiện đạt hiệu quả"
            ],
        )
        self.assertEqual(texts(lines, "direction"), [])

    def test_a_second_line_for_the_same_year_and_source_is_refused(self):
        self.client.force_login(self.officer)
        url = reverse("registers:budget-create", args=["BDI-QN"])
        self.client.post(url, self.form())
        response = self.client.post(url, self.form(allocated="5.000.000"))
        self.assertContains(response, "Đơn vị đã có dòng kinh phí của năm này từ nguồn này")
        self.assertEqual(Budget.objects.count(), 1)

    def test_search_finds_a_committee_without_diacritics(self):
        leader = make_person("lanhdao.bdi", self.province, Role.LEADER)
        committee = get("steering-committees").save(
            leader,
            SteeringCommittee(
                name="Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
                decision_number="120/QĐ-UBND",
                decision_date=date(2021, 3, 2),
            ),
            unit=self.province,
            children={"committeemember": []},
            write_children=lambda c: CommitteeMember.objects.create(
                committee=c, full_name="Phạm Văn Tùng", position="Giám đốc Sở", role="member"
            ),
        )
        self.assertEqual(committee.members.count(), 1)
        titles = [hit.entry.title for hit in search.search(self.viewer, "ban chi dao").hits]
        self.assertIn("Ban Chỉ đạo công tác thông tin đối ngoại tỉnh", titles)
        titles = [hit.entry.title for hit in search.search(self.viewer, "pham van tung").hits]
        self.assertEqual(titles, ["Ban Chỉ đạo công tác thông tin đối ngoại tỉnh"])


class ApiTests(TreeTestCase):
    def test_units_are_named_by_code_in_and_out(self):
        self.client.force_login(self.province_officer)
        body = {
            "unit": "BDI",
            "kind": "superior",
            "visitingBody": "Đoàn kiểm tra của Ban Chỉ đạo công tác thông tin đối ngoại Trung ương",
            "visited": "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
            "startedOn": "2024-05-21",
            "recommendations": [
                {"number": 1, "text": "quán triệt", "responsibleUnit": "BDI-QN"},
                {"number": 2, "text": "phối hợp", "responsibleUnit": "BDI-SVH"},
            ],
        }
        response = self.client.post("/api/oversight", json.dumps(body), "application/json")
        self.assertEqual(response.status_code, 201, response.content)
        out = response.json()
        self.assertEqual(
            [(r["number"], r["responsibleUnit"]) for r in out["recommendations"]],
            [(1, "BDI-QN"), (2, "BDI-SVH")],
        )
        # A unit of another province is as unknown as a code that does not exist.
        for code in ("HNA-PL", "KHONG-CO"):
            body["recommendations"][1]["responsibleUnit"] = code
            response = self.client.post("/api/oversight", json.dumps(body), "application/json")
            self.assertEqual(response.status_code, 422)
            self.assertEqual(response.json()["detail"][0]["msg"], f"Không có đơn vị mã {code}.")
        self.assertEqual(OversightVisit.objects.count(), 1)

    def test_a_committee_names_its_standing_agency_by_code(self):
        self.client.force_login(self.province_officer)
        body = {
            "unit": "BDI",
            "name": "Ban Chỉ đạo công tác thông tin đối ngoại tỉnh",
            "decisionNumber": "120/QĐ-UBND",
            "decisionDate": "2021-03-02",
            "standingAgency": "BDI-SVH",
        }
        response = self.client.post(
            "/api/steering-committees", json.dumps(body), "application/json"
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["standingAgency"], "BDI-SVH")
        committee_id = response.json()["id"]
        patch = self.client.patch(
            f"/api/steering-committees/{committee_id}",
            json.dumps({"standingAgency": "BDI-QN"}),
            "application/json",
        )
        self.assertEqual(patch.json()["standingAgency"], "BDI-QN")
        meeting = {
            "unit": "BDI",
            "committeeId": committee_id,
            "heldOn": "2024-01-16",
            "kind": "review",
            "title": "Hội nghị tổng kết",
            "followUps": [{"action": "Xây dựng kế hoạch", "responsibleUnit": "BDI-SVH"}],
        }
        response = self.client.post(
            "/api/steering-meetings", json.dumps(meeting), "application/json"
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["followUps"][0]["responsibleUnit"], "BDI-SVH")
        self.assertEqual(values(self.province, "steering_meetings"), {"": 1})


class MoreRuleTests(TreeTestCase):
    """The remaining rules, each refused with its message and nothing saved."""

    def committee(self, **extra):
        return SteeringCommittee(
            name="Ban Chỉ đạo", decision_number="1/QĐ-UBND", decision_date=date(2024, 1, 2), **extra
        )

    def test_a_committee_has_one_head(self):
        heads = [
            CommitteeMember(full_name=name, position="Chủ tịch", role="head")
            for name in ("Nguyễn Văn An", "Trần Văn Bình")
        ]
        with self.assertRaisesMessage(Exception, "Ban Chỉ đạo chỉ có một Trưởng ban."):
            get("steering-committees").save(
                self.officer,
                self.committee(),
                unit=self.commune,
                children={"committeemember": heads},
            )
        self.assertFalse(SteeringCommittee.objects.exists())

    def test_the_committee_unit_must_be_a_steering_committee(self):
        with self.assertRaisesMessage(Exception, "Đơn vị này không phải là một Ban Chỉ đạo."):
            get("steering-committees").save(
                self.province_officer,
                self.committee(committee_unit=self.department),
                unit=self.province,
            )

    def test_a_meeting_task_for_a_unit_outside_is_refused(self):
        committee = get("steering-committees").save(
            self.officer, self.committee(), unit=self.commune
        )
        meeting = SteeringMeeting(
            committee=committee, held_on=date(2024, 3, 1), kind="regular", title="Họp quý I"
        )
        task = [MeetingFollowUp(action="Rà soát cán bộ", responsible_unit=self.sibling)]
        with self.assertRaisesMessage(Exception, "không thuộc đơn vị"):
            get("steering-meetings").save(
                self.officer, meeting, unit=self.commune, children={"meetingfollowup": task}
            )
        self.assertFalse(SteeringMeeting.objects.exists())

    def test_progress_is_reported_once_a_period(self):
        visit = OversightVisit.objects.create(
            unit=self.commune,
            kind="self",
            visiting_body="UBND phường",
            visited="Trang thông tin điện tử phường",
            started_on=date(2024, 3, 1),
        )
        recommendation = Recommendation.objects.create(
            visit=visit, number=1, text="cập nhật tin, bài", responsible_unit=self.commune
        )
        self.client.force_login(self.officer)
        url = reverse("registers:oversight-progress-create", args=["BDI-QN"])
        data = {"recommendation": recommendation.pk, "period": "2024S1", "status": "in_progress"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        again = self.client.post(url, {**data, "note": "Đã cập nhật 12 tin, bài."})
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "Đã cập nhật 12 tin, bài.")
        self.assertContains(again, "Kiến nghị này đã có báo cáo cho kỳ này")
        self.assertEqual(RecommendationProgress.objects.count(), 1)

    def test_money_spent_cannot_be_negative(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:budget-create", args=["BDI-QN"]),
            {"year": "2024", "source": "other", "allocated": "10.000.000", "spent": "-5.000.000"},
        )
        self.assertContains(response, "Số tiền không được âm.")
        self.assertFalse(Budget.objects.exists())
