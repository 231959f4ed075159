"""In a real browser: a commune officer records an activity, picks its quantity from the
catalogue by name, confirms that it counts, and finds the figure on the entry form as
given — read-only, with the activity linked — instead of typing it a second time."""

import pytest

from tests.browser.helpers import log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_confirmed_activity_shows_on_the_entry_form_read_only(live_server, browser):
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    make_person("canbo.quynhon", commune, Role.OFFICER)

    base = live_server.url
    page = browser.new_page()
    page.set_default_timeout(30_000)
    refused = refused_by_policy(page)
    log_in(page, base, "canbo.quynhon")
    page.goto(f"{base}/activities/BDI-QN/")
    page.click("[data-testid=register-create]")
    page.select_option("select[name=type]", "training")
    page.fill("input[name=title]", "Tập huấn kỹ năng thông tin đối ngoại cho cán bộ cơ sở")
    page.fill("input[name=start_date]", "05/03/2024")
    page.select_option(
        "select[name=rows0-0-measure]", label="Lượt người tham gia tập huấn (lượt người)"
    )
    page.fill("input[name=rows0-0-amount]", "1.120")
    page.check("input[name=counted]")
    page.click("[data-testid=register-save]")
    page.wait_for_url(f"{base}/activities/r/*/")
    activity_path = page.url.removeprefix(base)
    assert "1.120" in page.inner_text("main")

    page.goto(f"{base}/data/BDI-QN/2024Q1/")
    cell = page.locator("[data-testid=fed-cell][data-cell=v__training_participants__]")
    assert cell.locator("output").inner_text() == "1.120"
    assert page.locator("input[name=v__training_participants__]").count() == 0
    link = cell.locator(f"a[href='{activity_path}']")
    assert "Tập huấn kỹ năng" in link.inner_text()
    link.click()
    page.wait_for_url(f"{base}{activity_path}")
    assert refused == []
    page.close()
