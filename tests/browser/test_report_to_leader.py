"""A report's way to the leader in a real browser: the officer presents it, the leader
opens it, reads the figures and the narrative, approves and is told so; the officer then
submits it."""

from decimal import Decimal

import pytest

from tests.browser.helpers import issue_half_year_request, log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.reporting.models import Status, Submission
from ttdn.reporting.services import save_sections
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_presents_the_leader_approves_the_officer_submits(live_server, browser):
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    province.refresh_from_db()
    officer = make_person("canbo.quynhon", commune, Role.OFFICER)
    make_person("lanhdao.quynhon", commune, Role.LEADER)
    consolidator = make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    save_values(officer, commune, parse_period_id("2024S1"), {("news_articles", ""): Decimal(1234)})
    request = issue_half_year_request(consolidator, province, [commune])
    submission = request.submissions.get()
    save_sections(officer, submission, {"difficulties": "Cán bộ kiêm nhiệm, thiếu kinh phí."}, {})
    url = f"{live_server.url}/reports/submissions/{submission.pk}/"

    # The officer presents the report: no submit button that would fail.
    officer_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    officer_page.set_default_timeout(20_000)
    refused = refused_by_policy(officer_page)
    log_in(officer_page, live_server.url, "canbo.quynhon")
    officer_page.goto(url)
    assert officer_page.locator("[data-testid=submit]").count() == 0
    officer_page.click("[data-testid=present]")
    officer_page.wait_for_selector("text=Đã trình lãnh đạo.")
    assert officer_page.inner_text("[data-testid=status]") == "Chờ lãnh đạo duyệt"

    # The leader reads the figures and the narrative, then approves.
    leader_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    leader_page.set_default_timeout(20_000)
    refused += refused_by_policy(leader_page)
    log_in(leader_page, live_server.url, "lanhdao.quynhon")
    leader_page.goto(url)
    figures = leader_page.inner_text("[data-testid=review-figures]")
    assert "1.234" in figures
    assert "Cán bộ kiêm nhiệm, thiếu kinh phí." in leader_page.inner_text(
        "[data-testid=review-sections]"
    )
    leader_page.fill("#sign-position", "CHỦ TỊCH")
    leader_page.click("[data-testid=approve]")
    leader_page.wait_for_selector("text=Đã duyệt báo cáo.")
    assert leader_page.inner_text("[data-testid=status]") == "Lãnh đạo đã duyệt"

    # The officer submits.
    officer_page.goto(url)
    officer_page.click("[data-testid=submit]")
    officer_page.wait_for_selector("text=Đã nộp báo cáo.")
    assert Submission.objects.get(pk=submission.pk).status == Status.SUBMITTED
    assert refused == []
