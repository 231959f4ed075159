"""A returned report reaches its unit in a real browser: the consolidator returns it,
the worker's step sends the e-mail (the test backend's outbox), and the officer finds
the notice counted in the header and listed, and follows it to the report."""

import pytest
from django.core import mail

from tests.browser.helpers import issue_half_year_request, log_in, refused_by_policy
from ttdn.accounts.models import Role
from ttdn.notices.services import send_pending_mail
from ttdn.reporting.models import Status, Submission
from ttdn.testing import make_person, make_unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_returned_report_reaches_the_officer_by_mail_and_in_the_app(live_server, browser):
    province = make_unit("BDI", "Tỉnh Bình Định", "province")
    commune = make_unit("BDI-QN", "Phường Quy Nhơn", "commune", province)
    province.refresh_from_db()
    consolidator = make_person("tonghop.bdi", province, Role.CONSOLIDATOR)
    make_person(
        "canbo.quynhon",
        commune,
        Role.OFFICER,
        email="canbo.quynhon@demo.ttdn.vn",
        last_name="Võ Thị",
        first_name="Mai",
    )
    request = issue_half_year_request(consolidator, province, [commune])
    submission = request.submissions.get()
    Submission.objects.filter(pk=submission.pk).update(status=Status.SUBMITTED)
    send_pending_mail()  # the request's own mail
    mail.outbox.clear()

    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    refused = refused_by_policy(page)

    log_in(page, base, "tonghop.bdi")
    page.goto(f"{base}/reports/submissions/{submission.pk}/")
    page.fill("textarea[name=comment]", "Bổ sung số liệu tháng 6.")
    page.click("form[action$='/return/'] button")
    page.wait_for_load_state()
    assert Submission.objects.get(pk=submission.pk).status == Status.RETURNED

    assert mail.outbox == []  # the page only wrote the mail; the worker sends it
    assert send_pending_mail() == (1, 0)
    (message,) = mail.outbox
    assert message.to == ["canbo.quynhon@demo.ttdn.vn"]
    assert message.subject == "[TTĐN] Báo cáo 812/UBND-VX bị trả lại"
    assert "Xin chào Võ Thị Mai," in message.body
    assert "Bổ sung số liệu tháng 6." in message.body

    page.click("[data-testid=logout]")
    log_in(page, base, "canbo.quynhon")
    assert page.text_content("[data-testid=notice-count]").strip() == "2"  # request, return
    page.click("[data-testid=notices]")
    notices = page.locator("[data-testid=notice-list] li")
    assert notices.count() == 2
    returned = notices.first.text_content()
    assert "trả lại báo cáo 812/UBND-VX của Phường Quy Nhơn: Bổ sung số liệu tháng 6." in returned
    notices.first.locator("button").click()
    page.wait_for_url(f"{base}/reports/submissions/{submission.pk}/")
    assert page.text_content("[data-testid=notice-count]").strip() == "1"
    page.click("[data-testid=notices]")
    page.click("[data-testid=notices-read-all]")
    page.wait_for_selector("[data-testid=notice-list]")
    assert page.locator("[data-testid=notice-count]").count() == 0
    assert refused == []
