"""The entry form never loses what was typed, in a real browser: a refused save lists
every error at the top with links and keeps every value; leaving with unsaved changes
asks first; a draft typed survives a reload."""

import os
from decimal import Decimal

import pytest

from tests.browser.helpers import issue_half_year_request, log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENTRY = "/data/BDI-QN/2025S1/"


@pytest.fixture
def officer_page(live_server, browser):
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    officer = make_person("canbo.quynhon", commune, Role.OFFICER)
    save_values(officer, commune, parse_period_id("2024S2"), {("news_articles", ""): Decimal(1250)})

    def open_page(width=1366):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_default_timeout(20_000)
        page.refused = refused_by_policy(page)
        log_in(page, live_server.url, "canbo.quynhon")
        page.goto(live_server.url + ENTRY)
        return page

    return open_page


def _shot(page, name, full_page=False):
    folder = os.environ.get("TTDN_SCREENSHOTS", "/tmp")
    page.screenshot(path=os.path.join(folder, name), full_page=full_page)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_refused_save_lists_every_error_with_links_and_keeps_every_value(officer_page, width):
    page = officer_page(width)
    assert (
        page.locator("tr[data-indicator=news_articles][data-option=''] td.previous").inner_text()
        == "1.250"
    )
    page.fill("input[name=v__news_articles__]", "12")
    page.fill("input[name=v__fdi_capital__]", "54.7")
    page.fill("input[name=v__training_courses__]", "-3")
    page.fill("input[name=v__publication_copies__]", "500")
    page.fill("input[name=v__publication_copies__en]", "800")
    # The live check says what the save will: the parts exceed the total.
    check = page.locator(
        "tr[data-indicator=publication_copies][data-option=''] [data-testid=parts-check]"
    )
    assert check.inner_text() == "Tổng 500 nhỏ hơn tổng các phần 800."
    assert page.locator("[data-testid=save-state]").inner_text() == "Có thay đổi chưa lưu"
    page.click("[data-testid=save]")
    banner = page.locator("[data-testid=error-banner]")
    banner.wait_for()
    links = banner.locator("a")
    assert links.count() == 3
    assert {links.nth(i).get_attribute("href") for i in range(3)} == {
        "#id_v__fdi_capital__",
        "#id_v__training_courses__",
        "#id_v__publication_copies__",
    }
    assert page.input_value("input[name=v__news_articles__]") == "12"
    assert page.input_value("input[name=v__fdi_capital__]") == "54.7"
    assert page.input_value("input[name=v__publication_copies__en]") == "800"
    _shot(page, f"entry-errors-{width}.png")
    _shot(page, f"entry-errors-full-{width}.png", full_page=True)
    banner.locator("a[href='#id_v__training_courses__']").click()
    assert page.evaluate("document.activeElement.name") == "v__training_courses__"
    assert page.locator("[data-testid=save-bar]").is_visible()  # sticky at the bottom
    assert page.refused == []
    page.close()


def test_leaving_with_unsaved_changes_asks_first(officer_page):
    page = officer_page()
    page.fill("input[name=v__news_articles__]", "77")
    asked = []

    def stay(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", stay)
    page.select_option("[data-testid=period-switch]", label="6 tháng cuối năm 2024")
    page.wait_for_timeout(300)
    assert asked and "chưa lưu" in asked[0]
    assert page.url.endswith(ENTRY)  # stayed, the period put back, the value kept
    assert page.input_value("input[name=v__news_articles__]") == "77"
    assert page.locator("[data-testid=period-switch] option:checked").inner_text() == (
        "6 tháng đầu năm 2025"
    )

    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click("a.btn.secondary:has-text('Hoạt động')")
    page.wait_for_url("**/activities/BDI-QN/**")
    assert len(asked) == 2
    page.close()


def test_a_draft_typed_survives_a_reload(officer_page):
    page = officer_page()
    page.fill("input[name=v__training_courses__]", "4")
    page.locator("[data-testid=draft-state]").filter(has_text="Bản nháp đã giữ").wait_for()
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.locator("[data-testid=draft-restored]").wait_for()
    assert page.input_value("input[name=v__training_courses__]") == "4"
    assert page.locator("[data-testid=save-state]").inner_text() == "Có thay đổi chưa lưu"
    _shot(page, "entry-draft-1366.png")
    page.click("[data-testid=save]")
    page.wait_for_selector("text=Đã lưu 1 thay đổi")
    assert page.locator("[data-testid=draft-restored]").count() == 0
    page.close()


def test_the_report_page_asks_before_presenting_and_keeps_a_draft_of_the_sections(
    live_server, browser
):
    load_catalogue(Indicator)
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    make_person("canbo.quynhon", commune, Role.OFFICER)
    consolidator = make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    request = issue_half_year_request(consolidator, province, [commune])
    submission = request.submissions.get(unit=commune)

    page = browser.new_page(viewport={"width": 1366, "height": 800})
    page.set_default_timeout(20_000)
    refused = refused_by_policy(page)
    log_in(page, live_server.url, "canbo.quynhon")
    url = f"{live_server.url}/reports/submissions/{submission.pk}/"
    page.goto(url)
    section = page.locator("#sections textarea").first
    section.fill("Tổ chức 02 hội nghị gặp mặt phóng viên nước ngoài.")
    asked = []

    def stay(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", stay)
    page.click("[data-testid=present]")  # "Trình lãnh đạo", another form of the page
    page.wait_for_timeout(300)
    assert asked and "chưa lưu" in asked[0]
    assert page.url == url
    assert section.input_value() == "Tổ chức 02 hội nghị gặp mặt phóng viên nước ngoài."
    submission.refresh_from_db()
    assert (submission.status, submission.presented_at) == ("draft", None)
    # Kept as a draft while typing: a reload puts it back.
    page.locator("#sections-draft-state").filter(has_text="Bản nháp đã giữ").wait_for()
    page.on("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.locator("[data-testid=sections-draft-restored]").wait_for()
    assert section.input_value() == "Tổ chức 02 hội nghị gặp mặt phóng viên nước ngoài."
    page.click("[data-testid=save-sections]")  # the form's own save asks nothing
    page.wait_for_selector("text=Đã lưu phần thuyết minh")
    assert page.locator("[data-testid=sections-draft-restored]").count() == 0
    assert refused == []
    page.close()
