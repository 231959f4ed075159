"""Courses organised and courses attended: pages, rules, the values they feed, and a
course counted once over a province whose department ran it and whose communes went."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

from ttdn.cooperation import services
from ttdn.cooperation.models import CourseAttendance, TrainingCourse
from ttdn.indicators.models import DataValue, RollupValue
from ttdn.orgunits.models import OrgUnit
from ttdn.registers.base import get
from ttdn.testing import TreeTestCase

S1 = "2024S1"


def value(unit: OrgUnit, code: str, period: str = S1) -> Decimal | None:
    row = DataValue.objects.filter(unit=unit, indicator__code=code, period=period).first()
    return row.value if row else None


def rolled(unit: OrgUnit, code: str, period: str = S1) -> Decimal | None:
    row = RollupValue.objects.filter(unit=unit, indicator__code=code, period=period).first()
    return row.value if row else None


class TrainingPageTests(TreeTestCase):
    def course_form(self, **changes):
        data = {
            "title": "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
            "partners": "Sở Ngoại vụ",
            "audience": "officials",
            "starts_on": "12/3/2024",
            "ends_on": "13/3/2024",
            "sessions": "4",
            "participants": "1.200",
            "place": "Hội trường UBND phường",
        }
        data.update(changes)
        return data

    def test_an_officer_records_a_course_with_vietnamese_numbers(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:courses-create", args=["BDI-QN"]), self.course_form()
        )
        course = TrainingCourse.objects.get()
        self.assertRedirects(response, reverse("registers:courses-detail", args=[course.pk]))
        self.assertEqual((course.participants, course.sessions), (1200, 4))
        self.assertEqual(value(self.commune, "training_courses"), 1)
        self.assertEqual(value(self.commune, "training_participants"), 1200)
        page = self.client.get(reverse("registers:courses-detail", args=[course.pk]))
        self.assertNotContains(page, 'data-testid="course-warning"')

    def test_fewer_participants_than_sessions_is_saved_with_a_warning(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:courses-create", args=["BDI-QN"]),
            self.course_form(sessions="6", participants="5"),
            follow=True,
        )
        self.assertEqual(TrainingCourse.objects.get().participants, 5)
        self.assertContains(response, 'data-testid="course-warning"')
        self.assertContains(response, "ít hơn số buổi")

    def test_bad_numbers_and_dates_keep_what_was_typed(self):
        self.client.force_login(self.officer)
        url = reverse("registers:courses-create", args=["BDI-QN"])
        for changes, message in (
            ({"participants": "0"}, "Nhập một số từ 1 trở lên."),
            ({"participants": "12,5"}, "Nhập một số nguyên."),
            ({"sessions": "hai"}, "không phải là số"),
            ({"ends_on": "01/3/2024"}, "Ngày kết thúc phải từ ngày bắt đầu trở đi."),
        ):
            response = self.client.post(url, self.course_form(**changes))
            self.assertEqual(response.status_code, 200, changes)
            self.assertContains(response, message)
            self.assertContains(response, "Hội trường UBND phường")
        self.assertFalse(TrainingCourse.objects.exists())


class AttendanceRuleTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.course = TrainingCourse.objects.create(
            unit=cls.department,
            title="Bồi dưỡng nghiệp vụ thông tin đối ngoại năm 2024",
            starts_on=date(2024, 4, 8),
            ends_on=date(2024, 4, 9),
            sessions=2,
            participants=120,
        )
        cls.elsewhere = TrainingCourse.objects.create(
            unit=cls.other_commune,
            title="Tập huấn của Hà Nam",
            starts_on=date(2024, 4, 8),
            participants=30,
        )

    def save(self, unit, **fields):
        return get("attendances").save(
            self.province_officer, CourseAttendance(attendees=3, **fields), unit=unit
        )

    def test_a_recorded_course_gives_its_dates_and_organiser(self):
        attendance = self.save(self.commune, course=self.course)
        self.assertEqual(attendance.starts_on, date(2024, 4, 8))
        self.assertEqual(attendance.ends_on, date(2024, 4, 9))
        self.assertEqual(attendance.organiser_name, "Sở Văn hóa, Thể thao và Du lịch")

    def test_a_unit_cannot_attend_its_own_course(self):
        with self.assertRaises(ValidationError) as raised:
            self.save(self.department, course=self.course)
        self.assertIn("chính đơn vị tổ chức", str(raised.exception.message_dict["course"]))
        self.assertFalse(CourseAttendance.objects.exists())

    def test_a_course_of_another_province_cannot_be_picked(self):
        with self.assertRaises(ValidationError) as raised:
            self.save(self.commune, course=self.elsewhere)
        self.assertIn("course", raised.exception.message_dict)

    def test_an_outside_course_needs_its_title_organiser_and_date(self):
        with self.assertRaises(ValidationError) as raised:
            self.save(self.commune)
        self.assertEqual(
            set(raised.exception.message_dict), {"course_title", "organiser", "starts_on"}
        )

    def test_the_form_offers_the_provinces_other_courses_only(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("registers:attendances-create", args=["BDI-QN"]))
        self.assertContains(page, "Bồi dưỡng nghiệp vụ thông tin đối ngoại năm 2024")
        self.assertNotContains(page, "Tập huấn của Hà Nam")
        self.client.force_login(self.province_officer)
        page = self.client.get(reverse("registers:attendances-create", args=["BDI-SVH"]))
        self.assertNotContains(page, "Bồi dưỡng nghiệp vụ thông tin đối ngoại năm 2024")

    def test_the_page_refuses_the_own_course_on_its_field(self):
        self.client.force_login(self.province_officer)
        response = self.client.post(
            reverse("registers:attendances-create", args=["BDI-SVH"]),
            {"course": self.course.pk, "attendees": "3"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("course", response.context["form"].errors)
        self.assertFalse(CourseAttendance.objects.exists())

    def test_the_api_says_why_the_own_course_is_refused(self):
        self.client.force_login(self.province_officer)
        response = self.client.post(
            "/api/attendances",
            {"unit": "BDI-SVH", "courseId": self.course.pk, "attendees": 3},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422, response.content)
        self.assertIn("chính đơn vị tổ chức", str(response.json()))
        self.assertFalse(CourseAttendance.objects.exists())


class NoDoubleCountTests(TreeTestCase):
    """The department runs a course of 120; both communes send officers to it; the
    commune also goes to a course of the ministry, with the sibling commune."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        courses = get("courses")
        attendances = get("attendances")
        cls.course = courses.save(
            cls.province_officer,
            TrainingCourse(
                title="Bồi dưỡng nghiệp vụ thông tin đối ngoại",
                starts_on=date(2024, 4, 8),
                sessions=2,
                participants=120,
            ),
            unit=cls.department,
        )
        for unit, people in ((cls.commune, 5), (cls.sibling, 4)):
            attendances.save(
                cls.province_officer,
                CourseAttendance(course=cls.course, attendees=people),
                unit=unit,
            )
        for unit, people in ((cls.commune, 2), (cls.sibling, 1)):
            attendances.save(
                cls.province_officer,
                CourseAttendance(
                    course_title="Lớp bồi dưỡng kiến thức thông tin đối ngoại",
                    organiser="Bộ Ngoại giao",
                    starts_on=date(2024, 5, 20),
                    attendees=people,
                ),
                unit=unit,
            )

    def test_each_unit_is_fed_its_own_courses_once(self):
        self.assertEqual(value(self.department, "training_courses"), 1)
        self.assertEqual(value(self.department, "training_participants"), 120)
        self.assertIsNone(value(self.department, "training_courses_attended"))
        self.assertEqual(value(self.commune, "training_courses_attended"), 2)
        self.assertEqual(value(self.commune, "training_attendees"), 7)
        self.assertIsNone(value(self.commune, "training_courses"))

    def test_the_province_counts_the_departments_course_once_as_organised(self):
        self.assertEqual(rolled(self.province, "training_courses"), 1)
        self.assertEqual(rolled(self.province, "training_participants"), 120)
        summary = services.training_summary(
            {"unit__path__startswith": self.province.path},
            date(2024, 1, 1),
            date(2024, 6, 30),
            root=self.province,
        )
        self.assertEqual((summary.organised.courses, summary.organised.people), (1, 120))
        # Only the ministry's course is one the province attended; once, with 3 people.
        self.assertEqual((summary.attended.courses, summary.attended.people), (1, 3))
        self.assertEqual(summary.organisers, ["Bộ Ngoại giao"])

    def test_a_commune_counts_the_departments_course_as_attended(self):
        summary = services.training_summary({"unit": self.commune}, root=self.commune)
        self.assertEqual((summary.organised.courses, summary.attended.courses), (0, 2))
        self.assertEqual(summary.attended.people, 7)

    def test_the_provinces_list_says_the_consolidated_count(self):
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("registers:courses-list", args=["BDI"]))
        self.assertContains(page, 'data-testid="training-summary"')
        self.assertContains(page, "Tổ chức 1 lớp tập huấn cho 120 lượt người.")
        self.assertContains(page, "Cử 3 lượt cán bộ tham dự 1 lớp do cơ quan ngoài đơn vị")
        page = self.client.get(reverse("registers:courses-list", args=["BDI-QN"]))
        self.assertNotContains(page, 'data-testid="training-summary"')

    def test_moving_a_course_date_refeeds_the_old_and_new_periods(self):
        self.course.starts_on = date(2024, 8, 1)
        get("courses").save(self.province_officer, self.course)
        self.assertIsNone(value(self.department, "training_courses"))
        self.assertEqual(value(self.department, "training_courses", "2024S2"), 1)
