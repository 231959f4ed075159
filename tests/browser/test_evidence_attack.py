"""An evidence file with a script in it, in a real browser: a commune officer uploads an
HTML page that writes a value of the sibling commune through the JSON API; the province
administrator, who may change that commune, opens the evidence. The page must arrive as a
download and its script never run in the site's origin."""

from decimal import Decimal

import pytest

from tests.browser.helpers import log_in
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values, stored_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATTACK = """<!doctype html><html><body><p>Biên bản họp báo</p><script>
const token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
fetch("/api/datavalues", {
  method: "POST",
  credentials: "same-origin",
  headers: {"Content-Type": "application/json", "X-CSRFToken": token},
  body: JSON.stringify({period: "2024S1", orgUnit: "BDI-TP",
    dataValues: [{indicator: "news_articles", option: "", value: 9999}]}),
}).then(function (answer) { document.title = "sent " + answer.status; });
</script></body></html>"""


def news_articles(unit, period):
    return stored_values(unit, period)[("news_articles", "")].value


def test_an_html_evidence_file_cannot_write_for_the_administrator(
    live_server, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    sibling = make_unit("BDI-TP", "Xã Tuy Phước", "commune", province)
    make_person("canbo.quynhon", commune, Role.OFFICER)
    sibling_officer = make_person("canbo.tuyphuoc", sibling, Role.OFFICER)
    make_person("quantri.bdi", province, Role.ADMIN)
    period = parse_period_id("2024S1")
    save_values(sibling_officer, sibling, period, {("news_articles", ""): Decimal(30)})

    base = live_server.url
    page = browser.new_page(accept_downloads=True)
    page.set_default_timeout(30_000)
    log_in(page, base, "canbo.quynhon")
    page.goto(f"{base}/activities/BDI-QN/new/")
    page.select_option("select[name=type]", "press_conference")
    page.fill("input[name=title]", "Họp báo quý I")
    page.fill("input[name=start_date]", "05/03/2024")
    page.set_input_files(
        "input[name=evidence_file]",
        files=[{"name": "bien-ban.html", "mimeType": "text/html", "buffer": ATTACK.encode()}],
    )
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{base}/activities/r/*/")
    activity_page = page.url
    page.click("[data-testid=logout]")
    page.wait_for_url(f"{base}/accounts/login/")

    log_in(page, base, "quantri.bdi")
    page.goto(activity_page)
    with page.expect_download() as download, page.expect_response("**/evidence/**") as answer:
        page.click("[data-testid=evidence-file]")
    response = answer.value
    assert response.status == 200
    assert response.headers["content-disposition"] == 'attachment; filename="bien-ban.html"'
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-security-policy"] == "sandbox; default-src 'none'"
    assert download.value.suggested_filename == "bien-ban.html"
    page.wait_for_timeout(1000)  # time for a script, had one run, to reach the API
    assert not page.title().startswith("sent")
    assert news_articles(sibling, period) == Decimal(30)
    page.close()
