"""A consolidator issues a report request in a real browser, choosing the recipient units
by typing parts of their names without diacritics and picking from the suggestions."""

import pytest

from tests.browser.helpers import log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.reporting.models import ReportForm, ReportRequest, default_sections
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recipients_are_chosen_by_typing_their_names_without_diacritics(live_server, browser):
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    make_unit("BDI-QNN", "Phường Quy Nhơn Nam", "commune", province)
    make_unit("BDI-TP", "Xã Tuy Phước", "commune", province)
    other = make_unit("HNA", "Tỉnh Hà Nam", "province")
    make_unit("HNA-QN", "Phường Quy Nhơn", "commune", other)  # same name, not hers
    province.refresh_from_db()
    make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    form, _created = ReportForm.objects.get_or_create(
        code="ttdn-6-thang",
        defaults={
            "name": "Báo cáo công tác thông tin đối ngoại 6 tháng",
            "period_type": "six_month",
            "sections": default_sections(),
        },
    )

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(20_000)
    refused = refused_by_policy(page)
    log_in(page, base, "tonghop.bdi")
    page.goto(f"{base}/reports/new/BDI/")
    page.fill("#id_number", "812/UBND-VX")
    page.fill("#id_issued_on", "14/06/2024")
    page.fill("#id_subject", "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024")
    page.select_option("#id_form", str(form.pk))
    page.select_option("#id_period", label="6 tháng đầu năm 2024")
    page.fill("#id_deadline", "28/06/2099")

    picker = page.locator("[data-unit-picker]")
    box = picker.locator("input[type=text]")
    box.press_sequentially("quy nhon", delay=20)
    options = picker.locator(".unit-suggestions button")
    options.first.wait_for()
    labels = options.all_inner_texts()
    assert labels == ["Phường Quy Nhơn (Tỉnh Bình Định)", "Phường Quy Nhơn Nam (Tỉnh Bình Định)"]
    options.first.click()
    box.press_sequentially("tuy ph", delay=20)
    picker.locator(".unit-suggestions button", has_text="Xã Tuy Phước").wait_for()
    box.press("Enter")  # takes the first suggestion, does not send the form
    chosen = picker.locator(".unit-chip input:checked")
    assert [chosen.nth(i).get_attribute("value") for i in range(chosen.count())] == [
        "BDI-QN",
        "BDI-TP",
    ]
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/reports/*/")

    request = ReportRequest.objects.get()
    assert request.period == "2024S1"
    assert sorted(request.recipients.values_list("code", flat=True)) == ["BDI-QN", "BDI-TP"]
    assert not refused
