"""Facts that become register records in review (ttdn/archive/records.py): a
publication's print runs become one publication with its editions, two publications
are two records, and a publication entered by hand and from a report is counted once."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.urls import reverse

from ttdn.archive.models import Decision, ItemKind
from ttdn.archive.records import publication_format, publication_title
from ttdn.archive.tests.base import SAMPLES
from ttdn.archive.tests.test_review import ReviewTestCase
from ttdn.indicators.models import DataValue
from ttdn.publishing.models import Publication, PublicationEdition
from ttdn.registers.base import get

TITLE = "Thái Nguyên - Tiềm năng phát triển và Cơ hội đầu tư"
N9 = "2018N9"


def copies(unit, period: str = N9) -> dict[str, Decimal]:
    return dict(
        DataValue.objects.filter(
            unit=unit, indicator__code="publication_copies", period=period
        ).values_list("option", "value")
    )


class PublicationFromReviewTests(ReviewTestCase):
    def review(self, path: Path = SAMPLES / "thai-nguyen-9-thang-2018.txt"):
        (document,) = self.import_files(path)
        self.client.force_login(self.officer)
        response = self.client.post(self.review_url(document), self.defaults(document))
        self.assertRedirects(response, self.review_url(document))
        return document

    def test_a_print_run_by_language_becomes_one_publication_with_its_editions(self):
        document = self.review()
        publication = Publication.objects.get(title=TITLE)
        self.assertEqual(publication.title, TITLE)
        self.assertEqual(publication.format, "tai_lieu")
        self.assertEqual(publication.unit, self.commune)
        self.assertEqual(publication.copies, 3800)
        self.assertEqual(publication.published_on, date(2018, 9, 30))
        self.assertEqual(
            dict(publication.editions.values_list("language", "copies")),
            {"en": 500, "ja": 200, "ko": 200, "zh": 100, "vi": 2800},
        )
        # The bulletin of the same report ("9.000 cuốn bản tin đối ngoại") is another.
        bulletin = Publication.objects.exclude(pk=publication.pk).get()
        self.assertEqual((bulletin.format, bulletin.copies), ("ban_tin", 9000))
        self.assertTrue(bulletin.title.startswith("bản tin đối ngoại"), bulletin.title)
        self.assertEqual(copies(self.commune)[""], 12_800)
        self.assertEqual(copies(self.commune)["en"], 500)
        linked = [
            item for item in document.items.filter(kind=ItemKind.FACT) if item.payload.get("record")
        ]
        self.assertEqual(len(linked), 7)
        self.assertTrue(all(i.decision == Decision.ACCEPTED for i in linked))
        page = self.client.get(self.review_url(document))
        self.assertContains(page, reverse("registers:publications-detail", args=[publication.pk]))

    def test_a_publication_already_in_the_register_is_not_doubled(self):
        def write(record):
            PublicationEdition.objects.create(publication=record, language="en", copies=500)

        get("publications").save(
            self.officer,
            Publication(
                title=TITLE, format="tai_lieu", published_on=date(2018, 5, 10), copies=3800
            ),
            unit=self.commune,
            write_children=write,
        )
        self.review()
        self.assertEqual(Publication.objects.filter(title=TITLE).count(), 1)
        self.assertEqual(copies(self.commune, "2018Q2"), {"": 3800, "en": 500})
        self.assertEqual(copies(self.commune, "2018Q3"), {"": 9000})  # the bulletin only
        self.assertEqual(copies(self.commune, "2018N9")[""], 12_800)

    def test_a_publication_from_a_report_is_not_entered_again_by_hand(self):
        self.review()
        publication = Publication.objects.get(title=TITLE)
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("registers:publications-create", args=["BDI-QN"]),
            {
                "title": TITLE.upper(),
                "format": "tai_lieu",
                "published_on": "10/5/2018",
                "copies": "3.800",
                "rows0-TOTAL_FORMS": "0",
                "rows0-INITIAL_FORMS": "0",
            },
        )
        self.assertContains(response, "đã được ghi trong năm 2018")
        self.assertContains(
            response, reverse("registers:publications-detail", args=[publication.pk])
        )
        self.assertEqual(Publication.objects.filter(title__iexact=TITLE).count(), 1)

    def test_two_publications_in_one_period_are_two_records(self):
        path = Path(self.enterContext(self._folder())) / "bao-cao.txt"
        path.write_text(
            "Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024\n\n"
            "Sở Ngoại vụ phát hành tờ gấp “Bình Định - Điểm đến hấp dẫn” với 2.000 bản, "
            "trong đó tiếng Anh 500 bản, tiếng Việt 1.500 bản. Sở Văn hóa, Thể thao và Du lịch "
            "phát hành sách “Võ cổ truyền Bình Định” với 1.000 bản.\n",
            encoding="utf-8",
        )
        self.review(path)
        found = dict(Publication.objects.values_list("title", "copies"))
        self.assertEqual(
            found, {"Bình Định - Điểm đến hấp dẫn": 2000, "Võ cổ truyền Bình Định": 1000}
        )
        self.assertEqual(copies(self.commune, "2024S1"), {"": 3000, "en": 500, "vi": 1500})

    def _folder(self):
        import tempfile

        return tempfile.TemporaryDirectory()


class TitleTests(ReviewTestCase):
    def test_the_title_is_the_quoted_one_nearest_before_the_number(self):
        text = "phát hành bộ tài liệu “Thái Nguyên - Tiềm năng” với 3.800 bản, trong đó"
        title, words = publication_title({"text": "Tiềm năng” với 3.800 bản"}, text)
        self.assertEqual(title, "Thái Nguyên - Tiềm năng")
        self.assertEqual(publication_format(words), "tai_lieu")
        title, _words = publication_title({"subject": "bản tin đối ngoại bản tiếng Anh"})
        self.assertEqual(title, "bản tin đối ngoại")
        self.assertEqual(publication_format("phát hành sách"), "sach")
