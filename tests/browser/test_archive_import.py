"""Old reports in a real browser: a commune officer uploads two reports, watches the
import's progress bar until the worker has read them, reviews one beside its
highlighted text, and the province consolidator finds the accepted values in the totals
and the document through the search box, typed without diacritics."""

import os
import threading
from pathlib import Path

import pytest
from django.db import connection

from tests.browser.helpers import log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.archive.models import Document, DocumentStatus, ImportedItem
from ttdn.archive.worker import run_worker
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.testing import make_person, make_unit

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings, tmp_path):
    """`ttdn worker` in a thread of this process, so that it sees the test database."""
    settings.ARCHIVE_ROOT = str(tmp_path / "archive")
    stop = threading.Event()

    def run():
        try:
            run_worker(stop=stop, poll_seconds=0.2)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the worker did not stop"


def test_an_officer_imports_and_reviews_old_reports_and_the_province_finds_them(
    live_server, browser, worker
):
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("HNA", "Tỉnh Hà Nam", "province")
    commune = make_unit("HNA-PL", "Phường Phủ Lý", "commune", province)
    make_person("canbo.phuly", commune, Role.OFFICER)
    make_person("tonghop.hna", province, Role.CONSOLIDATOR)

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    refused = refused_by_policy(page)
    log_in(page, base, "canbo.phuly")
    page.goto(f"{base}/archive/units/HNA-PL/upload/")
    page.set_input_files(
        "input[name=files]",
        [SAMPLES / "ha-nam-6-thang-dau-2022.txt", SAMPLES / "tuy-phuoc-nam-2022.txt"],
    )
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job[data-status=done]")  # polled by htmx until the worker is done
    assert page.locator("#upload-progress").get_attribute("value") == "100"  # site.js
    job = page.locator("#job")
    assert "100%" in job.inner_text()
    assert job.locator("span.status.extracted").count() == 2
    assert not ImportedItem.objects.exists()  # nothing to review until someone opens it

    job.locator("a", has_text="ha-nam-6-thang-dau-2022.txt").click()
    page.wait_for_selector("mark[id^=fact-]")  # every fact highlighted in the text
    assert page.locator("mark[id^=fact-]").count() >= 10
    page.click("button:has-text('Ghi nhận kết quả rà soát')")
    page.wait_for_selector("ul.messages >> text=Đã rà soát")
    document = Document.objects.get(filename="ha-nam-6-thang-dau-2022.txt")
    assert document.status == DocumentStatus.REVIEWED
    page.click("[data-testid=logout]")
    page.wait_for_url(f"{base}/accounts/login/")

    log_in(page, base, "tonghop.hna")
    page.goto(f"{base}/data/HNA/2022S1/totals/")
    fdi = page.locator("tr[data-indicator=fdi_projects][data-option=''] td.total")
    assert fdi.inner_text() == "8"
    visitors = page.locator("tr[data-indicator=visitors_international][data-option=''] td.total")
    assert visitors.inner_text() == "62.000"  # Vietnamese thousands separator

    page.goto(f"{base}/search/?q=thong+tin+doi+ngoai+ha+nam")
    results = page.locator("main").inner_text()
    assert "Hà Nam" in results
    assert page.locator("mark").count() > 0  # the matched words marked in their own spelling
    page.screenshot(
        path=os.path.join(os.environ.get("TTDN_SCREENSHOTS", "/tmp"), "archive-search.png"),
        full_page=True,
    )
    assert refused == []
    page.close()
