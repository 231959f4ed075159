from datetime import date, timedelta
from unittest import mock

from django.db import IntegrityError, transaction
from django.utils import timezone

from ttdn.activities.models import Activity
from ttdn.archive.models import (
    Document,
    Job,
    JobStatus,
    LegalDocument,
    normalise_number,
)
from ttdn.archive.tests.base import ArchiveTestCase
from ttdn.lib import bulkrows as rows
from ttdn.search.models import SearchEntry

STALE = timedelta(seconds=60)


class JobClaimTests(ArchiveTestCase):
    def test_a_queued_job_is_claimed_by_one_worker_only(self):
        job = Job.objects.create(unit=self.commune)
        first = Job.claim_next("host:1", STALE)
        second = Job.claim_next("host:2", STALE)
        self.assertEqual(first.pk, job.pk)
        self.assertEqual(first.status, JobStatus.RUNNING)
        self.assertEqual(first.claimed_by, "host:1")
        self.assertEqual(first.attempts, 1)
        self.assertIsNone(second)

    def test_a_job_whose_worker_stopped_beating_is_claimed_again(self):
        job = Job.objects.create(unit=self.commune)
        Job.claim_next("host:1", STALE)
        Job.objects.filter(pk=job.pk).update(heartbeat=timezone.now() - timedelta(minutes=5))
        taken = Job.claim_next("host:2", STALE)
        self.assertEqual(taken.pk, job.pk)
        self.assertEqual(taken.claimed_by, "host:2")
        self.assertEqual(taken.attempts, 2)

    def test_the_first_worker_learns_it_lost_a_job_another_worker_took_over(self):
        Job.objects.create(unit=self.commune)
        mine = Job.claim_next("host:1", STALE)
        Job.objects.filter(pk=mine.pk).update(heartbeat=timezone.now() - timedelta(minutes=5))
        Job.claim_next("host:2", STALE)
        self.assertFalse(mine.beat(progress=50))
        self.assertEqual(Job.objects.get(pk=mine.pk).progress, 0)

    def test_a_finished_job_is_never_claimed(self):
        Job.objects.create(unit=self.commune, status=JobStatus.DONE, progress=100)
        self.assertIsNone(Job.claim_next("host:1", STALE))

    def test_progress_above_100_is_refused_by_the_database(self):
        with self.assertRaises(IntegrityError):
            Job.objects.create(unit=self.commune, progress=101)


class LegalDocumentTests(ArchiveTestCase):
    def test_numbers_meet_whatever_their_spacing_dashes_and_diacritics(self):
        self.assertEqual(normalise_number("57-KL/TW"), normalise_number("57 – KL/TW"))
        self.assertEqual(normalise_number("318/TTĐN-QLTTĐN"), "318/TTDN-QLTTDN")
        self.assertNotEqual(normalise_number("20/KH-UBND"), normalise_number("21/KH-UBND"))

    def test_the_same_number_twice_is_refused_by_the_registry(self):
        LegalDocument.objects.create(number="57-KL/TW")
        with self.assertRaises(IntegrityError):
            LegalDocument.objects.create(number="57 - KL/TW")

    def test_a_later_citation_completes_a_record_but_never_overwrites_it(self):
        legal = LegalDocument(number="20/KH-UBND", type="Kế hoạch", date=date(2022, 2, 23))
        changed = legal.merge(type="Văn bản", date=date(2023, 1, 1), issuer="UBND tỉnh Bình Định")
        self.assertTrue(changed)
        self.assertEqual(legal.type, "Kế hoạch")
        self.assertEqual(legal.date, date(2022, 2, 23))
        self.assertEqual(legal.issuer, "UBND tỉnh Bình Định")


class SearchIndexUpkeepTests(ArchiveTestCase):
    def test_an_activity_is_indexed_when_saved_and_forgotten_when_deleted(self):
        activity = Activity.objects.create(
            unit=self.commune,
            type="training",
            title="Tập huấn thông tin đối ngoại",
            description="Lớp bồi dưỡng cho cán bộ Đồng Nai",
            start_date=date(2024, 3, 5),
            topics=["dao_tao_tap_huan"],
        )
        entry = SearchEntry.objects.get(kind="activity", object_id=activity.pk)
        self.assertEqual(entry.title_folded, "tap huan thong tin doi ngoai")
        self.assertIn("dong nai", entry.body_folded)
        self.assertEqual(entry.unit, self.commune)
        self.assertEqual(entry.topic_codes, ["dao_tao_tap_huan"])
        activity.title = "Họp báo quý I"
        activity.save()
        entry.refresh_from_db()
        self.assertEqual(entry.title_folded, "hop bao quy i")
        activity.delete()
        self.assertFalse(SearchEntry.objects.filter(kind="activity").exists())


class InsertReturningTests(ArchiveTestCase):
    def test_rows_get_their_keys_in_order_across_statements(self):
        documents = [Document(unit=self.commune, filename=f"{n}.txt") for n in range(5)]
        with mock.patch.object(rows, "BATCH", 2):
            rows.insert_returning(Document, documents)
        stored = dict(Document.objects.values_list("pk", "filename"))
        self.assertEqual([stored[d.pk] for d in documents], [f"{n}.txt" for n in range(5)])
        self.assertTrue(all(not d._state.adding and d.created_at for d in documents))

    def test_a_failed_statement_leaves_no_key_from_the_earlier_ones(self):
        Document.objects.create(unit=self.commune, filename="first.txt", sha256="a" * 64)
        documents = [
            Document(unit=self.commune, filename="new.txt", sha256="b" * 64),
            Document(unit=self.commune, filename="again.txt", sha256="a" * 64),
        ]
        with mock.patch.object(rows, "BATCH", 1), self.assertRaises(IntegrityError):
            with transaction.atomic():
                rows.insert_returning(Document, documents)
        self.assertEqual([d.pk for d in documents], [None, None])
        self.assertTrue(all(d._state.adding for d in documents))
        self.assertEqual(Document.objects.count(), 1)
