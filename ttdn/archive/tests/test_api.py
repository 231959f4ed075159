from ttdn.accounts.models import ApiToken
from ttdn.archive.models import Document, DocumentStatus
from ttdn.archive.search import index_document
from ttdn.archive.tests.base import ArchiveTestCase


class ArchiveApiTests(ArchiveTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.mine = self.document(
            self.commune,
            "Báo cáo công tác thông tin đối ngoại 6 tháng đầu năm 2022",
            "Phường Quy Nhơn phối hợp với tỉnh Đồng Nai tổ chức hội nghị quảng bá.",
            extract={"kind": "report", "facts": [{"value": 12}]},
        )
        self.theirs = self.document(
            self.other_commune,
            "Báo cáo thông tin đối ngoại của phường Phủ Lý",
            "Phường Phủ Lý giới thiệu tiềm năng đầu tư với đoàn khách Đồng Nai.",
        )
        Document.objects.create(
            unit=self.commune,
            filename="hong.pdf",
            status=DocumentStatus.REFUSED,
            error="Tệp bị hỏng hoặc không đúng định dạng.",
        )

    def document(self, unit, title: str, text: str, extract=None) -> Document:
        document = Document.objects.create(
            unit=unit,
            filename=f"{unit.code}.docx",
            format="docx",
            title=title,
            text=text,
            period="2022S1",
            status=DocumentStatus.EXTRACTED,
            extract=extract or {},
        )
        index_document(document)
        return document

    def get(self, url: str, person=None, **params):
        self.client.logout()
        if person is not None:
            self.client.force_login(person)
        return self.client.get(url, params)

    def test_the_archive_needs_a_login(self):
        self.assertEqual(self.get("/api/documents").status_code, 401)
        self.assertEqual(self.get("/api/search", q="dong nai").status_code, 401)

    def test_each_person_lists_only_the_documents_of_their_subtree(self):
        body = self.get("/api/documents", self.consolidator).json()
        self.assertEqual(body["count"], 2)
        self.assertEqual({d["unit"] for d in body["items"]}, {"BDI-QN"})
        body = self.get("/api/documents", self.outsider).json()
        self.assertEqual([d["id"] for d in body["items"]], [self.theirs.pk])
        # Reading is all a viewer of the province needs.
        self.assertEqual(self.get("/api/documents", self.viewer).json()["count"], 2)
        self.assertEqual(self.get("/api/documents", self.sibling_officer).json()["count"], 0)

    def test_the_list_filters_by_unit_and_status(self):
        body = self.get("/api/documents", self.consolidator, status="refused").json()
        self.assertEqual([d["filename"] for d in body["items"]], ["hong.pdf"])
        self.assertIn("hỏng", body["items"][0]["error"])
        self.assertEqual(
            self.get("/api/documents", self.consolidator, unit="BDI-TP").json()["count"], 0
        )
        # A unit one may not see is not found, rather than listed empty.
        self.assertEqual(
            self.get("/api/documents", self.consolidator, unit="HNA-PL").status_code, 404
        )
        self.assertEqual(
            self.get("/api/documents", self.consolidator, status="lost").status_code, 422
        )

    def test_one_document_comes_with_its_extract_and_only_to_those_who_may_see_it(self):
        response = self.get(f"/api/documents/{self.mine.pk}", self.officer)
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["unit"], "BDI-QN")
        self.assertEqual(body["status"], "extracted")
        self.assertEqual(body["extract"]["facts"], [{"value": 12}])
        self.assertNotIn("text", body)
        self.assertEqual(self.get(f"/api/documents/{self.mine.pk}", self.outsider).status_code, 404)
        self.assertEqual(self.get("/api/documents/999999", self.officer).status_code, 404)

    def test_search_folds_diacritics_and_keeps_to_what_the_caller_may_see(self):
        body = self.get("/api/search", self.consolidator, q="dong nai").json()
        self.assertEqual(body["total"], 1)
        hit = body["hits"][0]
        self.assertEqual(hit["unit"], "BDI-QN")
        self.assertEqual(hit["kind"], "document")
        self.assertEqual(hit["period"], "2022S1")
        self.assertIn("Đồng Nai", hit["snippet"])
        self.assertEqual(hit["url"], f"/archive/documents/{self.mine.pk}/")
        body = self.get("/api/search", self.outsider, q="ĐỒNG NAI").json()
        self.assertEqual([h["unit"] for h in body["hits"]], ["HNA-PL"])

    def test_search_filters_and_refuses_what_it_cannot_read(self):
        self.assertEqual(
            self.get("/api/search", self.consolidator, q="dong nai", unit="BDI-TP").json()["total"],
            0,
        )
        self.assertEqual(
            self.get("/api/search", self.consolidator, q="dong nai", period="2023").json()["total"],
            0,
        )
        self.assertEqual(
            self.get("/api/search", self.consolidator, q="dong nai", unit="HNA").status_code, 404
        )
        self.assertEqual(self.get("/api/search", self.consolidator, q="").status_code, 422)
        self.assertEqual(
            self.get("/api/search", self.consolidator, q="x", period="2024S3").status_code, 422
        )
        self.assertEqual(
            self.get("/api/search", self.consolidator, q="x", kind="poem").status_code, 422
        )

    def test_search_answers_a_bearer_token_as_the_command_line_does(self):
        _token, key = ApiToken.issue(self.consolidator, "tra cứu")
        response = self.client.get(
            "/api/search",
            {"q": "thong tin doi ngoai"},
            headers={"Authorization": f"Bearer {key}"},
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual([h["unit"] for h in response.json()["hits"]], ["BDI-QN"])
