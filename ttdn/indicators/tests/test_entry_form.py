"""The entry form as a day's work uses it: every error on the first save, nothing typed
lost, last period's figures beside the fields, drafts kept while typing."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from ttdn.indicators.models import DataValue, EntryDraft
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.orgunits.models import OrgUnit
from ttdn.testing import TreeTestCase

S1 = parse_period_id("2025S1")


class EveryErrorAtOnceTests(TreeTestCase):
    def setUp(self):
        self.client.force_login(self.officer)
        self.url = reverse("indicators:entry", args=["BDI-QN", "2025S1"])

    def test_one_save_lists_every_rule_broken_and_keeps_every_typed_value(self):
        response = self.client.post(
            self.url,
            {
                "v__news_articles__": "12",
                "v__fdi_capital__": "54.7",  # the wrong decimal mark: unreadable
                "v__training_courses__": "-3",  # negative
                "v__press_conferences__": "2,5",  # a count with a fraction
                "v__publication_copies__": "500",  # below its parts
                "v__publication_copies__en": "800",
            },
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["errors"]
        self.assertEqual(
            {e["name"] for e in errors},
            {
                "v__fdi_capital__",
                "v__training_courses__",
                "v__press_conferences__",
                "v__publication_copies__",
            },
        )
        html = response.content.decode()
        self.assertIn('data-testid="error-banner"', html)
        for error in errors:
            self.assertIn(f'href="#id_{error["name"]}"', html)
        self.assertIn("dùng dấu phẩy cho phần thập phân", html)
        self.assertIn("không được âm", html)
        self.assertIn("chỉ nhận số nguyên", html)
        self.assertIn("tổng 500 nhỏ hơn tổng các phần 800", html)
        for typed in ['value="12"', 'value="54.7"', 'value="-3"', 'value="2,5"', 'value="800"']:
            self.assertIn(typed, html)
        self.assertFalse(DataValue.objects.exists())

    def test_the_service_collects_every_error_in_one_refusal(self):
        from ttdn.indicators.services import ValuesRejected

        with self.assertRaises(ValuesRejected) as refused:
            save_values(
                self.officer,
                self.commune,
                S1,
                {
                    ("training_courses", ""): Decimal(-1),
                    ("publication_copies", ""): Decimal(5),
                    ("publication_copies", "en"): Decimal(9),
                },
            )
        self.assertEqual(
            set(refused.exception.errors),
            {("training_courses", ""), ("publication_copies", "")},
        )

    def test_groups_with_errors_open_and_count_their_errors(self):
        response = self.client.post(self.url, {"v__news_articles__": "x"})
        groups = {g["code"]: g for g in response.context["groups"]}
        self.assertEqual(groups["press"]["errors"], 1)
        self.assertEqual(groups["publications"]["errors"], 0)
        html = response.content.decode()
        self.assertRegex(html, r'id="group-press" data-testid="entry-group" open')
        self.assertNotRegex(html, r'id="group-publications" data-testid="entry-group" open')

    def test_a_clean_page_opens_every_group_and_counts_the_filled_cells(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(7)})
        response = self.client.get(self.url)
        groups = {g["code"]: g for g in response.context["groups"]}
        self.assertEqual(groups["press"]["filled"], 1)
        self.assertEqual(groups["press"]["label"], "Báo chí, phát thanh, truyền hình")
        self.assertEqual(response.content.decode().count('data-testid="entry-group" open'), 8)


class PreviousPeriodTests(TreeTestCase):
    def test_the_previous_half_year_stands_beside_each_field_in_vietnamese_form(self):
        save_values(
            self.officer,
            self.commune,
            parse_period_id("2024S2"),
            {("news_articles", ""): Decimal(1250), ("fdi_capital", ""): Decimal("54.7")},
        )
        save_values(
            self.officer, self.commune, parse_period_id("2024S1"), {("news_articles", ""): 9}
        )
        self.client.force_login(self.officer)
        response = self.client.get(reverse("indicators:entry", args=["BDI-QN", "2025S1"]))
        self.assertContains(response, "6 tháng cuối năm 2024")
        rows = {
            (r["indicator"].code, r["option"]): r
            for g in response.context["groups"]
            for r in g["rows"]
        }
        self.assertEqual(rows[("news_articles", "")]["previous"], "1.250")
        self.assertEqual(rows[("fdi_capital", "")]["previous"], "54,7")
        self.assertEqual(rows[("training_courses", "")]["previous"], "")

    def test_a_year_compares_with_the_year_before(self):
        save_values(
            self.officer, self.commune, parse_period_id("2023"), {("news_articles", ""): 40}
        )
        self.client.force_login(self.officer)
        response = self.client.get(reverse("indicators:entry", args=["BDI-QN", "2024"]))
        self.assertContains(response, "năm 2023")
        self.assertContains(response, 'data-label="Kỳ trước:">40</td>')


class DraftTests(TreeTestCase):
    def setUp(self):
        self.entry = reverse("indicators:entry", args=["BDI-QN", "2025S1"])
        self.draft = reverse("indicators:draft", args=["BDI-QN", "2025S1"])

    def test_a_draft_is_kept_per_person_and_restored_with_a_notice(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            self.draft,
            {"v__news_articles__": "1.2", "ver__news_articles__": "0", "e__news_articles__": "1"},
        )
        self.assertContains(response, "Bản nháp đã giữ lúc")
        draft = EntryDraft.objects.get()
        self.assertEqual(
            (draft.user, draft.unit, draft.period), (self.officer, self.commune, S1.id)
        )
        self.assertEqual(draft.data["v__news_articles__"], "1.2")  # kept as typed
        self.assertFalse(DataValue.objects.exists())  # a draft is not a save

        page = self.client.get(self.entry)
        self.assertContains(page, 'data-testid="draft-restored"')
        self.assertContains(page, 'value="1.2"')
        self.assertEqual(page.context["restored"].changed, 1)
        # The leader of the same unit has no draft of the officer's.
        self.client.force_login(self.leader)
        self.assertNotContains(self.client.get(self.entry), 'data-testid="draft-restored"')

    def test_saving_the_form_removes_the_draft(self):
        self.client.force_login(self.officer)
        self.client.post(self.draft, {"v__news_articles__": "5", "ver__news_articles__": "0"})
        response = self.client.post(self.entry, {"v__news_articles__": "5"})
        self.assertRedirects(response, self.entry)
        self.assertFalse(EntryDraft.objects.exists())
        page = self.client.get(self.entry)
        self.assertNotContains(page, 'data-testid="draft-restored"')
        self.assertContains(page, "Đã lưu lúc")  # the save bar's state

    def test_a_draft_that_matches_what_is_stored_is_dropped_quietly(self):
        save_values(self.officer, self.commune, S1, {("news_articles", ""): Decimal(1250)})
        self.client.force_login(self.officer)
        self.client.post(self.draft, {"v__news_articles__": "1250", "ver__news_articles__": "1"})
        self.assertNotContains(self.client.get(self.entry), 'data-testid="draft-restored"')
        self.assertFalse(EntryDraft.objects.exists())

    def test_a_value_saved_by_someone_else_wins_and_the_draft_shows_as_a_conflict(self):
        self.client.force_login(self.officer)
        self.client.post(
            self.draft,
            {
                "v__news_articles__": "30",
                "ver__news_articles__": "0",
                "v__training_courses__": "4",
                "ver__training_courses__": "0",
            },
        )
        save_values(self.leader, self.commune, S1, {("news_articles", ""): Decimal(25)})
        page = self.client.get(self.entry)
        restored = page.context["restored"]
        self.assertEqual(restored.conflicts, {"v__news_articles__": "30"})
        self.assertEqual(restored.data["v__news_articles__"], "25")
        self.assertEqual(restored.data["ver__news_articles__"], "1")
        self.assertEqual(restored.data["v__training_courses__"], "4")
        self.assertContains(page, 'data-testid="draft-conflict"')
        self.assertContains(page, "Bản nháp của bạn: 30")
        # Saving the page as shown keeps the other's figure.
        self.client.post(self.entry, restored.data)
        self.assertEqual(
            DataValue.objects.get(indicator__code="news_articles", period="2025S1").value, 25
        )

    def test_a_period_that_cannot_be_written_refuses_drafts_and_restores_none(self):
        self.client.force_login(self.officer)
        self.client.post(self.draft, {"v__news_articles__": "3", "ver__news_articles__": "0"})
        OrgUnit.objects.filter(pk=self.commune.pk).update(valid_to=date(2024, 12, 31))
        response = self.client.post(self.draft, {"v__news_articles__": "4"})
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "đã giải thể", status_code=409)
        self.assertEqual(EntryDraft.objects.get().data["v__news_articles__"], "3")
        page = self.client.get(self.entry)
        self.assertContains(page, 'data-testid="locked"')
        self.assertNotContains(page, 'data-testid="draft-restored"')
        self.assertNotContains(page, "hx-post")

    def test_text_no_field_may_hold_is_refused_and_nothing_is_kept(self):
        self.client.force_login(self.officer)
        response = self.client.post(self.draft, {"v__news_articles__": "1" * 41})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(EntryDraft.objects.exists())

    def test_discarding_removes_only_the_persons_own_draft(self):
        self.client.force_login(self.leader)
        self.client.post(self.draft, {"v__news_articles__": "8"})
        self.client.force_login(self.officer)
        self.client.post(self.draft, {"v__news_articles__": "9"})
        discard = reverse("indicators:draft_discard", args=["BDI-QN", "2025S1"])
        self.assertRedirects(self.client.post(discard), self.entry)
        self.assertEqual(list(EntryDraft.objects.values_list("user", flat=True)), [self.leader.pk])

    def test_who_may_keep_a_draft(self):
        for person, status in [
            (None, 302),
            (self.viewer, 403),
            (self.consolidator, 403),
            (self.outsider, 404),
            (self.sibling_officer, 404),
            (self.officer, 200),
        ]:
            with self.subTest(person=person and person.username):
                self.client.logout()
                if person is not None:
                    self.client.force_login(person)
                response = self.client.post(self.draft, {"v__news_articles__": "1"})
                self.assertEqual(response.status_code, status)
        self.assertEqual(list(EntryDraft.objects.values_list("user", flat=True)), [self.officer.pk])
