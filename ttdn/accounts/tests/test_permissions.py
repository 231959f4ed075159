"""The access rule as querysets say it (``for_user``) and as single rows are fetched
(``get_for_user``: 404 for a row one may not see, 403 for one one may not change)."""

from datetime import date

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ttdn.accounts.models import Action, Membership, Role
from ttdn.activities.models import Activity
from ttdn.orgunits.access import can, get_for_user, get_unit_for
from ttdn.orgunits.models import OrgUnit
from ttdn.reporting.models import IssuedReport, ReportForm, ReportRequest, Submission
from ttdn.testing import TreeTestCase, make_person

# Models with a link to a unit that are not rows of that unit, with the reason.
NOT_UNIT_OWNED = {
    "accounts.Membership": "the roles the rule is read from",
    "orgunits.OrgUnit": "the units themselves (OrgUnitQuerySet.for_user)",
}


class ForUserTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A request Hà Nam's commune answered before it moved: its issuer is no longer
        # above it, so only the issuer rule lets Hà Nam follow the answer.
        form = ReportForm.objects.create(
            code="ttdn-6t", name="TTĐN 6 tháng", period_type="six_month"
        )
        cls.request = ReportRequest.objects.create(
            issuing_unit=cls.other_province,
            number="55/UBND-VX",
            issued_on=date(2024, 6, 1),
            subject="Báo cáo TTĐN 6 tháng đầu năm 2024",
            form=form,
            period="2024S1",
            deadline=date(2024, 6, 30),
        )
        cls.request.recipients.add(cls.commune)
        cls.answer = Submission.objects.create(request=cls.request, unit=cls.commune)
        cls.issued = IssuedReport.objects.create(
            unit=cls.commune,
            year=2024,
            number=3,
            symbol="BC-UBND",
            issued_on=date(2024, 6, 20),
            period="2024S1",
            summary="Báo cáo TTĐN",
            submission=cls.answer,
            docx=b"PK",
            sha256="0" * 64,
        )
        cls.hanam = make_person("tonghop.hanam", cls.other_province, Role.CONSOLIDATOR)
        cls.activity = Activity.objects.create(
            unit=cls.commune, type="event", title="Họp báo", start_date=date(2024, 3, 5)
        )

    def test_every_unit_owned_model_has_a_for_user_rule(self):
        for model in apps.get_models():
            label = model._meta.label
            links = [
                f
                for f in model._meta.get_fields()
                if f.concrete and f.is_relation and f.related_model is OrgUnit
            ]
            if not links or label in NOT_UNIT_OWNED:
                continue
            with self.subTest(model=label):
                self.assertTrue(hasattr(model._default_manager, "for_user"))
                self.assertTrue(hasattr(model._default_manager, "allows"))
                # The rule runs as SQL for every role's action.
                for action in Action:
                    list(model._default_manager.for_user(self.officer, action)[:1])

    def test_a_submission_is_seen_by_its_unit_and_by_its_requests_issuer(self):
        for person in (self.officer, self.viewer, self.hanam):
            with self.subTest(person=person.username):
                self.assertIn(self.answer, Submission.objects.for_user(person))
                self.assertIn(self.issued, IssuedReport.objects.for_user(person))
        for person in (self.sibling_officer, self.outsider):
            with self.subTest(person=person.username):
                self.assertNotIn(self.answer, Submission.objects.for_user(person))
                self.assertNotIn(self.issued, IssuedReport.objects.for_user(person))

    def test_the_rule_follows_the_action(self):
        # Hà Nam's consolidator follows the answer but does not write it.
        self.assertIn(self.answer, Submission.objects.for_user(self.hanam, Action.CONSOLIDATE))
        self.assertNotIn(self.answer, Submission.objects.for_user(self.hanam, Action.ENTER))
        self.assertIn(self.answer, Submission.objects.for_user(self.officer, Action.ENTER))
        self.assertNotIn(self.answer, Submission.objects.for_user(self.viewer, Action.ENTER))

    def test_a_request_addressed_to_several_of_ones_units_comes_once(self):
        self.request.recipients.add(self.sibling)
        Membership.objects.create(user=self.officer, unit=self.sibling, role="officer")
        self.officer.__dict__.pop("_ttdn_paths", None)  # roles are read once per person
        self.assertEqual(list(ReportRequest.objects.for_user(self.officer)), [self.request])

    def test_a_row_one_may_not_see_is_404_and_one_one_may_not_change_is_403(self):
        activities = Activity.objects.all()
        with self.assertRaises(Http404):
            get_for_user(activities, self.sibling_officer, pk=self.activity.pk)
        with self.assertRaises(Http404):
            get_for_user(activities, self.officer, pk=self.activity.pk + 1000)
        with self.assertRaises(PermissionDenied):
            get_for_user(activities, self.viewer, Action.ENTER, pk=self.activity.pk)
        self.assertEqual(get_for_user(activities, self.viewer, pk=self.activity.pk), self.activity)
        self.assertEqual(
            get_for_user(activities, self.officer, "enter", pk=self.activity.pk), self.activity
        )

    def test_units_answer_the_same_way_without_a_query_for_the_action(self):
        self.assertEqual(get_unit_for(self.viewer, "BDI-QN"), self.commune)
        self.viewer._ttdn_paths = list(
            Membership.objects.filter(user=self.viewer).values_list("role", "unit__path")
        )
        with self.assertNumQueries(1), self.assertRaises(PermissionDenied):
            get_unit_for(self.viewer, "BDI-QN", Action.ENTER)
        with self.assertRaises(Http404):
            get_unit_for(self.outsider, "BDI-QN", Action.ENTER)
        self.assertTrue(can(self.officer, self.commune, Action.ENTER))
        self.assertFalse(can(self.officer, self.province, "view"))

    def test_an_unknown_action_fails_loudly(self):
        with self.assertRaises(ValueError):
            Activity.objects.for_user(self.officer, "edit")
