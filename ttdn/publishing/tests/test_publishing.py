"""The publishing registers: pages and API, the rules on editions, snapshots and links,
the figures they feed (once, by language and platform, stocks at the period's end),
the province's sums, search without diacritics and the report's sentences."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from ttdn.indicators.models import DataValue, Indicator
from ttdn.indicators.services import subtree_sums
from ttdn.lib.periods import parse_period_id
from ttdn.publishing import drafting
from ttdn.publishing.models import (
    Coverage,
    FollowerSnapshot,
    Outlet,
    Programme,
    Publication,
    PublicationEdition,
    SocialAccount,
    Website,
    WebsiteVersion,
)
from ttdn.registers.base import get
from ttdn.registers.drafting import ReportContext
from ttdn.search import services as search
from ttdn.testing import TreeTestCase


def values(unit, code: str, period: str) -> dict[str, Decimal]:
    """The unit's stored values of an indicator for a period, by option."""
    return dict(
        DataValue.objects.filter(unit=unit, indicator__code=code, period=period).values_list(
            "option", "value"
        )
    )


class PublishingTestCase(TreeTestCase):
    def publication(self, unit=None, editions=(), user=None, **fields) -> Publication:
        data = {
            "title": "Bình Định - Tiềm năng và cơ hội đầu tư",
            "format": "tai_lieu",
            "published_on": date(2024, 3, 5),
            "copies": 3800,
        }
        data.update(fields)
        rows = [PublicationEdition(language=lang, copies=n) for lang, n in editions]

        def write(record):
            for row in rows:
                row.publication = record
                row.save()

        return get("publications").save(
            user or self.officer,
            Publication(**data),
            unit=unit or self.commune,
            write_children=write,
        )

    def outlet(self, unit=None, name="Báo Bình Định", **fields) -> Outlet:
        data = {"kind": "online", "level": "local", **fields}
        return Outlet.objects.create(unit=unit or self.province, name=name, **data)

    def account(self, platform="facebook", snapshots=(), unit=None, user=None, **fields):
        data = {
            "platform": platform,
            "name": "Du lịch Quy Nhơn",
            "url": "https://facebook.com/dulichquynhon",
            "opened_on": date(2023, 1, 1),
            **fields,
        }
        rows = [FollowerSnapshot(taken_on=d, followers=n) for d, n in snapshots]

        def write(record):
            for row in rows:
                row.account = record
                row.full_clean()
                row.save()

        return get("social-accounts").save(
            user or self.officer,
            SocialAccount(**data),
            unit=unit or self.commune,
            write_children=write,
        )


class PublicationTests(PublishingTestCase):
    def form(self, **changes):
        data = {
            "title": "Quy Nhơn - Điểm đến hấp dẫn",
            "format": "to_gap",
            "periodicity": "",
            "published_on": "05/3/2024",
            "ends_on": "",
            "copies": "3.800",
            "reprint_of": "",
            "distribution": ["provinces", "embassies"],
            "distribution_note": "",
            "cost": "45.000.000",
            "note": "",
            "rows0-TOTAL_FORMS": "3",
            "rows0-INITIAL_FORMS": "0",
            "rows0-0-language": "vi",
            "rows0-0-copies": "2.800",
            "rows0-1-language": "en",
            "rows0-1-copies": "500",
            "rows0-2-language": "ja",
            "rows0-2-copies": "500",
        }
        data.update(changes)
        return data

    def test_an_officer_records_a_publication_with_its_editions_typed_the_vietnamese_way(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:publications-create", args=["BDI-QN"]), self.form()
        )
        publication = Publication.objects.get()
        self.assertRedirects(
            response, reverse("registers:publications-detail", args=[publication.pk])
        )
        self.assertEqual(publication.copies, 3800)
        self.assertEqual(publication.cost, Decimal(45_000_000))
        self.assertEqual(
            sorted(publication.editions.values_list("language", "copies")),
            [("en", 500), ("ja", 500), ("vi", 2800)],
        )
        detail = self.client.get(reverse("registers:publications-detail", args=[publication.pk]))
        self.assertContains(detail, "3.800")
        self.assertContains(detail, "tiếng Nhật")

    def test_an_edition_above_the_total_is_refused_and_nothing_typed_is_lost(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:publications-create", args=["BDI-QN"]),
            self.form(
                copies="400",
                **{
                    "rows0-1-copies": "500",
                    "rows0-0-copies": "",
                    "rows0-0-language": "",
                    "rows0-2-copies": "",
                    "rows0-2-language": "",
                },
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "nhiều hơn tổng số bản")
        self.assertContains(response, "Quy Nhơn - Điểm đến hấp dẫn")
        self.assertFalse(Publication.objects.exists())
        self.assertFalse(PublicationEdition.objects.exists())

    def test_editions_summing_above_the_total_are_refused(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:publications-create", args=["BDI-QN"]),
            self.form(copies="3.000"),
        )
        self.assertContains(response, "cộng lại 3.800 bản, nhiều hơn tổng số bản (3.000)")
        self.assertFalse(Publication.objects.exists())

    def test_a_number_written_the_english_way_is_refused_on_its_field(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:publications-create", args=["BDI-QN"]), self.form(copies="38.5")
        )
        self.assertContains(response, "dùng dấu phẩy cho phần thập phân")
        self.assertFalse(Publication.objects.exists())

    def test_lowering_the_total_below_the_stored_editions_over_the_api_is_refused(self):
        self.client.force_login(self.officer)
        publication = self.publication(editions=[("vi", 2800), ("en", 1000)])
        response = self.client.patch(
            f"/api/publications/{publication.pk}", {"copies": 3000}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 422, response.content)
        publication.refresh_from_db()
        self.assertEqual(publication.copies, 3800)

    def test_a_bilingual_title_counts_in_both_languages_and_once_in_the_total(self):
        self.publication(editions=[("vi", 2800), ("en", 500), ("ja", 200)])
        self.publication(title="Sổ tay du lịch", copies=1000, editions=[("vi", 1000)])
        self.assertEqual(
            values(self.commune, "publication_titles", "2024S1"),
            {"": 2, "vi": 2, "en": 1, "ja": 1},
        )
        self.assertEqual(
            values(self.commune, "publication_copies", "2024S1"),
            {"": 4800, "vi": 3800, "en": 500, "ja": 200},
        )

    def test_values_are_fed_once_however_often_the_record_is_saved(self):
        publication = self.publication(editions=[("vi", 3000)])
        for _ in range(3):
            publication.note = f"{publication.note}."
            get("publications").save(self.officer, publication)
        self.assertEqual(values(self.commune, "publication_copies", "2024")[""], 3800)
        self.assertEqual(values(self.commune, "publication_titles", "2024")[""], 1)

    def test_a_monthly_bulletin_counts_each_issue_in_its_period(self):
        self.publication(
            title="Bản tin Đối ngoại Bình Định",
            format="ban_tin",
            periodicity="monthly",
            published_on=date(2024, 1, 15),
            ends_on=date(2024, 12, 15),
            copies=1000,
            editions=[("vi", 600), ("en", 400)],
        )
        self.assertEqual(values(self.commune, "publication_copies", "2024Q1")[""], 3000)
        self.assertEqual(values(self.commune, "publication_copies", "2024N9")[""], 9000)
        self.assertEqual(values(self.commune, "publication_copies", "2024")["en"], 4800)
        self.assertEqual(values(self.commune, "publication_titles", "2024")[""], 1)
        self.assertEqual(values(self.commune, "publication_titles", "2024Q3")["en"], 1)

    def test_a_periodical_needs_its_last_issue_and_a_single_publication_has_none(self):
        with self.assertRaisesMessage(Exception, "số cuối"):
            self.publication(format="ban_tin", periodicity="monthly")
        with self.assertRaisesMessage(Exception, "Chỉ ấn phẩm định kỳ"):
            self.publication(ends_on=date(2024, 5, 1))

    def test_a_reprint_counts_its_copies_but_not_a_second_title(self):
        first = self.publication(editions=[("vi", 3800)])
        self.publication(
            published_on=date(2024, 5, 2), copies=1000, reprint_of=first, editions=[("vi", 1000)]
        )
        self.assertEqual(values(self.commune, "publication_copies", "2024S1")[""], 4800)
        self.assertEqual(values(self.commune, "publication_titles", "2024S1"), {"": 1, "vi": 1})

    def test_the_same_title_twice_in_a_year_is_refused_unless_a_reprint(self):
        first = self.publication()
        with self.assertRaisesMessage(Exception, "đã được ghi trong năm 2024"):
            self.publication(title=first.title.upper(), published_on=date(2024, 9, 1))
        self.publication(published_on=date(2024, 9, 1), reprint_of=first)
        self.publication(published_on=date(2025, 2, 1))  # next year's edition
        self.assertEqual(Publication.objects.count(), 3)

    def test_the_provinces_sums_by_language_are_the_sums_over_the_records(self):
        self.publication(editions=[("vi", 3000), ("en", 800)])
        self.publication(
            unit=self.sibling,
            user=self.sibling_officer,
            title="Tuy Phước - Đất võ trời văn",
            copies=2000,
            editions=[("vi", 1500), ("en", 500)],
        )
        period = parse_period_id("2024S1")
        sums = subtree_sums([self.province], [period.id])[self.province.pk]
        copies = Indicator.objects.get(code="publication_copies").pk
        records = Publication.objects.filter(unit__path__startswith=self.province.path)
        for language in ("vi", "en"):
            expected = sum(
                e.copies for p in records for e in p.editions.all() if e.language == language
            )
            self.assertEqual(sums[(period.id, copies, language)], expected)
        self.assertEqual(sums[(period.id, copies, "")], 5800)


class AccountTests(PublishingTestCase):
    def test_followers_are_the_latest_snapshot_within_the_period(self):
        self.account(
            snapshots=[
                (date(2024, 1, 31), 100_000),
                (date(2024, 6, 30), 125_300),
                (date(2024, 9, 30), 131_000),
            ]
        )
        self.account(
            platform="youtube",
            name="Quy Nhơn TV",
            url="https://youtube.com/@quynhontv",
            snapshots=[(date(2024, 5, 1), 18_200)],
        )
        self.assertEqual(
            values(self.commune, "social_followers", "2024S1"),
            {"": 143_500, "facebook": 125_300, "youtube": 18_200},
        )
        self.assertEqual(
            values(self.commune, "social_followers", "2024Q3"), {"": 131_000, "facebook": 131_000}
        )
        self.assertEqual(
            values(self.commune, "social_accounts", "2024S1"), {"": 2, "facebook": 1, "youtube": 1}
        )

    def test_a_closed_account_no_longer_counts_at_the_periods_end(self):
        self.account(closed_on=date(2024, 5, 1), snapshots=[(date(2024, 4, 1), 900)])
        self.assertEqual(values(self.commune, "social_accounts", "2024Q1"), {"": 1, "facebook": 1})
        self.assertEqual(values(self.commune, "social_accounts", "2024S1"), {"": 0, "facebook": 0})
        self.assertEqual(values(self.commune, "social_followers", "2024S1")[""], 900)

    def form(self, **rows):
        data = {
            "platform": "facebook",
            "name": "Du lịch Quy Nhơn",
            "url": "https://facebook.com/dulichquynhon",
            "opened_on": "01/01/2024",
            "closed_on": "",
            "rows0-TOTAL_FORMS": "1",
            "rows0-INITIAL_FORMS": "0",
        }
        data.update(rows)
        return data

    def test_a_negative_count_a_future_day_and_a_day_before_the_account_are_refused(self):
        self.client.force_login(self.officer)
        url = reverse("registers:social-accounts-create", args=["BDI-QN"])
        tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
        cases = [
            ({"rows0-0-taken_on": "30/6/2024", "rows0-0-followers": "-5"}, "không được âm"),
            ({"rows0-0-taken_on": tomorrow, "rows0-0-followers": "5"}, "không thể sau hôm nay"),
            (
                {"rows0-0-taken_on": "30/6/2023", "rows0-0-followers": "5"},
                "ngoài thời gian vận hành",
            ),
        ]
        for rows, message in cases:
            with self.subTest(message):
                response = self.client.post(url, self.form(**rows))
                self.assertContains(response, message)
                self.assertContains(response, "Du lịch Quy Nhơn")
        self.assertFalse(SocialAccount.objects.exists())

    def test_snapshots_come_and_go_over_the_api(self):
        self.client.force_login(self.officer)
        body = {
            "unit": "BDI-QN",
            "platform": "youtube",
            "name": "Quy Nhơn TV",
            "url": "https://youtube.com/@quynhontv",
            "openedOn": "2024-01-01",
            "snapshots": [{"takenOn": "2024-06-30", "followers": 18200}],
        }
        response = self.client.post("/api/social-accounts", body, content_type="application/json")
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(
            response.json()["snapshots"], [{"takenOn": "2024-06-30", "followers": 18200}]
        )
        account = response.json()["id"]
        response = self.client.patch(
            f"/api/social-accounts/{account}",
            {"snapshots": [{"takenOn": "2024-06-30", "followers": -1}]},
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(values(self.commune, "social_followers", "2024S1")[""], 18200)
        bad = {**body, "url": "javascript:alert(1)"}
        self.assertEqual(
            self.client.post(
                "/api/social-accounts", bad, content_type="application/json"
            ).status_code,
            422,
        )


class ProgrammeAndWebsiteTests(PublishingTestCase):
    def test_a_bilingual_column_counts_in_each_language_while_it_runs(self):
        outlet = self.outlet(name="Đài Phát thanh và Truyền hình Bình Định", kind="broadcast")
        programmes = get("programmes")
        programmes.save(
            self.officer,
            Programme(
                outlet=outlet,
                title="Bình Định - Điểm hẹn",
                schedule="20 giờ thứ Bảy hằng tuần",
                languages=["vi", "en"],
                since=date(2023, 6, 1),
                until=date(2024, 8, 31),
            ),
            unit=self.commune,
        )
        self.assertEqual(
            values(self.commune, "standing_programmes", "2024S1"), {"": 1, "vi": 1, "en": 1}
        )
        self.assertEqual(
            values(self.commune, "standing_programmes", "2023"), {"": 1, "vi": 1, "en": 1}
        )
        self.assertEqual(
            values(self.commune, "standing_programmes", "2024"), {"": 0, "vi": 0, "en": 0}
        )
        self.assertEqual(values(self.commune, "standing_programmes", "2025"), {})

    def test_a_programme_on_another_provinces_outlet_is_refused(self):
        outlet = self.outlet(unit=self.other_province, name="Báo Hà Nam")
        with self.assertRaisesMessage(Exception, "không thuộc danh sách"):
            get("programmes").save(
                self.officer,
                Programme(outlet=outlet, title="X", languages=["vi"], since=date(2024, 1, 1)),
                unit=self.commune,
            )

    def test_a_site_with_foreign_versions_counts_once_and_once_per_language(self):
        rows = [WebsiteVersion(language=code) for code in ("vi", "en", "ja")]

        def write(site):
            for row in rows:
                row.website = site
                row.save()

        get("websites").save(
            self.officer,
            Website(
                name="Cổng thông tin điện tử phường Quy Nhơn",
                url="https://quynhon.binhdinh.gov.vn",
                launched_on=date(2022, 1, 1),
                closed_on=date(2024, 12, 31),
            ),
            unit=self.commune,
            write_children=write,
        )
        self.assertEqual(
            values(self.commune, "foreign_language_sites", "2024S1"), {"": 1, "en": 1, "ja": 1}
        )


class CoverageTests(PublishingTestCase):
    def setUp(self):
        self.local = self.outlet()
        self.foreign = self.outlet(
            name="The Japan Times", kind="online", level="foreign", country="Nhật Bản"
        )
        self.tv = self.outlet(name="Đài Truyền hình Việt Nam", kind="broadcast", level="central")

    def item(self, outlet, title, day=date(2024, 3, 5), **fields):
        data = {"channel": "bao_dien_tu", "language": "vi", **fields}
        return get("coverage").save(
            self.officer,
            Coverage(outlet=outlet, title=title, published_on=day, **data),
            unit=self.commune,
        )

    def test_coverage_feeds_articles_by_channel_foreign_items_by_language_and_programmes(self):
        self.item(self.local, "Quy Nhơn đón khách quốc tế")
        self.item(self.local, "Lễ hội biển", channel="bao_in")
        self.item(self.foreign, "Quy Nhon, a quiet beach", language="en")
        self.item(self.tv, "Quy Nhơn - thành phố biển", channel="truyen_hinh", kind="programme")
        self.assertEqual(
            values(self.commune, "news_articles", "2024Q1"), {"": 3, "bao_dien_tu": 2, "bao_in": 1}
        )
        self.assertEqual(values(self.commune, "foreign_media_items", "2024Q1"), {"": 1, "en": 1})
        self.assertEqual(
            values(self.commune, "broadcast_programmes", "2024Q1"), {"": 1, "truyen_hinh": 1}
        )

    def test_a_duplicate_is_refused_with_a_link_to_the_first(self):
        first = self.item(self.local, "Quy Nhơn đón khách quốc tế")
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:coverage-create", args=["BDI-QN"]),
            {
                "outlet": self.local.pk,
                "published_on": "05/3/2024",
                "kind": "article",
                "channel": "bao_dien_tu",
                "language": "vi",
                "title": "Quy Nhơn đón khách quốc tế",
                "url": "",
            },
        )
        self.assertContains(response, "đã được ghi")
        self.assertContains(response, reverse("registers:coverage-detail", args=[first.pk]))
        self.assertEqual(Coverage.objects.count(), 1)

    def test_only_web_links_are_accepted(self):
        for link in ("javascript:alert(1)", "ftp://example.com/a", "file:///etc/passwd"):
            with self.subTest(link), self.assertRaisesMessage(Exception, "http://"):
                self.item(self.local, f"Bài {link}", url=link)
        self.item(self.local, "Bài có đường dẫn", url="https://baobinhdinh.vn/bai-1")
        self.assertEqual(Coverage.objects.count(), 1)

    def test_search_finds_records_without_diacritics(self):
        self.item(self.local, "Quy Nhơn đón đoàn khách quốc tế")
        get("publications").save(
            self.officer,
            Publication(
                title="Bản tin Đối ngoại Bình Định",
                format="ban_tin",
                published_on=date(2024, 1, 5),
                copies=1000,
            ),
            unit=self.commune,
        )
        found = [hit.entry.title for hit in search.search(self.officer, "doan khach quoc te").hits]
        self.assertEqual(found, ["Quy Nhơn đón đoàn khách quốc tế"])
        found = [hit.entry.title for hit in search.search(self.officer, "ban tin doi ngoai").hits]
        self.assertEqual(found, ["Bản tin Đối ngoại Bình Định"])
        self.assertEqual(search.search(self.outsider, "ban tin doi ngoai").hits, [])


class AccessTests(PublishingTestCase):
    def test_another_province_sees_nothing_and_a_viewer_cannot_edit(self):
        publication = self.publication()
        self.client.force_login(self.outsider)
        for name in ("detail", "edit", "history"):
            url = reverse(f"registers:publications-{name}", args=[publication.pk])
            self.assertEqual(self.client.get(url).status_code, 404, name)
        self.assertEqual(self.client.get(f"/api/publications/{publication.pk}").status_code, 404)
        self.client.force_login(self.viewer)
        url = reverse("registers:publications-edit", args=[publication.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(
            self.client.patch(
                f"/api/publications/{publication.pk}",
                {"copies": 1},
                content_type="application/json",
            ).status_code,
            403,
        )


class DraftingTests(PublishingTestCase):
    def context(self, unit=None, period="2024S1", subtree=False) -> ReportContext:
        found = parse_period_id(period)
        return ReportContext(
            unit=unit or self.commune,
            period=found,
            start=found.start,
            end=found.end,
            subtree=subtree,
            subject="UBND phường Quy Nhơn",
            name_of=lambda unit: unit.name,
        )

    def texts(self, **kwargs) -> list[str]:
        return [line.text for line in drafting.lines(self.context(**kwargs))]

    def test_a_publication_is_told_with_its_run_by_language_and_its_recipients(self):
        self.publication(
            editions=[("en", 500), ("ja", 200), ("ko", 200), ("zh", 100), ("vi", 2800)],
            distribution=["provinces", "embassies"],
            cost=Decimal(45_000_000),
        )
        self.assertEqual(
            self.texts(),
            [
                "xây dựng và phát hành bộ tài liệu “Bình Định - Tiềm năng và cơ hội đầu tư” với "
                "3.800 bản, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản, tiếng Hàn 200 bản, "
                "tiếng Trung 100 bản, tiếng Việt 2.800 bản, gửi tới các tỉnh, thành phố và cơ "
                "quan đại diện Việt Nam ở nước ngoài; kinh phí 45 triệu đồng"
            ],
        )

    def test_a_monthly_bulletin_is_told_with_the_issues_of_the_period(self):
        self.publication(
            title="Bản tin Đối ngoại Bình Định",
            format="ban_tin",
            periodicity="monthly",
            published_on=date(2024, 1, 15),
            ends_on=date(2024, 12, 15),
            copies=1000,
            editions=[("vi", 600), ("en", 400)],
        )
        self.assertEqual(
            self.texts(),
            [
                "phát hành 6.000 cuốn bản tin “Bản tin Đối ngoại Bình Định”, mỗi tháng một số "
                "bằng tiếng Việt và tiếng Anh (1.000 bản mỗi số)"
            ],
        )

    def test_a_column_and_the_accounts_are_told_with_schedule_languages_and_followers(self):
        outlet = self.outlet(name="Đài Phát thanh và Truyền hình Bình Định", kind="broadcast")
        get("programmes").save(
            self.officer,
            Programme(
                outlet=outlet,
                title="Bình Định - Điểm hẹn",
                schedule="20 giờ thứ Bảy hằng tuần",
                languages=["vi", "en"],
                since=date(2023, 6, 1),
            ),
            unit=self.commune,
        )
        self.account(snapshots=[(date(2024, 6, 30), 125_300)], name="Du lịch Bình Định")
        self.account(
            platform="youtube",
            name="Bình Định TV",
            url="https://youtube.com/@binhdinhtv",
            snapshots=[(date(2024, 6, 30), 18_200)],
        )
        self.assertEqual(
            self.texts(),
            [
                "phối hợp với Đài Phát thanh và Truyền hình Bình Định duy trì chuyên mục “Bình "
                "Định - Điểm hẹn”, phát sóng vào 20 giờ thứ Bảy hằng tuần bằng tiếng Việt và "
                "tiếng Anh",
                "Trang Facebook “Du lịch Bình Định” hiện có 125.300 người theo dõi; kênh YouTube "
                "“Bình Định TV” hiện có 18.200 người đăng ký",
            ],
        )

    def test_own_report_lines_say_what_they_state_and_subtree_lines_do_not(self):
        self.publication(editions=[("vi", 3800)])
        (own,) = drafting.lines(self.context())
        self.assertEqual(own.covers, ("publication_titles", "publication_copies"))
        (over,) = drafting.lines(self.context(unit=self.province, subtree=True))
        self.assertEqual(over.covers, ())

    def test_a_consolidated_report_names_the_unit_and_counts_coverage(self):
        local = self.outlet()
        foreign = self.outlet(name="The Japan Times", level="foreign", country="Nhật Bản")
        for n, outlet in enumerate([local, local, foreign]):
            get("coverage").save(
                self.officer,
                Coverage(
                    outlet=outlet,
                    title=f"Bài {n}",
                    published_on=date(2024, 2, 1),
                    channel="bao_dien_tu",
                    language="ja" if outlet is foreign else "vi",
                ),
                unit=self.commune,
            )
        self.publication(copies=500)
        texts = self.texts(unit=self.province, subtree=True)
        self.assertTrue(texts[0].startswith("Phường Quy Nhơn xây dựng và phát hành"), texts[0])
        self.assertEqual(
            texts[1],
            "các cơ quan báo chí đã đăng tải, phát sóng 03 tin, bài về địa phương (báo điện tử "
            "03); trong đó 01 tin, bài trên báo chí nước ngoài (tiếng Nhật 01)",
        )
        self.assertEqual(self.texts(unit=self.province), [])


class ImportTests(PublishingTestCase):
    HEADING = "Ngày,Cơ quan báo chí,Tiêu đề,Thể loại,Kênh,Ngôn ngữ,Đường dẫn,Chủ đề\n"

    def setUp(self):
        self.local = self.outlet()
        self.foreign = self.outlet(name="The Japan Times", level="foreign", country="Nhật Bản")
        self.client.force_login(self.officer)
        self.url = reverse("publishing:coverage-import", args=["BDI-QN"])

    def upload(self, text: str, name: str = "danh-sach.csv"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = text.encode("utf-8") if isinstance(text, str) else text
        return self.client.post(self.url, {"file": SimpleUploadedFile(name, data)})

    def test_a_list_with_errors_shows_each_rows_errors_and_writes_nothing(self):
        response = self.upload(
            self.HEADING
            + '05/3/2024,Báo Bình Định,Quy Nhơn đón khách,"Tin, bài viết",Báo điện tử,,,\n'
            + "32/3/2024,Báo Bình Định,Ngày sai,,Báo điện tử,,,\n"
            + "06/3/2024,Báo Không Có,Cơ quan lạ,,Báo điện tử,,,\n"
            + "07/3/2024,The Japan Times,Link sai,,Báo điện tử,Nhật,javascript:alert(1),\n"
            + "05/3/2024,Báo Bình Định,Quy Nhơn đón khách,,Báo điện tử,,,\n"
        )
        self.assertEqual(response.status_code, 200)
        rows = {row.line: row.errors for row in response.context["rows"]}
        self.assertEqual(rows[2], [])
        self.assertIn("dd/mm/yyyy", rows[3][0])
        self.assertIn("Báo Không Có", rows[4][0])
        self.assertIn("http://", " ".join(rows[5]))
        self.assertIn("Trùng với dòng 2", rows[6][0])
        self.assertEqual(response.context["checked"], "")
        self.assertFalse(Coverage.objects.exists())

    def test_a_checked_list_is_written_whole_on_commit(self):
        response = self.upload(
            self.HEADING
            + '05/3/2024,Báo Bình Định,Quy Nhơn đón khách,"Tin, bài viết",Báo điện tử,,https://baobinhdinh.vn/1,du lịch\n'
            + "07/3/2024,The Japan Times,Quy Nhon beaches,,Báo điện tử,tiếng Nhật,,\n"
        )
        self.assertFalse(Coverage.objects.exists())
        checked = response.context["checked"]
        self.assertTrue(checked)
        response = self.client.post(self.url, {"rows": checked})
        self.assertRedirects(response, reverse("registers:coverage-list", args=["BDI-QN"]))
        self.assertEqual(Coverage.objects.count(), 2)
        self.assertEqual(Coverage.objects.get(language="ja").outlet, self.foreign)
        self.assertEqual(values(self.commune, "news_articles", "2024Q1")[""], 2)
        self.assertEqual(values(self.commune, "foreign_media_items", "2024Q1"), {"": 1, "ja": 1})
        # The same list again: every row is now a duplicate, and nothing more is written.
        response = self.client.post(self.url, {"rows": checked})
        self.assertContains(response, "đã được ghi")
        self.assertEqual(Coverage.objects.count(), 2)

    def test_a_tampered_list_is_refused(self):
        response = self.client.post(self.url, {"rows": "abc:def"})
        self.assertContains(response, "tải tệp lên lại")
        self.assertFalse(Coverage.objects.exists())

    def test_an_xlsx_list_is_read_with_its_dates(self):
        import io

        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(["Ngày", "Cơ quan báo chí", "Tiêu đề", "Kênh"])
        sheet.append([date(2024, 4, 2), "Báo Bình Định", "Lễ hội biển", "Báo in"])
        sheet.append(["xx", "Báo Bình Định", "Ngày hỏng", "Báo in"])
        buffer = io.BytesIO()
        book.save(buffer)
        response = self.upload(buffer.getvalue(), "danh-sach.xlsx")
        rows = response.context["rows"]
        self.assertEqual([r.errors for r in rows][0], [])
        self.assertEqual(rows[0].values["published_on"], "2024-04-02")
        self.assertTrue(rows[1].errors)
        self.assertFalse(Coverage.objects.exists())

    def test_a_viewer_cannot_import(self):
        self.client.force_login(self.viewer)
        self.assertEqual(self.client.get(self.url).status_code, 403)


class PageTests(PublishingTestCase):
    def test_the_detail_and_history_name_recipients_languages_and_topics(self):
        publication = self.publication(distribution=["embassies"])
        outlet = self.outlet(kind="broadcast")
        programme = get("programmes").save(
            self.officer,
            Programme(
                outlet=outlet, title="Điểm hẹn", languages=["vi", "ko"], since=date(2024, 1, 1)
            ),
            unit=self.commune,
        )
        coverage = get("coverage").save(
            self.officer,
            Coverage(
                outlet=outlet,
                title="Lễ hội",
                published_on=date(2024, 2, 1),
                channel="truyen_hinh",
                topics=["du_lich"],
            ),
            unit=self.commune,
        )
        self.client.force_login(self.viewer)
        for slug, record, text in (
            ("publications", publication, "cơ quan đại diện Việt Nam ở nước ngoài"),
            ("programmes", programme, "tiếng Việt, tiếng Hàn"),
            ("coverage", coverage, "Quảng bá du lịch"),
        ):
            with self.subTest(slug):
                page = self.client.get(reverse(f"registers:{slug}-detail", args=[record.pk]))
                self.assertContains(page, text)
                history = self.client.get(reverse(f"registers:{slug}-history", args=[record.pk]))
                self.assertContains(history, text)
        listing = self.client.get(reverse("registers:coverage-list", args=["BDI-QN"]))
        self.assertNotContains(listing, reverse("publishing:coverage-import", args=["BDI-QN"]))
        self.client.force_login(self.officer)
        listing = self.client.get(reverse("registers:coverage-list", args=["BDI-QN"]))
        self.assertContains(listing, reverse("publishing:coverage-import", args=["BDI-QN"]))

    def test_the_accounts_list_takes_as_many_queries_for_one_account_as_for_six(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.force_login(self.officer)
        url = reverse("registers:social-accounts-list", args=["BDI-QN"])
        self.account(snapshots=[(date(2024, 6, 30), 10)])
        self.client.get(url)  # the session and the person's paths, read once
        with CaptureQueriesContext(connection) as one:
            self.assertContains(self.client.get(url), "Du lịch Quy Nhơn")
        for n in range(5):
            self.account(name=f"Trang {n}", snapshots=[(date(2024, 6, 30), n + 1)])
        with CaptureQueriesContext(connection) as six:
            self.assertContains(self.client.get(url), "Trang 4")
        self.assertEqual(len(six), len(one))


class EnteringForAPeriodTests(PublishingTestCase):
    def form(self, **changes):
        data = {
            "platform": "facebook",
            "name": "Du lịch Quy Nhơn",
            "url": "https://facebook.com/dulichquynhon",
            "opened_on": "01/01/2024",
            "closed_on": "",
            "entering_for": "2024S1",
            "rows0-TOTAL_FORMS": "1",
            "rows0-INITIAL_FORMS": "0",
            "rows0-0-taken_on": "30/9/2024",
            "rows0-0-followers": "1.000",
        }
        data.update(changes)
        return data

    def test_a_count_outside_the_period_being_entered_is_refused(self):
        self.client.force_login(self.officer)
        url = reverse("registers:social-accounts-create", args=["BDI-QN"])
        response = self.client.post(url, self.form())
        self.assertContains(response, "không thuộc kỳ 6 tháng đầu năm 2024")
        self.assertFalse(SocialAccount.objects.exists())
        response = self.client.post(url, self.form(entering_for="2024X9"))
        self.assertContains(response, "không đúng dạng")
        response = self.client.post(url, self.form(**{"rows0-0-taken_on": "30/6/2024"}))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(values(self.commune, "social_followers", "2024S1")[""], 1000)
        # Without a period, any day of the account's life will do.
        account = SocialAccount.objects.get()
        response = self.client.post(
            reverse("registers:social-accounts-edit", args=[account.pk]),
            self.form(
                entering_for="",
                **{
                    "rows0-TOTAL_FORMS": "2",
                    "rows0-INITIAL_FORMS": "1",
                    "rows0-0-id": str(account.snapshots.get().pk),
                    "rows0-0-taken_on": "30/6/2024",
                    "rows0-1-taken_on": "30/9/2024",
                    "rows0-1-followers": "1.200",
                },
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(account.snapshots.count(), 2)


class FeedCommandTests(PublishingTestCase):
    def test_the_command_feeds_a_year_for_records_still_running(self):
        import io

        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        get_user_model().objects.create_superuser("quantri", password="x")
        outlet = self.outlet()
        # Stored without its register's save, as a bulk load or last year's save leaves it.
        Programme.objects.create(
            unit=self.commune,
            outlet=outlet,
            title="Điểm hẹn",
            languages=["vi", "en"],
            since=date(2023, 1, 7),
        )
        self.assertEqual(values(self.commune, "standing_programmes", "2024"), {})
        out = io.StringIO()
        call_command("registers", "feed", "--year", "2024", stdout=out)
        self.assertIn("values changed", out.getvalue())
        self.assertEqual(
            values(self.commune, "standing_programmes", "2024"), {"": 1, "vi": 1, "en": 1}
        )
        self.assertEqual(values(self.commune, "standing_programmes", "2023"), {})
        out = io.StringIO()
        call_command("registers", "feed", "--year", "2024", stdout=out)
        self.assertIn("0 values changed", out.getvalue())
