"""The registry of cited documents (sổ văn bản được dẫn chiếu) seen through one's own units:
the same number cited in two provinces is one record, and each province sees only what
its own documents say of it."""

from django.conf import settings
from django.urls import reverse

from ttdn.archive.models import Decision, Document, DocumentStatus, ImportedItem, ItemKind
from ttdn.archive.review import register_legal_document
from ttdn.testing import TreeTestCase

ELSEWHERE = {
    "type": "Kế hoạch",
    "number": "20/KH-UBND",
    "date": "2024-01-15",
    "issuer": "UBND tỉnh Hà Nam",
    "title": "Kế hoạch thông tin đối ngoại tỉnh Hà Nam năm 2024",
}
HERE = {"type": "Kế hoạch", "number": "20/KH-UBND", "date": "2024-02-01"}


def cite(unit, filename: str, reference: dict, legal, decision=Decision.ACCEPTED) -> Document:
    document = Document.objects.create(unit=unit, filename=filename, status=DocumentStatus.REVIEWED)
    ImportedItem.objects.create(
        document=document,
        kind=ItemKind.REFERENCE,
        payload=reference,
        legal_document=legal,
        decision=decision,
    )
    return document


class LegalRegistryTests(TreeTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Hà Nam reviews first: the shared record takes its issuer and title.
        cls.legal = register_legal_document(ELSEWHERE)
        cite(cls.other_commune, "ke-hoach-ha-nam.docx", ELSEWHERE, cls.legal)
        register_legal_document(HERE)
        cls.here = cite(cls.commune, "bao-cao-quy-nhon.docx", HERE, cls.legal)
        only_elsewhere = {**ELSEWHERE, "number": "99/QĐ-UBND"}
        cls.unseen = register_legal_document(only_elsewhere)
        cite(cls.other_commune, "quyet-dinh-ha-nam.docx", only_elsewhere, cls.unseen)
        cls.legal.refresh_from_db()

    def page(self, legal_id: int, person=None):
        if person is not None:
            self.client.force_login(person)
        return self.client.get(reverse("archive:legal", args=[legal_id]))

    def test_anonymous_people_are_sent_to_log_in(self):
        response = self.page(self.legal.pk)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_a_record_shows_only_what_the_persons_documents_say(self):
        self.assertEqual(self.legal.citations, 2)
        self.assertEqual(self.legal.issuer, "UBND tỉnh Hà Nam")
        for person in (self.officer, self.consolidator, self.viewer):
            with self.subTest(person.username):
                response = self.page(self.legal.pk, person)
                self.assertContains(response, "20/KH-UBND")
                self.assertContains(response, "01/02/2024")
                self.assertContains(response, "bao-cao-quy-nhon.docx")
                self.assertEqual(response.context["legal"].citations, 1)
                for elsewhere in ("ke-hoach-ha-nam.docx", "UBND tỉnh Hà Nam", "Hà Nam năm 2024"):
                    self.assertNotContains(response, elsewhere)

    def test_a_record_none_of_ones_documents_cites_is_404_like_an_unknown_one(self):
        for person in (self.sibling_officer, self.officer):
            with self.subTest(person.username):
                self.assertEqual(self.page(self.unseen.pk, person).status_code, 404)
        self.assertEqual(self.page(self.unseen.pk + 1000, self.officer).status_code, 404)
        self.assertEqual(self.page(self.legal.pk, self.sibling_officer).status_code, 404)

    def test_the_other_province_sees_its_own_citation(self):
        response = self.page(self.legal.pk, self.outsider)
        self.assertContains(response, "UBND tỉnh Hà Nam")
        self.assertContains(response, "ke-hoach-ha-nam.docx")
        self.assertNotContains(response, "bao-cao-quy-nhon.docx")

    def test_a_citation_still_under_review_shows_the_record_but_does_not_count(self):
        cite(self.sibling, "bao-cao-tuy-phuoc.docx", HERE, self.legal, Decision.PENDING)
        response = self.page(self.legal.pk, self.sibling_officer)
        self.assertContains(response, "bao-cao-tuy-phuoc.docx")
        self.assertEqual(response.context["legal"].citations, 0)
