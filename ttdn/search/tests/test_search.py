import io
import json
from datetime import date
from unittest import mock

from django.core.management import call_command
from django.urls import reverse

from ttdn.activities.models import Activity
from ttdn.archive.models import Document, DocumentStatus
from ttdn.archive.search import index_document
from ttdn.archive.tests.base import ArchiveTestCase
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import ReportForm, ReportRequest, Submission, SubmissionSection
from ttdn.search import services
from ttdn.search.models import SearchEntry
from ttdn.search.snippets import SNIPPET_CHARS

FILLER = "Các cơ quan, đơn vị tiếp tục triển khai nhiệm vụ được giao theo kế hoạch. " * 6


class SearchTestCase(ArchiveTestCase):
    def document(self, unit, title: str, text: str, period: str = "2022S1", topics=()) -> Document:
        document = Document.objects.create(
            unit=unit,
            filename=f"{title[:20]}.txt",
            title=title,
            text=text,
            period=period,
            status=DocumentStatus.EXTRACTED,
            extract={"topics": list(topics)},
        )
        index_document(document)
        return document

    def titles(self, user, query: str, **filters) -> list[str]:
        return [hit.entry.title for hit in services.search(user, query, **filters).hits]


class FoldingTests(SearchTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.document(
            self.commune,
            "Báo cáo công tác thông tin đối ngoại năm 2022",
            "Tỉnh Đồng Nai phối hợp tổ chức hội nghị.",
        )

    def test_a_query_without_diacritics_finds_the_accented_text(self):
        self.assertEqual(len(self.titles(None, "thong tin doi ngoai")), 1)

    def test_d_with_stroke_folds_to_d_in_the_text_and_in_the_query(self):
        self.assertEqual(len(self.titles(None, "dong nai")), 1)
        self.assertEqual(len(self.titles(None, "DONG NAI")), 1)

    def test_the_accented_query_works_too(self):
        self.assertEqual(len(self.titles(None, "thông tin đối ngoại")), 1)
        self.assertEqual(len(self.titles(None, "ĐỒNG NAI")), 1)

    def test_the_legacy_eth_of_old_conversions_is_folded_as_well(self):
        self.document(self.commune, "Văn bản cũ", "Ðoàn công tác tỉnh Ðồng Tháp")
        self.assertEqual(self.titles(None, "dong thap"), ["Văn bản cũ"])

    def test_every_word_must_be_there_and_nothing_matches_half_a_word(self):
        self.assertEqual(self.titles(None, "dong nai ha noi"), [])
        self.assertEqual(self.titles(None, "ngoa"), [])
        self.assertEqual(self.titles(None, "   ,.;  "), [])


class RankingAndSnippetTests(SearchTestCase):
    def test_a_title_match_ranks_above_a_passing_mention(self):
        self.document(
            self.commune, "Báo cáo tổng kết", f"{FILLER} Đoàn công tác Đồng Nai. {FILLER}"
        )
        self.document(self.commune, "Quảng bá hình ảnh Đồng Nai", FILLER)
        self.assertEqual(
            self.titles(None, "dong nai"), ["Quảng bá hình ảnh Đồng Nai", "Báo cáo tổng kết"]
        )

    def test_more_mentions_rank_above_fewer(self):
        self.document(self.commune, "Một lần", f"{FILLER} hợp tác quốc tế {FILLER} {FILLER}")
        self.document(
            self.commune,
            "Nhiều lần",
            f"hợp tác quốc tế {FILLER} hợp tác quốc tế {FILLER} hợp tác quốc tế {FILLER}",
        )
        self.assertEqual(self.titles(None, "hop tac quoc te"), ["Nhiều lần", "Một lần"])

    def test_the_snippet_marks_the_matched_words_in_their_own_spelling_and_escapes_the_rest(self):
        self.document(
            self.commune,
            "Báo cáo",
            f"{FILLER}<script>alert(1)</script> Tỉnh Đồng Nai tổ chức hội nghị. {FILLER}",
        )
        (hit,) = services.search(None, "dong nai").hits
        self.assertIn("<mark>Đồng</mark> <mark>Nai</mark>", hit.snippet)
        self.assertIn("&lt;script&gt;", hit.snippet)
        self.assertNotIn("<script>", hit.snippet)
        self.assertTrue(hit.snippet_text.startswith("… "))
        self.assertIn("Tỉnh Đồng Nai tổ chức", hit.snippet_text)
        self.assertLessEqual(len(hit.snippet_text), SNIPPET_CHARS + 4)


class ScopeTests(SearchTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.ours = self.document(self.commune, "Quy Nhơn: thông tin đối ngoại", "Nội dung.")
        Activity.objects.create(
            unit=self.sibling,
            type="training",
            title="Tuy Phước: tập huấn thông tin đối ngoại",
            start_date=date(2022, 3, 5),
            topics=["dao_tao_tap_huan"],
        )
        self.document(self.other_commune, "Phủ Lý: thông tin đối ngoại", "Nội dung.", period="2023")
        form = ReportForm.objects.create(code="archive-test", name="Mẫu", period_type="year")
        request = ReportRequest.objects.create(
            issuing_unit=self.province,
            number="12/STTTT",
            issued_on=date(2023, 1, 5),
            subject="Báo cáo năm 2022",
            form=form,
            period="2022",
            deadline=date(2023, 1, 20),
        )
        submission = Submission.objects.create(request=request, unit=self.commune)
        SubmissionSection.objects.create(
            submission=submission, code="results", text="Kết quả thông tin đối ngoại tại phường."
        )

    def test_an_outsider_never_finds_another_units_documents(self):
        self.assertEqual(
            self.titles(self.outsider, "thong tin doi ngoai"), ["Phủ Lý: thông tin đối ngoại"]
        )
        self.client.force_login(self.outsider)
        page = self.client.get(reverse("search"), {"q": "thong tin doi ngoai"})
        self.assertNotContains(page, "Quy Nhơn")
        self.assertNotContains(page, "Tuy Phước")

    def test_a_commune_officer_finds_only_the_communes_things(self):
        kinds = {h.entry.kind for h in services.search(self.officer, "thong tin doi ngoai").hits}
        self.assertEqual(kinds, {"document", "section"})
        self.assertNotIn(
            "Tuy Phước: tập huấn thông tin đối ngoại",
            self.titles(self.officer, "thong tin doi ngoai"),
        )

    def test_the_province_finds_its_whole_subtree_and_filters_narrow_it(self):
        everything = services.search(self.consolidator, "thong tin doi ngoai")
        self.assertEqual(everything.total, 3)
        self.assertEqual(
            len(self.titles(self.consolidator, "thong tin doi ngoai", unit=self.sibling)), 1
        )
        self.assertEqual(
            self.titles(self.consolidator, "thong tin doi ngoai", kind="activity"),
            ["Tuy Phước: tập huấn thông tin đối ngoại"],
        )
        self.assertEqual(
            self.titles(self.consolidator, "thong tin doi ngoai", topic="dao_tao_tap_huan"),
            ["Tuy Phước: tập huấn thông tin đối ngoại"],
        )
        in_first_half = self.titles(
            self.consolidator, "thong tin doi ngoai", period=parse_period_id("2022S1")
        )
        self.assertEqual(len(in_first_half), 2)  # the document and the March activity
        self.assertEqual(
            len(
                self.titles(
                    self.consolidator, "thong tin doi ngoai", period=parse_period_id("2022")
                )
            ),
            3,
        )

    def test_a_narrative_section_links_to_its_submission(self):
        (hit,) = [h for h in services.search(self.officer, "tai phuong").hits]
        self.assertEqual(hit.entry.kind, "section")
        self.assertIn("Kết quả thực hiện", hit.entry.title)
        submission = Submission.objects.get()
        self.assertEqual(hit.entry.url, reverse("reporting:submission", args=[submission.pk]))
        SubmissionSection.objects.update(text="")
        SubmissionSection.objects.get().save()
        self.assertFalse(SearchEntry.objects.filter(kind="section").exists())

    def test_the_search_page_shows_ranked_highlighted_results_and_answers_htmx_with_a_fragment(
        self,
    ):
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("search"), {"q": "thông tin đối ngoại", "kind": "document"})
        self.assertContains(page, "1 kết quả")
        self.assertContains(page, "<mark>thông</mark>")
        self.assertContains(page, reverse("archive:document", args=[self.ours.pk]))
        fragment = self.client.get(
            reverse("search"), {"q": "thong tin"}, headers={"HX-Request": "true"}
        )
        self.assertNotContains(fragment, "<html")
        self.assertContains(fragment, "3 kết quả")

    def test_a_filter_on_a_unit_one_may_not_see_is_an_error_not_a_leak(self):
        self.client.force_login(self.officer)
        page = self.client.get(reverse("search"), {"q": "thong tin", "unit": "HNA-PL"})
        self.assertContains(page, "Không tìm thấy đơn vị “HNA-PL”.")
        self.assertNotContains(page, "Phủ Lý")
        page = self.client.get(reverse("search"), {"q": "thong tin", "unit": "phuong phu ly"})
        self.assertContains(page, "Không tìm thấy đơn vị “phuong phu ly”.")
        self.assertNotContains(page, "Phủ Lý")

    def test_the_unit_is_picked_by_name_and_the_period_from_a_labelled_list(self):
        self.client.force_login(self.consolidator)
        page = self.client.get(reverse("search"))
        self.assertContains(page, "data-unit-picker")
        self.assertContains(page, '<option value="2022S1">6 tháng đầu năm 2022</option>')
        by_name = self.client.get(
            reverse("search"), {"q": "thong tin doi ngoai", "unit": "xa tuy phuoc"}
        )
        by_code = self.client.get(reverse("search"), {"q": "thong tin doi ngoai", "unit": "BDI-TP"})
        self.assertEqual(by_name.context["results"].total, 1)
        self.assertEqual(by_code.context["results"].total, 1)
        self.assertContains(by_name, 'value="BDI-TP" checked')  # shown back as chosen
        half = self.client.get(
            reverse("search"), {"q": "thong tin doi ngoai", "period": "6 tháng đầu năm 2022"}
        )
        self.assertContains(half, '<option value="2022S1" selected>')
        wrong = self.client.get(reverse("search"), {"q": "thong tin", "period": "2022X"})
        self.assertContains(wrong, "Không có kỳ “2022X”")

    def test_ttdn_search_prints_json_with_kind_title_unit_period_snippet_and_url(self):
        out = io.StringIO()
        call_command("search", "thong tin doi ngoai", unit="BDI", json=True, stdout=out)
        rows = json.loads(out.getvalue())
        self.assertEqual(len(rows), 3)
        self.assertEqual(set(rows[0]), {"kind", "title", "unit", "period", "snippet", "url"})
        self.assertEqual({r["unit"] for r in rows}, {"BDI-QN", "BDI-TP"})
        out = io.StringIO()
        call_command("search", "dong thap", stdout=out)
        self.assertIn("0 kết quả", out.getvalue())

    def test_rebuilding_the_index_restores_every_entry(self):
        before = sorted(SearchEntry.objects.values_list("kind", "object_id"))
        SearchEntry.objects.all().delete()
        self.assertEqual(services.search(None, "thong tin").total, 0)
        call_command("search", rebuild=True, stdout=io.StringIO())
        self.assertEqual(sorted(SearchEntry.objects.values_list("kind", "object_id")), before)
        self.assertEqual(services.search(None, "thong tin doi ngoai").total, 4)


class BroadQueryTests(SearchTestCase):
    def test_a_broad_query_fills_every_page_and_says_when_it_stopped_counting(self):
        for n in range(5):
            self.document(self.commune, f"Báo cáo {n}", "Thông tin đối ngoại của phường.")
        with mock.patch.object(services, "RANK_CANDIDATES", 2):
            pages = [services.search(None, "thong tin", limit=2, offset=o) for o in (0, 2, 4)]
        self.assertEqual([p.total for p in pages], [5, 5, 5])
        self.assertFalse(pages[0].more_than_total)
        titles = [h.entry.title for p in pages for h in p.hits]
        self.assertEqual(sorted(titles), [f"Báo cáo {n}" for n in range(5)])
        with mock.patch.object(services, "COUNT_LIMIT", 3):
            capped = services.search(None, "thong tin", limit=2)
        self.assertEqual((capped.total, capped.more_than_total), (3, True))
        self.client.force_login(self.officer)
        with mock.patch.object(services, "COUNT_LIMIT", 3):
            page = self.client.get(reverse("search"), {"q": "thong tin"})
        self.assertContains(page, "Hơn 3 kết quả")
        self.assertContains(page, "Trang sau")
