"""What the browser tests share besides the browser fixture."""

from datetime import date

from ttdn.reporting.models import ReportForm, default_sections
from ttdn.reporting.services import issue_request
from ttdn.testing import PASSWORD


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def refused_by_policy(page) -> list[str]:
    """Collects what the page's Content-Security-Policy blocks, as the console reports it;
    a page that works without inline code leaves the list empty."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def issue_half_year_request(consolidator, province, units):
    """The province's request 812/UBND-VX for the first half of 2024 to ``units``, due
    far ahead so it is still open whenever the test runs."""
    form, _created = ReportForm.objects.get_or_create(
        code="ttdn-6-thang",
        defaults={
            "name": "Báo cáo công tác thông tin đối ngoại 6 tháng",
            "period_type": "six_month",
            "sections": default_sections(),
        },
    )
    return issue_request(
        consolidator,
        province,
        form,
        "2024S1",
        "812/UBND-VX",
        date(2024, 6, 14),
        date(2099, 6, 28),
        "Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
        units=units,
    )
