"""The home dashboard in a real browser: each role's block, the charts drawn from the API
under the strict CSP (and the tables when JavaScript is off), and every page a
consolidator can open read at phone width without sideways scrolling."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.helpers import log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.indicators.catalogue import load_catalogue
from ttdn.indicators.models import Indicator
from ttdn.indicators.services import save_values
from ttdn.lib.periods import half_year_in_hand
from ttdn.reporting import services
from ttdn.reporting.models import ReportForm, default_sections
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAWN = "() => document.querySelectorAll('figure.chart[data-drawn]').length === 3"
# Pixels of the canvas that are not transparent: a drawn chart has thousands.
INKED = """canvas => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
  return inked;
}"""


def _problems(page) -> list[str]:
    """Console errors and warnings (a CSP refusal is one) for the page's life."""
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def _round():
    """A province asking its communes and a department for the half-year in hand; the
    commune has drafted its report, the sibling has submitted."""
    load_catalogue(Indicator)  # transactional tests start from an emptied database
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    sibling = make_unit("BDI-TP", "Xã Tuy Phước", "commune", province)
    department = make_unit("BDI-SVH", "Sở Văn hóa, Thể thao và Du lịch", "department", province)
    province.refresh_from_db()
    officer = make_person("canbo.quynhon", commune, Role.OFFICER)
    make_person("lanhdao.quynhon", commune, Role.LEADER)
    sibling_officer = make_person("canbo.tuyphuoc", sibling, Role.OFFICER)
    consolidator = make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    period = half_year_in_hand(timezone.localdate())
    periods = [period, period.previous(), period.previous().previous()]
    for the_period, (quy_nhon, tuy_phuoc) in zip(
        periods, [(1250, 300), (980, 410), (1100, 120)], strict=True
    ):
        save_values(officer, commune, the_period, {("news_articles", ""): Decimal(quy_nhon)})
        save_values(
            sibling_officer, sibling, the_period, {("news_articles", ""): Decimal(tuy_phuoc)}
        )
    form, _created = ReportForm.objects.get_or_create(
        code="ttdn-6-thang",
        defaults={
            "name": "Báo cáo công tác thông tin đối ngoại 6 tháng",
            "period_type": "six_month",
            "sections": default_sections(),
        },
    )
    today = timezone.localdate()
    request = services.issue_request(
        consolidator,
        province,
        form,
        period.id,
        "812/UBND-VX",
        today - timedelta(days=5),
        today + timedelta(days=10),
        f"Báo cáo kết quả công tác thông tin đối ngoại {period.label()}",
        units=[commune, sibling, department],
    )
    drafted = request.submissions.get(unit=commune)
    services.save_sections(officer, drafted, {"results": "Đăng 1.250 tin, bài."}, {})
    services.present_report(officer, drafted)
    request.submissions.filter(unit=sibling).update(
        status="submitted", submitted_at=timezone.now(), signed_off_at=timezone.now()
    )
    return request, drafted


def test_each_role_sees_its_block_and_the_consolidator_the_charts(live_server, browser):
    request, drafted = _round()
    base = live_server.url

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.set_default_timeout(20_000)
    log_in(page, base, "canbo.quynhon")
    row = page.locator(f"#owed-reports tr[data-submission='{drafted.pk}']")
    assert row.get_attribute("data-state") == "presented"
    assert "còn 10 ngày" in row.inner_text()
    assert "Chờ lãnh đạo duyệt" in row.inner_text()
    page.close()

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    log_in(page, base, "lanhdao.quynhon")
    page.click(f"#to-approve li[data-submission='{drafted.pk}'] a")
    page.wait_for_url(f"{base}{reverse('reporting:submission', args=[drafted.pk])}")
    page.close()

    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page.set_default_timeout(20_000)
    problems = _problems(page)
    refused = refused_by_policy(page)
    log_in(page, base, "tonghop.bdi")
    assert "Đã nộp 1/3 đơn vị (33,3%)" in page.locator("[data-testid=rate]").inner_text()
    assert "Sở Văn hóa" in page.locator("[data-testid=missing]").inner_text()
    page.wait_for_function(DRAWN)
    for name in ("trend", "ranking", "completeness"):
        figure = page.locator(f"figure[data-chart={name}]")
        assert figure.get_attribute("data-drawn") == "true", name
        canvas = figure.locator("canvas")
        assert canvas.evaluate("c => Chart.getChart(c) !== undefined"), name
        assert canvas.evaluate(INKED) > 1000, name
        # The table stays in the page, folded under the chart.
        assert figure.locator("details.chart-data").get_attribute("open") is None
        assert figure.locator("details.chart-data table").count() == 1
    ticks = page.locator("figure[data-chart=trend] canvas").evaluate(
        "c => Chart.getChart(c).scales.y.ticks.map(t => t.label)"
    )
    assert "1.000" in ticks, ticks  # Vietnamese thousands
    assert refused == []
    assert problems == []
    page.close()


def test_without_javascript_the_charts_figures_show_as_tables(live_server, browser):
    _round()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, "tonghop.bdi")
    trend = page.locator("figure[data-chart=trend]")
    assert trend.locator(".chart-box").is_hidden()
    assert trend.locator("details.chart-data table").is_visible()
    assert "1.550" in trend.locator("table").inner_text()  # 1.250 + 300, the half in hand
    context.close()


def test_every_page_a_consolidator_opens_fits_a_phone(live_server, browser):
    from tests.test_access_matrix import PAGES, PEOPLE, AccessMatrixTests, _statuses

    # The matrix's rows, on what its migrations would have left (a transactional test
    # starts from an emptied database).
    load_catalogue(Indicator)
    ReportForm.objects.get_or_create(
        code="ttdn-6-thang",
        defaults={
            "name": "Báo cáo công tác thông tin đối ngoại 6 tháng",
            "period_type": "six_month",
            "sections": default_sections(),
        },
    )
    AccessMatrixTests.setUpTestData()
    fixture = AccessMatrixTests("test_every_route_and_operation_is_in_the_matrix")
    fixture.setUp()
    try:
        column = PEOPLE.index("consolidator")
        urls = {
            name: reverse(name, args=page.args(fixture) if callable(page.args) else page.args)
            for name, page in PAGES.items()
            if page.get and _statuses(page.get)[column] == 200
        }
        base = live_server.url
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.set_default_timeout(20_000)
        log_in(page, base, "tonghop.bdi")
        too_wide = []
        checked = 0
        for name, url in urls.items():
            head = page.request.get(base + url)
            if "text/html" not in head.headers.get("content-type", ""):
                continue  # a download or JSON: no page to lay out
            page.goto(base + url)
            width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            checked += 1
            if width[0] > width[1]:
                too_wide.append(f"{name} {url}: {width[0]} px in {width[1]}")
        assert checked > 20
        assert too_wide == [], "\n".join(too_wide)
    finally:
        fixture.doCleanups()
