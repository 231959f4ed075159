"""Plans across units: the rules a plan, its tasks and their progress keep, who sees
the tasks given to a unit, plan versus actual, the fed figure, search, the report's
direction section and the plan proposed from an archived document."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.indicators.models import DataValue, Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.plans.models import OVERDUE, Plan, PlanTarget, PlanTask, TaskProgress, TaskStatus
from ttdn.plans.services import assigned_tasks, plan_versus_actual
from ttdn.registers import drafting
from ttdn.registers.base import get
from ttdn.registers.drafting import ReportLine
from ttdn.reporting.drafting import Basis, draft_for
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2024S1")


def plan_form(**changes) -> dict:
    data = {
        "kind": "plan",
        "number": "20/KH-UBND",
        "issued_on": "23/02/2024",
        "title": "Kế hoạch công tác thông tin đối ngoại tỉnh năm 2024",
        "start_year": "2024",
        "end_year": "",
        "vision_year": "",
        "implements": "",
        "rows0-TOTAL_FORMS": "0",
        "rows0-INITIAL_FORMS": "0",
        "rows1-TOTAL_FORMS": "0",
        "rows1-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def task_rows(*rows: tuple[str, object, str]) -> dict:
    data = {"rows1-TOTAL_FORMS": str(len(rows)), "rows1-INITIAL_FORMS": "0"}
    for i, (title, assignee, deadline) in enumerate(rows):
        data.update(
            {
                f"rows1-{i}-title": title,
                f"rows1-{i}-assignee": str(assignee),
                f"rows1-{i}-deadline": deadline,
                f"rows1-{i}-indicator": "",
            }
        )
    return data


class PlanTestCase(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.province_plan = Plan.objects.create(
            issuing_unit=cls.province,
            number="20/KH-UBND",
            issued_on=date(2024, 2, 23),
            title="Kế hoạch công tác thông tin đối ngoại tỉnh Bình Định năm 2024",
            year=2024,
        )
        cls.task = PlanTask.objects.create(
            plan=cls.province_plan,
            title="Xây dựng phóng sự quảng bá du lịch bằng tiếng Anh",
            assignee=cls.commune,
            deadline=date(2024, 9, 30),
        )
        cls.department_task = PlanTask.objects.create(
            plan=cls.province_plan,
            title="Tổ chức tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024",
            assignee=cls.department,
            deadline=date(2024, 4, 30),
        )

    def commune_plan(self, **fields) -> Plan:
        values = {
            "issuing_unit": self.commune,
            "number": "12/KH-UBND",
            "issued_on": date(2024, 3, 5),
            "title": "Kế hoạch công tác thông tin đối ngoại trên địa bàn phường năm 2024",
            "year": 2024,
            "implements": self.province_plan,
        }
        values.update(fields)
        return Plan.objects.create(**values)


class PlanRuleTests(PlanTestCase):
    def create(self, code: str, data: dict, person=None):
        self.client.force_login(person or self.officer)
        return self.client.post(reverse("registers:plans-create", args=[code]), data)

    def test_a_plan_implements_only_a_plan_of_a_unit_above_and_names_both_units(self):
        sibling_plan = Plan.objects.create(
            issuing_unit=self.sibling,
            number="7/KH-UBND",
            issued_on=date(2024, 3, 1),
            title="Kế hoạch của xã",
            year=2024,
        )
        plan = Plan(
            issuing_unit=self.commune,
            number="12/KH-UBND",
            issued_on=date(2024, 3, 5),
            title="Kế hoạch",
            year=2024,
            implements=sibling_plan,
        )
        with self.assertRaises(Exception) as caught:
            plan.full_clean()
        message = " ".join(caught.exception.message_dict["implements"])
        self.assertIn("Xã Tuy Phước", message)
        self.assertIn("Phường Quy Nhơn", message)
        plan.implements = self.province_plan
        plan.full_clean()

    def test_the_form_offers_only_plans_above_and_says_why_on_the_field(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("registers:plans-create", args=["BDI-QN"]))
        self.assertContains(page, "20/KH-UBND")
        response = self.create(
            "BDI-QN",
            plan_form(
                number="12/KH-UBND",
                start_year="2026",
                implements=str(self.province_plan.pk),
            ),
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertIn("không trùng với năm 2026", errors["implements"][0])
        self.assertContains(response, "12/KH-UBND")  # what was typed stays
        self.assertFalse(Plan.objects.filter(number="12/KH-UBND").exists())

    def test_a_cycle_of_plans_is_refused(self):
        programme = Plan.objects.create(
            issuing_unit=self.province,
            number="05/CTr-UBND",
            issued_on=date(2021, 5, 1),
            title="Chương trình thông tin đối ngoại giai đoạn 2021-2025",
            start_year=2021,
            end_year=2025,
            vision_year=2030,
            kind="programme",
        )
        self.province_plan.implements = programme
        self.province_plan.full_clean()
        self.province_plan.save()
        programme.implements = self.province_plan
        with self.assertRaises(Exception) as caught:
            programme.full_clean()
        self.assertIn("vòng lặp", caught.exception.message_dict["implements"][0])

    def test_years_a_vision_and_a_one_year_plan(self):
        plan = Plan(
            issuing_unit=self.province,
            number="05/CTr-UBND",
            issued_on=date(2021, 5, 1),
            title="Chương trình",
            start_year=2021,
            end_year=2025,
            vision_year=2030,
        )
        plan.full_clean()
        self.assertEqual(plan.years_label(), "giai đoạn 2021-2025, tầm nhìn đến năm 2030")
        plan.end_year = 2020
        with self.assertRaises(Exception) as caught:
            plan.full_clean()
        self.assertIn("end_year", caught.exception.message_dict)
        plan.end_year, plan.vision_year = 2025, 2024
        with self.assertRaises(Exception) as caught:
            plan.full_clean()
        self.assertIn("vision_year", caught.exception.message_dict)
        one = Plan(issuing_unit=self.province, number="1", issued_on=date(2024, 1, 2), title="x")
        one.start_year = 2024
        one.full_clean()
        self.assertEqual((one.end_year, one.years_label()), (2024, "năm 2024"))
        one.end_year = 99_999_999_999  # said on the field, not a crash
        with self.assertRaises(Exception) as caught:
            one.full_clean()
        self.assertEqual(list(caught.exception.message_dict), ["end_year"])

    def test_tasks_go_to_the_issuing_unit_or_below_within_the_plans_years(self):
        data = plan_form(
            **task_rows(
                ("Tuyên truyền trên hệ thống truyền thanh", self.commune.pk, "30/6/2024"),
                ("Hỗ trợ tỉnh bạn", self.other_commune.pk, "30/6/2024"),
                ("Tổng kết", self.department.pk, "15/01/2025"),
            )
        )
        response = self.create("BDI", data, self.province_officer)
        self.assertEqual(response.status_code, 200)
        formset = response.context["formsets"][1][1]
        self.assertEqual(formset.forms[0].errors, {})
        self.assertIn("assignee", formset.forms[1].errors)  # not a choice: another province
        self.assertIn("nằm ngoài thời gian của kế hoạch", formset.forms[2].errors["deadline"][0])
        self.assertContains(response, "Tổng kết")
        self.assertFalse(
            Plan.objects.filter(issuing_unit=self.province, number="20/KH-UBND")
            .exclude(pk=self.province_plan.pk)
            .exists()
        )

    def test_targets_are_chosen_by_name_and_a_breakdown_the_indicator_lacks_is_refused(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("registers:plans-create", args=["BDI-QN"]))
        self.assertContains(page, "Tin, bài về TTĐN được đăng tải")
        self.assertContains(page, "Theo ngôn ngữ")  # the breakdowns by label, grouped
        news = Indicator.objects.get(code="news_articles")
        data = plan_form(
            **{
                "rows0-TOTAL_FORMS": "1",
                "rows0-0-indicator": str(news.pk),
                "rows0-0-option": "en",  # a language: news_articles is broken down by channel
                "rows0-0-period": "2024",
                "rows0-0-value": "120",
            }
        )
        response = self.create("BDI-QN", data)
        self.assertEqual(response.status_code, 200)
        errors = response.context["formsets"][0][1].forms[0].errors
        self.assertIn("không có phân tổ này", errors["option"][0])
        data["rows0-0-option"] = ""
        response = self.create("BDI-QN", data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Plan.objects.get(issuing_unit=self.commune).targets.get().value, 120)

    def test_the_api_refuses_progress_on_a_task_given_to_another_unit(self):
        self.client.force_login(self.officer)
        body = {
            "unit": "BDI-QN",
            "taskId": self.department_task.pk,
            "period": "2024S1",
            "status": "done",
        }
        response = self.client.post("/api/task-progress", body, content_type="application/json")
        self.assertEqual(response.status_code, 422)
        body["taskId"] = self.task.pk
        response = self.client.post("/api/task-progress", body, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["unit"], "BDI-QN")

    def test_a_plans_years_cannot_leave_its_tasks_deadlines_behind(self):
        self.client.force_login(self.province_officer)
        response = self.client.patch(
            f"/api/plans/{self.province_plan.pk}",
            {"startYear": 2025, "endYear": 2025},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn("có thời hạn 30/4/2024, ngoài năm 2025", response.json()["detail"][0]["msg"])
        self.province_plan.refresh_from_db()
        self.assertEqual(self.province_plan.start_year, 2024)
        response = self.client.patch(
            f"/api/plans/{self.province_plan.pk}",
            {"endYear": 2025},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200, response.content)

    def test_the_api_refuses_a_task_outside_the_subtree(self):
        self.client.force_login(self.officer)
        body = {
            "unit": "BDI-QN",
            "number": "12/KH-UBND",
            "issuedOn": "2024-03-05",
            "title": "Kế hoạch",
            "startYear": 2024,
            "implementsId": self.province_plan.pk,
            "tasks": [
                {
                    "title": "Việc của xã bên",
                    "assigneeId": self.sibling.pk,
                    "deadline": "2024-06-30",
                }
            ],
        }
        response = self.client.post("/api/plans", body, content_type="application/json")
        self.assertEqual(response.status_code, 422)
        self.assertIn(
            "Xã Tuy Phước không thuộc Phường Quy Nhơn", response.json()["detail"][0]["msg"]
        )
        body["tasks"][0]["assigneeId"] = self.commune.pk
        response = self.client.post("/api/plans", body, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(Plan.objects.get(pk=response.json()["id"]).tasks.count(), 1)

    def test_progress_is_reported_only_by_the_unit_the_task_was_given_to(self):
        progress = get("task-progress")
        with self.assertRaises(Exception) as caught:
            progress.save(
                self.sibling_officer,
                TaskProgress(task=self.task, period="2024S1", status=TaskStatus.DONE),
                unit=self.sibling,
            )
        self.assertIn("chỉ đơn vị được giao", str(caught.exception))
        saved = progress.save(
            self.officer,
            TaskProgress(task=self.task, period="2024S1", status=TaskStatus.IN_PROGRESS),
            unit=self.commune,
        )
        self.assertEqual(saved.unit, self.commune)
        with self.assertRaises(Exception) as caught:
            progress.save(
                self.officer,
                TaskProgress(task=self.task, period="2024S1", status=TaskStatus.DONE),
                unit=self.commune,
            )
        self.assertIn("Đã có báo cáo tiến độ", str(caught.exception))

    def test_the_progress_form_lists_only_the_units_tasks(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("registers:task-progress-create", args=["BDI-QN"]))
        self.assertContains(page, "Xây dựng phóng sự quảng bá du lịch")
        self.assertNotContains(page, "VITM")
        response = self.client.post(
            reverse("registers:task-progress-create", args=["BDI-QN"]),
            {"task": self.department_task.pk, "period": "2024S1", "status": "done", "note": "x"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("task", response.context["form"].errors)
        self.assertFalse(TaskProgress.objects.exists())


class AssignedTaskTests(PlanTestCase):
    def test_the_assignee_sees_its_tasks_and_the_plan_number_but_cannot_open_the_plan(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("plans:assigned", args=["BDI-QN"]))
        self.assertContains(page, "Xây dựng phóng sự quảng bá du lịch bằng tiếng Anh")
        self.assertContains(page, "20/KH-UBND")
        self.assertContains(page, "Kế hoạch công tác thông tin đối ngoại tỉnh Bình Định")
        self.assertNotContains(page, "VITM")  # the department's task
        detail = reverse("registers:plans-detail", args=[self.province_plan.pk])
        self.assertNotContains(page, f'href="{detail}"')
        self.assertEqual(self.client.get(detail).status_code, 404)
        edit = reverse("registers:plans-edit", args=[self.province_plan.pk])
        self.assertEqual(self.client.get(edit).status_code, 404)

    def test_the_units_page_leads_to_its_plans_and_tasks(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("orgunits:detail", args=["BDI-QN"]))
        self.assertContains(page, reverse("plans:assigned", args=["BDI-QN"]))
        self.assertContains(page, reverse("registers:plans-list", args=["BDI-QN"]))

    def test_other_units_see_nothing_of_it(self):
        self.client.force_login(self.sibling_officer)
        page = self.client.get(reverse("plans:assigned", args=["BDI-TP"]))
        self.assertNotContains(page, "phóng sự")
        self.assertEqual(
            self.client.get(reverse("plans:assigned", args=["BDI-QN"])).status_code, 404
        )
        self.client.force_login(self.outsider)
        self.assertEqual(
            self.client.get(reverse("plans:assigned", args=["BDI-QN"])).status_code, 404
        )

    def test_the_province_sees_every_task_of_its_subtree(self):
        found = assigned_tasks(self.province, date(2024, 5, 1))
        self.assertEqual([r.task for r in found], [self.department_task, self.task])


class VersusActualTests(PlanTestCase):
    def test_targets_against_the_subtree_and_tasks_by_status(self):
        news = Indicator.objects.get(code="news_articles")
        PlanTarget.objects.create(
            plan=self.province_plan, indicator=news, period="2024", value=Decimal(83)
        )
        PlanTarget.objects.create(
            plan=self.province_plan,
            indicator=Indicator.objects.get(code="foreign_media_items"),
            option="en",
            period="2024S1",
            value=Decimal(10),
        )
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(40)})
        save_values(self.sibling_officer, self.sibling, S1, {("news_articles", ""): Decimal(23)})
        TaskProgress.objects.create(
            task=self.task, unit=self.commune, period="2024S1", status="in_progress"
        )
        review = plan_versus_actual(self.province_plan, date(2024, 7, 1))
        by_period = {r.target.period: r for r in review.targets}
        self.assertEqual(by_period["2024"].actual, Decimal(63))
        self.assertEqual(by_period["2024"].share_text(), "đạt 75,9% kế hoạch")
        self.assertIsNone(by_period["2024S1"].actual)
        self.assertEqual(by_period["2024S1"].option_label, "tiếng Anh")
        statuses = {r.task.pk: r.status for r in review.tasks}
        self.assertEqual(statuses[self.task.pk], "in_progress")
        self.assertEqual(statuses[self.department_task.pk], OVERDUE)  # due 30/4, no report
        TaskProgress.objects.create(
            task=self.department_task, unit=self.department, period="2024Q2", status="done"
        )
        review = plan_versus_actual(self.province_plan, date(2024, 7, 1))
        self.assertEqual(review.counts()["done"], 1)
        self.client.force_login(self.viewer)
        page = self.client.get(reverse("registers:plans-detail", args=[self.province_plan.pk]))
        self.assertContains(page, "Kết quả thực hiện so với kế hoạch")
        self.assertContains(page, "75,9")
        self.assertContains(page, "Hoàn thành")
        listing = self.client.get(reverse("registers:task-progress-list", args=["BDI"]))
        self.assertContains(listing, "6 tháng đầu năm 2024")
        history = self.client.get(reverse("registers:plans-history", args=[self.province_plan.pk]))
        self.assertEqual(history.status_code, 200)
        plans = get("plans")
        self.assertEqual(plans.snapshot(self.province_plan)["start_year"], "2024")

    def test_plans_issued_feed_ttdn_plans(self):
        plans = get("plans")
        for number, day in (("12/KH-UBND", date(2024, 3, 5)), ("31/KH-UBND", date(2024, 8, 1))):
            plans.save(
                self.officer,
                Plan(number=number, issued_on=day, title="Kế hoạch", year=2024),
                unit=self.commune,
            )
        values = dict(
            DataValue.objects.filter(unit=self.commune, indicator__code="ttdn_plans").values_list(
                "period", "value"
            )
        )
        self.assertEqual(values["2024S1"], 1)
        self.assertEqual(values["2024"], 2)


class SearchTests(PlanTestCase):
    def test_plans_are_found_by_number_and_by_title_without_diacritics(self):
        from ttdn.search.services import search

        self.commune_plan()
        self.client.force_login(self.officer)
        for query in ("12/KH-UBND", "ke hoach cong tac thong tin doi ngoai tren dia ban phuong"):
            page = self.client.get(reverse("search"), {"q": query})
            self.assertContains(page, "12/KH-UBND", msg_prefix=query)
        self.client.force_login(self.outsider)
        page = self.client.get(reverse("search"), {"q": "tren dia ban phuong"})
        self.assertNotContains(page, "12/KH-UBND")
        self.assertTrue(search)


class DirectionTests(PlanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second = PlanTask.objects.create(
            plan=cls.province_plan,
            title="Cập nhật tin, bài tiếng Anh trên trang thông tin điện tử",
            assignee=cls.commune,
            deadline=date(2024, 6, 15),
        )
        TaskProgress.objects.create(
            task=cls.department_task, unit=cls.department, period="2024S1", status="done"
        )
        TaskProgress.objects.create(
            task=cls.task, unit=cls.commune, period="2024S1", status="in_progress"
        )
        officers = Indicator.objects.get(code="ttdn_officers_trained")
        PlanTarget.objects.create(
            plan=cls.province_plan, indicator=officers, period="2024", value=Decimal(40)
        )
        save_values(cls.officer, cls.commune, S1, {("ttdn_officers_trained", ""): Decimal(12)})

    def setUp(self):
        def meetings(context):
            if context.unit == self.province:
                yield ReportLine(
                    "direction",
                    "Tổ chức Hội nghị Ban Chỉ đạo công tác thông tin đối ngoại tỉnh ngày 15/3/2024",
                    [("meeting", "1", "Hội nghị Ban Chỉ đạo")],
                )

        drafting.REPORT_LINES.append(meetings)
        self.addCleanup(drafting.REPORT_LINES.remove, meetings)

    def test_the_province_report_names_plans_tasks_progress_and_meetings(self):
        self.commune_plan()
        draft = draft_for(Basis(self.province, S1))
        text = draft.text("direction")
        self.assertIn(
            "UBND tỉnh Bình Định đã ban hành Kế hoạch số 20/KH-UBND ngày 23/02/2024", text
        )
        self.assertIn("Kế hoạch số 20/KH-UBND giao 03 nhiệm vụ cho các sở, ngành, địa phương", text)
        self.assertIn(
            "Sở Văn hóa, Thể thao và Du lịch tổ chức tham gia Hội chợ Du lịch quốc tế VITM Hà Nội "
            "2024 (thời hạn 30/4/2024)",
            text,
        )
        self.assertIn(
            "Đến nay, đã hoàn thành 01 nhiệm vụ, 01 nhiệm vụ đang triển khai, 01 nhiệm vụ đã "
            "quá hạn nhưng chưa hoàn thành.",
            text,
        )
        self.assertIn("UBND phường Quy Nhơn (Kế hoạch số 12/KH-UBND ngày 05/3/2024)", text)
        self.assertIn("Hội nghị Ban Chỉ đạo công tác thông tin đối ngoại tỉnh ngày 15/3/2024", text)
        sources = [s for line in draft.sections["direction"] for s in line.sources]
        self.assertIn(("task", str(self.second.pk)), [(s.kind, s.id) for s in sources])
        difficulties = draft.text("difficulties")
        self.assertIn(
            "Còn 01 nhiệm vụ đã quá hạn nhưng chưa hoàn thành: cập nhật tin, bài", difficulties
        )
        self.assertIn("đạt 30% kế hoạch năm", difficulties)  # a target outside the lead figures
        self.assertIn(
            "- Tiếp tục triển khai 02 nhiệm vụ chưa hoàn thành theo Kế hoạch số 20/KH-UBND, "
            "nhất là: cập nhật tin, bài tiếng Anh trên trang thông tin điện tử (thời hạn "
            "15/6/2024); xây dựng phóng sự",
            draft.text("next_tasks"),
        )

    def test_the_communes_report_cites_both_plans_and_its_given_tasks(self):
        self.commune_plan()
        draft = draft_for(Basis(self.commune, S1))
        text = draft.text("direction")
        self.assertIn(
            "Thực hiện Kế hoạch số 20/KH-UBND ngày 23/02/2024 của UBND tỉnh Bình Định", text
        )
        self.assertIn("đã ban hành Kế hoạch số 12/KH-UBND ngày 05/3/2024", text)
        self.assertIn("Triển khai 02 nhiệm vụ được giao tại Kế hoạch số 20/KH-UBND", text)
        self.assertIn("(đang triển khai, thời hạn 30/9/2024)", text)
        self.assertNotIn("Hội nghị Ban Chỉ đạo", text)

    def test_a_multi_year_programme_counts_in_each_of_its_years(self):
        Plan.objects.create(
            issuing_unit=self.province,
            number="05/CTr-UBND",
            issued_on=date(2021, 5, 1),
            title="Chương trình thông tin đối ngoại giai đoạn 2021-2025",
            start_year=2021,
            end_year=2025,
            kind="programme",
        )
        draft = draft_for(Basis(self.province, S1))
        self.assertIn(
            "UBND tỉnh Bình Định tiếp tục triển khai Chương trình số 05/CTr-UBND ngày 01/5/2021",
            draft.text("direction"),
        )
        self.assertIn("triển khai theo Kế hoạch số 20/KH-UBND", draft.text("achievements"))
        text = draft_for(Basis(self.province, parse_period_id("2026S1"))).text("direction")
        self.assertNotIn("05/CTr-UBND", text)
        self.assertEqual(
            Plan(kind="joint_plan", number="3/KHPH-SVHTTDL").cite(), "Kế hoạch số 3/KHPH-SVHTTDL"
        )


class ArchiveProposalTests(PlanTestCase):
    def document(self, **fields):
        from ttdn.archive.models import Document, DocumentStatus

        extract = {
            "kind": "plan",
            "number": "12/KH-UBND",
            "issued_on": "2024-03-05",
            "title": "Công tác thông tin đối ngoại trên địa bàn phường năm 2024",
            "references": [
                {
                    "type": "Kế hoạch",
                    "number": "20/KH-UBND",
                    "date": None,
                    "issuer": None,
                    "text": "Kế hoạch số 20/KH-UBND",
                },
            ],
        }
        values = {
            "unit": self.commune,
            "filename": "kh-12.docx",
            "kind": "plan",
            "extract": extract,
            "status": DocumentStatus.REVIEWED,
        }
        values.update(fields)
        return Document.objects.create(**values)

    def test_a_reviewed_plan_opens_the_plan_form_filled_in(self):
        from ttdn.archive.models import DocumentStatus

        document = self.document()
        self.client.force_login(self.officer)
        page = self.client.get(reverse("archive:document", args=[document.pk]))
        self.assertContains(page, "Tạo kế hoạch từ tài liệu")
        url = page.context["plan_proposal"]
        self.assertIn(f"implements={self.province_plan.pk}", url)
        form = self.client.get(url)
        self.assertContains(form, 'value="12/KH-UBND"')
        self.assertContains(form, 'value="05/03/2024"')
        self.assertContains(form, "trên địa bàn phường năm 2024")
        self.assertEqual(form.context["form"].initial["implements"], str(self.province_plan.pk))
        # Not reviewed yet, or not a plan: nothing proposed.
        for changes in ({"status": DocumentStatus.EXTRACTED}, {"extract": {"kind": "report"}}):
            other = self.document(**changes)
            page = self.client.get(reverse("archive:document", args=[other.pk]))
            self.assertNotContains(page, "Tạo kế hoạch từ tài liệu")

    def test_a_cited_plan_of_a_unit_not_above_is_not_proposed(self):
        from ttdn.archive.proposals import plan_proposal

        Plan.objects.filter(pk=self.province_plan.pk).update(issuing_unit=self.sibling)
        self.assertNotIn("implements", plan_proposal(self.document()))
        self.client.force_login(self.viewer)
        page = self.client.get(reverse("archive:document", args=[self.document().pk]))
        self.assertNotContains(page, "Tạo kế hoạch từ tài liệu")
