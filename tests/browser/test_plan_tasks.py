"""Plans across two levels in a real browser: the province issues a plan with a target
and two tasks; the district sees its task, issues its implementing plan and reports
progress; the province reads plan versus actual on its plan's page, and the district's
report draft cites both plans."""

import os
from decimal import Decimal

import pytest

from tests.browser.helpers import issue_half_year_request, log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import parse_period_id
from ttdn.plans.models import Plan, TaskProgress
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_plan_its_tasks_and_the_districts_plan_reach_the_report(live_server, browser):
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    district = make_unit("BDI-HTP", "Huyện Tuy Phước", "district", province)
    department = make_unit("BDI-SVH", "Sở Văn hóa, Thể thao và Du lịch", "department", province)
    province.refresh_from_db()
    make_person("canbo.bdi", province, Role.OFFICER)
    district_officer = make_person("canbo.tuyphuoc", district, Role.OFFICER)
    consolidator = make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    save_values(
        district_officer, district, parse_period_id("2024S1"), {("news_articles", ""): Decimal(60)}
    )
    request = issue_half_year_request(consolidator, province, [district])

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    refused = refused_by_policy(page)

    # The province issues its plan with a target and two tasks.
    log_in(page, base, "canbo.bdi")
    page.goto(f"{base}/plans/BDI/new/")
    page.fill("input[name=number]", "20/KH-UBND")
    page.fill("input[name=issued_on]", "23/02/2024")
    page.fill("input[name=title]", "Công tác thông tin đối ngoại tỉnh Bình Định năm 2024")
    page.fill("input[name=start_year]", "2024")
    page.select_option("select[name=rows0-0-indicator]", label="Tin, bài về TTĐN được đăng tải")
    page.fill("input[name=rows0-0-period]", "2024")
    page.fill("input[name=rows0-0-value]", "100")
    page.fill("input[name=rows1-0-title]", "Ban hành kế hoạch thông tin đối ngoại của huyện")
    page.select_option("select[name=rows1-0-assignee]", label="Huyện Tuy Phước")
    page.fill("input[name=rows1-0-deadline]", "31/3/2024")
    page.fill("input[name=rows1-1-title]", "Tham gia Hội chợ Du lịch quốc tế VITM Hà Nội 2024")
    page.select_option("select[name=rows1-1-assignee]", label=department.name)
    page.fill("input[name=rows1-1-deadline]", "30/4/2024")
    page.click("[data-testid=register-save]")
    page.wait_for_selector("[data-testid=plan-versus-actual]")
    plan = Plan.objects.get(number="20/KH-UBND")
    assert plan.tasks.count() == 2
    page.click("[data-testid=logout]")

    # The district sees its task, issues its plan and reports progress.
    log_in(page, base, "canbo.tuyphuoc")
    page.goto(f"{base}/plans/BDI-HTP/tasks/")
    tasks = page.locator("[data-testid=assigned-tasks]").inner_text()
    assert "Ban hành kế hoạch thông tin đối ngoại của huyện" in tasks
    assert "20/KH-UBND" in tasks and "VITM" not in tasks
    page.goto(f"{base}/plans/BDI-HTP/new/")
    page.fill("input[name=number]", "59/KH-UBND")
    page.fill("input[name=issued_on]", "12/3/2024")
    page.fill("input[name=title]", "Công tác thông tin đối ngoại trên địa bàn huyện năm 2024")
    page.fill("input[name=start_year]", "2024")
    implements = page.locator("select[name=implements] option", has_text="20/KH-UBND")
    page.select_option("select[name=implements]", value=implements.get_attribute("value"))
    page.click("[data-testid=register-save]")
    page.wait_for_selector("[data-testid=plan-versus-actual]")
    page.goto(f"{base}/plans/BDI-HTP/tasks/")
    page.click("[data-testid=report-progress]")
    page.fill("input[name=period]", "2024S1")
    page.select_option("select[name=status]", value="done")
    page.fill("textarea[name=note]", "Đã ban hành Kế hoạch số 59/KH-UBND ngày 12/3/2024.")
    page.click("[data-testid=register-save]")
    page.wait_for_selector("text=Đã lưu")
    assert TaskProgress.objects.get().unit == district
    page.click("[data-testid=logout]")

    # The province reads plan versus actual.
    log_in(page, base, "canbo.bdi")
    page.goto(f"{base}/plans/r/{plan.pk}/")
    targets = page.locator("[data-testid=plan-targets]").inner_text()
    assert "60" in targets and "60%" in targets
    status = page.locator("[data-testid=plan-tasks]").inner_text()
    assert "Hoàn thành" in status and "Quá hạn" in status  # the fair, due 30/4, unreported
    page.screenshot(
        path=os.path.join(os.environ.get("TTDN_SCREENSHOTS", "/tmp"), "plan-versus-actual.png"),
        full_page=True,
    )
    page.click("[data-testid=logout]")

    # The district's report draft cites both plans.
    log_in(page, base, "canbo.tuyphuoc")
    submission = request.submissions.get(unit=district)
    page.goto(f"{base}/reports/submissions/{submission.pk}/")
    text = page.content()
    assert "Thực hiện Kế hoạch số 20/KH-UBND ngày 23/02/2024" in text
    assert "đã ban hành Kế hoạch số 59/KH-UBND ngày 12/3/2024" in text
    assert "Triển khai 01 nhiệm vụ được giao tại Kế hoạch số 20/KH-UBND" in text
    assert refused == []
    page.close()
