"""The whole path in a real browser: a commune officer enters values, the province
consolidator sees them in the totals with the year-earlier column."""

import os
from decimal import Decimal

import pytest

from tests.browser.helpers import log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_an_officer_enters_values_and_the_province_sees_the_totals(live_server, browser, width):
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    officer = make_person("canbo.quynhon", commune, Role.OFFICER)
    make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    save_values(officer, commune, parse_period_id("2023S1"), {("news_articles", ""): Decimal(30)})

    base = live_server.url
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(30_000)
    refused = refused_by_policy(page)
    log_in(page, base, "canbo.quynhon")
    page.click("a[href^='/data/BDI-QN/']:not([href*=totals])")  # the home page's entry link
    page.wait_for_selector("#values-form")
    page.select_option("[data-testid=period-switch]", label="6 tháng đầu năm 2024")
    page.wait_for_url(f"{base}/data/BDI-QN/2024S1/")
    page.fill("input[name=v__news_articles__]", "1.250")
    page.fill("input[name=v__publication_copies__]", "2.000")
    page.fill("input[name=v__publication_copies__en]", "500")
    page.click("[data-testid=save]")
    page.wait_for_selector("text=Đã lưu 3 thay đổi")
    page.click("[data-testid=logout]")
    page.wait_for_url(f"{base}/accounts/login/")

    log_in(page, base, "tonghop.bdi")
    page.goto(f"{base}/data/BDI/2024S1/totals/")
    row = page.locator("tr[data-indicator=news_articles][data-option='']")
    assert row.locator("td.total").inner_text() == "1.250"
    assert row.locator("td.previous").inner_text() == "30"
    assert "+4.066,7%" in row.locator("td.change").inner_text()
    header = page.locator("#totals thead").inner_text()
    assert "6 tháng đầu năm 2023" in header
    english = page.locator("tr[data-indicator=publication_copies][data-option=en] td.total")
    assert english.inner_text() == "500"
    page.screenshot(
        path=os.path.join(os.environ.get("TTDN_SCREENSHOTS", "/tmp"), f"totals-{width}.png"),
        full_page=True,
    )
    assert refused == []
    page.close()
